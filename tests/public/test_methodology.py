"""The methodology page of a published edition (public:methodology)."""

import pytest
from django.urls import reverse

from tests.methodology_data import SECRET_REASON, YEAR

pytestmark = pytest.mark.django_db


def test_2015_page_shows_criteria_jury_and_experts(client, edition_2015):
    from reports.services import edition_experts

    response = client.get("/pl/editions/2015/methodology/")
    assert response.status_code == 200
    body = response.content.decode()
    criteria = list(edition_2015.criteria.all())
    assert criteria
    for criterion in criteria:
        assert criterion.name_pl in body
    assert body.count("Weight: 1") + body.count("Waga: 1") == len(criteria)
    jurors = list(edition_2015.jurors.all())
    assert len(jurors) == 5
    for juror in jurors:
        assert juror.name in body
    experts = edition_experts(edition=edition_2015)
    for expert in experts:
        assert expert.name in body
    assert reverse("public:edition", args=[2015]).replace("/en/", "/pl/") in body


def test_edition_page_links_to_its_methodology(client, edition_2015):
    body = client.get(reverse("public:edition", args=[2015])).content.decode()
    assert reverse("public:methodology", args=[2015]) in body


def test_scored_edition_shows_profiles_and_register(client, scored_edition):
    response = client.get(f"/en/editions/{YEAR}/methodology/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Juror Drugi" in body and "Jurorka Czwarta" in body
    assert "Works or worked for the organisation running the practice" in body
    assert "not disclosed" in body
    assert "A personal or family relationship" not in body
    assert SECRET_REASON not in body
    assert "mean 4.33" in body and "3 scores" in body
    profile = response.context["method"].profiles[0]
    assert [p.count for p in profile.criteria[0].points] == [0, 0, 0, 2, 1]


@pytest.mark.parametrize("lang", ["pl", "en", "uk", "ru"])
def test_page_renders_in_every_language(client, scored_edition, lang):
    assert client.get(f"/{lang}/editions/{YEAR}/methodology/").status_code == 200


def test_unpublished_edition_page_is_404(client, scored_edition):
    scored_edition.phase = "deliberation"
    scored_edition.save()
    assert client.get(f"/pl/editions/{YEAR}/methodology/").status_code == 404
    assert client.get("/pl/editions/1999/methodology/").status_code == 404


def test_page_reads_in_constant_queries(client, scored_edition, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        client.get(f"/pl/editions/{YEAR}/methodology/")


def _more_awards(edition, n):
    from jury.models import Conflict, Criterion, Juror, Nomination, Score
    from practices.models import Award, Category, City, Practice

    city = City.objects.get(slug="profilowo")
    category = Category.objects.get(code="k-profil-2")
    criteria = list(Criterion.objects.filter(edition=edition))
    jurors = list(Juror.objects.filter(editions=edition))
    for i in range(n):
        practice = Practice.objects.create(city=city, slug=f"wiecej-{i}", title_pl=f"Więcej {i}")
        nomination = Nomination.objects.create(edition=edition, practice=practice,
                                               category=category)
        for juror in jurors:
            for criterion in criteria:
                Score.objects.create(juror=juror, nomination=nomination, criterion=criterion,
                                     value=criterion.scale_min)
        Conflict.objects.create(juror=jurors[0], nomination=nomination, reason="x")
        Award.objects.create(edition=edition, category=category, practice=practice,
                             order=10 + i)


def test_queries_do_not_grow_with_awards(client, scored_edition):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/pl/editions/{YEAR}/methodology/"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _more_awards(scored_edition, 8)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(response.context["method"].profiles) == 10
    assert len(many) == len(few), [q["sql"][:80] for q in many.captured_queries]
    print(f"methodology page: {len(few)} queries at 2 and at 10 awards")
