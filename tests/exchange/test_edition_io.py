import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from exchange.edition_io import dumps, export_edition
from jury.models import Criterion, Juror, JurorQuote, Nomination
from practices.models import Assignment, Award, Category, City, Edition, Practice, SimilarAction
from reports import services
from reports.enums import ReportStatus
from reports.models import ProposedNomination, Report
from tests.factories import ProposedNominationFactory, UserFactory

MODELS = [
    City,
    Category,
    Edition,
    Practice,
    Award,
    SimilarAction,
    Juror,
    Nomination,
    Assignment,
    Report,
    ProposedNomination,
    get_user_model(),
]


def _snapshot():
    return {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in MODELS}


def _empty_database():
    for model in [
        JurorQuote,
        Nomination,
        SimilarAction,
        Award,
        ProposedNomination,
        Report,
        Assignment,
        Juror,
        Criterion,
        Practice,
        Edition,
        City,
        Category,
        get_user_model(),
    ]:
        model.objects.all().delete()


@pytest.fixture
def rich_2015(edition_2015, expert_lublin, organiser):
    """The 2015 edition plus an expert assignment, an accepted report with a
    proposal, a jury nomination and a juror with an account, so every section
    has rows."""
    lublin = City.objects.get(slug="lublin")
    Assignment.objects.create(edition=edition_2015, expert=expert_lublin, city=lublin)
    report = Report.objects.create(edition=edition_2015, city=lublin)
    practice = Practice.objects.filter(city=lublin).first()
    ProposedNominationFactory(report=report, practice=practice, category=Category.objects.first())
    # The edition is published, past the report phase: the accepted state is written
    # directly (the workflow's services refuse a published edition).
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
    # The edition is published, past the nomination phase: written directly.
    Nomination.objects.create(
        edition=edition_2015,
        practice=practice,
        category=Category.objects.first(),
        justification_pl="Uzasadnienie jury.",
    )
    juror = Juror.objects.order_by("slug").first()
    juror.user = UserFactory(username="juror-account", email="juror@example.org")
    juror.save()
    return edition_2015


