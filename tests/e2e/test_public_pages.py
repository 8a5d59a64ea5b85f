"""Browser tests of the public site: axe-core on every page type (pl, uk), and
the main journey: filter, switch language keeping filters, open a practice,
download the CSV. Kept few: each test loads a fresh database."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import describe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGE_TYPES = [
    "",
    "practices/",
    "practices/?city=lublin&year=2015&sort=city",
    "practices/?year=abc",  # a form error
    "practices/warszawa/komisja-dialogu-spolecznego/",
    "cities/",
    "cities/lublin/",
    "editions/",
    "editions/2015/",
    "editions/2015/methodology/",
    "propose/",
    "propose/thanks/",
]


@pytest.mark.parametrize("lang", ["pl", "uk"])
def test_every_public_page_type_has_no_axe_violations(
    page, live_server, edition_2015, axe_violations, lang
):
    found = {}
    for path in PAGE_TYPES:
        page.goto(f"{live_server.url}/{lang}/{path}")
        violations = describe(axe_violations(page))
        if violations:
            found[path] = violations
    # The open call's error state too.
    page.goto(f"{live_server.url}/{lang}/propose/")
    page.get_by_role("button").click()
    expect(page.locator(".error-summary")).to_be_visible()
    violations = describe(axe_violations(page))
    if violations:
        found["propose/ (errors)"] = violations
    assert found == {}


@pytest.mark.parametrize("lang", ["pl", "uk"])
def test_methodology_of_a_scored_edition_has_no_axe_violations(
    page, live_server, scored_edition, axe_violations, lang
):
    page.goto(f"{live_server.url}/{lang}/editions/{scored_edition.year}/methodology/")
    expect(page.locator(".score-profile")).to_have_count(2)
    expect(page.locator("table.conflicts tbody tr")).to_have_count(2)
    assert describe(axe_violations(page)) == []


@pytest.mark.parametrize("lang", ["pl", "uk"])
def test_city_timeline_of_recommendations_has_no_axe_violations(
    page, live_server, edition_2015, axe_violations, lang
):
    from practices.models import Award, Edition
    from reports.enums import RecommendationStatus, ReportStatus
    from reports.models import RecommendationProgress, Report

    award = Award.objects.filter(edition=edition_2015, practice__city__slug="lublin").first()
    later = Edition.objects.create(year=2016, phase="published", title_pl="Miasta Otwarte")
    report = Report.objects.create(edition=later, city=award.practice.city,
                                   status=ReportStatus.ACCEPTED)
    RecommendationProgress.objects.create(
        report=report, award=award, status=RecommendationStatus.IN_PROGRESS,
        note="Punkt działa w dwóch dzielnicach.", evidence_url="https://lublin.example/punkt",
    )
    page.goto(f"{live_server.url}/{lang}/cities/lublin/")
    expect(page.locator(".recommendation-timeline")).to_contain_text("Punkt działa")
    assert describe(axe_violations(page)) == []
    page.goto(f"{live_server.url}/{lang}{award.practice.get_absolute_url()[3:]}")
    expect(page.locator(".timeline-rows")).to_contain_text("Punkt działa")
    assert describe(axe_violations(page)) == []


def test_filter_switch_language_open_practice_download_csv(page, live_server, edition_2015):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{live_server.url}/pl/practices/")
    page.get_by_label("Miasto").select_option("lublin")
    page.get_by_label("Rok").select_option("2015")
    page.get_by_role("button", name="Pokaż").click()
    expect(page).to_have_url(re.compile(r"/pl/practices/\?(?=.*city=lublin)(?=.*year=2015)"))
    expect(page.locator(".practice-item")).to_have_count(5)

    page.get_by_role("link", name="Українська").click()
    expect(page).to_have_url(re.compile(r"/uk/practices/\?(?=.*city=lublin)(?=.*year=2015)"))
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.locator(".practice-item")).to_have_count(5)
    expect(page.get_by_label("Рік")).to_have_value("2015")

    # No horizontal scrolling at 360 px.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    csv_text = open(download_info.value.path(), encoding="utf-8-sig").read()
    assert csv_text.splitlines()[0].startswith("year,category,city,practice")
    assert len(csv_text.strip().splitlines()) == 6
    assert "Люблін" in csv_text

    page.locator(".practice-item h2 a").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Люблін")
    # 2015 is translated (issue 16): the Ukrainian text, no "Polish only" note.
    expect(page.locator("main")).to_contain_text("У своїй кадровій політиці")
    expect(page.locator(".fallback-note")).to_have_count(0)


@pytest.mark.parametrize("language", ["pl", "uk"])
def test_legal_pages_pass_axe(page, live_server, axe_violations, language):
    # Issue 30: the accessibility statement, privacy notice and contact page.
    for name in ("contact", "privacy", "accessibility"):
        page.goto(f"{live_server.url}/{language}/{name}/")
        assert describe(axe_violations(page)) == [], name


def test_a_failed_proposal_puts_the_keyboard_on_the_error_summary(page, live_server,
                                                                    axe_violations):
    page.goto(f"{live_server.url}/en/propose/")
    button = page.get_by_role("button", name="Send the proposal")
    button.focus()
    page.keyboard.press("Enter")
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    page.keyboard.press("Tab")  # the first error's link, then on to its field
    first = summary.locator("a").first
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == first.get_attribute("href")[1:]
    assert describe(axe_violations(page)) == []
