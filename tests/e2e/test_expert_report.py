"""An expert signs in to the admin and files the Lublin 2016 report end to end."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from practices.enums import Phase
from practices.models import City
from reports.enums import ReportStatus
from reports.models import Report
from tests.conftest import PASSWORD
from tests.e2e.conftest import ACTION_TIMEOUT_MS, NAVIGATION_TIMEOUT_MS, describe_admin
from tests.factories import AssignmentFactory, EditionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_expert_files_a_report_end_to_end(
    page, live_server, edition_2015, expert_lublin, axe_violations
):
    edition = EditionFactory(
        year=2016, phase=Phase.EXPERT_REPORTS, reports_deadline=timezone.now() + timedelta(days=9)
    )
    AssignmentFactory(edition=edition, expert=expert_lublin, city=City.objects.get(slug="lublin"))

    page.goto(f"{live_server.url}/en/admin/login/?next=/en/admin/reports/report/")
    page.get_by_label("Username").fill("expert_lublin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Your assignments")).to_be_visible()
    assert describe_admin(axe_violations(page)) == []

    page.get_by_role("link", name="Add expert report").click()
    page.get_by_label("Edition").select_option(label=str(edition))
    page.locator(".field-city .select2-selection").click()
    page.locator(".select2-search__field").fill("Lub")
    page.get_by_role("option", name="Lublin").click()
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".report-banner")).to_contain_text("Draft")
    assert describe_admin(axe_violations(page)) == []
    # Translation tabs: the admin runs in English, so open the Polish tab first.
    page.locator('li[aria-controls="tab_id_overview_pl"] a').click()
    page.locator("#id_overview_pl").fill("Lublin prowadzi politykę integracyjną od 2013 roku.")
    page.locator("#id_follow_ups-0-status").select_option("continued")
    page.get_by_role("button", name="Save and submit to the organisers").click()

    expect(page.locator(".report-banner")).to_contain_text("Submitted")
    expect(page.get_by_role("button", name="Save and submit to the organisers")).to_have_count(0)
    assert describe_admin(axe_violations(page)) == []
    report = Report.objects.get(edition=edition)
    assert report.status == ReportStatus.SUBMITTED
    assert report.follow_ups.filter(status="continued").count() == 1


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    yield page
    context.close()


def test_expert_files_a_report_without_javascript(
    page_without_javascript, live_server, edition_2015, expert_lublin
):
    page = page_without_javascript
    edition = EditionFactory(
        year=2016, phase=Phase.EXPERT_REPORTS, reports_deadline=timezone.now() + timedelta(days=9)
    )
    lublin = City.objects.get(slug="lublin")
    AssignmentFactory(edition=edition, expert=expert_lublin, city=lublin)

    page.goto(f"{live_server.url}/en/admin/login/?next=/en/admin/reports/report/")
    page.get_by_label("Username").fill("expert_lublin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Add expert report").click()
    page.get_by_label("Edition").select_option(label=str(edition))
    # The autocomplete is a plain select: the expert's assigned city only.
    city = page.locator("select[name=city]")
    expect(city.locator("option:not([value=''])")).to_have_text(["Lublin"])
    city.select_option(label="Lublin")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".report-banner")).to_contain_text("Draft")
    # No language tabs without JavaScript: every language's field is on the page.
    page.locator("#id_overview_pl").fill("Lublin prowadzi politykę integracyjną od 2013 roku.")
    page.locator("#id_follow_ups-0-status").select_option("continued")
    page.get_by_role("button", name="Save and submit to the organisers").click()

    expect(page.locator(".report-banner")).to_contain_text("Submitted")
    report = Report.objects.get(edition=edition)
    assert report.status == ReportStatus.SUBMITTED
    assert report.city == lublin
    assert report.follow_ups.filter(status="continued").count() == 1
