"""Two saves by the same juror at the same moment (PostgreSQL only).

SQLite serialises every write to the whole file, so the race cannot happen
there; on PostgreSQL the row locks in `submit_scores` are what prevents it.
"""

import threading

import pytest
from django.db import connection, connections

from jury.models import Score, ScoreChange
from jury.services import submit_scores

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite locks the whole database for every write",
    ),
]



@pytest.fixture(autouse=True)
def role_groups(transactional_db):
    """Transactional tests flush the tables, taking the role groups (a data
    migration) with them; the personas need the groups back."""
    from django.contrib.auth.models import Group

    from otwarte.roles import Role

    for role in Role:
        Group.objects.get_or_create(name=role)


def test_simultaneous_saves_by_one_juror_leave_one_consistent_row_per_criterion(scoring):
    criteria = scoring.criteria
    for nomination in scoring.nominations:
        barrier = threading.Barrier(2)
        errors = []

        def save(value, nomination=nomination, barrier=barrier, errors=errors):
            try:
                barrier.wait(timeout=10)
                submit_scores(juror=scoring.ja, nomination=nomination,
                              values={c.pk: value for c in criteria}, by=scoring.ja.user)
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=save, args=(v,)) for v in (1, 5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert errors == []
        rows = list(Score.objects.filter(juror=scoring.ja, nomination=nomination)
                    .values_list("criterion_id", "value"))
        assert len(rows) == len(criteria)
        # Every criterion holds the value of the same (the later) save.
        assert len({value for _c, value in rows}) == 1
        # The history tells the whole story: two creations, then two changes.
        history = ScoreChange.objects.filter(juror=scoring.ja, nomination=nomination)
        assert history.count() == 2 * len(criteria)
        assert sorted(history.values_list("old_value", flat=True), key=str) == sorted(
            [None] * len(criteria) + [6 - rows[0][1]] * len(criteria), key=str)
