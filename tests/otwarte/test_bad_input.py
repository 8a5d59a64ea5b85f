"""At least 8,000 bad inputs, none answered with a 5xx, none leaving a partial write.

A deterministic plan (no randomness: the same requests every run) crosses a list of
hostile values with every form and endpoint that takes user input: the public filters
and the API, the open call, the survey form, both logins, the juror's score form, the
cockpit's and the jury organiser's forms, the translators' form, the admin's
changelist filters and search, and the edition import (the upload page and
`exchange.importing` directly). `PLAN` holds the cases; each test sends every case
of its part, and `test_the_plan_holds_at_least_8000_bad_inputs` keeps the figure honest.

A plain run sends a deterministic sample of each part (every `SAMPLE_EVERY`-th case,
a stride coprime to the number of hostile values, so every value is still sent:
`test_the_sample_sends_every_hostile_value`); `OTWARTE_FUZZ=full` sends the whole plan
(CI's fuzz job; before a release). The sample keeps `make test` in minutes.

Values are written percent-encoded, so a request carries bytes no Python string can
(a lone surrogate as %ED%A0%80, invalid UTF-8, NUL) exactly as an attacker sends them.
"""

import json
import os
from datetime import timedelta
from decimal import Decimal
from importlib import import_module
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.utils import timezone

from practices.enums import Phase

pytestmark = pytest.mark.django_db

# --- the hostile values ------------------------------------------------------------

HOSTILE = [
    "", "%00", "a%00b", "%ED%A0%80", "x%ED%B0%80y", "%FF%FE%FD", "%C0%AF", "%E2%82",
    "x" * 10_000, quote("ż" * 3_000), "%E2%80%AEevil", "a%E2%80%8Bb%EF%BB%BF",
    quote("<script>alert(1)</script>"), quote("' OR 1=1 --"), quote('"; DROP TABLE x; --'),
    quote("{{ 7*7 }}{% debug %}"), quote("${jndi:ldap://x/a}"), quote("../../etc/passwd"),
    "%252e%252e%252f", "-1", "0", "-0", "99999999999999999999999999999", "1" * 5_000,
    "1e309", "NaN", "-inf", "0x10", "1.5", "-9223372036854775809", "2147483648",
    quote("１２３"), quote("٣"), "0000-00-00", "2015-13-45", "9999-12-31T99%3A99",
    "-0001-01-01", "null", "true", "%5B%5D", "%7B%7D", "%5C", "%25", "%G1", "+",
    quote("a=b&c=d"), quote("e" + "\u0301" * 500), quote("\r\nSet-Cookie: x=1"),
    quote("😀" * 100), quote("lublin"), quote("2015"),
]


def _encoded(pairs):
    return "&".join(f"{quote(key, safe='{}')}={value}" for key, value in pairs)


def mutations(base, *, extra_keys=("zz",)):
    """Form bodies (percent-encoded): each field of `base` in turn, and an unknown key,
    given each hostile value, then each field given twice (a list where a scalar is
    expected). `base` maps field names to valid (already encoded) values."""
    bodies = []
    for key in [*base, *extra_keys]:
        for value in HOSTILE:
            pairs = [(k, v) for k, v in base.items() if k != key]
            bodies.append(_encoded([*pairs, (key, value)]))
    for key in base:
        for value in HOSTILE[::6]:
            bodies.append(_encoded([*base.items(), (key, value)]))
    return bodies


def queries(keys):
    """Query strings: each key given each hostile value, and each key given twice."""
    out = [_encoded([(key, value)]) for key in keys for value in HOSTILE]
    out += [_encoded([(key, "1"), (key, value)]) for key in keys for value in HOSTILE[::8]]
    return out


def segments():
    """Hostile path segments (a slug or a token in the URL)."""
    return [v for v in HOSTILE if v and "%2F" not in v.upper()][:40]


# --- the plan ------------------------------------------------------------------------

FILTER_KEYS = ["city", "year", "category", "q", "sort", "page", "page_size", "lang", "format"]
PUBLIC_LISTS = ["/pl/practices/", "/en/cities/", "/uk/editions/", "/pl/"]
API_LISTS = ["/api/v1/practices/", "/api/v1/awards/", "/api/v1/cities/", "/api/v1/editions/",
             "/api/v1/surveys/"]
