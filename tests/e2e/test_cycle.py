"""The cycle as people walk it, in Chromium, with one typed address.

`test_invite_score_decide_publish`: the short walk (one juror, no expert).
`test_whole_cycle_from_invitations_to_the_public`: issue 15's whole walk, from
the invitations of an expert and five jurors to the public award. After the
first address, people only click links and buttons, or open links from their
e-mails (django.core.mail.outbox); every invitee uses a browser of their own."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from jury.models import Conflict, Nomination, Score
from otwarte.models import SentMessage
from practices.enums import Phase
from practices.models import Award
from tests.conftest import PASSWORD
from tests.e2e.conftest import ACTION_TIMEOUT_MS, NAVIGATION_TIMEOUT_MS, describe
from tests.factories import CategoryFactory, CriterionFactory, NominationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = "Pierogi-z-Lublina-2016"


@pytest.fixture
def scoring_2016(organiser):
    from practices.models import Edition

    edition = Edition.objects.create(year=2016, title_pl="Miasta Otwarte",
                                     phase=Phase.JURY_SCORING)
    CriterionFactory(edition=edition, code="impact", name_pl="Wpływ", name_en="Impact",
                     name_uk="Вплив", name_ru="Влияние")
    nomination = NominationFactory(edition=edition, category=CategoryFactory())
    return edition, nomination


def log_in(page, username, password):
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.get_by_role("button", name=re.compile("Zaloguj|Log in|Увійти|Войти")).click()


def test_invite_score_decide_publish(page, live_server, scoring_2016, axe_violations):
    edition, nomination = scoring_2016
    page.goto(f"{live_server.url}/pl/login/")  # the only address typed
    assert describe(axe_violations(page)) == []
    log_in(page, "organiser", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("edycje")
    page.get_by_role("link", name=str(edition)).click()
    assert describe(axe_violations(page)) == []  # the cockpit

    # The organiser invites a juror from the cockpit.
    page.get_by_role("link", name="Zaproś jurora").click()
    page.fill("input[name=email]", "olena@example.org")
    page.fill("input[name=name]", "Olena Kowalenko")
    page.select_option("select[name=preferred_language]", "uk")
    page.get_by_role("button", name="Wyślij zaproszenie").click()
    expect(page.locator("body")).to_contain_text("Olena Kowalenko")
    page.get_by_role("button", name="Wyloguj się").click()

    # The juror follows the e-mail, sets a password, logs in, scores.
    link = re.search(r"http\S+/set-password/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    assert describe(axe_violations(page)) == []  # set password, in the juror's language
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.locator("main a", has_text=re.compile(".")).first.click()
    log_in(page, "olena@example.org", NEW_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/uk/jury/")
    page.locator(f"a[href$='/jury/nominations/{nomination.pk}/']").first.click()
    page.locator("input[type=radio][value='4']").first.check()
    page.locator("textarea[name=comment]").fill("Дуже добре.")
    page.locator("button[value=save]").click()
    page.locator("header form.account button").click()

    # The organiser closes scoring, reads the comment, decides and publishes.
    log_in(page, "organiser", PASSWORD)
    page.locator(".language-switcher a[hreflang=pl]").click()  # the juror left it in Ukrainian
    page.get_by_role("link", name=str(edition)).click()
    page.get_by_role("link", name=re.compile("Obrady")).click()
    expect(page.locator("main")).to_contain_text("Co się zmieni")
    assert describe(axe_violations(page)) == []  # the confirmation
    page.get_by_role("button", name="Potwierdź").click()
    page.get_by_role("link", name="Wyniki i decyzje").click()
    expect(page.locator("main")).to_contain_text("Дуже добре.")
    page.get_by_role("link", name="Przyznaj wyróżnienie").click()
    page.select_option("select[name=nomination]", str(nomination.pk))
    page.fill("textarea[name=recommendation_pl]", "Wzorowe działanie.")
    page.locator("button.primary").click()
    page.get_by_role("link", name=re.compile("Opublikuj edycję")).click()
    page.get_by_role("link", name=re.compile("Opublikowana")).click()
    expect(page.locator("main")).to_contain_text("stają się publiczne")
    page.get_by_role("button", name="Potwierdź").click()
    edition.refresh_from_db()
    assert edition.phase == Phase.PUBLISHED

    # The public sees the award.
    page.get_by_role("button", name="Wyloguj się").click()
    page.get_by_role("link", name="Edycje").click()
    page.get_by_role("link", name=str(edition)).click()
    expect(page.locator("main")).to_contain_text(nomination.practice.title_pl)
    assert Award.objects.filter(edition=edition).count() == 1


# --- the whole cycle (issue 15) ---

JURORS = [  # name, e-mail, language; the last one declares a conflict
    ("Olena Kowalenko", "olena@example.org", "uk"),
    ("Dmitrij Iwanow", "dmitrij@example.org", "ru"),
    ("Amina Diallo", "amina@example.org", "en"),
    ("Tran Van Minh", "minh@example.org", "pl"),
    ("Marta Hrycenko", "marta@example.org", "uk"),
]
EXPERT = ("Anna", "Lubelska", "anna@example.org")
PRACTICE = "Lubelskie Centrum Wielokulturowe"
COMMENTS = ["Дуже добре.", "Очень хорошо.", "Very good.", "Bardzo dobrze."]


@pytest.fixture
def reports_2016(organiser):
    """Minimal: reference cities and categories, 2016 taking expert reports, one criterion."""
    from practices.models import Edition

    call_command("loaddata", "reference", verbosity=0)
    now = timezone.now()
    edition = Edition.objects.create(
        year=2016, title_pl="Miasta Otwarte", phase=Phase.EXPERT_REPORTS,
        reports_deadline=now + timedelta(days=9), scoring_deadline=now + timedelta(days=30),
    )
    CriterionFactory(edition=edition, code="impact", name_pl="Wpływ", name_en="Impact",
                     name_uk="Вплив", name_ru="Влияние")
    return edition


@pytest.fixture
def person(browser):
    """person() -> a page in a browser of its own (the invitee's own computer)."""
    contexts = []

    def open_browser():
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(ACTION_TIMEOUT_MS)
        page.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        return page

    yield open_browser
    for context in contexts:
        context.close()


def link_in_mail(address, kind):
    """The link of the latest e-mail to `address` of this kind (set-password or login)."""
    pattern = r"http\S+/set-password/\S+" if kind == "set-password" else r"http\S+/login/"
    bodies = [m.body for m in mail.outbox if address in m.to and re.search(pattern, m.body)]
    assert bodies, f"no {kind} e-mail to {address}"
    return re.search(pattern, bodies[-1]).group(0)


def set_password(page, axe_violations):
    """On the set-password page: choose the password, then go on to the login page."""
    assert describe(axe_violations(page)) == []
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile("/set-password/done/$"))
    assert describe(axe_violations(page)) == []  # "your password is set"
    page.locator("main a.button").click()


