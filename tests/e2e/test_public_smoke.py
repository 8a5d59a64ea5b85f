import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import describe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def loaded_2015(edition_2015):
    return edition_2015


@pytest.mark.parametrize(
    ("lang", "title"),
    [("pl", "Komisja Dialogu Społecznego"), ("uk", "Комісія соціального діалогу")],
)
def test_home_and_practice_pages_have_no_axe_violations(
    page, live_server, loaded_2015, axe_violations, lang, title
):
    page.goto(f"{live_server.url}/{lang}/")
    assert describe(axe_violations(page)) == []
    page.locator("a[href$='/warszawa/komisja-dialogu-spolecznego/']").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    assert describe(axe_violations(page)) == []


def test_keyboard_user_reaches_an_award_and_switches_language(page, live_server, loaded_2015):
    page.goto(f"{live_server.url}/pl/")
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.get_by_role("link", name="English").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
