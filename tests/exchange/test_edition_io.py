import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from exchange.exporting import dumps, export_edition
from exchange.importing import import_edition
from exchange.reading import EditionImportError, loads
from exchange.spec import build_schema, published_schema
from jury.models import Conflict, Criterion, Juror, JurorQuote, Nomination, Score, ScoreComment
from otwarte import invitations
from otwarte.roles import Role
from practices.models import Assignment, Award, City, Edition, Panelist, Practice
from reports.models import FollowUp, Report
from reports.services import edition_experts

from .conftest import empty_database, fingerprint, history_rows, write

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def _round_trip(tmp_path, year):
    first = tmp_path / "first.json"
    call_command("export_edition", str(year), output=first)
    empty_database()
    call_command("import_edition", str(first))
    second = tmp_path / "second.json"
    call_command("export_edition", str(year), output=second)
    assert second.read_bytes() == first.read_bytes()
    return json.loads(first.read_text(encoding="utf-8"))


# --- round trips ------------------------------------------------------------------


def test_2015_round_trips_byte_identical_with_its_criteria_and_quote(edition_2015, tmp_path):
    data = _round_trip(tmp_path, 2015)
    assert len(data["criteria"]) == 4
    assert sum(len(a["quotes"]) for a in data["awards"]) == 1
    assert len(data["awards"]) == 11
    assert Criterion.objects.filter(edition__year=2015).count() == 4
    assert JurorQuote.objects.count() == 1
    assert Edition.objects.get(year=2015).phase == "published"


def test_rich_edition_round_trips_byte_identical(rich_edition, tmp_path):
    data = _round_trip(tmp_path, 2030)
    sections = ["cities", "categories", "criteria", "experts", "jurors", "practices",
                "reports", "open_call", "nominations", "awards"]
    assert all(data[s] for s in sections)
    experts = {e["username"]: e for e in data["experts"]}
    assert experts["ewa"]["cities"] == ["gdynia", "gdansk", "sopot"]
    assert experts["ewa"]["group"]["pl"] == "Trójmiasto"
    assert experts["jan"]["cities"] == []
    assert "order" not in experts["lu"]
    nominations = {n["practice"]: n for n in data["nominations"]}
    assert nominations["lublin-dla-wszystkich"]["conflicts"][0]["reason"] == "Pracuje w urzędzie."
    assert len(nominations["model-integracji"]["scores"]) == 3
    assert data["criteria"][0]["scale_labels"]["pl"] == ["słabo", "średnio", "dobrze"]
    assert data["criteria"][0]["weight"] == "2.50"
    # What the database holds again:
    assert Score.objects.count() == 4 and Conflict.objects.count() == 1
    assert ScoreComment.objects.get().text == "Bardzo dobre."
    assert FollowUp.objects.get().status == "continued"
    assert Report.objects.get(city__slug="lublin").status == "accepted"
    assert get_user_model().objects.get(username="ewa").groups.filter(name="expert").exists()


def test_credited_panel_keeps_order_group_and_experts_without_a_city(rich_edition):
    rich_edition.phase = "published"
    rich_edition.save()
    credited = edition_experts(edition=rich_edition)
    assert [(e.name, e.group, [c.slug for c in e.cities]) for e in credited] == [
        ("Ewa Nowak", "Tricity", ["gdynia", "gdansk", "sopot"]),
        ("Jan Zieliński", "other Polish cities", []),
        ("Lu", "", ["lublin"]),
    ]


def test_published_schema_is_the_one_built_from_the_spec():
    assert published_schema() == build_schema()


# --- merging never loses data -----------------------------------------------------

ISSUE_EXAMPLE = {
    "format": "otwarte-edition",
    "version": 1,
    "edition": {"year": 2015},
    "experts": [
        {
            "username": "anna.kowalska",
            "first_name": "Anna",
            "last_name": "Kowalska",
            "cities": ["lublin"],
        }
    ],
}


def test_partial_file_from_the_issue_changes_only_what_it_states(edition_2015, tmp_path):
    before = Edition.objects.get(year=2015)
    awards = export_edition(year=2015)["awards"]
    history = history_rows()
    call_command("import_edition", str(write(tmp_path, ISSUE_EXAMPLE)))
    after = Edition.objects.get(year=2015)
    assert after.phase == "published"
    assert after.published_at == before.published_at
    assert after.introduction_pl == before.introduction_pl and len(after.introduction_pl) > 1000
    assert export_edition(year=2015)["awards"] == awards
    assert history_rows() == history  # the edition was not saved at all
    assignment = Assignment.objects.get(expert__username="anna.kowalska")
    assert (assignment.edition.year, assignment.city.slug) == (2015, "lublin")


