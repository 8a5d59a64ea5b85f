"""The audit is found: main menu and home page in every language, open forms in the sitemap."""

import pytest
from django.urls import reverse
from django.utils import translation


@pytest.mark.parametrize("lang", ["pl", "en", "uk", "ru"])
def test_home_page_and_menu_link_to_the_audit(client, db, lang):
    with translation.override(lang):
        home, audit = reverse("public:home"), reverse("surveys:index")
    text = client.get(home).content.decode()
    assert text.count(f'href="{audit}"') >= 2  # the main menu and the home page


def test_open_survey_forms_are_in_the_sitemap(client, pilot):
    text = client.get("/sitemap.xml").content.decode()
    for lang in ["pl", "uk", "ru", "en"]:
        with translation.override(lang):
            assert reverse("surveys:respond", args=["consular", 2026]) in text
            assert reverse("surveys:index") in text
    assert reverse("surveys:results", args=["consular", 2026]) not in text  # not published