def back_to_cockpit(page, edition):
    """From any admin page: the admin's home, its cockpit button, the edition."""
    page.locator(".breadcrumbs a").first.click()
    page.get_by_role("link", name="Panel organizatorów: edycje, fazy, gotowość").click()
    page.get_by_role("link", name=str(edition)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(str(edition))


def move_to(page, phase_label, axe_violations):
    """The cockpit's phase button, its confirmation page, confirmed."""
    page.get_by_role("link", name=re.compile(f"„{phase_label}”")).click()
    expect(page.locator("main")).to_contain_text("Co się zmieni")
    assert describe(axe_violations(page)) == []
    page.get_by_role("button", name="Potwierdź").click()
    expect(page.locator(".messages")).to_have_text(f"Edycja jest teraz w fazie „{phase_label}”.")


def field(where, label):
    """An admin form field by its label ("E-mail:" for the label "e-mail")."""
    return where.get_by_label(re.compile(rf"^{re.escape(label)}:?$", re.IGNORECASE))


def choose_in_select2(page, container, text):
    container.locator(".select2-selection").click()
    page.locator(".select2-search__field").fill(text[:3])
    page.get_by_role("option", name=text).click()


def test_whole_cycle_from_invitations_to_the_public(
    page, live_server, reports_2016, person, axe_violations
):
    edition = reports_2016
    page.goto(f"{live_server.url}/pl/")  # the only address typed
    page.get_by_role("link", name="Logowanie (jury, eksperci, organizatorzy)").click()
    expect(page).to_have_url(re.compile("/pl/login/$"))
    assert describe(axe_violations(page)) == []
    log_in(page, "organiser", PASSWORD)
    page.get_by_role("link", name=str(edition)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(str(edition))
    assert describe(axe_violations(page)) == []  # the cockpit

    # The organiser invites an expert and assigns her to Lublin.
    first, last, expert_email = EXPERT
    page.get_by_role("link", name="Zaproś eksperta").click()
    field(page, "e-mail").fill(expert_email)
    field(page, "imię").fill(first)
    field(page, "nazwisko").fill(last)
    field(page, "edycja").select_option(label=str(edition))
    page.get_by_role("button", name="Wyślij zaproszenie").click()
    expect(page.locator(".messagelist")).to_contain_text(expert_email)
    back_to_cockpit(page, edition)
    page.get_by_role("link", name="Przypisz eksperta do miasta").click()
    field(page, "edycja").select_option(label=str(edition))
    field(page, "ekspert").select_option(label=expert_email)
    choose_in_select2(page, page.locator(".field-city"), "Lublin")
    page.get_by_role("button", name="Zapisz", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()
    back_to_cockpit(page, edition)

    # ... and the five jurors, each from the cockpit and back to it.
    jury_table = page.locator("main table").filter(has_text="Język")
    for name, email, language in JURORS:
        page.get_by_role("link", name="Zaproś jurora").click()
        field(page, "e-mail").fill(email)
        field(page, "nazwa").fill(name)
        page.get_by_label("preferowany język").select_option(language)
        page.get_by_role("button", name="Wyślij zaproszenie").click()
        expect(jury_table).to_contain_text(name)

    # The jurors take up their invitations, each in their own browser.
    jurors = {}
    for name, email, language in JURORS:
        jurors[email] = juror_page = person()
        juror_page.goto(link_in_mail(email, "set-password"))
        set_password(juror_page, axe_violations)
        expect(juror_page).to_have_url(re.compile(f"/{language}/login/$"))

    # The expert follows her e-mail, sets a password and files the Lublin report.
    expert = person()
    expert.goto(link_in_mail(expert_email, "set-password"))
    set_password(expert, axe_violations)
    log_in(expert, expert_email, NEW_PASSWORD)
    expect(expert.get_by_text("Twoje przydziały")).to_be_visible()
    expert.get_by_role("link", name=re.compile("Dodaj raport")).click()
    field(expert, "edycja").select_option(label=str(edition))
    choose_in_select2(expert, expert.locator(".field-city"), "Lublin")
    expert.get_by_role("button", name="Zapisz", exact=True).click()
    expect(expert.locator(".report-banner")).to_be_visible()
    expert.locator("#id_overview_pl").fill("Lublin prowadzi politykę integracyjną od 2013 roku.")
    proposals = expert.locator("#proposals-group")
    proposals.get_by_role("button", name=re.compile("Proponowana nominacja")).click()
    row = proposals.locator("#proposals-0")
    # The practice is new: the "+" beside the field adds it in a pop-up window.
    with expert.expect_popup() as popup_info:
        row.get_by_title(re.compile("^Dodaj")).click()
    popup = popup_info.value
    choose_in_select2(popup, popup.locator(".field-city"), "Lublin")
    popup.locator("#id_title_pl").fill(PRACTICE)
    popup.locator("#id_slug").fill("centrum-wielokulturowe")
    popup.get_by_role("button", name="Zapisz", exact=True).click()
    popup.wait_for_event("close")
    expect(row.locator(".field-practice")).to_contain_text(PRACTICE)
    field(row, "kategoria").select_option(index=1)
    row.locator("textarea[id$=justification_pl]").fill("Miejsce spotkań, porad i nauki języka.")
    expert.get_by_role("button", name="Zapisz i wyślij organizatorom").click()
    expect(expert.locator(".report-banner")).to_contain_text("Wysłany")

    # The organiser accepts the report (the expert is told) and nominates from it.
    page.reload()
    page.locator("main table").get_by_role("link", name="Wysłany").click()
    page.get_by_role("button", name="Przyjmij raport").click()
    expect(page.locator(".report-banner")).to_contain_text("Przyjęt")
    assert SentMessage.objects.filter(kind="report_accepted", recipient=expert_email).exists()
    back_to_cockpit(page, edition)
    page.get_by_role("link", name="Utwórz nominacje jury z przyjętych raportów").click()
    expect(page.locator("#content")).to_contain_text(PRACTICE)
    page.get_by_role("button", name="Tak, utwórz nominacje").click()
    expect(page.locator("#result_list")).to_contain_text(PRACTICE)
    back_to_cockpit(page, edition)
    expect(page.locator("[data-check=jury]")).to_contain_text("Jury jest w komplecie.")
    move_to(page, "Ocena jury", axe_violations)

    # The jurors follow the "scoring is open" e-mail; four score, one declares a conflict.
    for i, (name, email, language) in enumerate(JURORS):
        juror_page = jurors[email]
        juror_page.goto(link_in_mail(email, "login"))
        log_in(juror_page, email, NEW_PASSWORD)
        expect(juror_page).to_have_url(f"{live_server.url}/{language}/jury/")
        if i == 0:
            assert describe(axe_violations(juror_page)) == []  # the dashboard
        juror_page.get_by_role("link", name=re.compile(PRACTICE)).click()
        expect(juror_page.get_by_role("heading", level=1)).to_contain_text(PRACTICE)
        if i == 0:
            assert describe(axe_violations(juror_page)) == []  # the nomination
        if i < len(COMMENTS):
            juror_page.locator("input[type=radio][value='%d']" % (5 - i % 2)).check()
            juror_page.locator("textarea[name=comment]").fill(COMMENTS[i])
            juror_page.locator("button[value=save]").click()
            expect(juror_page.locator(".messages")).to_be_visible()
        else:
            juror_page.locator("a[href$='/conflict/']").click()
            expect(juror_page.locator("textarea[name=reason]")).to_be_visible()
            assert describe(axe_violations(juror_page)) == []  # the declaration
            juror_page.locator("textarea[name=reason]").fill("Pracuję w tym centrum.")
            juror_page.locator("main form button[type=submit]").click()
            expect(juror_page).to_have_url(f"{live_server.url}/{language}/jury/")
            assert describe(axe_violations(juror_page)) == []  # the dashboard, after it

    # The organiser closes scoring, reads the comments, decides and publishes.
    page.reload()
    expect(jury_table).to_contain_text("1 z 1")
    move_to(page, "Obrady", axe_violations)
    page.get_by_role("link", name="Wyniki i decyzje").click()
    page.locator("tr.comments summary").click()
    for comment in COMMENTS:
        expect(page.locator("tr.comments")).to_contain_text(comment)
    expect(page.locator("main")).to_contain_text("Pracuję w tym centrum.")
    assert describe(axe_violations(page)) == []  # the tally
    page.get_by_role("link", name="Przyznaj wyróżnienie").click()
    expect(page.get_by_label("Nominacja")).to_be_visible()
    assert describe(axe_violations(page)) == []  # the decide page
    nomination = Nomination.objects.get(edition=edition)
    page.get_by_label("Nominacja").select_option(str(nomination.pk))
    page.locator("textarea[name=recommendation_pl]").fill("Wzorowe miejsce spotkań.")
    page.locator("button.primary").click()
    expect(page.locator("ol.awards")).to_contain_text(PRACTICE)
    page.get_by_role("link", name="Opublikuj edycję w panelu organizatorów").click()
    move_to(page, "Opublikowana", axe_violations)
    edition.refresh_from_db()
    assert edition.phase == Phase.PUBLISHED

    # The public sees the award.
    page.get_by_role("button", name="Wyloguj się").click()
    page.get_by_role("link", name="Edycje").click()
    expect(page.get_by_role("link", name=str(edition))).to_be_visible()
    assert describe(axe_violations(page)) == []
    page.get_by_role("link", name=str(edition)).click()
    expect(page.locator("main")).to_contain_text(PRACTICE)
    assert describe(axe_violations(page)) == []
    page.locator("main").get_by_role("link", name=re.compile(PRACTICE)).first.click()
    expect(page.locator("main")).to_contain_text("Wzorowe miejsce spotkań.")
    assert describe(axe_violations(page)) == []
    assert Award.objects.get(edition=edition).practice == nomination.practice
    assert Score.objects.filter(nomination=nomination).count() == 4
    assert Conflict.objects.get(nomination=nomination).juror.name == JURORS[-1][0]
