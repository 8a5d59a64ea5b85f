from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from jury.services.nominations import nominate_from_reports
from jury.models import Nomination
from practices.enums import FollowUpStatus, Phase
from practices.models import Assignment, Award, City, Edition, Practice
from reports import services
from reports.enums import ReportStatus
from reports.models import FollowUp, Report
from tests.factories import (
    AwardFactory,
    CategoryFactory,
    CityFactory,
    EditionFactory,
    PracticeFactory,
    ProposedNominationFactory,
    ReportFactory,
)


def test_create_report_for_lublin_2016_prefills_each_2015_lublin_award(edition_2015, expert_lublin):
    lublin = City.objects.get(slug="lublin")
    edition_2016 = EditionFactory(year=2016, phase=Phase.EXPERT_REPORTS)
    report = services.create_report(edition=edition_2016, city=lublin)
    awarded = set(
        Award.objects.filter(edition__year=2015, practice__city=lublin).values_list(
            "practice_id", flat=True
        )
    )
    assert len(awarded) == 5  # the 2015 booklet: strategy, hiring, Study in Lublin, MOPS, BOM
    assert set(report.follow_ups.values_list("practice_id", flat=True)) == awarded
    assert {f.status for f in report.follow_ups.all()} == {FollowUpStatus.UNKNOWN}


def test_create_report_prefills_from_fixture_awards(report_lublin, awards_2015_lublin):
    assert set(report_lublin.follow_ups.values_list("practice_id", flat=True)) == {
        a.practice_id for a in awards_2015_lublin
    }


def test_prefill_follow_ups_twice_adds_nothing(report_lublin):
    services.prefill_follow_ups(report=report_lublin)
    assert report_lublin.follow_ups.count() == 2


def test_create_report_for_city_without_earlier_awards_has_no_follow_up(edition_2016):
    report = services.create_report(edition=edition_2016, city=CityFactory())
    assert report.follow_ups.count() == 0


def test_create_report_for_2015_does_not_follow_up_its_own_awards(awards_2015_lublin, lublin):
    edition = awards_2015_lublin[0].edition
    Edition.objects.filter(pk=edition.pk).update(phase=Phase.EXPERT_REPORTS)
    report = services.create_report(edition=edition, city=lublin)
    assert report.follow_ups.count() == 0


def test_submit_report_by_assigned_expert_before_deadline(report_lublin, expert_lublin):
    report = services.submit_report(report=report_lublin, user=expert_lublin)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_at is not None


def test_submit_report_after_deadline_is_refused(report_lublin, expert_lublin):
    late = report_lublin.edition.reports_deadline + timedelta(minutes=1)
    with pytest.raises(ValidationError, match="deadline"):
        services.submit_report(report=report_lublin, user=expert_lublin, now=late)
    report_lublin.refresh_from_db()
    assert report_lublin.status == ReportStatus.DRAFT


def test_submit_report_by_expert_of_another_city_is_refused(report_lublin, expert_warszawa):
    with pytest.raises(PermissionDenied):
        services.submit_report(report=report_lublin, user=expert_warszawa)


def test_submit_report_twice_is_refused(report_lublin, expert_lublin):
    services.submit_report(report=report_lublin, user=expert_lublin)
    with pytest.raises(ValidationError, match="draft or a returned"):
        services.submit_report(report=report_lublin, user=expert_lublin)


def test_return_report_needs_a_comment(report_lublin, expert_lublin, organiser):
    services.submit_report(report=report_lublin, user=expert_lublin)
    with pytest.raises(ValidationError, match="change"):
        services.return_report(report=report_lublin, user=organiser, comment="  ")


def test_return_report_by_expert_is_refused(report_lublin, expert_lublin):
    services.submit_report(report=report_lublin, user=expert_lublin)
    with pytest.raises(PermissionDenied):
        services.return_report(report=report_lublin, user=expert_lublin, comment="ok")


def test_return_report_of_a_draft_is_refused(report_lublin, organiser):
    with pytest.raises(ValidationError):
        services.return_report(report=report_lublin, user=organiser, comment="Please add more.")


def test_returned_report_can_be_edited_and_submitted_again(report_lublin, expert_lublin, organiser):
    services.submit_report(report=report_lublin, user=expert_lublin)
    assert not report_lublin.__class__.objects.get(pk=report_lublin.pk).is_editable_by_expert
    report = services.return_report(report=report_lublin, user=organiser, comment="Add 2016 data.")
    assert report.status == ReportStatus.RETURNED
    assert report.is_editable_by_expert
    assert services.submit_report(report=report, user=expert_lublin).status == "submitted"


