"""The organisers' admin lists read in a constant number of queries, however many
rows they show: each row's name (award, nomination, score) comes from joins, not
from one query per row (practices/admin.py, jury/admin.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from jury.models import Score, ScoreChange
from tests.factories import (
    AwardFactory,
    CriterionFactory,
    EditionFactory,
    JurorFactory,
    NominationFactory,
)

pytestmark = pytest.mark.django_db


def awards(n):
    edition = EditionFactory()
    for _ in range(n):
        AwardFactory(edition=edition)


def nominations(n):
    edition = EditionFactory()
    for _ in range(n):
        NominationFactory(edition=edition)


def scores(n, *, changes=False):
    criterion = CriterionFactory()
    juror = JurorFactory()
    for _ in range(n):
        nomination = NominationFactory(edition=criterion.edition)
        Score.objects.create(juror=juror, nomination=nomination, criterion=criterion, value=3)
        if changes:
            ScoreChange.objects.create(
                juror=juror, nomination=nomination, criterion=criterion, old_value=None,
                new_value=3,
            )  # fmt: skip


CHANGELISTS = {
    "admin:practices_award_changelist": awards,
    "admin:jury_nomination_changelist": nominations,
    "admin:jury_score_changelist": scores,
    "admin:jury_scorechange_changelist": lambda n: scores(n, changes=True),
}


def queries(client, name):
    with translation.override("pl"):
        url = reverse(name)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", CHANGELISTS)
def test_changelist_queries_do_not_grow_with_its_rows(client_for, organiser, name):
    client = client_for(organiser)
    CHANGELISTS[name](2)
    few = queries(client, name)
    CHANGELISTS[name](6)
    assert queries(client, name) == few
