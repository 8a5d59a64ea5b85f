"""Replay a 2016 cycle end to end, through the seams between the apps: an
organiser assigns an expert to Lublin; the expert's report pre-fills the
follow-up of Lublin's 2015 awards, proposes two nominations and is submitted;
the organiser accepts it and turns the proposals into jury nominations; two
jurors score on their pages; the organiser decides an award and publishes; the
public practice page shows the 2016 award and the new follow-up status."""

import pytest
from django.urls import reverse

from jury.models import Nomination
from jury.services.decisions import publish_edition
from practices.enums import FollowUpStatus, Phase
from practices.models import Assignment, Award, Category, City, Practice
from practices.services import change_phase
from reports import services
from reports.models import ProposedNomination
from tests.factories import CriterionFactory, EditionFactory, JurorFactory, PracticeFactory

pytestmark = pytest.mark.django_db

STRATEGY = "strategia-rozwoju-lublina-na-lata-2013-2020"


def test_replay_2016_from_expert_report_to_public_page(
    edition_2015, organiser, expert_lublin, juror_a, juror_b, client_for
):
    office = client_for(organiser)
    lublin = City.objects.get(slug="lublin")
    edition = EditionFactory(year=2016, phase=Phase.PREPARATION)
    criteria = [CriterionFactory(edition=edition, order=n) for n in (1, 2)]
    for user in (juror_a, juror_b):
        JurorFactory(user=user).editions.add(edition)

    # The organiser assigns the expert to Lublin in the admin.
    response = office.post(
        reverse("admin:practices_assignment_add"),
        {"edition": edition.pk, "expert": expert_lublin.pk, "city": lublin.pk},
    )
    assert response.status_code == 302
    assert Assignment.objects.get(edition=edition).expert == expert_lublin
    edition = change_phase(edition=edition, phase=Phase.EXPERT_REPORTS)

    # The expert's report pre-fills the follow-up of Lublin's 2015 awards.
    report = services.create_report(edition=edition, city=lublin, created_by=expert_lublin)
    awarded_2015 = set(
        Award.objects.filter(edition=edition_2015, practice__city=lublin).values_list(
            "practice_id", flat=True
        )
    )
    assert set(report.follow_ups.values_list("practice_id", flat=True)) == awarded_2015
    strategy = Practice.objects.get(city=lublin, slug=STRATEGY)
    follow_up = report.follow_ups.get(practice=strategy)
    follow_up.status = FollowUpStatus.EXPANDED
    follow_up.save()
    newcomer = PracticeFactory(city=lublin, title_pl="Lubelska Rada Migrantów", slug="rada")
    for practice, code in ((strategy, "strategy"), (newcomer, "cooperation-platforms")):
        proposal = ProposedNomination(
            report=report,
            practice=practice,
            category=Category.objects.get(code=code),
            justification_pl=f"Propozycja eksperta: {practice.slug}.",
        )
        proposal.full_clean()
        proposal.save()
    services.submit_report(report=report, user=expert_lublin)

    # The organiser accepts the report and creates the nominations (twice: idempotent).
    services.accept_report(report=report, user=organiser)
    for _ in range(2):
        office.post(reverse("admin:reports_nominate"), {"edition": edition.pk})
    nominations = list(Nomination.objects.filter(edition=edition))
    assert sorted(n.practice.slug for n in nominations) == sorted([STRATEGY, "rada"])
    assert f"Propozycja eksperta: {STRATEGY}." in [n.justification for n in nominations]

    # Two jurors score on their pages; the strategy scores higher.
    response = office.post(reverse("cockpit:phase", args=[2016, Phase.JURY_SCORING]))
    assert response.status_code == 302
    for user in (juror_a, juror_b):
        client = client_for(user)
        for nomination in nominations:
            value = 5 if nomination.practice == strategy else 2
            response = client.post(
                reverse("jury:nomination", args=[nomination.pk]),
                {**{f"criterion_{c.pk}": value for c in criteria}, "action": "save"},
            )
            assert response.status_code == 302
        assert "2 of 2" in client.get(reverse("jury:dashboard")).content.decode()

    # The organiser decides the award and publishes.
    office.post(reverse("cockpit:phase", args=[2016, Phase.DELIBERATION]))
    winner = next(n for n in nominations if n.practice == strategy)
    response = office.post(
        reverse("jury:decide", args=[2016]),
        {"nomination": winner.pk, "recommendation": "Strategia nadal wzorcowa."},
    )
    assert response.status_code == 302
    publish_edition(edition=edition, by=organiser)
    edition.refresh_from_db()
    assert edition.phase == Phase.PUBLISHED

    # The public practice page shows the 2016 award and the follow-up of 2016.
    html = client_for(None).get(strategy.get_absolute_url()).content.decode()
    assert "Award 2016" in html
    assert "Strategia nadal wzorcowa." in html
    assert "Expanded (expert review 2016)" in html
    # Experts are credited by name only (the persona has none until now).
    assert expert_lublin.get_username() not in client_for(None).get(
        reverse("public:edition", args=[2016])
    ).content.decode()
    expert_lublin.first_name, expert_lublin.last_name = "Ewa", "Lubelska"
    expert_lublin.save()
    edition_page = client_for(None).get(reverse("public:edition", args=[2016]))
    assert "Ewa Lubelska (Lublin)" in edition_page.content.decode()
