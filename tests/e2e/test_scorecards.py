"""A scorecard cycle in Chromium (issue 27): the organiser copies last year's 3 areas ×
3 indicators into this year's round and opens Lublin's link in the admin; the city
answers with evidence through the link (no account); Lublin's expert verifies in the
admin with one disagreement; 12 migrants have answered the city survey (services);
the organiser publishes; the public page shows the three views and the gap flag in
Polish and Ukrainian, axe-clean, also with JavaScript off."""

import re

import pytest
from playwright.sync_api import expect

from scorecards.models import Answer, Indicator, Round
from tests.conftest import PASSWORD
from tests.e2e.conftest import (
    ACTION_TIMEOUT_MS,
    NAVIGATION_TIMEOUT_MS,
    describe,
    describe_admin,
)
from tests.factories import AssignmentFactory
from tests.scorecards.world import THIS_YEAR, build_world, migrants_answer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def admin_log_in(page, url, username):
    page.goto(f"{url}/en/admin/login/?next=/en/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def run_action(page, url, model, label, action):
    page.goto(f"{url}/en/admin/scorecards/{model}/")
    page.get_by_role("row", name=re.compile(label)).get_by_role("checkbox").check()
    page.locator('select[name="action"]').select_option(action)
    page.locator('button[name="index"]').click()
    expect(page.locator(".messagelist .success")).to_be_visible()


def organiser_defines_and_opens_link(page, url, world, axe):
    admin_log_in(page, url, "organiser")
    page.goto(f"{url}/en/admin/scorecards/round/add/")
    page.get_by_label("Edition").select_option(label=str(world.edition))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    run_action(page, url, "round", str(THIS_YEAR), "copy_previous")
    assert describe_admin(axe(page)) == []
    round = Round.objects.get(edition=world.edition)
    assert Indicator.objects.filter(round=round).count() == 9

    page.goto(f"{url}/en/admin/scorecards/cityscorecard/add/")
    page.get_by_label("Round").select_option(label=str(THIS_YEAR))
    page.get_by_label("City").select_option(label="Lublin")
    page.get_by_label("Contact person").fill("Anna Nowak")
    page.get_by_label("Contact e-mail").fill("anna@lublin.example")
    page.locator("#id_deadline_0").fill("2099-12-31")
    page.locator("#id_deadline_1").fill("12:00:00")
    page.get_by_role("button", name="Save", exact=True).click()
    message = page.locator(".messagelist .warning")
    expect(message).to_contain_text("/scorecards/answer/")
    return re.search(r"(http://\S+/scorecards/answer/\S+/)", message.inner_text()).group(1)


def city_answers(browser, link, axe):
    city = browser.new_page()
    city.goto(link)
    assert describe(axe(city)) == []
    fieldsets = city.locator("form.scorecard-form fieldset[id^=indicator-]")
    expect(fieldsets).to_have_count(9)
    for i in range(9):
        fieldset = fieldsets.nth(i)
        fieldset.locator('input[type="radio"]').last.check()  # 100 points
        fieldset.locator('input[name$="-evidence_url"]').fill("https://lublin.example/uchwala")
    city.locator('form.scorecard-form button[type="submit"]').click()
    expect(city.locator('.notice[role="status"]')).to_be_visible()
    assert describe(axe(city)) == []
    city.close()


def expert_verifies(browser, url, axe):
    context = browser.new_context()
    page = context.new_page()
    admin_log_in(page, url, "expert_lublin")
    page.goto(f"{url}/en/admin/scorecards/cityscorecard/")
    page.get_by_role("link", name="Lublin").click()
    rows = page.locator("tr.form-row.has_original")
    expect(rows).to_have_count(9)
    for i in range(9):
        rows.nth(i).locator('select[name$="-verdict"]').select_option("agree")
    # One disagreement: the first participation indicator is, in the expert's view, absent.
    different = page.locator("tr.form-row", has_text="participation-1")
    different.locator('select[name$="-verdict"]').select_option("different")
    different.locator('select[name$="-verified_grade"]').select_option(label="Brak (0)")
    different.locator('textarea[name$="-verification_note"]').fill("Uchwała nie obejmuje cudzoziemców.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert describe_admin(axe(page)) == []
    context.close()


def public_page_shows_three_views(page, url, language, axe=None):
    page.goto(f"{url}/{language}/scorecards/{THIS_YEAR}/lublin-s/")
    summary = page.locator("table#summary")
    expect(summary.locator("tbody tr")).to_have_count(3)
    expect(page.locator(".gap-flag").first).to_be_visible()
    expect(page.locator("tr.has-gap")).to_have_count(1)
    expect(page.locator("a[href='https://lublin.example/uchwala']").first).to_be_visible()
    expect(page.locator(".disagreement")).to_have_count(1)
    if axe is not None:  # axe runs in the page: not without JavaScript (same HTML)
        assert describe(axe(page)) == []


def test_scorecard_cycle(page, browser, live_server, organiser, expert_lublin, axe_violations):
    world = build_world()
    AssignmentFactory(edition=world.edition, expert=expert_lublin, city=world.lublin)
    migrants_answer(world)  # 12 migrants rate Lublin's services; information low
    url = live_server.url

    link = organiser_defines_and_opens_link(page, url, world, axe_violations)
    city_answers(browser, link, axe_violations)
    answers = Answer.objects.filter(scorecard__round__edition=world.edition)
    assert answers.filter(grade__points=100).count() == 9
    expert_verifies(browser, url, axe_violations)
    assert answers.filter(verdict="different").count() == 1
    assert answers.filter(verdict="agree").count() == 8
    run_action(page, url, "round", str(THIS_YEAR), "publish")

    for language in ("pl", "uk"):
        public_page_shows_three_views(page, url, language, axe_violations)
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator('span[lang="pl"]', has_text="Mieszkalnictwo").first).to_be_visible()
    page.goto(f"{url}/uk/scorecards/{THIS_YEAR}/")
    expect(page.locator("figure.chart svg[role='img']")).to_be_visible()
    expect(page.locator("table.views tbody tr")).to_have_count(1)
    assert describe(axe_violations(page)) == []

    # Without JavaScript: the same page, the same views.
    context = browser.new_context(java_script_enabled=False)
    bare = context.new_page()
    bare.set_default_timeout(ACTION_TIMEOUT_MS)
    bare.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    public_page_shows_three_views(bare, url, "uk")
    context.close()
