"""Scoring: jurors save scores and comments and declare conflicts of interest; their progress.

Every write runs in a transaction; scoring re-checks the edition's phase and deadline
under a shared lock of the edition row, so a save cannot slip past the closing of scoring
(`change_phase` locks that row exclusively).
"""

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from otwarte.text import has_visible_text
from practices import phases
from practices.models import Edition
from practices.phases import Action

from ..enums import ConflictReason, NominationStatus
from ..models import Conflict, Criterion, Score, ScoreChange, ScoreComment
from ..permissions import scoring_open


class ScoringClosed(ValidationError):
    """The juror may not score this nomination now: not on its jury, scoring closed
    (phase or deadline), or a declared conflict of interest."""


# One statement takes both row locks and reads everything the rules need:
# - the edition row FOR SHARE: jurors' saves do not block one another, while
#   `change_phase` (FOR UPDATE) waits for saves in flight and saves wait for a
#   phase change to commit, then see its phase (READ COMMITTED re-reads a row
#   it had to wait for);
# - the juror row FOR NO KEY UPDATE: two saves by the same juror (two tabs) run
#   one after the other, so each criterion ends with the values of one save
#   (KEY SHARE locks taken by foreign keys to the juror are not blocked).
# The juror's own scores and comment are read by the next statement, not here:
# this one's snapshot is taken before it waits for the juror lock, so it would
# miss what the other save wrote.
# SQLite has no row locks; it serialises every write transaction.
_SCORING_STATE_SQL = """
    SELECT e.id, e.phase, e.scoring_deadline,
           EXISTS(SELECT 1 FROM jury_juror_editions je
                  WHERE je.juror_id = j.id AND je.edition_id = e.id) AS on_jury,
           EXISTS(SELECT 1 FROM jury_conflict c
                  WHERE c.juror_id = j.id AND c.nomination_id = %s) AS conflicted
    FROM practices_edition e, jury_juror j
    WHERE e.id = %s AND j.id = %s
"""
_SCORING_LOCKS_SQL = " FOR NO KEY UPDATE OF j FOR SHARE OF e"

# After the locks: the juror's scores of the nomination and their comment (a
# row with a NULL id), in one round trip.
_OWN_SCORES_SQL = """
    SELECT s.id, s.criterion_id, s.value, NULL AS text FROM jury_score s
    WHERE s.juror_id = %s AND s.nomination_id = %s
    UNION ALL
    SELECT NULL, NULL, NULL, sc.text FROM jury_scorecomment sc
    WHERE sc.juror_id = %s AND sc.nomination_id = %s
"""


def _lock_scoring_state(*, juror, nomination):
    """Lock the edition (shared) and the juror (exclusive) rows; return the edition
    (id, phase, scoring_deadline only) with `on_jury` and `conflicted`."""
    sql = _SCORING_STATE_SQL
    if connection.vendor == "postgresql":
        sql += _SCORING_LOCKS_SQL
    params = [nomination.pk, nomination.edition_id, juror.pk]
    # A raw model query, so the deadline comes back as an aware datetime everywhere.
    state = next(iter(Edition.objects.raw(sql, params)), None)
    if state is None:  # the edition or the juror is gone
        raise ScoringClosed(_("Scoring is closed for this edition."))
    return state


def _own_scores(*, juror, nomination):
    """{criterion_pk: Score} of the juror's scores of the nomination, and the text
    of their comment (None when there is none). Read under the juror lock."""
    scores, comment = {}, None
    with connection.cursor() as cursor:
        cursor.execute(_OWN_SCORES_SQL, [juror.pk, nomination.pk] * 2)
        for pk, criterion_pk, value, text in cursor.fetchall():
            if pk is None:
                comment = text
            else:
                scores[criterion_pk] = Score(id=pk, juror_id=juror.pk, nomination_id=nomination.pk,
                                             criterion_id=criterion_pk, value=value)  # fmt: skip
    return scores, comment


def _update_scores(scores, now):
    """One UPDATE of several scores' values (bulk_update's CASE per row and field
    costs more to build than the round trip it saves)."""
    rows = ", ".join(["(%s, %s)"] * len(scores))
    params = [value for score in scores for value in (score.pk, score.value)]
    params.append(connection.ops.adapt_datetimefield_value(now))
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH v(id, value) AS (VALUES {rows}) "
            "UPDATE jury_score SET value = (SELECT v.value FROM v WHERE v.id = jury_score.id), "
            "updated_at = %s WHERE id IN (SELECT v.id FROM v)",
            params,
        )


