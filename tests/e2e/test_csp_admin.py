"""The admin works under the strict Content-Security-Policy: no violations in the console."""

import pytest
from playwright.sync_api import expect

from practices.enums import Phase
from tests.conftest import PASSWORD
from tests.e2e.conftest import describe
from tests.factories import EditionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_admin_login_and_pages_have_no_csp_violations(page, live_server, edition_2015, organiser):
    organiser.is_superuser = True
    organiser.save()
    # Awards are added while an edition is in deliberation (the phase table).
    EditionFactory(phase=Phase.DELIBERATION)
    problems = []
    page.on(
        "console",
        lambda msg: problems.append(f"{page.url}: {msg.text} {msg.location}")
        if "Content Security Policy" in msg.text
        or (msg.type == "error" and "favicon.ico" not in msg.location.get("url", ""))
        else None,
    )
    page.goto(f"{live_server.url}/en/admin/login/")
    page.get_by_label("Username").fill("organiser")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#site-name")).to_be_visible()

    for path in [
        "/en/admin/practices/practice/",
        "/en/admin/practices/practice/?q=Lublin",
        "/en/admin/practices/practice/add/",  # filter_horizontal, autocomplete, prepopulated
        "/en/admin/practices/award/add/",  # inlines
        f"/en/admin/practices/edition/{edition_2015.pk}/history/",
    ]:
        # goto() returns after the load event: the admin's scripts have run.
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    # The select-multiple widget of filter_horizontal is built by admin JavaScript.
    page.goto(f"{live_server.url}/en/admin/practices/practice/add/")
    expect(page.locator("#id_categories_from")).to_be_visible()
    # modeltranslation's language tabs need jQuery UI, served from our own static files.
    expect(page.locator(".ui-tabs").first).to_be_visible()
    assert problems == []


def test_error_page_is_accessible(page, live_server, axe_violations):
    response = page.goto(f"{live_server.url}/pl/practices/nie-ma/takiej/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Nie znaleziono strony")
    assert describe(axe_violations(page)) == []
