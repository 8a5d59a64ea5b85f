import re

import pytest
from django.urls import reverse
from django.utils import translation

from practices.enums import Phase
from practices.models import Award
from tests.factories import AwardFactory, EditionFactory

pytestmark = pytest.mark.django_db


def home_url(lang="pl"):
    with translation.override(lang):
        return reverse("public:home")


def test_home_lists_every_2015_award_grouped_by_category(client, edition_2015):
    response = client.get(home_url())
    assert response.status_code == 200
    html = response.content.decode()
    awards = Award.objects.filter(edition=edition_2015).select_related("category", "practice")
    positions = []
    for award in awards.order_by("order"):
        assert award.category.name_pl in html
        positions.append(html.index(award.practice.get_absolute_url()))
    assert positions == sorted(positions)
    assert len(positions) == 11


def test_home_is_polish_by_default(client, edition_2015):
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == "/pl/"
    assert '<html lang="pl">' in response.content.decode()


def test_home_in_ukrainian_shows_translated_category(client, edition_2015):
    response = client.get(home_url("uk"))
    assert '<html lang="uk">' in response.content.decode()
    assert "Платформи міжсекторальної співпраці" in response.content.decode()


def test_home_without_published_edition_says_so(client, db):
    EditionFactory(year=2030, phase=Phase.JURY_SCORING)
    response = client.get(home_url())
    assert response.status_code == 200
    assert "No edition has been published yet" in response.content.decode() or (
        "Żadna edycja" in response.content.decode()
    )


def test_practice_page_shows_similar_actions_recommendation_and_quote(client, edition_2015):
    award = Award.objects.get(edition=edition_2015, category__code="cooperation-platforms")
    response = client.get(award.practice.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    for action in award.similar_actions.all():
        assert action.city.name_pl in html
    assert "Public Transport Authority" in html  # the English recommendation
    assert "Compared with other cities, Warsaw does the most in this area" in html
    assert "Ngo Hoang Minh" in html


def test_every_2015_award_reachable_from_home(client, edition_2015):
    html = client.get(home_url()).content.decode()
    links = re.findall(r'href="(/pl/practices/[^"]+)"', html)
    assert len(links) == 11
    for link in links:
        assert client.get(link).status_code == 200


def test_practice_of_unpublished_edition_is_404(client, db):
    award = AwardFactory(edition=EditionFactory(phase=Phase.DELIBERATION))
    assert client.get(award.practice.get_absolute_url()).status_code == 404


def test_unpublished_awards_not_on_home(client, edition_2015):
    hidden = AwardFactory(edition=EditionFactory(year=2031, phase=Phase.JURY_SCORING))
    html = client.get(home_url()).content.decode()
    assert hidden.practice.title not in html


def test_home_query_count_is_constant(client, edition_2015, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(home_url())


def test_language_links_keep_page_and_query(client, edition_2015):
    award = Award.objects.get(edition=edition_2015, category__code="strategy")
    url = award.practice.get_absolute_url() + "?x=1"
    html = client.get(url).content.decode()
    assert 'href="/uk/practices/lublin/strategia-rozwoju-lublina-na-lata-2013-2020/?x=1"' in html
    assert 'hreflang="ru"' in html


def test_home_describes_the_programme_not_the_latest_introduction(client, edition_2015):
    from django.urls import reverse
    from django.utils import translation

    edition_2015.introduction_en = "An introduction only this edition has."
    edition_2015.save()
    with translation.override("en"):
        html = client.get(reverse("public:home")).content.decode()
    assert "A jury of migrant activists" in html
    assert "An introduction only this edition has." not in html
