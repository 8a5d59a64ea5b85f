"""The cycle as people walk it, in Chromium, with one typed address (the login):
the organiser invites a juror from the cockpit, the juror follows the e-mail,
sets a password, logs in and scores; the organiser closes scoring, decides and
publishes from the cockpit after confirming; the public sees the award.

Shorter than issue 15's full walk: the expert's report, nominating from
reports and five jurors (one with a conflict) are covered by other tests."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from practices.enums import Phase
from practices.models import Award
from tests.conftest import PASSWORD
from tests.e2e.conftest import describe
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
    page.get_by_role("button", name=re.compile("Zaloguj|Log in|Увійти")).click()


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
