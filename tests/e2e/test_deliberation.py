"""Deliberation in Chromium (issue 31, "Done when"): five jurors (uk, ru, en, pl, pl)
have scored a nomination with a real disagreement; it is flagged with its reason; two
jurors post in different languages, a translation is added, one juror revises a score
with a reason; the tally, the robustness check and the methodology page follow; each
juror got an e-mail in their language. Without JavaScript, by keyboard, axe-clean."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail as outbox
from playwright.sync_api import expect

from jury.models import Post, ScoreChange
from jury.services.scoring import submit_scores
from otwarte.models import SentMessage
from otwarte.roles import Role
from practices.enums import Phase
from practices.models import Edition
from practices.services import change_phase
from tests.conftest import PASSWORD
from tests.e2e.conftest import describe
from tests.factories import (
    AwardFactory,
    CategoryFactory,
    CriterionFactory,
    EditionFactory,
    JurorFactory,
    NominationFactory,
    PracticeFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["uk", "ru", "en", "pl", "pl"]
# The deliberation-opened subject in each language.
OPENED = {
    "uk": "обговорення журі відкрито", "ru": "обсуждение жюри открыто",
    "en": "the jury's deliberation is open", "pl": "obrady jury są otwarte",
}


@pytest.fixture
def jury(organiser):
    edition = EditionFactory(phase=Phase.JURY_SCORING)
    engagement = CriterionFactory(edition=edition, name_pl="Zaangażowanie",
                                  name_en="Engagement", name_uk="Залучення",
                                  name_ru="Вовлечение", weight=Decimal(2), order=0)
    durability = CriterionFactory(edition=edition, name_pl="Trwałość", name_en="Durability",
                                  name_uk="Тривалість", name_ru="Устойчивость", order=1)
    category = CategoryFactory()
    disputed = NominationFactory(edition=edition, category=category,
                                 practice=PracticeFactory(title_pl="Punkt dla cudzoziemców"))
    others = [NominationFactory(edition=edition, category=category) for _ in range(4)]
    group = Group.objects.get(name=Role.JUROR)
    jurors = []
    for i, language in enumerate(LANGUAGES):
        user = UserFactory(username=f"juror-{i}-{language}", password=PASSWORD)
        user.groups.add(group)
        juror = JurorFactory(user=user, name=f"Juror {i} {language}",
                             preferred_language=language)
        juror.editions.add(edition)
        jurors.append(juror)
    # The disputed nomination: the ru juror gives 1 where everyone else gives 5.
    for juror, value in zip(jurors, (5, 1, 5, 5, 5)):
        submit_scores(juror=juror, nomination=disputed,
                      values={engagement.pk: value, durability.pk: 5})
    for nomination, value in zip(others, (4, 3, 2, 1)):
        for juror in jurors:
            submit_scores(juror=juror, nomination=nomination,
                          values={engagement.pk: value, durability.pk: value})
    change_phase(edition=edition, phase=Phase.DELIBERATION)  # commits: threads, e-mails
    AwardFactory(edition=edition, category=category, practice=disputed.practice)
    return edition, disputed, jurors


def log_in(page, live_server, username, language="en"):
    page.goto(f"{live_server.url}/{language}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state()


def test_five_jurors_deliberate_in_their_languages(browser, live_server, jury, axe_violations):
    edition, disputed, jurors = jury
    uk, ru, en = jurors[0], jurors[1], jurors[2]

    # Each juror was told in their own language that the deliberation is open.
    for juror in jurors:
        message = SentMessage.objects.get(kind="deliberation_opened", recipient=juror.user.email)
        assert message.language == juror.preferred_language
        assert OPENED[juror.preferred_language] in message.subject

    def context_page(javascript=True):
        # axe needs JavaScript; the Ukrainian juror posts without it.
        context = browser.new_context(java_script_enabled=javascript)
        return context, context.new_page()

    # The organisers' tally: flagged, with its reason; the margin before.
    org_context, org = context_page()
    log_in(org, live_server, "organiser")
    tally = f"{live_server.url}/en/jury/organiser/{edition.year}/"
    org.goto(tally)
    row = org.locator("tr", has_text="Punkt dla cudzoziemców").first
    expect(row).to_contain_text("to discuss")
    expect(row).to_contain_text("Jurors disagree on “Engagement”")
    expect(org.locator(".robustness-facts").first).to_contain_text("0.47 points")
    assert describe(axe_violations(org)) == []

    # The Ukrainian juror posts in Ukrainian, by keyboard, without JavaScript.
    uk_context, page = context_page(javascript=False)
    log_in(page, live_server, uk.user.username, "uk")
    page.goto(f"{live_server.url}/uk/jury/deliberation/")
    page.get_by_role("link", name="Punkt dla cudzoziemców").first.click()
    expect(page.locator("body")).to_contain_text("дуже різняться")
    page.get_by_label("Ваш допис").focus()
    page.keyboard.type("Це лише інформаційний пункт, а не участь мігрантів.")
    page.keyboard.press("Tab")  # the language, Ukrainian already
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator(".post")).to_contain_text("Це лише інформаційний пункт")
    assert "Juror 1" not in page.content() and "Juror 2" not in page.content()
    uk_context.close()

    # The English juror reads it, translates it into English and answers in English.
    en_context, page = context_page()
    log_in(page, live_server, en.user.username, "en")
    page.goto(f"{live_server.url}/en/jury/deliberation/")
    assert describe(axe_violations(page)) == []
    page.goto(f"{live_server.url}/en/jury/deliberation/{disputed.pk}/")
    assert describe(axe_violations(page)) == []
    expect(page.locator(".post-language").first).to_contain_text("Ukrainian")
    page.get_by_role("link", name="Add a translation of post 1").click()
    assert describe(axe_violations(page)) == []
    page.get_by_label("Translation", exact=True).fill(
        "It is only an information point, not migrants taking part.")
    page.get_by_role("button", name="Save the translation").click()
    page.wait_for_url(f"**/en/jury/deliberation/{disputed.pk}/")
    expect(page.locator(".post-translation")).to_contain_text("It is only an information point")
    page.get_by_label("Your post").fill("The migrants run it themselves; I keep my 5.")
    page.get_by_label("Written in").select_option("en")
    page.get_by_role("button", name="Post", exact=True).click()
    expect(page.locator(".post")).to_have_count(2)
    en_context.close()
    assert Post.objects.filter(language="en").exists()

    # The Russian juror revises their score with a reason.
    ru_context, page = context_page()
    log_in(page, live_server, ru.user.username, "ru")
    page.goto(f"{live_server.url}/ru/jury/deliberation/{disputed.pk}/")
    expect(page.locator(".post")).to_have_count(2)
    page.get_by_label("Критерий").select_option(label="Вовлечение")
    page.get_by_label("Новая оценка").fill("4")
    page.get_by_label("Почему вы её меняете").fill("Убедили: мигранты сами ведут пункт.")
    page.get_by_role("button", name="Изменить мою оценку").click()
    page.wait_for_url(f"**/ru/jury/deliberation/{disputed.pk}/")
    assert describe(axe_violations(page)) == []
    ru_context.close()
    change = ScoreChange.objects.get(after_deliberation=True)
    assert (change.old_value, change.new_value, change.changed_by) == (1, 4, ru.user)

    # The tally marks the revision; the flag is gone and the margin grew.
    org.goto(tally)
    row = org.locator("tr", has_text="Punkt dla cudzoziemców").first
    expect(row).to_contain_text("revised after deliberation")
    expect(row).not_to_contain_text("to discuss")
    expect(org.locator(".robustness-facts").first).to_contain_text("0.87 points")

    # Published: the methodology page counts, naming no juror.
    change_phase(edition=Edition.objects.get(pk=edition.pk), phase=Phase.PUBLISHED)
    org.goto(f"{live_server.url}/en/editions/{edition.year}/methodology/")
    section = org.locator("section[aria-labelledby=deliberation-heading]")
    expect(section).to_contain_text("the jury discussed 1 nomination online")
    expect(section).to_contain_text("1 score was changed after the deliberation")
    expect(section.locator("tr", has_text="Engagement")).to_contain_text("1")
    assert "Juror 1" not in section.inner_text()
    assert describe(axe_violations(org)) == []
    org_context.close()

    # Every post reached the other jurors in their language, without writer or words.
    posts = SentMessage.objects.filter(kind="deliberation_post")
    for juror in jurors:
        mine = posts.filter(recipient=juror.user.email)
        assert mine.exists() and {m.language for m in mine} == {juror.preferred_language}
        for message in mine:
            assert "інформаційний" not in message.body and "Juror" not in message.body
    assert len(outbox.outbox) >= len(jurors)
