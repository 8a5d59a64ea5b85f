"""The open-data page in four languages: no axe violations, no JavaScript needed to
download, and the release's zip reached by keyboard."""

import pytest
from playwright.sync_api import expect

from public.opendata.releases import freeze_release
from tests.e2e.conftest import describe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["pl", "en", "uk", "ru"])
def test_open_data_page_has_no_axe_violations(page, live_server, edition_2015, axe_violations,
                                              lang):  # fmt: skip
    release = freeze_release(edition=edition_2015)
    page.goto(f"{live_server.url}/{lang}/open-data/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_text(release.sha256)).to_be_visible()
    assert describe(axe_violations(page)) == []


def test_release_downloads_without_javascript(browser, live_server, edition_2015):
    release = freeze_release(edition=edition_2015)
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/open-data/")
    link = page.get_by_role("link", name=release.filename)
    link.focus()
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == release.filename
    context.close()