def test_accept_report_of_a_draft_is_refused(report_lublin, organiser):
    with pytest.raises(ValidationError, match="submitted"):
        services.accept_report(report=report_lublin, user=organiser)


def test_accept_report_by_expert_is_refused(report_lublin, expert_lublin):
    services.submit_report(report=report_lublin, user=expert_lublin)
    with pytest.raises(PermissionDenied):
        services.accept_report(report=report_lublin, user=expert_lublin)


def test_accept_report_updates_follow_up_status_of_practices(
    report_lublin, awards_2015_lublin, expert_lublin, organiser
):
    # A third earlier award, whose answer stays "unknown".
    AwardFactory(edition=awards_2015_lublin[0].edition, practice__city=report_lublin.city)
    services.prefill_follow_ups(report=report_lublin)
    continued, ended, *unknown = report_lublin.follow_ups.all()
    continued.status = FollowUpStatus.CONTINUED
    continued.save()
    ended.status = FollowUpStatus.ENDED
    ended.save()
    services.submit_report(report=report_lublin, user=expert_lublin)
    services.accept_report(report=report_lublin, user=organiser)
    assert Practice.objects.get(pk=continued.practice_id).follow_up_status == "continued"
    assert Practice.objects.get(pk=ended.practice_id).follow_up_year == 2016
    untouched = Practice.objects.get(pk=unknown[0].practice_id)
    assert (untouched.follow_up_status, untouched.follow_up_year) == ("unknown", None)


def test_accepted_proposals_lists_only_accepted_reports(report_lublin, expert_lublin, organiser):
    accepted = ProposedNominationFactory(report=report_lublin)
    ProposedNominationFactory(report=ReportFactory(edition=report_lublin.edition))
    assert list(services.accepted_proposals(edition=report_lublin.edition)) == []
    services.submit_report(report=report_lublin, user=expert_lublin)
    services.accept_report(report=report_lublin, user=organiser)
    assert list(services.accepted_proposals(edition=report_lublin.edition)) == [accepted]


def test_report_unique_city_per_edition_constraint(report_lublin):
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(edition=report_lublin.edition, city=report_lublin.city)


def test_report_unique_city_per_edition_message(report_lublin):
    with pytest.raises(ValidationError, match="already has a report"):
        Report(edition=report_lublin.edition, city=report_lublin.city).full_clean()


def test_assignment_unique_constraint_both_ways(assignments):
    a = assignments[0]
    with pytest.raises(ValidationError, match="already assigned"):
        Assignment(edition=a.edition, expert=a.expert, city=a.city).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(edition=a.edition, expert=a.expert, city=a.city)


def test_proposed_nomination_unique_constraint_both_ways(report_lublin):
    proposal = ProposedNominationFactory(report=report_lublin)
    twin = proposal.__class__(
        report=report_lublin, practice=proposal.practice, category=proposal.category
    )
    with pytest.raises(ValidationError, match="already proposed"):
        twin.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()


def test_proposed_nomination_of_another_city_is_invalid(report_lublin, warszawa):
    practice = Practice.objects.filter(city=warszawa).first()
    proposal = ProposedNominationFactory.build(
        report=report_lublin, practice=practice, category=CategoryFactory()
    )
    with pytest.raises(ValidationError, match="report's city"):
        proposal.full_clean()


def test_report_status_check_constraint(report_lublin):
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.filter(pk=report_lublin.pk).update(status="lost")


def test_deadline_none_allows_submission(report_lublin, expert_lublin):
    edition = report_lublin.edition
    edition.reports_deadline = None
    edition.save()
    later = timezone.now() + timedelta(days=400)
    assert (
        services.submit_report(report=report_lublin, user=expert_lublin, now=later).status
        == "submitted"
    )


def _nominations(edition):
    return sorted(
        Nomination.objects.filter(edition=edition).values_list(
            "practice__slug", "category__order", "justification", "created_by__username"
        ),
        key=lambda row: row[1],
    )


def test_nominate_from_reports_creates_one_nomination_per_accepted_proposal(
    accepted_lublin, organiser
):
    edition = accepted_lublin[0].report.edition
    ProposedNominationFactory(report=ReportFactory(edition=edition))  # a draft's: not nominated
    counts = nominate_from_reports(edition=edition, by=organiser)
    assert (counts.created, counts.skipped) == (2, 0)
    assert _nominations(edition) == [
        ("lcw", 1, "Pierwsza propozycja.", "organiser"),
        (accepted_lublin[1].practice.slug, 2, "Друга пропозиція.", "organiser"),
    ]


