"""Nothing of an unpublished edition is reachable by any public URL or the API."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings

from tests.public.conftest import HIDDEN_TEXTS, SECRET

pytestmark = pytest.mark.django_db

START = [
    "/sitemap.xml",
    "/api/v1/",
    "/api/v1/practices/?page_size=100",
    "/api/v1/awards/?page_size=100",
    "/api/v1/cities/?page_size=100",
    "/api/v1/editions/",
]
for _code, _name in settings.LANGUAGES:
    START += [
        f"/{_code}/",
        f"/{_code}/practices/",
        f"/{_code}/practices/export.csv",
        f"/{_code}/practices/export.json",
        f"/{_code}/cities/",
        f"/{_code}/editions/",
        f"/{_code}/propose/",
    ]

HIDDEN = [
    "/pl/practices/tajne-miasto/tajna-praktyka/",
    "/pl/cities/tajne-miasto/",
    "/pl/cities/tajne-podobne/",
    "/pl/editions/2031/",
    "/pl/editions/2031/methodology/",
    "/uk/editions/2031/methodology/",
    "/api/v1/practices/tajne-miasto/tajna-praktyka/",
    "/api/v1/cities/tajne-miasto/",
    "/api/v1/cities/tajne-podobne/",
    "/api/v1/editions/2031/",
]
FILTERED = [
    "/pl/practices/?year=2031",
    "/pl/practices/?city=tajne-miasto",
    "/pl/practices/?category=tajna-kategoria",
    f"/pl/practices/?q={SECRET}",
    "/pl/practices/export.csv?year=2031",
    f"/pl/practices/export.json?q={SECRET}",
    "/api/v1/practices/?year=2031",
    f"/api/v1/awards/?q={SECRET}",
    "/api/v1/awards/?city=tajne-miasto",
]

LINK = re.compile(r'(?:href|loc>)="?([^"<\s]+)')


def crawl(client):
    """Every page reachable by links from the start pages (same host, GET only)."""
    seen, queue, bodies = set(), list(START), {}
    while queue:
        path = queue.pop()
        if path in seen or len(seen) > 400:
            continue
        seen.add(path)
        response = client.get(path)
        assert response.status_code in (200, 404), (path, response.status_code)
        body = response.content.decode("utf-8", "replace")
        bodies[path] = body
        for link in LINK.findall(body.replace("&amp;", "&")):
            parts = urlsplit(urljoin("http://testserver" + path, link))
            if parts.netloc != "testserver" or parts.path.startswith(("/admin", "/static")):
                continue
            if "/admin/" in parts.path:
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return bodies


@pytest.fixture
def hidden_scores(hidden_edition):
    """The hidden edition scored, with a conflict whose kind it would disclose: the
    methodology page must show none of it while the edition deliberates."""
    from jury.enums import ConflictReason
    from jury.models import Conflict, ConflictDisclosure, Criterion, Juror, Nomination, Score
    from practices.models import Award

    award = Award.objects.get(edition=hidden_edition)
    nomination = Nomination.objects.create(
        edition=hidden_edition, practice=award.practice, category=award.category
    )
    juror = Juror.objects.get(slug="tajny-juror")
    criterion = Criterion.objects.get(edition=hidden_edition)
    Score.objects.create(juror=juror, nomination=nomination, criterion=criterion, value=4)
    Conflict.objects.create(
        juror=juror, nomination=nomination, reason=f"{SECRET} powód",
        reason_category=ConflictReason.FINANCIAL,
    )
    ConflictDisclosure.objects.create(edition=hidden_edition, category=ConflictReason.FINANCIAL)
    return hidden_edition


def test_nothing_unpublished_on_any_reachable_page(
    client, edition_2015, hidden_edition, hidden_scores
):
    bodies = crawl(client)
    assert len(bodies) > 100
    # The open call names every city (a city new this year can be proposed) and
    # the categories of the edition it collects for (issue 17): reference names,
    # not the edition's content, which stays hidden there too.
    offered = [f"{SECRET}miasto", f"{SECRET}podobne", f"{SECRET} kategoria"]
    for path, body in bodies.items():
        if path.endswith("/propose/"):
            for name in offered:
                body = body.replace(name, "")
        bodies[path] = body
    # The crawl reached the methodology page of 2015 in every language.
    assert {f"/{code}/editions/2015/methodology/" for code, _n in settings.LANGUAGES} <= set(
        bodies
    )
    assert not any(
        "A financial interest" in body or "Interes finansowy" in body for body in bodies.values()
    )
    leaks = [path for path, body in bodies.items() if SECRET.lower() in body.lower()]
    assert leaks == []
    assert not any("2031" in body for body in bodies.values())


@pytest.mark.parametrize("path", HIDDEN)
def test_unpublished_objects_are_404(client, hidden_edition, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", FILTERED)
def test_filters_never_reveal_unpublished_records(client, edition_2015, hidden_edition, path):
    response = client.get(path)
    assert response.status_code in (200, 400)
    body = response.content.decode()
    assert [text for text in HIDDEN_TEXTS if text in body] == []


def test_published_practice_does_not_show_its_unpublished_award(
    client, edition_2015, hidden_edition
):
    from practices.models import Award, Practice
    from tests.factories import AwardFactory

    practice = Practice.objects.get(slug="komisja-dialogu-spolecznego")
    AwardFactory(
        edition=hidden_edition,
        practice=practice,
        recommendation_pl=f"{SECRET} rekomendacja",
        order=99,
    )
    assert Award.objects.filter(practice=practice).count() == 2
    for path in [
        "/pl/practices/warszawa/komisja-dialogu-spolecznego/",
        "/api/v1/practices/warszawa/komisja-dialogu-spolecznego/",
        "/pl/cities/warszawa/",
        "/api/v1/awards/?city=warszawa",
    ]:
        body = client.get(path).content.decode()
        assert SECRET not in body and "2031" not in body, path
