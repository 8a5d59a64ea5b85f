"""The consular pilot answered in Ukrainian on a 375 px screen: keyboard only with axe
clean, and once more with JavaScript switched off (e-mail link)."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from surveys import services
from surveys.models import Response
from surveys.pilot import create_consular_pilot
from tests.e2e.conftest import describe
from tests.surveys.conftest import consular_posts

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
CHECKED = "n => document.querySelector(`input[name=${n}]:checked`)?.value"


@pytest.fixture
def pilot(db):
    consular_posts()
    today = timezone.localdate()
    return create_consular_pilot(
        year=2026, opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=30)
    )


def tab_to(page, selector, limit=80):
    """Press Tab until the focused element matches the selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    seen = page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    raise AssertionError(f"Tab never reached {selector}; at {seen}")


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_pilot_in_ukrainian_at_375px_by_keyboard_with_axe_clean(
    page, live_server, pilot, axe_violations
):
    code = services.generate_code_batch(survey=pilot, label="Фонд", size=1).codes.get().code
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/uk/surveys/consular/2026/")
    expect(page.locator("html")).to_have_attribute("lang", "uk")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Пілотний рейтинг консульського обслуговування"
    )
    found = {}
    if violations := describe(axe_violations(page)):
        found["form"] = violations
    assert no_horizontal_scroll(page)

    # Sent empty first: the error state must be accessible too.
    tab_to(page, "button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_be_visible()
    if violations := describe(axe_violations(page)):
        found["errors"] = violations

    tab_to(page, "select[name=target]")
    for _ in range(3):  # — оберіть —, Київ, Харків, Львів
        page.keyboard.press("ArrowDown")
    # Five criteria: Tab into each radio group, then arrows until the value is chosen
    # (after the error page the optional ones start at "I don't know").
    chosen = {"waiting": 4, "information": 3, "language": 5, "courtesy": 4, "overall": 5}
    for name, value in chosen.items():
        tab_to(page, f"input[name=c_{name}]")
        page.keyboard.press("Space")
        for _ in range(7):
            if page.evaluate(CHECKED, f"c_{name}") == str(value):
                break
            page.keyboard.press("ArrowDown")
    tab_to(page, "select[name=q_purpose]")
    for _ in range(2):  # — не хочу відповідати —, робота, навчання
        page.keyboard.press("ArrowDown")
    tab_to(page, "textarea[name=comment]")
    page.keyboard.type("Довго чекала на запис.")
    tab_to(page, "input[name=code]")
    page.keyboard.type(services.format_code(code).lower())
    tab_to(page, "input[name=consent]")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    errors = page.locator(".errorlist").all_inner_texts()
    assert errors == [], errors
    expect(page.get_by_role("heading", level=1)).to_have_text("Ваші відповіді")
    expect(page.get_by_role("status")).to_contain_text("підтверджено")
    if violations := describe(axe_violations(page)):
        found["confirmed"] = violations
    assert no_horizontal_scroll(page)
    assert found == {}

    response = Response.objects.counted().get()
    assert response.target.slug == "lviv" and response.language == "uk"
    values = dict(response.answers.values_list("criterion__code", "value"))
    assert values == {"waiting": 4, "information": 3, "language": 5, "courtesy": 4, "overall": 5}
    assert response.context_answers.get().choice == 1  # навчання


def test_pilot_without_javascript_by_email_link(browser, live_server, pilot, axe_violations):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="uk-UA")
    page = context.new_page()
    page.goto(f"{live_server.url}/uk/surveys/consular/2026/")
    page.get_by_label("Який консульський пункт ви відвідали?").select_option(label="Київ")
    for fieldset in page.locator("fieldset").all():
        fieldset.get_by_role("radio").nth(3).check()
    page.get_by_label("Ваша адреса електронної пошти").fill("olena@example.org")
    page.locator("input[name=consent]").check()
    page.get_by_role("button", name="Надіслати відповіді").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Перевірте пошту")
    assert Response.objects.get().state == "pending"

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_role("status")).to_contain_text("підтверджено")
    assert Response.objects.counted().count() == 1
    # Change through the same link: replaces, never adds.
    page.locator("fieldset").last.get_by_role("radio").nth(0).check()
    page.get_by_role("button", name="Зберегти зміни").click()
    expect(page.get_by_role("status")).to_contain_text("збережено")
    assert Response.objects.count() == 1
    assert Response.objects.get().answers.get(criterion__code="overall").value == 1
    context.close()


def test_ranking_with_rank_sets_and_russian_form_with_fallbacks_axe_clean(
    page, live_server, pilot, axe_violations
):
    from surveys.models import Target

    codes = iter(services.generate_code_batch(survey=pilot, label="x", size=30).codes.all())
    for slug, values in {"kyiv": [4, 5, 3], "lviv": [3, 5, 4], "minsk": [1, 2, 2]}.items():
        target = Target.objects.get(kind="consular", slug=slug)
        for i in range(10):
            chosen = {c: values[i % 3] for c in pilot.criteria.all()}
            services.submit_by_code(
                survey=pilot,
                answers=services.Answers(target=target, values=chosen, context={}),
                code=next(codes),
                language="ru",
            )
    services.review_responses(responses=Response.objects.all(), by=None)
    pilot.results_published = True
    pilot.save()
    polish_only = Target.objects.create(
        kind="consular", slug="x", name_pl="Łuck II", country="UA"
    )
    pilot.targets.add(polish_only)
    page.set_viewport_size(PHONE)
    found = {}
    page.goto(f"{live_server.url}/ru/surveys/consular/2026/results/")
    expect(page.get_by_role("heading", name="Как читать рейтинг")).to_be_visible()
    expect(page.locator("td", has_text="1–2").first).to_be_visible()
    if violations := describe(axe_violations(page)):
        found["results"] = violations
    page.goto(f"{live_server.url}/ru/surveys/consular/2026/")
    expect(page.locator('option[lang="pl"]')).to_have_text("Łuck II (по-польски)")
    if violations := describe(axe_violations(page)):
        found["form"] = violations
    assert found == {}
