"""Shared pieces of the edition-file tests: a rich synthetic edition, an empty database
and a fingerprint of everything an import may touch."""

import hashlib
import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers

from jury.models import (
    Conflict,
    Criterion,
    Juror,
    JurorQuote,
    Nomination,
    Score,
    ScoreChange,
    ScoreComment,
)
from practices.models import (
    Assignment,
    Award,
    Category,
    City,
    Edition,
    Panelist,
    Practice,
    PracticeProposal,
    SimilarAction,
)
from reports.models import FollowUp, ProposedNomination, Report, ReportPractice

WRITABLE = [
    City,
    Category,
    Edition,
    Panelist,
    Assignment,
    Criterion,
    Juror,
    Practice,
    Report,
    ReportPractice,
    FollowUp,
    ProposedNomination,
    PracticeProposal,
    Nomination,
    Conflict,
    Score,
    ScoreComment,
    ScoreChange,
    Award,
    SimilarAction,
    JurorQuote,
]
AUDITED = [Edition, Award, Practice, Criterion, Nomination, Report]


def fingerprint():
    """A hash of every row an import may write (history rows and accounts included)."""
    digest = hashlib.sha256()
    models = [*WRITABLE, get_user_model(), *(m.history.model for m in AUDITED)]
    for model in models:
        rows = model.objects.order_by("pk")
        digest.update(serializers.serialize("json", rows).encode())
    return digest.hexdigest()


def history_rows():
    return sum(m.history.count() for m in AUDITED)


def empty_database():
    for model in [
        JurorQuote,
        SimilarAction,
        Award,
        ScoreChange,
        Score,
        ScoreComment,
        Conflict,
        Nomination,
        ProposedNomination,
        FollowUp,
        ReportPractice,
        Report,
        PracticeProposal,
        Panelist,
        Assignment,
        Juror,
        Criterion,
        Practice,
        Edition,
        City,
        Category,
    ]:
        model.objects.all().delete()
    get_user_model().objects.exclude(is_superuser=True).delete()


def when(day, hour=12):
    return datetime(2030, 3, day, hour, 0, tzinfo=UTC)


