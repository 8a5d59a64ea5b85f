"""The cities' check of their award texts, walked in Chromium: the organiser sends
Lublin's contact a link from the cockpit, the city opens it from the e-mail (no
account) and proposes a correction, the organiser accepts it beside the draft
and the draft changes; a tampered link gets the clear page. axe on each page.

Elements are found by their names and attributes, not their (translated) text."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from practices.models import Award
from tests.conftest import PASSWORD
from tests.e2e.conftest import describe
from tests.e2e.test_cycle import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_city_checks_its_award_text(page, browser, live_server, organiser, check_world,
                                    axe_violations):
    year, award = check_world.edition.year, check_world.award
    page.goto(f"{live_server.url}/en/login/")
    log_in(page, "organiser", PASSWORD)
    page.goto(f"{live_server.url}/en/cockpit/{year}/")
    page.locator(f'a[href="/en/cockpit/{year}/city-checks/"]').first.click()
    row = page.locator('tr[data-city="lublin-c"]')
    row.locator('input[name$="contact_name"]').fill("Anna Nowak")
    row.locator('input[name$="contact_email"]').fill("anna@lublin.example")
    row.locator('button[type="submit"]').last.click()
    expect(page.locator(".message-success")).to_be_visible()
    assert describe(axe_violations(page)) == []
    (message,) = mail.outbox
    link = re.search(r"(http://\S+/pl/city-check/\S+/)", message.body).group(1)

    # The city: no account, a fresh browser.
    city = browser.new_page()
    city.goto(link)
    expect(city.locator(".draft")).to_contain_text("Rekomendacja lubelska.")
    expect(city.locator("body")).not_to_contain_text("Opis gdański.")
    assert describe(axe_violations(city)) == []
    city.locator('input[type="radio"][value="correction"]').check()
    city.locator("details summary").click()
    city.locator('textarea[name$="-recommendation"]').fill("Rekomendacja poprawiona przez miasto.")
    city.locator('textarea[name$="-comment"]').fill("Zmieniła się nazwa biura.")
    city.locator('form.city-check-form button[type="submit"]').click()
    expect(city.locator('.notice[role="status"]')).to_be_visible()
    assert describe(axe_violations(city)) == []

    # The organiser sees it beside the draft, and accepts it.
    page.goto(f"{live_server.url}/en/cockpit/{year}/city-checks/")
    expect(page.locator('tr[data-city="lublin-c"] .city-answer')).not_to_have_text("waiting")
    correction = page.locator("section.correction")
    expect(correction).to_contain_text("Rekomendacja lubelska.")
    expect(correction).to_contain_text("Rekomendacja poprawiona przez miasto.")
    assert describe(axe_violations(page)) == []
    correction.locator('button[value="accept"]').click()
    expect(page.locator(".message-success")).to_be_visible()
    award.refresh_from_db()
    assert award.recommendation_pl == "Rekomendacja poprawiona przez miasto."
    assert award.history.first().history_user_id == organiser.pk

    # A tampered link: the clear page, nothing of the draft.
    city.goto(link[:-8] + "tampered/")
    expect(city.locator("h1")).to_be_visible()
    expect(city.locator("body")).not_to_contain_text("Rekomendacja")
    assert describe(axe_violations(city)) == []
    city.close()
