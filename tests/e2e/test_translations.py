"""A translator works through their worklist in Chromium; axe-core checks each page."""

import pytest
from playwright.sync_api import expect

from practices.enums import Phase
from tests.conftest import PASSWORD
from tests.e2e.conftest import describe
from tests.factories import EditionFactory, NominationFactory, PracticeFactory
from translations.enums import TranslationState
from translations.models import TranslationStatus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worklist_setup(translator):
    edition = EditionFactory(phase=Phase.JURY_SCORING)
    practice = PracticeFactory(title_pl="Punkt konsultacyjny", description_pl="Porady.",
                               title_uk="Консультаційний пункт", description_uk="Поради.")
    NominationFactory(edition=edition, practice=practice, justification_pl="Dobre działanie.")
    # The Polish source changes: its translations need review.
    practice.title_pl = "Punkt konsultacyjny dla cudzoziemców"
    practice.save()
    return edition, practice


def test_translator_reviews_a_text_from_the_worklist(page, live_server, worklist_setup,
                                                     translator, axe_violations):
    edition, practice = worklist_setup
    page.goto(f"{live_server.url}/uk/login/")
    page.fill("input[name=username]", "translator")
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    expect(page).to_have_url(f"{live_server.url}/uk/translations/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert describe(axe_violations(page)) == []

    page.select_option("select[name=language]", "uk")
    page.select_option("select[name=status]", TranslationState.NEEDS_REVIEW)
    page.select_option("select[name=edition]", str(edition.year))
    page.locator("form.worklist-filter button[type=submit]").click()
    rows = page.locator("table.worklist tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator('td[lang="pl"]')).to_have_text(practice.title_pl)
    assert describe(axe_violations(page)) == []

    rows.first.locator("a").click()
    expect(page.locator(".source-text")).to_contain_text("dla cudzoziemców")
    assert describe(axe_violations(page)) == []
    page.fill("textarea[name=text]", "")
    page.locator("button[value=reviewed]").click()
    expect(page.locator(".field-error")).to_be_visible()  # empty cannot be reviewed
    assert describe(axe_violations(page)) == []

    page.fill("textarea[name=text]", "Консультаційний пункт для іноземців")
    page.locator("button[value=reviewed]").click()
    expect(page).to_have_url(
        f"{live_server.url}/uk/translations/?language=uk&status=needs_review"
        f"&edition={edition.year}"
    )
    expect(page.locator("table.worklist tbody tr")).to_have_count(0)
    expect(page.locator(".messages")).to_be_visible()
    assert describe(axe_violations(page)) == []

    status = TranslationStatus.objects.for_object(practice).get(field="title", language="uk")
    practice.refresh_from_db()
    assert (status.status, status.set_by, practice.title_uk) == (
        TranslationState.REVIEWED, translator, "Консультаційний пункт для іноземців")

    # Nothing else: the admin sends a translator to its login, the cockpit refuses.
    page.goto(f"{live_server.url}/uk/admin/")
    expect(page).to_have_url(f"{live_server.url}/uk/admin/login/?next=/uk/admin/")
    response = page.goto(f"{live_server.url}/uk/cockpit/")
    assert response.status == 403


def test_translator_translates_on_the_grid_by_keyboard(page, live_server, worklist_setup,
                                                       translator, axe_violations):
    edition, practice = worklist_setup
    page.goto(f"{live_server.url}/uk/login/")
    page.fill("input[name=username]", "translator")
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.goto(f"{live_server.url}/uk/translations/grid/?language=ru&edition={edition.year}")
    assert describe(axe_violations(page)) == []
    title = TranslationStatus.objects.for_object(practice).get(field="title", language="ru")
    box = page.locator(f"#text-{title.pk}")
    box.focus()
    page.keyboard.type("Консультационный пункт для иностранцев")
    page.keyboard.press("Tab")  # on to "reviewed"
    page.keyboard.press("Space")
    page.get_by_role("button", name="Зберегти й перейти до наступних").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messages")).to_be_visible()
    assert describe(axe_violations(page)) == []
    practice.refresh_from_db()
    assert practice.title_ru == "Консультационный пункт для иностранцев"
    title.refresh_from_db()
    assert title.status == TranslationState.REVIEWED

    # An error: the summary is shown, links to the box, and takes the focus.
    page.goto(f"{live_server.url}/uk/translations/grid/?language=ru&status=all"
              f"&edition={edition.year}")
    page.locator(f"#text-{title.pk}").fill("")
    page.get_by_role("button", name="Зберегти", exact=True).click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator(f'a[href="#text-{title.pk}"]')).to_be_visible()
    assert describe(axe_violations(page)) == []