ADMIN_CHANGELISTS = [
    ("practices/practice", ["q", "edition__year", "city__id__exact", "follow_up_status", "o"]),
    ("practices/city", ["q", "voivodeship", "o", "p"]),
    ("practices/practiceproposal", ["q", "status", "edition__id__exact"]),
    ("jury/nomination", ["q", "edition__id__exact", "category__id__exact"]),
    ("jury/juror", ["q", "preferred_language"]),
    ("reports/report", ["q", "status", "edition__id__exact"]),
    ("otwarte/sentmessage", ["q", "status", "kind"]),
    ("auth/user", ["q", "is_staff__exact", "groups__id__exact"]),
    ("surveys/response", ["q", "status", "survey__id__exact"]),
]


def public_get_cases():
    cases = [f"{path}?{query}" for path in PUBLIC_LISTS for query in queries(FILTER_KEYS)]
    cases += [f"/pl/practices/{s}/{s}/" for s in segments()]
    cases += [f"/en/cities/{s}/" for s in segments()]
    cases += [f"/pl/editions/{s}/" for s in ["0", "-1", "99999999999999999999", "2015"]]
    cases += [f"/pl/city-check/{s}/" for s in segments()]
    cases += [f"/pl/practices/export.csv?{q}" for q in queries(FILTER_KEYS)[::3]]
    return cases


def api_cases():
    cases = [f"{path}?{query}" for path in API_LISTS for query in queries(FILTER_KEYS)]
    cases += [f"/api/v1/practices/{s}/{s}/" for s in segments()]
    cases += [f"/api/v1/cities/{s}/" for s in segments()]
    cases += [f"/api/v1/surveys/{s}/2026/" for s in segments()]
    cases += [f"/api/v1/editions/{y}/" for y in ["0", "-1", "99999999999999999999"]]
    return cases


def admin_cases():
    return [
        f"/en/admin/{model}/?{query}"
        for model, keys in ADMIN_CHANGELISTS
        for query in queries(keys)[::4]
    ]


PROPOSAL = {"city": "{city}", "city_name": "", "title": "Punkt", "description": "Opis",
            "category": "{category}", "proposer": "Ala", "contact_email": "ala%40example.org",
            "website": ""}
LOGIN = {"username": "organiser", "password": "nope", "otp_token": "123456"}
SCORE = {"criterion_{c1}": "3", "criterion_{c2}": "4", "comment": "ok"}
CONFLICT = {"category": "professional", "reason": "I know them"}
TRANSLATION = {"text": "Point", "action": "draft"}
CITY_CHECK = {"city": "{city}", "contact_name": "Ewa", "contact_email": "ewa%40example.org",
              "deadline": "2099-01-01T12%3A00"}
UNPUBLISH = {"year": "{year}", "reason": "mistake"}
SURVEY = {"target": "kyiv", "comment": "", "email": "o%40example.org", "consent": "on",
          "website": ""}
WORKLIST = ["language", "status", "edition", "page", "q"]


def form_cases():
    return {
        "propose": mutations(PROPOSAL),
        "public_login": mutations(LOGIN),
        "admin_login": mutations(LOGIN)[::2],
        "score": mutations(SCORE),
        "conflict": mutations(CONFLICT)[::2],
        # The translators' pages are the slowest to render: a third of the cases.
        "translation": mutations(TRANSLATION)[::3],
        "worklist": queries(WORKLIST)[::3],
        "city_check": mutations(CITY_CHECK),
        "survey": mutations(SURVEY)[::2],
    }


JSON_HOSTILE = [
    "null", "true", "0", "-1", "1e400", "-1e400", "1" * 4_301, "99999999999999999999999",
    "1.5", '""', '"\\u0000"', '"a\\u0000b"', '"\\ud800"', '"x\\udfff"', '"' + "x" * 10_000 + '"',
    '"\\u202eevil"', '"<script>alert(1)</script>"', '"0000-00-00"', '"2015-13-45"',
    '"../../etc"', "[]", "{}", '["a", 1]', '{"unknown": 1}', "[" * 50 + "]" * 50,
]
JSON_BROKEN = [
    b"", b"{", b"{nope", b"\xff\xfe{}", b"\xef\xbb\xbf{", b'{"a": 1, "a": 2}',
    b"[" * 100_000 + b"]" * 100_000, b"{" * 1_000, b'{"format": "\xc0\xaf"}', b"\x00" * 100,
    b'{"format": NaN}', b'{"format": Infinity}', b"1" * 5_000, b'"\\ud800"', b"[]",
]


def import_paths(document, path=()):
    """Every place in the document a value sits (dict keys and list items)."""
    found = [path] if path else []
    if isinstance(document, dict):
        for key, value in document.items():
            found += import_paths(value, (*path, key))
    elif isinstance(document, list):
        for index, value in enumerate(document[:2]):
            found += import_paths(value, (*path, index))
    return found