def clean_scores(*, criteria, values):
    """The rule for a juror's scores, asked by `submit_scores` and by the scoring
    form (jury.forms.ScoreForm) alike: {criterion_pk: int or None} out of
    `values` ({criterion_pk: int, a string of digits, None or ""}) for
    `criteria` ({pk: Criterion}, the nomination's edition's).

    Raises ValidationError keyed by criterion pk (NON_FIELD_ERRORS for a
    criterion of another edition): a value off the criterion's scale, or a
    required criterion without one.
    """
    errors = {}
    clean = {}
    for key, value in values.items():
        criterion = criteria.get(int(key))
        if criterion is None:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("This criterion does not belong to the nomination’s edition.")
            )
            continue
        if value in (None, ""):
            clean[criterion.pk] = None
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or str(number) != str(value).strip() or not criterion.accepts(number):
            errors[criterion.pk] = [
                _("A score for “%(criterion)s” must be a whole number from %(min)d to %(max)d.")
                % {"criterion": criterion.name, "min": criterion.scale_min,
                   "max": criterion.scale_max}
            ]
            continue
        clean[criterion.pk] = number
    for criterion in criteria.values():
        if criterion.required and criterion.pk not in errors and clean.get(criterion.pk) is None:
            errors[criterion.pk] = [
                _("“%(criterion)s” needs a score.") % {"criterion": criterion.name}
            ]
    if errors:
        raise ValidationError(errors)
    return clean


def submit_scores(*, juror, nomination, values, comment=None, by=None, criteria=None):
    """Save a juror's scores of a nomination: {criterion_pk: int or None}.

    Every required criterion needs a value; None clears an optional one.
    Each change is kept in the history. Two saves at once by the same juror
    are serialised by row locks, so each criterion ends with one row holding
    the values of one save; saves by different jurors do not wait for each
    other. `criteria` (the edition's, already read by the caller) saves a query.
    Raises ScoringClosed when the juror may not score the nomination now, and
    ValidationError with a message per problem in the values.

    A fixed number of queries whatever the number of criteria: the locks and
    checks, the existing scores and comment, then at most one UPDATE, INSERT and
    DELETE of scores, one INSERT of history and one write of the comment.
    """
    if criteria is None:
        criteria = Criterion.objects.filter(edition_id=nomination.edition_id)
    criteria = {c.pk: c for c in criteria}
    clean = clean_scores(criteria=criteria, values=values)

    with transaction.atomic():
        state = _lock_scoring_state(juror=juror, nomination=nomination)
        if not state.on_jury:
            raise ScoringClosed(_("You are not on the jury of this edition."))
        if not scoring_open(state):
            raise ScoringClosed(_("Scoring is closed for this edition."))
        if state.conflicted:
            raise ScoringClosed(
                _("You declared a conflict of interest for this nomination and cannot score it.")
            )
        existing, old_comment = _own_scores(juror=juror, nomination=nomination)
        now = timezone.now()
        changes, created, updated, deleted = [], [], [], []
        for criterion_pk, value in clean.items():
            score = existing.get(criterion_pk)
            old = score.value if score else None
            if old == value:
                continue
            if value is None:
                deleted.append(score.pk)
            elif score is None:
                created.append(
                    Score(juror_id=juror.pk, nomination_id=nomination.pk,
                          criterion_id=criterion_pk, value=value, updated_at=now)
                )  # fmt: skip
            else:
                score.value, score.updated_at = value, now
                updated.append(score)
            changes.append(
                ScoreChange(
                    juror_id=juror.pk,
                    nomination_id=nomination.pk,
                    criterion_id=criterion_pk,
                    old_value=old,
                    new_value=value,
                    changed_by=by,
                    changed_at=now,
                )
            )
        if deleted:
            Score.objects.filter(pk__in=deleted).delete()
        if updated:
            _update_scores(updated, now)
        if created:
            Score.objects.bulk_create(created)
        if changes:  # the scores' history: who changed which value, from what, when
            ScoreChange.objects.bulk_create(changes)
        if comment is not None and comment != (old_comment or ""):
            # The juror row lock makes this juror the only writer of the comment.
            if old_comment is None:
                ScoreComment.objects.create(juror=juror, nomination=nomination, text=comment)
            else:
                ScoreComment.objects.filter(juror=juror, nomination=nomination).update(
                    text=comment, updated_at=now
                )
    return changes