def test_city_with_only_its_polish_name_keeps_everything_else(edition_2015, tmp_path):
    lublin = City.objects.get(slug="lublin")
    data = {"format": "otwarte-edition", "version": 2, "edition": {"year": 2015},
            "cities": [{"slug": "lublin", "name": {"pl": "Lublin (miasto)"}}]}
    call_command("import_edition", str(write(tmp_path, data)))
    city = City.objects.get(slug="lublin")
    assert city.name_pl == "Lublin (miasto)"
    assert (city.name_en, city.name_uk, city.name_ru) == (
        lublin.name_en, lublin.name_uk, lublin.name_ru)
    assert (city.teryt, city.latitude, city.longitude) == (
        lublin.teryt, lublin.latitude, lublin.longitude)


def test_only_explicit_null_clears(rich_edition, tmp_path):
    data = {"format": "otwarte-edition", "version": 2, "edition": {"year": 2030},
            "cities": [{"slug": "lublin", "teryt": None, "name": {"en": None}}],
            "jurors": [{"slug": "juror-olena", "city": None}]}
    call_command("import_edition", str(write(tmp_path, data)))
    city = City.objects.get(slug="lublin")
    assert (city.teryt, city.name_en, city.name_pl) == ("", "", "Lublin")
    juror = Juror.objects.get(slug="juror-olena")
    assert juror.city is None and juror.user is not None and juror.country_of_origin_pl


def test_reimporting_the_same_file_writes_nothing(rich_edition, tmp_path):
    path = write(tmp_path, dumps(export_edition(year=2030)))
    before = fingerprint()
    summary = import_edition(data=loads(path.read_bytes()))
    assert not summary.written and summary.counts()["changed"] == 0
    assert summary.counts()["created"] == 0
    assert fingerprint() == before


def test_reimporting_2015_adds_no_history_rows(edition_2015, tmp_path):
    path = write(tmp_path, dumps(export_edition(year=2015)))
    before, history = fingerprint(), history_rows()
    call_command("import_edition", str(path))
    call_command("import_edition", str(path))
    assert (fingerprint(), history_rows()) == (before, history)


def test_changing_a_published_edition_needs_the_flag(edition_2015, tmp_path):
    data = {"format": "otwarte-edition", "version": 2,
            "edition": {"year": 2015, "introduction": {"en": "New"}, "phase": "deliberation"}}
    path = write(tmp_path, data)
    before = fingerprint()
    with pytest.raises(CommandError, match="edition 2015 is published; the file would change "
                                           "phase, introduction.en"):
        call_command("import_edition", str(path))
    assert fingerprint() == before
    call_command("import_edition", str(path), allow_published_changes=True)
    edition = Edition.objects.get(year=2015)
    assert (edition.phase, edition.introduction_en) == ("deliberation", "New")


def test_changing_an_award_of_a_published_edition_needs_the_flag(edition_2015, tmp_path):
    award = export_edition(year=2015)["awards"][0]
    award["recommendation"] = {"en": "Changed"}
    data = {"format": "otwarte-edition", "version": 2, "edition": {"year": 2015},
            "awards": [award]}
    with pytest.raises(CommandError, match=r"awards\[0\] .*recommendation.en"):
        call_command("import_edition", str(write(tmp_path, data)))


def test_swapped_award_orders_are_updated(rich_edition, tmp_path):
    data = export_edition(year=2030)
    data["awards"][0]["order"], data["awards"][1]["order"] = 2, 1
    call_command("import_edition", str(write(tmp_path, data)))
    assert export_edition(year=2030)["awards"][0]["practice"] == data["awards"][1]["practice"]


