"""The API's documentation page (/api/v1/docs/, generated from the OpenAPI document):
axe-core finds nothing, and a keyboard reaches an operation from the list."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import describe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_api_docs_page_has_no_axe_violations(page, live_server, edition_2015, axe_violations):
    page.goto(f"{live_server.url}/api/v1/docs/")
    assert describe(axe_violations(page)) == []
    expect(page.locator("html")).to_have_attribute("lang", "en")
    link = page.get_by_role("link", name="GET /api/v1/surveys/{kind}/{year}/")
    link.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/api/v1/docs/#getSurvey")