def check_conflict(*, juror, nomination):
    """Raise ValidationError unless a conflict of this juror on this nomination can be
    recorded now: while the jury scores, for a juror of the nomination's edition."""
    # The phase from the database: a nomination read earlier may carry a stale edition.
    phase = Edition.objects.values_list("phase", flat=True).get(pk=nomination.edition_id)
    phases.require(phase, Action.DECLARE_CONFLICT)
    if not juror.editions.filter(pk=nomination.edition_id).exists():
        raise ValidationError(_("This juror is not on the jury of this edition."))


def declare_conflict(*, juror, nomination, reason, category=ConflictReason.OTHER, by=None):
    """Record a conflict of interest (by the juror or an organiser).

    From then on the juror cannot score the nomination and the tally ignores
    any score they gave it. `category` (a ConflictReason) is what the public
    register may name; `reason` stays internal. Raises ValidationError on a
    duplicate, an unknown category or no reason.
    """
    reason = (reason or "").strip()
    if not has_visible_text(reason):
        raise ValidationError(_("Say briefly why there is a conflict of interest."))
    if category not in ConflictReason.values:
        raise ValidationError(_("Unknown kind of reason."))
    check_conflict(juror=juror, nomination=nomination)
    try:
        with transaction.atomic():
            return Conflict.objects.create(
                juror=juror, nomination=nomination, reason=reason,
                reason_category=category, declared_by=by,
            )
    except IntegrityError:
        raise ValidationError(
            _("A conflict of interest is already recorded for this juror and nomination.")
        ) from None


# ---------------------------------------------------------------- the juror's view


@dataclass
class Progress:
    total: int
    scored: int
    conflicts: int

    @property
    def to_score(self):
        """Nominations the juror can score (conflicts excluded)."""
        return self.total - self.conflicts


def juror_overview(*, juror, nominations):
    """[(nomination, status)] and Progress for one juror, in three queries."""
    nominations = list(nominations)
    ids = [n.pk for n in nominations]
    edition_ids = {n.edition_id for n in nominations}
    required = {}
    for criterion in Criterion.objects.filter(edition_id__in=edition_ids, required=True):
        required.setdefault(criterion.edition_id, set()).add(criterion.pk)
    given = {}
    for nomination_id, criterion_id in Score.objects.filter(
        juror=juror, nomination_id__in=ids
    ).values_list("nomination_id", "criterion_id"):
        given.setdefault(nomination_id, set()).add(criterion_id)
    conflicted = set(
        Conflict.objects.filter(juror=juror, nomination_id__in=ids).values_list(
            "nomination_id", flat=True
        )
    )
    rows = []
    for nomination in nominations:
        scored = given.get(nomination.pk, set())
        if nomination.pk in conflicted:
            status = NominationStatus.CONFLICT
        elif not scored:
            status = NominationStatus.NOT_STARTED
        elif required.get(nomination.edition_id, set()) <= scored:
            status = NominationStatus.SCORED
        else:
            status = NominationStatus.PARTIAL
        rows.append((nomination, status))
    progress = Progress(
        total=len(rows),
        scored=sum(1 for _n, s in rows if s == NominationStatus.SCORED),
        conflicts=len(conflicted),
    )
    return rows, progress


def next_to_score(*, juror, nominations, after):
    """The next nomination after `after` that still needs this juror's scores
    (wrapping round), or None when everything is done."""
    rows, _progress = juror_overview(juror=juror, nominations=nominations)
    open_rows = [n for n, s in rows if s in (NominationStatus.NOT_STARTED, NominationStatus.PARTIAL)]
    ids = [n.pk for n, _s in rows]
    position = ids.index(after.pk) if after.pk in ids else -1
    later = [n for n in open_rows if ids.index(n.pk) > position and n.pk != after.pk]
    earlier = [n for n in open_rows if ids.index(n.pk) < position]
    return (later + earlier or [None])[0]