def test_dry_run_reports_the_diff_and_writes_nothing(rich_edition, tmp_path):
    data = export_edition(year=2030)
    data["practices"][0]["title"]["en"] = "Changed"
    data["cities"].append({"slug": "rzeszow", "name": {"pl": "Rzeszów"},
                           "voivodeship": "podkarpackie"})
    before = fingerprint()
    summary = import_edition(data=data, dry_run=True)
    assert fingerprint() == before
    sections = dict(summary.sections())
    assert [e.label for e in sections["cities"]["created"]] == ["cities[4] (rzeszow)"]
    changed = sections["practices"]["changed"]
    assert [(e.label, e.fields) for e in changed] == [
        (f"practices[0] ({data['practices'][0]['city']}/{data['practices'][0]['slug']})",
         ["title.en"])]
    assert summary.counts()["changed"] == 1 and not summary.written


def test_dry_run_command_says_nothing_was_written(rich_edition, tmp_path, capsys):
    data = {"format": "otwarte-edition", "version": 2, "edition": {"year": 2030, "organiser": "X"}}
    before = fingerprint()
    call_command("import_edition", str(write(tmp_path, data)), dry_run=True)
    out = capsys.readouterr().out
    assert "~ edition: organiser" in out and "Nothing was written." in out
    assert fingerprint() == before


def test_version_1_file_still_imports(db, tmp_path):
    call_command("loaddata", "reference", verbosity=0)
    v1 = {
        "format": "otwarte-edition", "version": 1,
        "edition": {"year": 2016, "phase": "preparation", "funders": "Fundusz Obywatelski",
                    "title": {"pl": "Miasta Otwarte"}},
        "practices": [{"city": "lublin", "slug": "x", "title": {"pl": "X"}, "categories": []}],
        "awards": [{"order": 1, "category": "strategy", "city": "lublin", "practice": "x",
                    "recommendation": {"pl": "R"}, "similar_actions": []}],
    }
    call_command("import_edition", str(write(tmp_path, v1)))
    edition = Edition.objects.get(year=2016)
    assert edition.funders_pl == "Fundusz Obywatelski"
    assert Award.objects.get(edition=edition).practice.slug == "x"


def test_docs_example_imports_into_empty_database(db, tmp_path):
    from django.conf import settings

    text = (settings.BASE_DIR / "docs" / "import-format.md").read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    call_command("import_edition", str(write(tmp_path, example)))
    assert Award.objects.get(edition__year=2015).practice.city.slug == "lublin"
    assert Juror.objects.get(user__username="priscilla").editions.filter(year=2015).exists()
    assert Panelist.objects.get(expert__username="piotr").group_pl == "inne miasta Polski"
    assert Criterion.objects.get(code="impact").weight == 2


# --- encoding ---------------------------------------------------------------------


def test_utf8_byte_order_mark_is_accepted(rich_edition, tmp_path):
    path = write(tmp_path, b"\xef\xbb\xbf" + dumps(export_edition(year=2030)).encode())
    call_command("import_edition", str(path))


def test_cyrillic_mojibake_is_refused(rich_edition, tmp_path):
    mangled = "Люблін".encode().decode("latin-1")
    data = {"format": "otwarte-edition", "version": 2, "edition": {"year": 2030},
            "cities": [{"slug": "lublin", "name": {"uk": mangled}}]}
    with pytest.raises(CommandError, match=r"cities\[0\] \(lublin\): “name.uk”: .* looks like "
                                           "“Люблін”"):
        call_command("import_edition", str(write(tmp_path, data)))


# --- broken files -----------------------------------------------------------------


def _mutated(mutate):
    def make(data):
        mutate(data)
        return dumps(data).encode()

    return make


def _text(replace):
    def make(data):
        return replace(dumps(data)).encode()

    return make


def _score_of(data, value):
    data["nominations"][0]["scores"][0]["value"] = value


