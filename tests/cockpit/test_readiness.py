"""Each readiness item of the cockpit, missing and done."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from booklet.enums import RenderStatus
from booklet.models import BookletRender
from cockpit import readiness
from jury.models import Score
from practices.enums import Phase
from tests.factories import (
    AssignmentFactory,
    AwardFactory,
    CategoryFactory,
    CriterionFactory,
    EditionFactory,
    JurorFactory,
    NominationFactory,
    ReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
LANGS = ["pl", "en", "uk", "ru"]


@pytest.fixture
def edition():
    return EditionFactory(phase=Phase.PREPARATION)


def _names(**extra):
    return {f"name_{code}": f"Name {code}" for code in LANGS} | extra


def test_criteria_missing_when_none_or_untranslated(edition):
    assert not readiness.criteria_set(edition).done
    CriterionFactory(edition=edition, code="a", name_pl="Tylko po polsku")
    check = readiness.criteria_set(edition)
    assert not check.done
    assert "a" in check.detail


def test_criteria_done_with_four_languages_and_weights(edition):
    CriterionFactory(edition=edition, code="a", weight=Decimal("2"), **_names())
    assert readiness.criteria_set(edition).done


def test_experts_missing_without_assignment_or_for_a_report_city(edition):
    assert not readiness.report_cities_have_experts(edition).done
    AssignmentFactory(edition=edition)
    ReportFactory(edition=edition)  # a city nobody covers
    assert not readiness.report_cities_have_experts(edition).done


def test_experts_done_when_every_report_city_is_assigned(edition):
    report = ReportFactory(edition=edition)
    AssignmentFactory(edition=edition, city=report.city)
    assert readiness.report_cities_have_experts(edition).done


def _active_juror(edition, **kwargs):
    user = UserFactory()  # a usable password: the invitation was taken up
    juror = JurorFactory(user=user, preferred_language="uk", **kwargs)
    juror.editions.add(edition)
    return juror


def test_jury_missing_with_four_jurors_or_a_pending_invitation(edition):
    for _ in range(4):
        _active_juror(edition)
    check = readiness.jury_complete(edition)
    assert not check.done
    assert "4 of 5" in check.detail
    pending = _active_juror(edition)
    pending.user.set_unusable_password()
    pending.user.save()
    check = readiness.jury_complete(edition)
    assert not check.done
    assert pending.name in check.detail


def test_jury_missing_with_a_juror_without_account(edition):
    for _ in range(4):
        _active_juror(edition)
    JurorFactory(user=None).editions.add(edition)
    assert not readiness.jury_complete(edition).done


def test_jury_done_with_five_active_jurors(edition):
    for _ in range(5):
        _active_juror(edition)
    assert readiness.jury_complete(edition).done


def test_nominations_missing_without_any(edition):
    assert not readiness.nominations_categorised(edition).done


def test_nominations_done_when_each_has_a_category(edition):
    NominationFactory(edition=edition)
    assert readiness.nominations_categorised(edition).done


@pytest.fixture
def scored(edition):
    criterion = CriterionFactory(edition=edition, code="a")
    nomination = NominationFactory(edition=edition)
    juror = _active_juror(edition)
    return criterion, nomination, juror


def test_scoring_missing_while_a_juror_has_not_finished(edition, scored):
    edition.scoring_deadline = timezone.now() + timedelta(days=3)
    edition.save()
    check = readiness.jurors_finished(edition)
    assert not check.done
    assert scored[2].name in check.detail


def test_scoring_done_when_every_juror_finished(edition, scored):
    criterion, nomination, juror = scored
    Score.objects.create(juror=juror, nomination=nomination, criterion=criterion, value=3)
    assert readiness.jurors_finished(edition).done


def test_scoring_done_when_the_deadline_passed(edition, scored):
    edition.scoring_deadline = timezone.now() - timedelta(hours=1)
    edition.save()
    assert readiness.jurors_finished(edition).done


def test_decisions_missing_for_a_nominated_category_without_award(edition):
    first, second = CategoryFactory(), CategoryFactory()
    nomination = NominationFactory(edition=edition, category=first)
    NominationFactory(edition=edition, category=second)
    AwardFactory(edition=edition, category=first, practice=nomination.practice)
    check = readiness.categories_decided(edition)
    assert not check.done
    assert str(second) in check.detail


def test_decisions_done_when_every_nominated_category_has_an_award(edition):
    nomination = NominationFactory(edition=edition)
    AwardFactory(edition=edition, category=nomination.category, practice=nomination.practice)
    assert readiness.categories_decided(edition).done


def test_translations_missing_without_an_english_introduction(edition):
    edition.introduction_pl = "Wstęp"
    edition.save()
    check = readiness.translations_complete(edition)
    assert not check.done


def test_translations_done_with_four_languages(edition):
    for field in ["title", "introduction"]:
        for code in LANGS:
            setattr(edition, f"{field}_{code}", f"{field} {code}")
    edition.save()
    assert readiness.translations_complete(edition).done


def test_translations_count_what_is_missing_per_language(edition):
    edition.introduction_pl = "Wstęp"
    edition.introduction_en = "Introduction"
    edition.save()
    AwardFactory(edition=edition, recommendation_pl="Polecamy", recommendation_uk="Радимо")
    check = readiness.translations_complete(edition)
    assert not check.done
    # en: the title, the recommendation, the practice, the category, the city missing...
    assert "en:" in check.detail and "uk:" in check.detail and "ru:" in check.detail
    assert "language=en" in check.fix_url and "status=missing" in check.fix_url


def test_texts_needing_review_are_counted_but_do_not_block(edition):
    for code in LANGS:
        setattr(edition, f"title_{code}", f"T {code}")
    edition.save()
    check = readiness.translations_complete(edition)
    assert check.done
    assert "not yet reviewed" in check.detail


def test_jury_texts_in_the_jurors_languages_only(edition):
    JurorFactory(preferred_language="uk").editions.add(edition)
    JurorFactory(preferred_language="pl").editions.add(edition)
    nomination = NominationFactory(edition=edition, justification_pl="Bo tak")
    check = readiness.jury_texts_translated(edition)
    assert not check.done
    assert "uk:" in check.detail and "en:" not in check.detail
    nomination.justification_uk = "Тому що"
    nomination.practice.title_uk = "Пункт"
    nomination.practice.description_uk = "Опис"
    nomination.practice.save()
    nomination.save()
    nomination.category.name_uk = "Категорія"
    nomination.category.description_uk = "Опис"
    nomination.category.save()
    assert readiness.jury_texts_translated(edition).done, readiness.jury_texts_translated(
        edition).detail


def test_booklet_missing_until_every_language_is_rendered(edition):
    BookletRender.objects.create(edition=edition, language="pl", content_hash="x",
                                 status=RenderStatus.DONE)
    check = readiness.booklet_rendered(edition)
    assert not check.done
    assert "en" in check.detail


def test_booklet_done_in_every_language(edition):
    for code in LANGS:
        BookletRender.objects.create(edition=edition, language=code, content_hash="x",
                                     status=RenderStatus.DONE)
    assert readiness.booklet_rendered(edition).done


def test_every_check_links_to_where_it_is_fixed(edition):
    for phase in Phase:
        for check in readiness.checklist(edition, phase):
            assert check.fix_url.startswith("/")
