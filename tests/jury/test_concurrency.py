"""Two saves by the same juror at the same moment (PostgreSQL only).

SQLite serialises every write to the whole file, so the race cannot happen
there; on PostgreSQL the row locks in `submit_scores` are what prevents it.
"""

import threading

import pytest
from django.db import connection, connections

from jury.models import Score, ScoreChange, ScoreComment
from jury.services.scoring import submit_scores

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite locks the whole database for every write",
    ),
]


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


def test_simultaneous_first_comments_by_one_juror_leave_the_later_saves_comment(scoring):
    """The second save waits for the juror lock, then reads the comment the first
    one wrote: it updates it instead of inserting a second one (which the unique
    constraint refuses)."""
    criteria = scoring.criteria
    for nomination in scoring.nominations:
        barrier = threading.Barrier(2)
        errors = []

        def save(value, nomination=nomination, barrier=barrier, errors=errors):
            try:
                barrier.wait(timeout=10)
                submit_scores(juror=scoring.ja, nomination=nomination,
                              values={c.pk: value for c in criteria}, comment=f"value {value}",
                              by=scoring.ja.user)  # fmt: skip
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
        values = set(Score.objects.filter(juror=scoring.ja, nomination=nomination)
                     .values_list("value", flat=True))  # fmt: skip
        assert len(values) == 1
        comments = ScoreComment.objects.filter(juror=scoring.ja, nomination=nomination)
        assert list(comments.values_list("text", flat=True)) == [f"value {values.pop()}"]


def _hold_scoring_lock(juror, nomination, locked, release, errors):
    """In another connection: take the save's locks for `juror` and hold them."""
    from django.db import transaction

    from jury.services.scoring import _lock_scoring_state

    try:
        with transaction.atomic():
            _lock_scoring_state(juror=juror, nomination=nomination)
            locked.set()
            release.wait(timeout=10)
    except Exception as error:  # noqa: BLE001 - reported by the test
        errors.append(error)
    finally:
        connections.close_all()


def _with_lock_timeout(function):
    from django.db import transaction

    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '300ms'")
        return function()


def test_jurors_saves_do_not_wait_for_each_other_but_a_phase_change_does(scoring):
    from django.db import OperationalError

    from practices.enums import Phase
    from practices.services import change_phase

    nomination = scoring.nominations[0]
    locked, release, errors = threading.Event(), threading.Event(), []
    holder = threading.Thread(target=_hold_scoring_lock,
                              args=(scoring.ja, nomination, locked, release, errors))
    holder.start()
    try:
        assert locked.wait(timeout=10)
        # Juror B saves while juror A's save holds its locks: no waiting.
        _with_lock_timeout(lambda: submit_scores(
            juror=scoring.jb, nomination=nomination,
            values={c.pk: 3 for c in scoring.criteria}, by=scoring.jb.user))
        # Closing scoring has to wait for the save in flight.
        with pytest.raises(OperationalError):
            _with_lock_timeout(lambda: change_phase(edition=scoring.edition,
                                                    phase=Phase.DELIBERATION))
    finally:
        release.set()
        holder.join(timeout=10)
    assert errors == []
    assert Score.objects.filter(juror=scoring.jb).count() == len(scoring.criteria)


def test_save_waiting_for_a_phase_change_sees_the_closed_phase(scoring):
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from jury.services.scoring import ScoringClosed
    from practices.enums import Phase
    from practices.models import Edition

    locked, release, outcome = threading.Event(), threading.Event(), []

    def close_scoring():
        try:
            with transaction.atomic():
                edition = Edition.objects.select_for_update().get(pk=scoring.edition.pk)
                edition.phase = Phase.DELIBERATION
                edition.save(update_fields=["phase"])
                locked.set()
                release.wait(timeout=10)
        finally:
            connections.close_all()

    def save():
        try:
            submit_scores(juror=scoring.ja, nomination=scoring.nominations[0],
                          values={c.pk: 3 for c in scoring.criteria}, by=scoring.ja.user)
            outcome.append("saved")
        except ValidationError as error:  # in Polish: this thread has no active language
            outcome.append(type(error))
        finally:
            connections.close_all()

    closer = threading.Thread(target=close_scoring)
    closer.start()
    assert locked.wait(timeout=10)
    saver = threading.Thread(target=save)
    saver.start()
    saver.join(timeout=0.5)
    assert saver.is_alive()  # blocked by the phase change
    release.set()
    closer.join(timeout=10)
    saver.join(timeout=10)
    assert outcome == [ScoringClosed]
    assert Score.objects.count() == 0
