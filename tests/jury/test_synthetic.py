from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from jury.models import Nomination, Score
from jury.permissions import juror_of
from jury.synthetic import BENCH_JUROR_PASSWORD, BENCH_ORGANISER_USERNAME
from practices import synthetic
from practices.enums import Phase
from practices.models import Edition

pytestmark = pytest.mark.django_db

TINY = synthetic.SCALES["tiny"]


def seed(*args):
    out = StringIO()
    call_command("seed_synthetic", "--scale", "tiny", *args, stdout=out)
    return out.getvalue()


def test_jury_scores_fill_published_editions_only():
    output = seed()
    assert "jury_scores: " in output and "skipped" not in output.split("jury_scores:")[1][:20]
    assert Nomination.objects.count() == TINY.editions * TINY.nominations_per_edition
    per_edition = dict(
        Score.objects.values_list("nomination__edition__phase").annotate(n=Count("id"))
    )
    published = TINY.editions - 1
    assert per_edition == {
        Phase.PUBLISHED: published
        * TINY.jurors_per_edition
        * TINY.nominations_per_edition
        * TINY.criteria_per_edition
    }
    duplicates = (
        Score.objects.values("juror", "nomination", "criterion")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not duplicates.exists()


def test_jury_scores_give_the_scoring_panel_login_accounts(client):
    seed()
    scoring = Edition.objects.get(phase=Phase.JURY_SCORING)
    jurors = list(scoring.jurors.select_related("user"))
    assert len(jurors) == TINY.jurors_per_edition
    for juror in jurors:
        assert juror_of(juror.user) == juror
    assert client.login(username=jurors[0].user.username, password=BENCH_JUROR_PASSWORD)


def test_jury_scores_give_the_bench_an_organiser_who_sees_the_tally(client):
    seed()
    seed("--flush")  # replaced, not duplicated
    scoring = Edition.objects.get(phase=Phase.JURY_SCORING)
    assert client.login(username=BENCH_ORGANISER_USERNAME, password=BENCH_JUROR_PASSWORD)
    with translation.override("pl"):
        url = reverse("jury:tally", kwargs={"year": scoring.year})
    assert client.get(url).status_code == 200


def test_jury_scores_reseed_with_flush_replaces_accounts():
    seed()
    seed("--flush")
    scoring = Edition.objects.get(phase=Phase.JURY_SCORING)
    assert scoring.jurors.filter(user__isnull=False).count() == TINY.jurors_per_edition
