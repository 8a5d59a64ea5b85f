"""Replay the 2015 cycle on a fresh edition: import the nominations of the
eleven 2015 awards (plus one that loses), five test jurors score them on their
pages, organisers read the tally, decide the awards and publish; the public
pages then show the new edition's awards."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from jury.models import Criterion, Nomination
from jury.services.tally import tally
from otwarte.roles import Role
from practices.enums import Phase
from practices.models import Award, Category, Practice
from practices.services import change_phase
from tests.factories import EditionFactory, JurorFactory, UserFactory

pytestmark = pytest.mark.django_db

NOMINATIONS = Path(settings.BASE_DIR) / "jury" / "data" / "nominations_2015.json"


def test_replay_2015_awards_from_nominations_to_public_pages(edition_2015, client_for,
                                                             organiser, tmp_path):
    edition = EditionFactory(year=2016, phase=Phase.PREPARATION)
    for criterion in Criterion.objects.filter(edition=edition_2015):
        Criterion.objects.create(
            edition=edition, code=criterion.code, order=criterion.order,
            name_pl=criterion.name_pl, name_uk=criterion.name_uk,
            description_pl=criterion.description_pl, weight=criterion.weight,
        )
    jurors = []
    for number in range(5):
        user = UserFactory(username=f"replay_juror_{number}")
        user.groups.add(Group.objects.get(name=Role.JUROR))
        juror = JurorFactory(user=user, preferred_language=["pl", "uk", "ru", "en", "pl"][number])
        juror.editions.add(edition)
        jurors.append(juror)

    change_phase(edition=edition, phase=Phase.EXPERT_REPORTS)
    call_command("import_nominations", "2016", str(NOMINATIONS), verbosity=0)
    call_command("import_nominations", "2016", str(NOMINATIONS), verbosity=0)  # idempotent
    winners = {
        (a.category_id, a.practice_id): a
        for a in Award.objects.filter(edition=edition_2015).select_related("practice__city")
    }
    assert Nomination.objects.filter(edition=edition).count() == 11
    # A rival in the strategy category, which the jury ranks lower.
    strategy = Category.objects.get(code="strategy")
    rival = Practice.objects.exclude(awards__isnull=False).first()
    rival_file = tmp_path / "rival.json"
    rival_file.write_text(
        f'[{{"city": "{rival.city.slug}", "practice": "{rival.slug}", '
        f'"category": "strategy", "justification": "Też warte uwagi."}}]'
    )
    call_command("import_nominations", "2016", str(rival_file), verbosity=0)
    change_phase(edition=edition, phase=Phase.JURY_SCORING)

    criteria = list(Criterion.objects.filter(edition=edition))
    nominations = list(Nomination.objects.filter(edition=edition))
    for index, juror in enumerate(jurors):
        client = client_for(juror.user)
        for nomination in nominations:
            value = 2 if nomination.practice == rival else 4 + (index + nomination.pk) % 2
            data = {f"criterion_{c.pk}": value for c in criteria}
            response = client.post(reverse("jury:nomination", args=[nomination.pk]),
                                   {**data, "action": "save"})
            assert response.status_code == 302
        assert "12 of 12" in client.get(reverse("jury:dashboard")).content.decode()

    office = client_for(organiser)
    office.post(reverse("cockpit:phase", args=[2016, Phase.DELIBERATION]))
    categories, _criteria = tally(edition=edition)
    strategy_rows = next(g.rows for g in categories if g.category == strategy)
    assert [r.nomination.practice for r in strategy_rows][-1] == rival
    for group in categories:
        for row in group.rows:
            assert (row.scores, row.missing, row.conflicts) == (20, 0, 0)
        top = group.rows[0].nomination
        source = winners[(top.category_id, top.practice_id)]
        response = office.post(reverse("jury:decide", args=[2016]), {
            "nomination": top.pk,
            "recommendation": source.recommendation_pl,
            "similar_practices": [s.practice_id for s in source.similar_actions.all()
                                  if s.practice_id],
            "quote_juror": jurors[0].pk,
            "quote_text": "Wzór dla innych miast.",
        })
        assert response.status_code == 302

    response = office.post(reverse("cockpit:phase", args=[2016, Phase.PUBLISHED]))
    edition.refresh_from_db()
    assert edition.phase == Phase.PUBLISHED
    awards = Award.objects.filter(edition=edition)
    assert sorted((a.category_id, a.practice_id) for a in awards) == sorted(winners)

    public = client_for(None)
    home = public.get(reverse("public:home")).content.decode()
    assert "Awards 2016" in home
    for award in awards.select_related("practice__city"):
        assert award.practice.get_absolute_url() in home
    page = public.get(winners[next(iter(winners))].practice.get_absolute_url())
    assert "Award 2016" in page.content.decode()
    assert "Wzór dla innych miast." in page.content.decode()
    assert rival.get_absolute_url() not in home