def test_nominate_from_reports_twice_creates_nothing_new(accepted_lublin, organiser):
    edition = accepted_lublin[0].report.edition
    nominate_from_reports(edition=edition, by=organiser)
    counts = nominate_from_reports(edition=edition, by=organiser)
    assert (counts.created, counts.skipped) == (0, 2)
    assert Nomination.objects.filter(edition=edition).count() == 2


def test_nominate_from_reports_skips_a_proposal_already_nominated(accepted_lublin, organiser):
    first = accepted_lublin[0]
    edition = first.report.edition
    Nomination.objects.create(
        edition=edition, practice=first.practice, category=first.category, justification="Own."
    )
    counts = nominate_from_reports(edition=edition, by=organiser)
    assert (counts.created, counts.skipped) == (1, 1)
    assert Nomination.objects.get(practice=first.practice).justification == "Own."


@pytest.mark.parametrize("persona", ["expert_lublin", "juror_a"])
def test_nominate_from_reports_by_others_than_organisers_is_refused(
    accepted_lublin, persona, request
):
    with pytest.raises(PermissionDenied):
        nominate_from_reports(
            edition=accepted_lublin[0].report.edition, by=request.getfixturevalue(persona)
        )
    assert not Nomination.objects.exists()


def test_nominate_from_reports_after_scoring_is_refused(accepted_lublin, organiser):
    edition = accepted_lublin[0].report.edition
    edition.phase = Phase.DELIBERATION
    edition.save()
    with pytest.raises(ValidationError):
        nominate_from_reports(edition=edition, by=organiser)
    assert not Nomination.objects.exists()