# The import cases depend on the small edition's document, built in the test; its
# shape (and so the number of paths) is fixed: the count is checked there too.
IMPORT_PATHS_AT_LEAST = 40
# Every file goes through import_edition; every UPLOAD_EVERY-th also through the page.
UPLOAD_EVERY = 5

PLAN = {
    "public": public_get_cases(),
    "api": api_cases(),
    "admin": admin_cases(),
    **form_cases(),
    "import_broken": JSON_BROKEN,
}


def test_the_plan_holds_at_least_8000_bad_inputs():
    requests = sum(len(cases) for cases in PLAN.values())
    imports = IMPORT_PATHS_AT_LEAST * len(JSON_HOSTILE)
    assert requests + imports >= 8_000, (requests, imports)


FULL = os.environ.get("OTWARTE_FUZZ") == "full"
# Coprime to len(HOSTILE) and len(JSON_HOSTILE): consecutive samples walk through
# every value (the cases are blocks of one field given each value in turn).
SAMPLE_EVERY = 1 if FULL else 7


def sample(cases):
    """The cases a run sends: all with OTWARTE_FUZZ=full, else every SAMPLE_EVERY-th."""
    return list(cases)[::SAMPLE_EVERY]


def test_the_sample_sends_every_hostile_value():
    from math import gcd

    assert gcd(SAMPLE_EVERY, len(HOSTILE)) == gcd(SAMPLE_EVERY, len(JSON_HOSTILE)) == 1
    for part in ("public", "api", "propose"):
        sent = sample(PLAN[part])
        assert all(any(value in case for case in sent) for value in HOSTILE if value), part


# --- sending -------------------------------------------------------------------------


class Sender:
    """Sends cases and remembers every 5xx (the assertion lists them all)."""

    def __init__(self, client):
        self.client = client
        self.failures = []
        self.sent = 0
        self.address = 0

    def _meta(self):
        # A fresh address per request: rate limits and the login lockout would
        # otherwise answer 429 before the input reached the form.
        self.address += 1
        return {"REMOTE_ADDR": f"10.{self.address // 65536 % 256}.{self.address // 256 % 256}."
                               f"{self.address % 256}"}

    def check(self, what, response):
        self.sent += 1
        if response.status_code >= 500:
            self.failures.append((response.status_code, what[:200]))
        return response

    def get(self, url):
        return self.check(url, self.client.get(url, **self._meta()))

    def post(self, url, body):
        response = self.client.post(
            url, data=body, content_type="application/x-www-form-urlencoded", **self._meta()
        )
        return self.check(f"{url} {body}", response)

    def assert_clean(self, expected):
        assert self.sent == expected
        assert self.failures == []


def sender(user=None):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return Sender(client)


# --- public pages, API, exports -------------------------------------------------------


@pytest.fixture
def published(db):
    """A small published edition: bad input is handled before any row counts, and a
    small page keeps 8,000 requests quick."""
    from django.core.management import call_command

    from tests.factories import AwardFactory, CityFactory, EditionFactory, PracticeFactory

    call_command("loaddata", "reference", verbosity=0)
    edition = EditionFactory(year=2015, phase=Phase.PUBLISHED)
    city = CityFactory(slug="lublin-fuzz")
    AwardFactory(edition=edition, practice=PracticeFactory(city=city, slug="punkt"))
    return edition


def test_public_filters_and_paths(published):
    send = sender()
    for url in sample(PLAN["public"]):
        send.get(url)
    send.assert_clean(len(sample(PLAN["public"])))


def test_api_parameters_and_paths(published):
    send = sender()
    for url in sample(PLAN["api"]):
        send.get(url)
    send.assert_clean(len(sample(PLAN["api"])))


def test_admin_changelist_filters_and_search(published, organiser):
    send = sender(organiser)
    for url in sample(PLAN["admin"]):
        send.get(url)
    send.assert_clean(len(sample(PLAN["admin"])))


# --- forms ---------------------------------------------------------------------------


def test_open_call_form(published):
    from practices.models import Category, City, PracticeProposal

    ids = {"city": City.objects.first().pk, "category": Category.objects.first().pk}
    send = sender()
    before = PracticeProposal.objects.count()
    for body in sample(PLAN["propose"]):
        count = PracticeProposal.objects.count()
        response = send.post("/pl/propose/", body.format(**ids))
        if response.status_code != 302:  # refused: nothing stored
            assert PracticeProposal.objects.count() == count, body[:200]
    send.assert_clean(len(sample(PLAN["propose"])))
    assert PracticeProposal.objects.count() >= before


