"""Every public page type of 2015 reads in the visitor's language: no Polish paragraph
in uk (nor ru, en), names of people, cities and organisations excepted."""

import pytest
from django.urls import reverse
from django.utils import translation

from practices.models import Award, City
from tests.polish_text import html_paragraphs, names_2015, polish_paragraphs

pytestmark = pytest.mark.django_db


def public_urls_2015(language):
    awards = Award.objects.filter(edition__year=2015).select_related("practice__city")
    cities = City.objects.filter(practices__awards__edition__year=2015).distinct()
    with translation.override(language):
        return [
            reverse("public:home"),
            reverse("public:practice_list"),
            reverse("public:practice_list") + "?year=2015",
            reverse("public:city_list"),
            reverse("public:edition_list"),
            reverse("public:edition", args=[2015]),
            reverse("public:propose"),
            *(award.practice.get_absolute_url() for award in awards),
            *(reverse("public:city", args=[city.slug]) for city in cities),
        ]


@pytest.mark.parametrize("language", ["uk", "ru", "en"])
def test_public_pages_2015_have_no_polish_paragraph(client, edition_2015, language):
    names = names_2015(edition_2015)
    urls = public_urls_2015(language)
    assert len(urls) > 15
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        paragraphs = html_paragraphs(response.content.decode())
        assert polish_paragraphs(paragraphs, names=names) == [], url


def test_public_page_polish_text_is_detected(client, edition_2015):
    """The measure itself: an untranslated description shows up as a Polish paragraph."""
    award = Award.objects.get(edition=edition_2015, category__code="strategy")
    award.practice.description_uk = ""
    award.practice.save()
    with translation.override("uk"):
        url = award.practice.get_absolute_url()
    paragraphs = html_paragraphs(client.get(url).content.decode())
    assert polish_paragraphs(paragraphs, names=names_2015(edition_2015)) != []