def _write(tmp_path, data, name="edition.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_export_import_into_empty_database_export_is_identical(rich_2015, tmp_path):
    first = tmp_path / "first.json"
    call_command("export_edition", "2015", output=first)
    data = json.loads(first.read_text())
    assert all(
        data[s]
        for s in ["cities", "categories", "experts", "jurors", "practices", "nominations", "awards"]
    )
    _empty_database()
    call_command("import_edition", str(first))
    second = tmp_path / "second.json"
    call_command("export_edition", "2015", output=second)
    assert second.read_text() == first.read_text()
    expert = get_user_model().objects.get(username="expert_lublin")
    assert expert.is_staff and expert.groups.filter(name="expert").exists()
    assert (
        Juror.objects.get(user__username="juror-account").user.groups.filter(name="juror").exists()
    )
    assert list(
        Nomination.objects.filter(edition__year=2015).values_list("justification", flat=True)
    ) == ["Uzasadnienie jury."]
    assert not services.accepted_proposals(edition=Edition.objects.get(year=2015)).exists()


def test_import_twice_is_idempotent(rich_2015, tmp_path):
    path = _write(tmp_path, dumps(export_edition(year=2015)))
    before = _snapshot()
    call_command("import_edition", str(path))
    call_command("import_edition", str(path))
    assert _snapshot() == before


def test_import_updates_changed_fields_and_swapped_orders(rich_2015, tmp_path):
    data = export_edition(year=2015)
    data["awards"][0]["order"], data["awards"][1]["order"] = 2, 1
    data["practices"][0]["title"]["en"] = "Changed"
    call_command("import_edition", str(_write(tmp_path, data)))
    assert export_edition(year=2015)["awards"][0]["practice"] == data["awards"][1]["practice"]
    practice = Practice.objects.get(
        city__slug=data["practices"][0]["city"], slug=data["practices"][0]["slug"]
    )
    assert practice.title_en == "Changed"


def _broken(mutate):
    def make(data):
        mutate(data)
        return data

    return make


BAD_FILES = {
    "wrong type of year": (
        _broken(lambda d: d["edition"].__setitem__("year", "2015")),
        "edition: “year” must be a whole number, not a string.",
    ),
    "wrong type of translations": (
        _broken(lambda d: d["practices"][2].__setitem__("title", "Tytuł")),
        "must be an object of language → text, not a string.",
    ),
    "wrong type of section": (
        _broken(lambda d: d.__setitem__("awards", {"order": 1})),
        "“awards” must be a list, not an object.",
    ),
    "unknown city": (
        _broken(lambda d: d["practices"][0].__setitem__("city", "lubln")),
        "unknown city 'lubln'.",
    ),
    "unknown category": (
        _broken(lambda d: d["awards"][0].__setitem__("category", "nope")),
        "unknown category 'nope'.",
    ),
    "duplicate record key": (
        _broken(lambda d: d["cities"].append(dict(d["cities"][0]))),
        "duplicate of cities[0] (",
    ),
    "duplicate award order": (
        _broken(lambda d: d["awards"][1].__setitem__("order", d["awards"][0]["order"])),
        "order 1 is already used by awards[0]",
    ),
    "unknown phase": (
        _broken(lambda d: d["edition"].__setitem__("phase", "finished")),
        "“phase” is 'finished'; expected one of",
    ),
    "model validation": (
        _broken(lambda d: d["cities"][0].__setitem__("teryt", "12")),
        "teryt: A TERYT code has exactly 7 digits.",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_import_rejects_malformed_file_and_changes_nothing(rich_2015, tmp_path, case):
    mutate, message = BAD_FILES[case]
    data = export_edition(year=2015)
    data["edition"]["year"] = 2016 if case != "wrong type of year" else data["edition"]["year"]
    data["practices"].append({"city": "lublin", "slug": "brand-new", "title": {"pl": "Nowa"}})
    path = _write(tmp_path, mutate(data))
    before = _snapshot()
    with pytest.raises(CommandError) as error:
        call_command("import_edition", str(path))
    assert message in str(error.value)
    assert "Nothing was imported." in str(error.value)
    assert _snapshot() == before


def test_import_rejects_duplicate_json_keys_and_changes_nothing(rich_2015, tmp_path):
    text = dumps(export_edition(year=2015)).replace(
        '"year": 2015,', '"year": 2016,\n"year": 2017,', 1
    )
    before = _snapshot()
    with pytest.raises(CommandError, match="Duplicate key 'year'"):
        call_command("import_edition", str(_write(tmp_path, text)))
    assert _snapshot() == before


def test_import_rejects_invalid_json(db, tmp_path):
    with pytest.raises(CommandError, match="Not valid JSON"):
        call_command("import_edition", str(_write(tmp_path, "{nope")))


def test_import_error_late_in_the_file_rolls_back_everything(rich_2015, tmp_path):
    """Validation passes, but an award order clashes with one the file does not mention."""
    data = export_edition(year=2015)
    data["edition"]["year"] = 2015
    data["awards"] = data["awards"][1:]
    data["awards"][0]["order"] = 1
    data["cities"][0]["name"]["en"] = "Should not be written"
    before = _snapshot()
    with pytest.raises(CommandError, match="is taken by another award"):
        call_command("import_edition", str(_write(tmp_path, data)))
    assert _snapshot() == before
    assert City.objects.get(slug=data["cities"][0]["slug"]).name_en != "Should not be written"


def test_export_unknown_year_is_a_clear_error(db):
    with pytest.raises(CommandError, match="There is no edition 1999"):
        call_command("export_edition", "1999")


def test_docs_example_imports_into_empty_database(db, tmp_path):
    from django.conf import settings

    text = (settings.BASE_DIR / "docs" / "import-format.md").read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    call_command("import_edition", str(_write(tmp_path, example)))
    assert Award.objects.get(edition__year=2015).practice.city.slug == "lublin"
    assert Juror.objects.get(user__username="priscilla").editions.filter(year=2015).exists()
    assert Assignment.objects.get(expert__username="anna.kowalska").city.slug == "lublin"


def test_export_writes_jury_nominations_not_proposals(rich_2015):
    nominations = export_edition(year=2015)["nominations"]
    assert [n["justification"] for n in nominations] == [
        {"pl": "Uzasadnienie jury.", "en": "", "uk": "", "ru": ""}
    ]


def test_import_creates_and_updates_jury_nominations(rich_2015, tmp_path):
    data = export_edition(year=2015)
    data["nominations"][0]["justification"]["pl"] = "Nowe uzasadnienie."
    call_command("import_edition", str(_write(tmp_path, data)))
    assert list(Nomination.objects.values_list("justification", flat=True)) == [
        "Nowe uzasadnienie."
    ]


def test_import_and_export_keep_a_nomination_justification_in_every_language(
    rich_2015, tmp_path
):
    data = export_edition(year=2015)
    data["nominations"][0]["justification"]["uk"] = "Обґрунтування."
    call_command("import_edition", str(_write(tmp_path, data)))
    nomination = Nomination.objects.get()
    assert (nomination.justification_pl, nomination.justification_uk) == (
        "Uzasadnienie jury.",
        "Обґрунтування.",
    )
    assert export_edition(year=2015)["nominations"][0]["justification"]["uk"] == "Обґрунтування."
