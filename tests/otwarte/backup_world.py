"""A database that holds at least one row of every model a backup contains
(tests/otwarte/test_backup.py): one published edition with every kind of record
around it, the consular survey answered, and the bookkeeping tables."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from booklet.enums import RenderStatus
from booklet.models import BookletRender
from jury.enums import CheckAnswer, ConflictReason
from jury.models import (
    CityCheck,
    CityCheckAnswer,
    Conflict,
    ConflictDisclosure,
    JurorQuote,
    Post,
    PostTranslation,
    Score,
    ScoreChange,
    ScoreComment,
    Thread,
)
from otwarte.models import SentMessage
from practices.enums import FollowUpStatus, Phase
from practices.models import Panelist
from public.opendata.releases import freeze_release
from reports.enums import RecommendationStatus
from reports.models import FollowUp, RecommendationProgress, ReportPractice
from scorecards import services as scorecard_services
from scorecards.models import Round
from surveys.models import Code, CodeBatch, ContextAnswer, Target
from surveys.pilot import create_consular_pilot
from tests.factories import (
    AssignmentFactory,
    AwardFactory,
    CategoryFactory,
    CityFactory,
    CriterionFactory,
    EditionFactory,
    JurorFactory,
    NominationFactory,
    PracticeFactory,
    PracticeProposalFactory,
    ProposedNominationFactory,
    ReportFactory,
    SimilarActionFactory,
)
from tests.scorecards.world import answer_city, define_round, link, verify_all
from tests.surveys.conftest import consular_posts, verified_by_email


def build(*, organiser, expert, juror_user):
    """Returns the objects whose public pages the round trip compares."""
    consular_posts()
    # What organisers did to migrate's consular posts: a restore must bring back
    # theirs, not migrate's.
    Target.objects.filter(kind="consular", slug="baku").delete()
    Target.objects.filter(kind="consular", slug="kyiv").update(name_pl="Kijów (ambasada)")

    edition = EditionFactory(year=2044, phase=Phase.PUBLISHED, title_pl="Miasta Otwarte 2044")
    city = CityFactory(name_pl="Lublin", slug="lublin", latitude=51.25, longitude=22.57)
    category = CategoryFactory(name_pl="Platformy współpracy", name_en="Cooperation platforms")
    practice = PracticeFactory(city=city, title_pl="Punkt informacyjny",
                               title_en="Information point")
    award = AwardFactory(edition=edition, category=category, practice=practice,
                         recommendation_pl="Rozszerzyć na powiat.")
    SimilarActionFactory(award=award, city=CityFactory(name_pl="Lubartów"))
    PracticeProposalFactory(city=city, edition=edition, category=category)
    AssignmentFactory(edition=edition, expert=expert, city=city)
    Panelist.objects.create(edition=edition, expert=expert, group="Lubelszczyzna")

    report = ReportFactory(edition=edition, city=city, created_by=expert)
    ReportPractice.objects.create(report=report, practice=practice, category=category,
                                  engagement_pl="Urząd prowadzi punkt.")
    FollowUp.objects.create(report=report, practice=practice, status=FollowUpStatus.CONTINUED)
    RecommendationProgress.objects.create(report=report, award=award,
                                          status=RecommendationStatus.NOT_STARTED)
    ProposedNominationFactory(report=report, practice=practice, category=category)

    juror = JurorFactory(user=juror_user, city=city)
    juror.editions.add(edition)
    criterion = CriterionFactory(edition=edition, weight=Decimal("1.5"))
    nomination = NominationFactory(edition=edition, practice=practice, category=category)
    Score.objects.create(juror=juror, nomination=nomination, criterion=criterion, value=4)
    ScoreChange.objects.create(juror=juror, nomination=nomination, criterion=criterion,
                               old_value=None, new_value=4, changed_by=juror_user)
    ScoreComment.objects.create(juror=juror, nomination=nomination, text="Mocna praktyka.")
    Conflict.objects.create(juror=juror, nomination=nomination,
                            reason_category=ConflictReason.WORK, reason="Współpraca z urzędem",
                            declared_by=organiser)
    ConflictDisclosure.objects.create(edition=edition, category=ConflictReason.WORK)
    JurorQuote.objects.create(award=award, juror=juror, text_pl="Wzór dla innych miast.")
    check = CityCheck.objects.create(
        edition=edition, city=city, contact_name="Anna Nowak", contact_email="anna@example.org",
        token_hash="0" * 64, deadline=timezone.now() + timedelta(days=7), sent_by=organiser,
    )
    CityCheckAnswer.objects.create(city_check=check, award=award, answer=CheckAnswer.CONFIRMED)
    BookletRender.objects.create(
        edition=edition, language="pl", content_hash="a" * 64, status=RenderStatus.DONE,
        progress=100, html="<p>Broszura</p>", pdf=b"%PDF-1.7\n\x00\xff binary",
    )

    today = timezone.localdate()
    survey = create_consular_pilot(year=2026, opens_on=today - timedelta(days=3),
                                   closes_on=today + timedelta(days=30))
    survey.results_published = True
    survey.save()
    kyiv = Target.objects.get(kind="consular", slug="kyiv")
    response = verified_by_email(survey, kyiv, "olena@example.org", comment="Długa kolejka.")
    ContextAnswer.objects.create(response=response, question=survey.context_questions.first(),
                                 choice=1)
    batch = CodeBatch.objects.create(survey=survey, label="Konsulat Kijów", created_by=organiser)
    Code.objects.create(batch=batch, code="KIJ-0001", used_at=timezone.now())

    freeze_release(edition=edition)  # a public.Release: a zip, bytes kept as they are

    # The jury's deliberation (models written directly: the edition is published).
    thread = Thread.objects.create(nomination=nomination, opened_by=organiser)
    post = Post.objects.create(thread=thread, author=juror_user, language="uk",
                               text="Обговорімо.", share_with_city=True)
    PostTranslation.objects.create(post=post, language="pl", text="Omówmy.",
                                   translated_by=organiser)

    # A scorecard round: defined, answered by the city, verified, published.
    scorecard_round = Round.objects.create(edition=edition)
    define_round(scorecard_round)
    scorecard, _token = link(scorecard_round, city)
    answer_city(scorecard, 50)
    verify_all(scorecard, by=organiser, disagree={"information-1": 0})
    scorecard_services.publish_round(round=scorecard_round)

    SentMessage.objects.create(
        kind="survey-link", key="survey-link:1", recipient="olena@example.org", user=None,
        language="uk", subject="Посилання", body="…",
    )
    TOTPDevice.objects.create(user=organiser, name="phone", confirmed=True)
    LogEntry.objects.create(
        user=organiser, content_type=ContentType.objects.get_for_model(practice),
        object_id=str(practice.pk), object_repr=str(practice), action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Title"]}}]',
    )
    return {"edition": edition, "city": city, "practice": practice, "survey": survey}
