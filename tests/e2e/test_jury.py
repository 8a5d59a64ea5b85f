"""A juror scores by keyboard alone on a phone-sized screen; axe-core checks the pages."""

import re

import pytest
from playwright.sync_api import expect

from jury.models import Conflict, Score
from practices.enums import Phase
from tests.conftest import PASSWORD
from tests.e2e.conftest import describe
from tests.factories import (
    CategoryFactory,
    CriterionFactory,
    EditionFactory,
    JurorFactory,
    NominationFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def jury_setup(juror_a):
    edition = EditionFactory(phase=Phase.JURY_SCORING)
    CriterionFactory(edition=edition, name_pl="Zaangażowanie", name_en="Engagement",
                     description_en="How much the city government takes part.", order=1)
    CriterionFactory(edition=edition, name_pl="Długofalowość", name_en="Durability", order=2)
    category = CategoryFactory()
    nominations = [NominationFactory(edition=edition, category=category) for _ in range(4)]
    juror = JurorFactory(user=juror_a, name="Juror A", preferred_language="en")
    juror.editions.add(edition)
    return nominations


def tab_to(page, selector, limit=40):
    """Press Tab until the focused element matches the selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def score_by_keyboard(page, first, second):
    tab_to(page, "input[type=radio]")
    page.keyboard.press("Space")
    for _ in range(first - 1):
        page.keyboard.press("ArrowRight")
    # On to the next criterion's radio group (past its "Polish original" disclosure).
    first_group = page.evaluate("() => document.activeElement.name")
    tab_to(page, f"input[type=radio]:not([name='{first_group}'])")
    page.keyboard.press("Space")
    for _ in range(second - 1):
        page.keyboard.press("ArrowRight")
    tab_to(page, "textarea")
    page.keyboard.type("Dobre działanie.")
    tab_to(page, "button[value=save_next]")
    page.keyboard.press("Enter")


def test_juror_scores_two_by_keyboard_declares_conflict_and_sees_progress(
    page, live_server, jury_setup, axe_violations
):
    page.set_viewport_size({"width": 390, "height": 844})
    first, second, third, _fourth = jury_setup
    page.goto(f"{live_server.url}/en/jury/login/")
    assert describe(axe_violations(page)) == []
    tab_to(page, "input[name=username]")
    page.keyboard.type("juror_a")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator(".progress-text")).to_contain_text("0 of 4 scored")
    assert describe(axe_violations(page)) == []

    tab_to(page, f"a[href$='/jury/nominations/{first.pk}/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(first.practice.title_pl)
    assert describe(axe_violations(page)) == []
    score_by_keyboard(page, 4, 2)

    expect(page).to_have_url(f"{live_server.url}/en/jury/nominations/{second.pk}/")
    expect(page.locator(".progress-text")).to_contain_text("1 of 4 scored")
    score_by_keyboard(page, 5, 3)

    expect(page).to_have_url(f"{live_server.url}/en/jury/nominations/{third.pk}/")
    expect(page.locator(".progress-text")).to_contain_text("2 of 4 scored")
    tab_to(page, "a[href$='/conflict/']")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Declare a conflict of interest")
    assert describe(axe_violations(page)) == []
    tab_to(page, "textarea[name=reason]")
    page.keyboard.type("I volunteer for this organisation.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/en/jury/")
    expect(page.locator(".progress-text")).to_contain_text("2 of 3 scored")
    expect(page.locator(".progress-text")).to_contain_text("1 conflict of interest")
    assert describe(axe_violations(page)) == []

    assert sorted(Score.objects.filter(nomination=first).values_list("value", flat=True)) == [2, 4]
    assert sorted(Score.objects.filter(nomination=second).values_list("value", flat=True)) == [3, 5]
    assert Conflict.objects.get().nomination == third


def test_scoring_errors_page_has_no_axe_violations(page, live_server, jury_setup,
                                                   axe_violations):
    first = jury_setup[0]
    page.goto(f"{live_server.url}/uk/jury/login/")
    page.fill("input[name=username]", "juror_a")
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    # Signed in only once the login's redirect (to the juror's language) has landed.
    expect(page).to_have_url(re.compile(r"/(pl|en|uk|ru)/jury/$"))
    page.goto(f"{live_server.url}/uk/jury/nominations/{first.pk}/")
    page.locator("button[value=save]").press("Enter")  # nothing chosen: errors
    expect(page.locator(".criterion.has-errors")).to_have_count(2)
    assert describe(axe_violations(page)) == []
