"""The pages the law and readers expect (issue 30): contact, privacy notice, accessibility
statement — in four languages, linked from every page; error summaries that list errors."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from public.views import legal

pytestmark = pytest.mark.django_db

LANGUAGES = ["pl", "en", "uk", "ru"]


def url(name, language):
    with translation.override(language):
        return reverse(f"public:{name}")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["contact", "privacy", "accessibility"])
def test_each_page_in_each_language(client, name, language, settings):
    settings.CONTACT_EMAIL = "kontakt@example.org"
    response = client.get(url(name, language))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert "kontakt@example.org" in html
    if language != "en":  # translated, not the English msgids
        assert "Feedback and contact details" not in html
        assert "The open call (proposing a practice)" not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_links_to_them(client, language):
    html = client.get(url("home", language)).content.decode()
    for name in ("contact", "privacy", "accessibility"):
        assert f'href="{url(name, language)}"' in html


def test_the_statement_has_the_parts_the_act_asks_for(client):
    html = client.get(url("accessibility", "pl")).content.decode()
    for part in ("Deklaracja dostępności", "Data publikacji strony internetowej",
                 "Data ostatniej istotnej aktualizacji", "Status pod względem zgodności",
                 "Treści niedostępne", "Przygotowanie deklaracji", "Informacje zwrotne",
                 "7 dni", "2 miesięcy", "Rzecznika Praw Obywatelskich",
                 "Dostępność architektoniczna", "Aplikacje mobilne"):
        assert part in html, part
    assert f'datetime="{legal.CHECKED_ON:%Y-%m-%d}"' in html
    assert f"axe-core {legal.CHECK_TOOL_VERSION}" in html


def test_the_statement_names_the_axe_core_the_tests_run():
    # The claim "checked with axe-core X" is true only for the version make test installs.
    lock = json.loads((Path(settings.BASE_DIR) / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/axe-core"]["version"] == legal.CHECK_TOOL_VERSION


def test_the_open_call_says_what_it_does_with_the_address(client):
    html = client.get(url("propose", "uk")).content.decode()
    assert f'href="{url("privacy", "uk")}#open-call"' in html


def test_a_failed_proposal_lists_each_error_as_a_link(client):
    response = client.post(url("propose", "en"), {"title": "", "contact_email": "not-an-address"})
    html = response.content.decode()
    assert 'class="error-summary"' in html and "autofocus" in html
    assert 'href="#id_title"' in html
    assert 'href="#id_contact_email"' in html