BROKEN = {
    "malformed JSON": (lambda d: b"{nope", "Not valid JSON (line 1, column 2)"),
    "cp1250 file": (lambda d: dumps(d).encode("cp1250", "replace"),
                    "The file is not UTF-8 text (line"),
    "UTF-16 file": (lambda d: dumps(d).encode("utf-16"), "The file is UTF-16 text"),
    "mojibake": (
        _mutated(lambda d: d["cities"].append(
            {"slug": "rzeszow", "name": {"pl": "Rzeszów".encode().decode("cp1250")},
             "voivodeship": "podkarpackie"})),
        "cities[4] (rzeszow): “name.pl”: “RzeszĂłw” looks like “Rzeszów”",
    ),
    "unknown city": (
        _mutated(lambda d: d["practices"][0].__setitem__("city", "lubln")),
        "practices[0] (lubln/model-integracji): “city”: unknown city “lubln”.",
    ),
    "duplicate practice": (
        _mutated(lambda d: d["practices"].append(dict(d["practices"][1]))),
        "practices[4] (lublin/dawna): a second record with the same key as "
        "practices[1] (lublin/dawna).",
    ),
    "score outside the scale": (
        _mutated(lambda d: _score_of(d, 7)),
        "nominations[0] (gdansk/model-integracji/strategy).scores[0] (juror-ahmed/impact): "
        "value: A score for “Impact” must be from 1 to 3.",
    ),
    "negative weight": (
        _mutated(lambda d: d["criteria"][0].__setitem__("weight", "-1.00")),
        "criteria[0] (impact): weight: Ensure this value is greater than or equal to 0.01.",
    ),
    "conflict for an unknown juror": (
        _mutated(lambda d: d["nominations"][1]["conflicts"][0].__setitem__("juror", "nobody")),
        "nominations[1] (lublin/lublin-dla-wszystkich/hiring).conflicts[0] (nobody): "
        "“juror”: unknown juror “nobody”.",
    ),
    "two awards with the same order": (
        _mutated(lambda d: d["awards"][1].__setitem__("order", 1)),
        "awards[1] (hiring/lublin/lublin-dla-wszystkich): order 1 is already used by "
        "awards[0] (strategy/gdansk/model-integracji).",
    ),
    "duplicate JSON key": (
        _text(lambda t: t.replace('"year": 2030,', '"year": 2030,\n"year": 2031,', 1)),
        "The key “year” appears twice in one JSON object.",
    ),
    "wrong type": (
        _mutated(lambda d: d["edition"].__setitem__("year", "2030")),
        "edition: “year” must be a whole number, not a string.",
    ),
    "translations as a string": (
        _mutated(lambda d: d["practices"][2].__setitem__("title", "Tytuł")),
        "practices[2] (lublin/lublin-dla-wszystkich): “title” must be an object or null, "
        "not a string.",
    ),
    "unknown field": (
        _mutated(lambda d: d["jurors"][0].__setitem__("nickname", "x")),
        "jurors[0] (juror-ahmed): unknown field “nickname”.",
    ),
    "unknown section": (_mutated(lambda d: d.__setitem__("booklet", [])),
                        "Unknown section “booklet”."),
    "missing key": (
        _mutated(lambda d: d["awards"][0]["similar_actions"][0].pop("order")),
        "awards[0] (strategy/gdansk/model-integracji).similar_actions[0]: “order” is missing.",
    ),
    "unknown phase": (
        _mutated(lambda d: d["edition"].__setitem__("phase", "finished")),
        "edition: “phase” is \"finished\"; expected one of",
    ),
    "bad date-time": (
        _mutated(lambda d: d["reports"][0].__setitem__("submitted_at", "yesterday")),
        "reports[0] (gdansk): “submitted_at” is not in the expected form: \"yesterday\".",
    ),
    "unknown criterion": (
        _mutated(lambda d: d["nominations"][0]["scores"][0].__setitem__("criterion", "nope")),
        "scores[0] (juror-ahmed/nope): “criterion”: unknown criterion “nope” of edition 2030.",
    ),
    "practice of another city in a report": (
        _mutated(lambda d: d["reports"][1]["practices"][0].__setitem__("practice", "sopot-szkola")),
        "reports[1] (lublin).practices[0] (sopot-szkola): “practice”: unknown practice "
        "“sopot-szkola” of lublin.",
    ),
    "model validation": (
        _mutated(lambda d: d["cities"][0].__setitem__("teryt", "12")),
        "cities[0] (gdansk): teryt: A TERYT code has exactly 7 digits.",
    ),
    "not an edition file": (_mutated(lambda d: d.__setitem__("version", 3)),
                            "This is not an Otwarte edition file"),
    "anonymised scores": (
        _mutated(lambda d: d.__setitem__("anonymised", True)),
        "This file was exported anonymised",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_broken_file_is_refused_naming_the_record_and_nothing_changes(
    rich_edition, tmp_path, case
):
    make, message = BROKEN[case]
    data = export_edition(year=2030)
    data["edition"]["organiser"] = "Should not be written"  # a valid change before the error
    path = write(tmp_path, make(data))
    before = fingerprint()
    with pytest.raises(CommandError) as error:
        call_command("import_edition", str(path))
    assert message in str(error.value)
    assert "Nothing was imported." in str(error.value)
    assert fingerprint() == before


def test_error_late_in_the_file_rolls_back_everything(rich_edition, tmp_path):
    """The schema passes; an award's order clashes with an award the file does not mention."""
    data = export_edition(year=2030)
    data["awards"] = data["awards"][1:]
    data["awards"][0]["order"] = 1
    data["cities"][0]["name"]["en"] = "Should not be written"
    before = fingerprint()
    with pytest.raises(CommandError, match="already has this position in the booklet"):
        call_command("import_edition", str(write(tmp_path, data)))
    assert fingerprint() == before


def test_export_unknown_year_is_a_clear_error(db):
    with pytest.raises(CommandError, match="There is no edition 1999"):
        call_command("export_edition", "1999")


# --- anonymised export -------------------------------------------------------------


def test_anonymised_export_names_no_juror_in_scores_and_comments(rich_edition):
    data = export_edition(year=2030, anonymise=True)
    assert data["anonymised"] is True
    text = json.dumps([n["scores"] + n["comments"] for n in data["nominations"]])
    assert "olena" not in text and "ahmed" not in text and "irina" not in text
    scorers = {s["juror"] for n in data["nominations"] for s in n["scores"]}
    assert scorers == {"juror-1", "juror-2", "juror-3"}


# --- accounts ----------------------------------------------------------------------


def test_imported_person_is_matched_by_email(rich_edition, tmp_path):
    User = get_user_model()
    data = {"format": "otwarte-edition", "version": 2, "edition": {"year": 2030},
            "experts": [{"username": "ewa.nowak", "email": "EWA@example.org", "cities": []}]}
    count = User.objects.count()
    call_command("import_edition", str(write(tmp_path, data)))
    assert User.objects.count() == count
    assert Panelist.objects.filter(expert__username="ewa").exists()


def test_invitation_reaches_an_expert_imported_without_email_only_when_picked(db, tmp_path):
    """The same name is a new person unless the organiser picks the imported account."""
    call_command("loaddata", "reference", verbosity=0)
    call_command("import_edition", str(write(tmp_path, ISSUE_EXAMPLE | {
        "edition": {"year": 2016}})))
    User = get_user_model()
    imported = User.objects.get(username="anna.kowalska")
    assert imported.email == ""
    other = invitations.invite(email="anna.k@example.org", first_name="Anna",
                               last_name="Kowalska", role=Role.EXPERT)
    assert other.pk != imported.pk
    user = invitations.invite(email="anna@example.org", first_name="Anna",
                              last_name="Kowalska", role=Role.EXPERT, attach_to=imported)
    assert user.pk == imported.pk and User.objects.count() == 2
    imported.refresh_from_db()
    assert (imported.username, imported.email, imported.get_full_name()) == (
        "anna.kowalska", "anna@example.org", "Anna Kowalska")


def test_reimport_after_invitation_keeps_the_account(db, tmp_path):
    call_command("loaddata", "reference", verbosity=0)
    data = ISSUE_EXAMPLE | {"edition": {"year": 2016}}
    call_command("import_edition", str(write(tmp_path, data)))
    imported = get_user_model().objects.get(username="anna.kowalska")
    invitations.invite(email="anna@example.org", first_name="Anna", last_name="Kowalska",
                       role=Role.EXPERT, attach_to=imported)
    call_command("import_edition", str(write(tmp_path, data)))
    assert get_user_model().objects.get().email == "anna@example.org"


def _identity(user):
    user.refresh_from_db()
    return (user.username, user.email, user.first_name, user.last_name, user.password,
            user.is_superuser, user.is_staff, sorted(user.groups.values_list("name", flat=True)))


def _row(username, **fields):
    return {"format": "otwarte-edition", "version": 2, "edition": {"year": 2030},
            "experts": [{"username": username, "cities": [], **fields}]}


@pytest.mark.parametrize("dry_run", [False, True])
@pytest.mark.parametrize(
    ("rights", "fields"),
    [("superuser", {"email": "x@evil.test"}), ("superuser", {}),
     ("organiser", {"email": "x@evil.test"}), ("staff", {"first_name": "Root"})],
)
def test_import_refuses_to_touch_a_privileged_account(rich_edition, tmp_path, rights, fields,
                                                       dry_run):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    root = UserFactory(username="root", email="", is_superuser=rights == "superuser",
                       is_staff=True)
    if rights == "organiser":
        root.groups.add(Group.objects.get(name="organiser"))
    before, rows = _identity(root), fingerprint()
    with pytest.raises(CommandError) as error:
        call_command("import_edition", str(write(tmp_path, _row("root", **fields))),
                     dry_run=dry_run)
    assert f"the account “root” has {rights} rights" in str(error.value)
    assert "Nothing was imported." in str(error.value)
    assert (_identity(root), fingerprint()) == (before, rows)


def test_import_never_changes_an_existing_accounts_email_or_name(rich_edition, tmp_path):
    User = get_user_model()
    ewa = User.objects.get(username="ewa")
    ewa.email = ""
    ewa.save()
    before, rows = _identity(ewa), fingerprint()
    for fields in ({"email": "x@evil.test"}, {"last_name": "Someone Else"}):
        with pytest.raises(CommandError, match="An edition file never changes an existing "
                                               "account"):
            call_command("import_edition", str(write(tmp_path, _row("ewa", **fields))))
        assert (_identity(ewa), fingerprint()) == (before, rows)
    # Another username with lu's e-mail reaches lu's account: refused, as the names differ.
    with pytest.raises(CommandError, match="the account “lu” exists with"):
        call_command("import_edition", str(write(
            tmp_path, _row("lu.other", email="LU@example.org", first_name="Not Lu"))))
    assert fingerprint() == rows


def test_import_gives_an_agreeing_account_the_role_and_nothing_else(rich_edition, tmp_path):
    from tests.factories import UserFactory

    olga = UserFactory(username="olga", email="olga@example.org", first_name="Olga")
    olga.groups.add(Group.objects.get(name="juror"))
    before = _identity(olga)
    summary = import_edition(data=_row("olga", email="OLGA@example.org", first_name="Olga",
                                       last_name=""))
    after = _identity(olga)
    assert after[:5] == before[:5] and after[6:] == (True, ["expert", "juror"])
    entry = [e for e in summary.entries if e.section == "experts"][0]
    assert set(entry.fields) >= {"role", "is_staff"}


def test_import_command_refuses_a_lone_surrogate_and_a_4301_digit_number(db, tmp_path):
    before = fingerprint()
    for content, message in (
        (b'{"edition": {"year": 2030, "organiser": "\\udc80"}}', "half of a character"),
        (b"[" + b"1" * 4301 + b"]", "a number of 4301 digits"),
    ):
        with pytest.raises(CommandError, match=message):
            call_command("import_edition", str(write(tmp_path, content)))
    assert fingerprint() == before


def test_messages_are_translatable(rich_edition):
    data = export_edition(year=2030)
    data["practices"][0]["city"] = "lubln"
    with translation.override("pl"), pytest.raises(EditionImportError) as error:
        import_edition(data=data)
    assert "lubln" in str(error.value)
    assert Practice.objects.filter(city__slug="lubln").count() == 0


def test_juror_invitation_reuses_an_imported_juror_and_account_only_when_picked(
    rich_edition, tmp_path
):
    from jury.services.onboarding import imported_jurors, invite_juror

    data = {"format": "otwarte-edition", "version": 2, "edition": {"year": 2030},
            "jurors": [{"slug": "maria-x", "name": "Maria X", "preferred_language": "uk",
                        "account": {"username": "maria"}},
                       {"slug": "no-account", "name": "Nadia Y"}]}
    call_command("import_edition", str(write(tmp_path, data)))
    User = get_user_model()
    users, jurors = User.objects.count(), Juror.objects.count()
    edition = Edition.objects.get(year=2030)
    [known_maria] = imported_jurors("maria x")
    [known_nadia] = imported_jurors("Nadia Y")
    maria = invite_juror(edition=edition, email="maria@example.org", name="Maria X",
                         preferred_language="uk", attach_to=known_maria)
    nadia = invite_juror(edition=edition, email="nadia@example.org", name="Nadia Y",
                         preferred_language="ru", attach_to=known_nadia)
    assert (maria.slug, maria.user.username, maria.user.email) == (
        "maria-x", "maria", "maria@example.org")
    assert nadia.slug == "no-account" and nadia.user.email == "nadia@example.org"
    assert (User.objects.count(), Juror.objects.count()) == (users + 1, jurors)
    # Without a pick, the same name is a new person with a profile of her own.
    other = invite_juror(edition=edition, email="nadia.y@example.org", name="Nadia Y",
                         preferred_language="ru")
    assert other.slug != "no-account" and Juror.objects.count() == jurors + 1


V1_2015 = Path(__file__).parent / "data" / "edition-2015-v1.json"


def test_version_1_export_of_2015_imports_into_an_empty_database(edition_2015):
    """tests/exchange/data/edition-2015-v1.json was written by the version 1 exporter."""
    expected = export_edition(year=2015)
    expected["criteria"] = []  # version 1 had no criteria, quotes, translated funders
    expected["edition"]["funders"] = {
        lang: text if lang == "pl" else "" for lang, text in expected["edition"]["funders"].items()
    }
    for award in expected["awards"]:
        award["quotes"] = []
    empty_database()
    import_edition(data=loads(V1_2015.read_bytes()))
    assert dumps(export_edition(year=2015)) == dumps(expected)


def test_version_1_export_of_2015_into_the_loaded_2015_writes_nothing(edition_2015):
    before, history = fingerprint(), history_rows()
    summary = import_edition(data=loads(V1_2015.read_bytes()))
    assert not summary.written
    assert (fingerprint(), history_rows()) == (before, history)


def test_every_translated_field_is_a_translated_text_of_the_format():
    """A field translated with modeltranslation travels in every language (spec kind
    "translations" or "lines"), so nothing is lost in a round trip."""
    from modeltranslation.translator import translator

    from exchange.spec import RECORDS_SPEC
    from practices.models import Category, Panelist
    from reports.models import ProposedNomination, ReportPractice

    kinds = {
        Edition: "edition",
        City: "cities",
        Category: "categories",
        Criterion: "criteria",
        Panelist: "experts",
        Juror: "jurors",
        Practice: "practices",
        Report: "reports",
        ReportPractice: "report_practice",
        ProposedNomination: "proposal",
        Nomination: "nominations",
        Award: "awards",
        JurorQuote: "quote",
    }
    # The civic audit (surveys, scorecards) is not part of the edition file.
    assert set(translator.get_registered_models()) - set(kinds) <= {
        m for m in translator.get_registered_models()
        if m._meta.app_label in ("surveys", "scorecards")
    }
    for model, kind in kinds.items():
        fields = RECORDS_SPEC[kind].fields
        for name in translator.get_options_for_model(model).get_field_names():
            assert name in fields, (model.__name__, name)
            assert fields[name].kind in ("translations", "lines"), (model.__name__, name)


def test_deeply_nested_json_is_refused_cleanly(db):
    with pytest.raises(EditionImportError, match="nested too deeply"):
        loads("[" * 100_000 + "]" * 100_000)


def _juror_row(slug, account):
    return {"format": "otwarte-edition", "version": 2, "edition": {"year": 2030},
            "jurors": [{"slug": slug, "account": account}]}


@pytest.mark.parametrize("dry_run", [False, True])
@pytest.mark.parametrize("account", [{"username": "mallory"}, {"username": "j-ahmed"}, None])
def test_import_refuses_to_move_or_unlink_an_existing_jurors_account(rich_edition, account,
                                                                      dry_run):
    """A juror takeover: the file would give juror-olena's seat to another account (a new
    one, another juror's) or leave it without one. Refused, nothing written."""
    User = get_user_model()
    before, users = fingerprint(), sorted(User.objects.values_list("username", flat=True))
    with pytest.raises(EditionImportError, match="juror “juror-olena” is linked to the "
                                                 "account “j-olena”"):
        import_edition(data=_juror_row("juror-olena", account), dry_run=dry_run)
    assert fingerprint() == before
    assert sorted(User.objects.values_list("username", flat=True)) == users
    assert Juror.objects.get(slug="juror-olena").user.username == "j-olena"


def test_import_links_a_juror_without_an_account_to_a_new_one_and_keeps_a_same_link(
    rich_edition,
):
    Juror.objects.create(slug="juror-new", name="New")
    import_edition(data=_juror_row("juror-new", {"username": "new.juror"}))
    assert Juror.objects.get(slug="juror-new").user.username == "new.juror"
    summary = import_edition(data=_juror_row("juror-olena", {"username": "j-olena"}))
    assert not summary.changes_anything
    assert Juror.objects.get(slug="juror-olena").user.username == "j-olena"
