"""The Polish admin speaks Polish grammar (issue 15): no "Dodaj edycja"."""

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from otwarte.templatetags.admin_grammar import REPHRASED, accusative, admin_title
from practices.enums import Phase
from practices.models import Category, Edition
from tests.factories import AwardFactory, CategoryFactory, EditionFactory

pytestmark = pytest.mark.django_db

# Django's Polish catalogue spells the unknown gender out: "(-ną)(-ny)", "został(a)(-ło)".
STOCK_GENDER = re.compile(r"\((?:a|-\w+)\)")


def pl(name, *args):
    with translation.override("pl"):
        return reverse(name, args=args)


@pytest.fixture
def pages(client_for, organiser):
    # Awards are added in deliberation and conflicts while scoring (the phase table):
    # with no such edition their add pages are closed.
    EditionFactory(phase=Phase.DELIBERATION)
    EditionFactory(phase=Phase.JURY_SCORING)
    client = client_for(organiser)

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, url
        return response.content.decode()

    get.client = client
    return get


def test_accusative_in_polish_and_unchanged_elsewhere():
    with translation.override("pl"):
        assert accusative(Edition._meta) == "edycję"
        assert accusative(Category._meta) == "kategorię"
        assert accusative(Edition._meta.verbose_name) == "edycję"
    with translation.override("en"):
        assert accusative(Edition._meta) == "edition"
    with translation.override("uk"):
        assert accusative(Category._meta) == "категорію"  # not Polish, the fallback language


def test_admin_title_rewrites_only_the_stock_titles():
    with translation.override("pl"):
        assert admin_title("Zmień edycja", Edition._meta) == "Zmień edycję"
        assert admin_title("Wybierz edycja do zmiany", Edition._meta) == "Wybierz edycję do zmiany"
        assert admin_title("Historia zmian: 2015", Edition._meta) == "Historia zmian: 2015"
        assert admin_title("Zmień edycja", None) == "Zmień edycja"


def test_changelist_and_add_pages_use_the_accusative(pages):
    html = pages(pl("admin:practices_edition_changelist"))
    assert "Dodaj edycję" in html and "Wybierz edycję do zmiany" in html
    assert "Dodaj edycja" not in html and "Wybierz edycja" not in html
    html = pages(pl("admin:practices_edition_add"))
    assert "<title>Dodaj edycję |" in html
    assert "Dodaj edycja" not in html
    html = pages(pl("admin:auth_user_changelist"))
    assert "Wybierz użytkownika do zmiany" in html and "Dodaj użytkownika" in html


def test_change_pages_use_the_accusative(pages):
    category = CategoryFactory()
    html = pages(pl("admin:practices_category_change", category.pk))
    assert "Zmień kategorię" in html and "Zmień kategoria" not in html
    edition = EditionFactory(phase=Phase.PREPARATION)  # a published one is read-only
    html = pages(pl("admin:practices_edition_change", edition.pk))
    assert "Zmień edycję" in html and "Zmień edycja" not in html


@pytest.mark.parametrize(
    "url",
    [
        ("admin:practices_award_add",),
        ("admin:practices_practice_add",),
        ("admin:jury_conflict_add",),
        ("admin:practices_edition_changelist",),
        ("admin:jury_nomination_changelist",),
    ],
)
def test_no_stock_gender_endings_on_admin_pages(pages, url):
    html = pages(pl(*url))
    assert STOCK_GENDER.findall(html) == []


def test_delete_confirmation_and_messages_read_as_polish(pages):
    award = AwardFactory()
    html = pages(pl("admin:practices_category_delete", award.category.pk))
    assert STOCK_GENDER.findall(html) == []
    category = CategoryFactory(name_pl="Nowa")
    response = pages.client.post(
        pl("admin:practices_category_delete", category.pk), {"post": "yes"}, follow=True
    )
    body = response.content.decode()
    assert "Usunięto: kategoria „Nowa”." in body
    assert STOCK_GENDER.findall(body) == []


@pytest.mark.parametrize("sentence", REPHRASED, ids=[str(i) for i in range(len(REPHRASED))])
def test_rephrased_sentences_have_no_stock_gender_endings_in_polish(sentence):
    with translation.override("pl"):
        if isinstance(sentence, str):
            text = translation.gettext(sentence)
            assert text != sentence  # translated by the project's catalogue
        else:  # the plural message of list_editable changes
            text = str(sentence % {"count": 5, "name": "kategorie"})
    assert STOCK_GENDER.findall(text) == []


def test_the_empty_choice_of_a_select_is_polish(pages):
    # Django 6.1's "- Select an option -" has no Polish in Django's catalogue.
    html = pages(pl("admin:jury_conflict_add"))
    assert "Select an option" not in html
    assert "– wybierz –" in html


def test_no_polish_translation_has_gendered_endings():
    # Pages outside the admin (the worklist, surveys) use the same catalogue.
    catalogue = Path(__file__).resolve().parents[2] / "locale" / "pl" / "LC_MESSAGES" / "django.po"
    translations, in_msgstr = [], False
    for line in catalogue.read_text().splitlines():
        if line.startswith("msgstr"):
            in_msgstr = True
        elif not line.startswith('"'):
            in_msgstr = False
        if in_msgstr:
            translations.append(line)
    assert [line for line in translations if STOCK_GENDER.search(line)] == []


def test_changelist_counts_decline_in_polish(pages):
    # Django's "N <plural noun>" gave "0 raporty eksperckie" and "6 kryteria" (issue 29).
    html = pages(pl("admin:reports_report_changelist"))
    assert "0 wyników" in html
    assert "0 raporty" not in html


def test_report_status_is_masculine_in_polish():
    from reports.enums import ReportStatus

    with translation.override("pl"):
        assert str(ReportStatus.ACCEPTED.label) == "Przyjęty"
    with translation.override("uk"):
        assert str(ReportStatus.ACCEPTED.label) == "Прийнятий"


@pytest.mark.parametrize("language", ["pl", "uk", "ru"])
def test_admin_time_zone_note_is_translated(pages, language):
    # Django 6.1's DateTimeShortcuts note is untranslated in its own catalogues (issue 29).
    with translation.override(language):
        url = reverse("admin:jsi18n")
    script = pages.client.get(url, headers={"accept-language": language}).content.decode()
    assert "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)" in script
    expected = {"pl": "Uwaga: czas podaj", "uk": "Увага: вказуйте", "ru": "Внимание: указывайте"}
    assert json.dumps(expected[language])[1:-1] in script  # the catalogue is JSON, ASCII-escaped