@pytest.mark.parametrize(("url", "part"), [("/pl/login/", "public_login"),
                                           ("/en/admin/login/", "admin_login")])
def test_logins(organiser, url, part):
    send = sender()
    users = get_user_model().objects.count()
    for body in sample(PLAN[part]):
        send.post(url, body)
        assert "_auth_user_id" not in send.client.session
    send.assert_clean(len(sample(PLAN[part])))
    assert get_user_model().objects.count() == users


@pytest.fixture
def scoring(juror_a):
    from tests.factories import (
        CategoryFactory,
        CriterionFactory,
        EditionFactory,
        JurorFactory,
        NominationFactory,
    )

    edition = EditionFactory(phase=Phase.JURY_SCORING)
    first = CriterionFactory(edition=edition, code="engagement", weight=Decimal(2), order=1)
    second = CriterionFactory(edition=edition, code="durability", order=2)
    nomination = NominationFactory(edition=edition, category=CategoryFactory())
    JurorFactory(user=juror_a, name="Juror A").editions.add(edition)
    return edition, nomination, first, second


def test_juror_score_and_conflict_forms(scoring, juror_a):
    from jury.models import Conflict, Score

    _edition, nomination, first, second = scoring
    send = sender(juror_a)
    url = f"/pl/jury/nominations/{nomination.pk}/"
    for body in sample(PLAN["score"]):
        scores = Score.objects.count()
        response = send.post(url, body.format(c1=first.pk, c2=second.pk))
        if response.status_code != 302:
            assert Score.objects.count() == scores, body[:200]
    for body in sample(PLAN["conflict"]):
        conflicts = Conflict.objects.count()
        response = send.post(f"{url}conflict/", body)
        if response.status_code != 302:
            assert Conflict.objects.count() == conflicts, body[:200]
    send.assert_clean(len(sample(PLAN["score"])) + len(sample(PLAN["conflict"])))


def test_translators_form_and_worklist(translator):
    from tests.factories import CategoryFactory, EditionFactory, NominationFactory, PracticeFactory
    from translations.models import TranslationStatus

    edition = EditionFactory(year=2090, phase=Phase.JURY_SCORING)
    practice = NominationFactory(edition=edition, category=CategoryFactory(),
                                 justification_pl="", practice=PracticeFactory(title_pl="Punkt")
                                 ).practice
    status = TranslationStatus.objects.for_object(practice).get(field="title", language="en")
    send = sender(translator)
    for body in sample(PLAN["translation"]):
        practice.refresh_from_db()
        title = practice.title_en
        response = send.post(f"/en/translations/{status.pk}/?{body}", body)
        if response.status_code != 302:  # refused: the translation is as it was
            practice.refresh_from_db()
            assert practice.title_en == title, body[:200]
    for query in sample(PLAN["worklist"]):
        send.get(f"/en/translations/?{query}")
    send.assert_clean(len(sample(PLAN["translation"])) + len(sample(PLAN["worklist"])))


def test_cockpit_city_check_form(check_world, organiser):
    from jury.models import CityCheck

    year = check_world.edition.year
    send = sender(organiser)
    for body in sample(PLAN["city_check"]):
        checks = CityCheck.objects.count()
        city = check_world.lublin.pk
        response = send.post(f"/pl/cockpit/{year}/city-checks/send/{city}/",
                             body.format(city=city))
        if response.status_code == 302 and CityCheck.objects.count() > checks:
            CityCheck.objects.all().delete()  # the next case finds no open check
        else:
            assert CityCheck.objects.count() == checks, body[:200]
    # Cockpit paths with hostile ids and phases.
    paths = [f"/pl/cockpit/{year}/phase/{s}/" for s in segments()]
    paths += [f"/pl/cockpit/{y}/" for y in ("0", "-1", "99999999999999999999")]
    paths += [f"/pl/cockpit/{year}/city-checks/answers/{n}/" for n in ("0", "-1", "9" * 25)]
    for path in paths:
        send.post(path, "accept=%00&reason=" + "x" * 10_000)
    send.assert_clean(len(sample(PLAN["city_check"])) + len(paths))