@pytest.fixture
def rich_edition(db):
    """Edition 2030 with every section filled: an expert with no city and a group label,
    one covering three cities in the source's order, criteria with labels, reports with
    practices, follow-ups and proposals, conflicts, scores, comments, awards with similar
    actions (practice and city only), quotes and an open-call proposal."""
    from django.core.management import call_command

    call_command("loaddata", "reference", verbosity=0)
    User = get_user_model()
    gdansk, gdynia, sopot, lublin = (
        City.objects.get(slug=s) for s in ("gdansk", "gdynia", "sopot", "lublin")
    )
    strategy, education = Category.objects.order_by("order")[:2]
    edition = Edition.objects.create(
        year=2030,
        phase="deliberation",
        title_pl="Miasta Otwarte",
        title_en="Open Cities",
        introduction_pl="Wstęp — zażółć gęślą jaźń.",
        introduction_uk="Вступ.",
        funders_pl="Fundusz",
        funders_ru="Фонд",
        reports_deadline=when(1),
        scoring_deadline=when(20, 18),
        ceremony_city=lublin,
        organiser="Fundacja „Inna Przestrzeń”",
    )
    trojmiasto = User.objects.create(
        username="ewa", email="ewa@example.org", first_name="Ewa", last_name="Nowak"
    )
    other = User.objects.create(username="jan", first_name="Jan", last_name="Zieliński")
    Panelist.objects.create(edition=edition, expert=trojmiasto, order=1, group_pl="Trójmiasto",
                            group_en="Tricity")
    Panelist.objects.create(
        edition=edition, expert=other, order=2, group_pl="inne miasta Polski",
        group_en="other Polish cities",
    )
    for order, city in enumerate([gdynia, gdansk, sopot]):  # not alphabetical
        Assignment.objects.create(edition=edition, expert=trojmiasto, city=city, order=order)
    lublin_expert = User.objects.create(username="lu", email="lu@example.org", first_name="Lu")
    Assignment.objects.create(edition=edition, expert=lublin_expert, city=lublin)

    impact = Criterion.objects.create(
        edition=edition, code="impact", order=1, name_pl="Wpływ", name_en="Impact",
        weight=Decimal("2.50"), scale_labels_pl="słabo\nśrednio\ndobrze", scale_min=1,
        scale_max=3,
    )
    Criterion.objects.create(
        edition=edition, code="durability", order=2, name_pl="Trwałość", required=False
    )
    jurors = [
        Juror.objects.create(
            slug=f"juror-{name}", name=name.title(), country_of_origin_pl="Ukraina",
            city=lublin, preferred_language=lang,
            user=User.objects.create(username=f"j-{name}", email=f"{name}@example.org"),
        )
        for name, lang in (("olena", "uk"), ("ahmed", "en"), ("irina", "ru"))
    ]
    for juror in jurors:
        juror.editions.add(edition)

    p1 = Practice.objects.create(city=gdansk, slug="model-integracji", title_pl="Model",
                                 title_en="Model", start_year=2016)
    p1.categories.add(strategy)
    p2 = Practice.objects.create(city=lublin, slug="lublin-dla-wszystkich", title_pl="Lublin")
    p2.categories.add(strategy, education)
    p3 = Practice.objects.create(city=sopot, slug="sopot-szkola", title_pl="Szkoła")
    p4 = Practice.objects.create(city=lublin, slug="dawna", title_pl="Dawna praktyka")

    report = Report.objects.create(
        edition=edition, city=lublin, status="accepted", overview_pl="Przegląd",
        submitted_at=when(2), accepted_at=when(3),
    )
    ReportPractice.objects.create(report=report, practice=p2, category=strategy,
                                  engagement_pl="duże", effectiveness_en="high")
    FollowUp.objects.create(report=report, practice=p4, status="continued", note="Trwa.")
    ProposedNomination.objects.create(report=report, practice=p2, category=education,
                                      justification_pl="Warto.")
    Report.objects.create(edition=edition, city=gdansk, status="draft", overview_pl="Szkic")

    n1 = Nomination.objects.create(
        edition=edition, practice=p1, category=strategy, justification_pl="Uzasadnienie",
        justification_uk="Обґрунтування",
    )
    n2 = Nomination.objects.create(edition=edition, practice=p2, category=education)
    Conflict.objects.create(juror=jurors[0], nomination=n2, reason="Pracuje w urzędzie.")
    for juror, value in zip(jurors, (3, 2, 1)):
        Score.objects.create(juror=juror, nomination=n1, criterion=impact, value=value)
    Score.objects.create(juror=jurors[1], nomination=n2, criterion=impact, value=3)
    ScoreComment.objects.create(juror=jurors[1], nomination=n1, text="Bardzo dobre.")

    award = Award.objects.create(edition=edition, category=strategy, practice=p1, order=1,
                                 recommendation_pl="Polecamy", recommendation_en="Recommended")
    SimilarAction.objects.create(award=award, order=1, city=sopot, practice=p3)
    SimilarAction.objects.create(award=award, order=2, city=gdynia)
    JurorQuote.objects.create(award=award, order=1, juror=jurors[2], text_pl="Cytat",
                              text_ru="Цитата")
    Award.objects.create(edition=edition, category=education, practice=p2, order=2)
    proposal = PracticeProposal.objects.create(
        city=lublin, title="Kawiarnia", description="Spotkania", contact_email="a@example.org",
        category=education, status="accepted", practice=p4, decided_at=when(5),
    )
    PracticeProposal.objects.filter(pk=proposal.pk).update(submitted_at=when(4))
    PracticeProposal.objects.create(
        city_name="Wąchock", title="Inne", description="Opis", contact_email="b@example.org"
    )
    PracticeProposal.objects.filter(contact_email="b@example.org").update(submitted_at=when(6))
    for user in (trojmiasto, other, lublin_expert):
        user.is_staff = True
        user.save()
        user.groups.add(Group.objects.get(name="expert"))
    for juror in jurors:
        juror.user.groups.add(Group.objects.get(name="juror"))
    return edition


def write(tmp_path, data, name="edition.json"):
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
    return path
