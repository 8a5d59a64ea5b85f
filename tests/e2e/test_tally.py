"""The organisers' tally and award form in Chromium at 1280 and 768 px: axe-clean,
no clipped column (checked by element widths), and deciding without JavaScript."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from jury.services.scoring import declare_conflict, submit_scores
from practices.enums import Phase
from practices.models import Award
from practices.services import change_phase
from tests.conftest import PASSWORD
from tests.e2e.conftest import describe
from tests.factories import (
    CategoryFactory,
    CriterionFactory,
    EditionFactory,
    JurorFactory,
    NominationFactory,
    PracticeFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 768)


@pytest.fixture
def deliberation(organiser):
    edition = EditionFactory(phase=Phase.JURY_SCORING)
    names = ["Zaangażowanie samorządu", "Długofalowość działań", "Udział imigrantów",
             "Możliwość przeniesienia"]
    criteria = [CriterionFactory(edition=edition, name_pl=n, name_en=n, order=i,
                                 weight=Decimal(i + 1)) for i, n in enumerate(names)]
    categories = [CategoryFactory(), CategoryFactory()]
    long = "Międzysektorowy i interdyscyplinarny zespół do spraw modelu integracji imigrantów"
    nominations = [
        NominationFactory(edition=edition, category=categories[i % 2],
                          practice=PracticeFactory(title_pl=f"{long} {i}"))
        for i in range(6)
    ]
    jurors = [JurorFactory(name=f"Juror {i}") for i in range(5)]
    for j, juror in enumerate(jurors):
        juror.editions.add(edition)
        for n, nomination in enumerate(nominations):
            submit_scores(juror=juror, nomination=nomination,
                          values={c.pk: 1 + (j * 3 + n + k) % 5 for k, c in enumerate(criteria)})
    declare_conflict(juror=jurors[0], nomination=nominations[0], reason="Praca.")
    change_phase(edition=edition, phase=Phase.DELIBERATION)
    PracticeFactory(title_pl="Punkt konsultacyjny dla cudzoziemców")
    return edition, nominations


def log_in(page, live_server):
    page.goto(f"{live_server.url}/en/login/")
    page.fill("input[name=username]", "organiser")
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url("**/cockpit/")  # the organisers' start page


def clipped(page):
    """Elements of the tables that end right of the viewport or of their table's box."""
    return page.evaluate(
        """() => {
          const out = [];
          const width = document.documentElement.clientWidth;
          for (const table of document.querySelectorAll('table')) {
            const box = table.parentElement.getBoundingClientRect();
            if (table.scrollWidth > table.parentElement.clientWidth + 1)
              out.push('table wider than its box: ' + table.scrollWidth);
            for (const cell of table.querySelectorAll('th, td')) {
              const r = cell.getBoundingClientRect();
              if (r.right > Math.min(width, box.right) + 1) out.push(cell.textContent.trim());
            }
          }
          if (document.documentElement.scrollWidth > width + 1) out.push('page scrolls sideways');
          return out;
        }"""
    )


def test_tally_and_award_form_fit_and_pass_axe(page, live_server, deliberation,
                                               axe_violations):
    edition, _nominations = deliberation
    log_in(page, live_server)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for path in (f"/en/jury/organiser/{edition.year}/",
                     f"/en/jury/organiser/{edition.year}/?sort=spread",
                     f"/en/jury/organiser/{edition.year}/jurors/",
                     f"/en/jury/organiser/{edition.year}/decide/"):
            page.goto(f"{live_server.url}{path}")
            assert describe(axe_violations(page)) == [], (width, path)
            assert clipped(page) == [], (width, path)


def test_decide_without_javascript(browser, live_server, deliberation):
    edition, nominations = deliberation
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server)
    page.goto(f"{live_server.url}/en/jury/organiser/{edition.year}/decide/")
    page.select_option("select[name=nomination]", str(nominations[1].pk))
    page.fill("input[name=similar_search]", "konsultacyjny")
    page.fill("textarea[name=recommendation_en]", "We recommend it.")
    page.click("button[name=search]")
    found = page.get_by_label("Punkt konsultacyjny dla cudzoziemców", exact=False)
    expect(found.first).to_be_visible()
    expect(page.locator("textarea[name=recommendation_en]")).to_have_value("We recommend it.")
    found.first.check()
    page.click("button.primary")
    page.wait_for_url(f"**/jury/organiser/{edition.year}/")
    award = Award.objects.get(practice=nominations[1].practice)
    assert award.recommendation_en == "We recommend it."
    assert award.similar_actions.get().practice.title_pl.startswith("Punkt konsultacyjny")
    context.close()