def test_survey_form(db):
    from surveys.models import Response
    from surveys.pilot import create_consular_pilot

    import_module("surveys.migrations.0002_consular_posts").add_posts(apps, None)
    today = timezone.localdate()
    survey = create_consular_pilot(year=2026, opens_on=today - timedelta(days=3),
                                   closes_on=today + timedelta(days=30))
    base = {f"c_{c.code}": "4" for c in survey.criteria.all()}
    send = sender()
    url = f"/uk/surveys/{survey.kind}/{survey.year}/"
    cases = sample(PLAN["survey"] + mutations(base, extra_keys=())[::8])
    for body in cases:
        cache.clear()  # the rate limits count per address and per batch
        responses = Response.objects.count()
        full = "&".join(filter(None, [_encoded(base.items()), body]))
        response = send.post(url, full)
        if response.status_code != 302:
            assert Response.objects.count() == responses, body[:200]
    for token in segments():
        send.get(f"{url}r/{token}/")
    send.assert_clean(len(cases) + len(segments()))


# --- the edition import --------------------------------------------------------------


def _writable_counts():
    from tests.exchange.conftest import WRITABLE

    return [model.objects.count() for model in WRITABLE]


@pytest.fixture
def small_edition(db):
    from django.core.management import call_command

    from tests.factories import AwardFactory, CityFactory, EditionFactory, PracticeFactory

    call_command("loaddata", "reference", verbosity=0)
    edition = EditionFactory(year=2031, phase=Phase.DELIBERATION)
    AwardFactory(edition=edition, practice=PracticeFactory(city=CityFactory(slug="fuzz-city")))
    return edition


def _set(document, path, value):
    target = document
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value


def _mutated_files(document):
    from exchange.exporting import dumps

    text = dumps(document)
    files = []
    for path in import_paths(document):
        marker = "\ue000FUZZ\ue000"
        copy = json.loads(text)
        _set(copy, path, marker)
        template = dumps(copy).replace(json.dumps(marker, ensure_ascii=False), "%s")
        if "%s" not in template:
            template = dumps(copy).replace(json.dumps(marker), "%s")
        files += [template.replace("%", "%%").replace("%%s", "%s") % value
                  for value in JSON_HOSTILE]
    return [f.encode("utf-8", "surrogatepass") for f in files]


def test_edition_import_refuses_without_a_partial_write(small_edition, organiser):
    from exchange.exporting import export_edition
    from exchange.importing import import_edition
    from exchange.reading import EditionImportError, loads

    document = export_edition(year=small_edition.year)
    assert len(import_paths(document)) >= IMPORT_PATHS_AT_LEAST
    files = sample(
        _mutated_files(document)[: IMPORT_PATHS_AT_LEAST * len(JSON_HOSTILE)] + JSON_BROKEN
    )
    before = _writable_counts()
    send = sender(organiser)
    refused = []
    for index, raw in enumerate(files):
        with transaction.atomic():  # an accepted file is rolled back for the next case
            # import_edition: a refusal raises EditionImportError and writes nothing.
            try:
                import_edition(data=loads(raw), allow_published_changes=True)
            except EditionImportError:
                refused.append(raw)
                assert _writable_counts() == before, raw[:200]
            transaction.set_rollback(True)
        if index % UPLOAD_EVERY:
            continue
        with transaction.atomic():
            # The upload page: a preview (a dry run) or the form again.
            upload = SimpleUploadedFile("edition.json", raw, content_type="application/json")
            send.check(raw[:200], send.client.post("/en/exchange/import/", {"file": upload}))
            assert _writable_counts() == before, raw[:200]
            # The confirm step posts the text back: refused again, nothing written.
            text = raw.decode("utf-8", "replace").replace("\x00", "")
            send.check(text[:200], send.client.post(
                "/en/exchange/import/", {"confirm": "1", "content": text,
                                         "allow_published_changes": "on"}))
            if refused and refused[-1] is raw:
                assert _writable_counts() == before, raw[:200]
            transaction.set_rollback(True)
    send.assert_clean(2 * len(range(0, len(files), UPLOAD_EVERY)))
    assert len(refused) >= len(files) // 2


@pytest.mark.parametrize("value", ["2015-02-30T12:00:00+00:00", "2015-06-01T25:61:00+00:00"])
def test_import_of_an_impossible_date_time_is_refused(small_edition, organiser, value):
    from exchange.exporting import dumps, export_edition
    from exchange.importing import import_edition
    from exchange.reading import EditionImportError

    document = export_edition(year=small_edition.year)
    document["edition"]["reports_deadline"] = value
    before = _writable_counts()
    with pytest.raises(EditionImportError):
        import_edition(data=document, allow_published_changes=True)
    assert _writable_counts() == before
    upload = SimpleUploadedFile("edition.json", dumps(document).encode())
    response = sender(organiser).client.post("/en/exchange/import/", {"file": upload})
    assert response.status_code == 200