def test_nominate_from_reports_failure_creates_nothing(accepted_lublin, organiser, monkeypatch):
    from jury.services import nominations

    real = nominations.create_nomination
    calls = []

    def fail_second(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise ValidationError("boom")
        return real(**kwargs)

    monkeypatch.setattr(nominations, "create_nomination", fail_second)
    with pytest.raises(ValidationError):
        nominate_from_reports(edition=accepted_lublin[0].report.edition, by=organiser)
    assert not Nomination.objects.exists()


def test_edition_experts_lists_names_and_cities_of_a_published_edition(
    db, django_assert_num_queries
):
    from tests.factories import AssignmentFactory, UserFactory

    edition = EditionFactory(year=2030, phase=Phase.PUBLISHED)
    lublin, chelm = CityFactory(name_pl="Lublin"), CityFactory(name_pl="Chełm")
    anna = UserFactory(username="anna", first_name="Anna", last_name="Nowak", email="a@x.org")
    bob = UserFactory(username="bob", first_name="", last_name="")
    AssignmentFactory(edition=edition, expert=anna, city=lublin)
    AssignmentFactory(edition=edition, expert=anna, city=chelm)
    AssignmentFactory(edition=edition, expert=bob, city=lublin)
    AssignmentFactory(expert=bob, city=chelm)  # another edition
    # The assignments and the panel (order, group labels, experts without a city).
    with django_assert_num_queries(2):
        experts = services.edition_experts(edition=edition)
    # bob has no name: never credited by username (often the e-mail address).
    assert [(e.name, [str(c) for c in e.cities], e.city) for e in experts] == [
        ("Anna Nowak", ["Chełm", "Lublin"], "Chełm, Lublin"),
    ]


def test_edition_page_never_shows_an_experts_username_or_email(anonymous, edition_2015):
    from django.urls import reverse

    from tests.factories import AssignmentFactory, UserFactory

    city = CityFactory()
    nameless = UserFactory(username="olena.k@example.org", email="olena.k@example.org",
                           first_name="", last_name="")
    AssignmentFactory(edition=edition_2015, expert=nameless, city=city)
    invisible = UserFactory(username="ivan.p@example.org", first_name="\u200b", last_name="")
    AssignmentFactory(edition=edition_2015, expert=invisible, city=city)
    named = UserFactory(username="marta@example.org", first_name="Marta", last_name="Lis")
    AssignmentFactory(edition=edition_2015, expert=named, city=city)
    html = anonymous.get(reverse("public:edition", args=[2015])).content.decode()
    assert "Marta Lis" in html
    assert "olena.k" not in html and "marta@example.org" not in html
    assert "\u200b" not in html


@pytest.mark.parametrize("phase", [p for p in Phase if p != Phase.PUBLISHED])
def test_edition_experts_of_an_unpublished_edition_is_empty(db, phase):
    from tests.factories import AssignmentFactory

    assignment = AssignmentFactory(edition=EditionFactory(phase=phase))
    assert services.edition_experts(edition=assignment.edition) == []


def test_accept_report_shows_new_follow_up_on_the_cached_practice_page(
    settings, report_lublin, expert_lublin, organiser, anonymous
):
    """accept_report recomputes the practices' follow-up (one UPDATE, which bumps the
    content version), so the next anonymous GET shows the change."""
    from django.core.cache import cache

    settings.PUBLIC_CACHE = True
    cache.clear()
    follow_up = report_lublin.follow_ups.select_related("practice").first()
    page = follow_up.practice.get_absolute_url()
    first = anonymous.get(page)
    second = anonymous.get(page)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert "Not reviewed yet" in second.content.decode()
    follow_up.status = FollowUpStatus.EXPANDED
    follow_up.save()
    services.submit_report(report=report_lublin, user=expert_lublin)
    services.accept_report(report=report_lublin, user=organiser)
    after = anonymous.get(page)
    html = after.content.decode()
    assert after["X-Cache"] == "miss"
    assert "Expanded (expert review 2016)" in html
    assert "Not reviewed yet" not in html
    cache.clear()


def _accepted_report_with(edition, practice, status):
    report = ReportFactory(edition=edition, city=practice.city, status=ReportStatus.ACCEPTED)
    FollowUp.objects.create(report=report, practice=practice, status=status)
    return report


def test_refresh_follow_ups_takes_the_newest_accepted_answer(db):
    practice = PracticeFactory()
    _accepted_report_with(EditionFactory(year=2017), practice, FollowUpStatus.EXPANDED)
    _accepted_report_with(EditionFactory(year=2016), practice, FollowUpStatus.REDUCED)
    practice.refresh_from_db()
    assert (practice.follow_up_status, practice.follow_up_year) == ("expanded", 2017)


def test_refresh_follow_ups_ignores_unknown_and_unaccepted_answers(db):
    practice = PracticeFactory()
    _accepted_report_with(EditionFactory(year=2016), practice, FollowUpStatus.CONTINUED)
    _accepted_report_with(EditionFactory(year=2017), practice, FollowUpStatus.UNKNOWN)
    draft = ReportFactory(edition=EditionFactory(year=2018), city=practice.city)
    FollowUp.objects.create(report=draft, practice=practice, status=FollowUpStatus.ENDED)
    practice.refresh_from_db()
    assert (practice.follow_up_status, practice.follow_up_year) == ("continued", 2016)


def test_deleting_an_accepted_report_recomputes_its_practices(db):
    practice = PracticeFactory()
    _accepted_report_with(EditionFactory(year=2016), practice, FollowUpStatus.CONTINUED)
    newest = _accepted_report_with(EditionFactory(year=2017), practice, FollowUpStatus.ENDED)
    newest.delete()
    practice.refresh_from_db()
    assert (practice.follow_up_status, practice.follow_up_year) == ("continued", 2016)


def test_follow_up_status_is_read_only_in_the_admin(client_for, organiser):
    practice = PracticeFactory()
    page = client_for(organiser).get(
        reverse("admin:practices_practice_change", args=[practice.pk])
    ).content.decode()
    assert 'name="follow_up_status"' not in page


def test_edition_experts_follow_the_panel_with_group_labels_and_no_city(db):
    from django.utils import translation

    from practices.models import Panelist
    from tests.factories import AssignmentFactory, UserFactory

    edition = EditionFactory(phase=Phase.PUBLISHED)
    gdansk, sopot = CityFactory(name_pl="Gdańsk"), CityFactory(name_pl="Sopot")
    ewa = UserFactory(first_name="Ewa", last_name="Zając")
    jan = UserFactory(first_name="Jan", last_name="Adamski")
    Panelist.objects.create(edition=edition, expert=ewa, order=1, group_pl="Trójmiasto")
    Panelist.objects.create(edition=edition, expert=jan, order=2, group_pl="inne miasta")
    AssignmentFactory(edition=edition, expert=ewa, city=sopot, order=0)
    AssignmentFactory(edition=edition, expert=ewa, city=gdansk, order=1)
    with translation.override("pl"):
        experts = services.edition_experts(edition=edition)
        assert [(e.name, e.group, [str(c) for c in e.cities]) for e in experts] == [
            ("Ewa Zając", "Trójmiasto", ["Sopot", "Gdańsk"]),
            ("Jan Adamski", "inne miasta", []),
        ]
