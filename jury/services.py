"""The jury's rules: nominations, scoring, conflicts of interest, the tally,
the award decision and publication.

Views, the admin, management commands and tests all call these functions.
Every write runs in a transaction; scoring re-checks the edition's phase and
deadline under a shared lock of the edition row, so a save cannot slip past
the closing of scoring (`change_phase` locks that row exclusively).
"""

import statistics
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from practices.enums import Phase
from practices.models import Award, Category, City, Edition, Practice, SimilarAction
from practices.services import change_phase

from .enums import NominationStatus
from .models import Conflict, Criterion, JurorQuote, Nomination, Score, ScoreChange
from .models import ScoreComment
from .permissions import scoring_open

# ---------------------------------------------------------------- nominations


def create_nomination(*, edition, practice, category, justification=None, created_by=None):
    """Nominate a practice in a category of an edition (from an accepted expert
    report, an import or an organiser). Raises ValidationError on a duplicate."""
    if edition.phase in (Phase.DELIBERATION, Phase.PUBLISHED):
        raise ValidationError(_("Nominations are closed once the jury has finished scoring."))
    try:
        with transaction.atomic():
            return Nomination.objects.create(
                edition=edition,
                practice=practice,
                category=category,
                justification=justification or None,
                created_by=created_by,
            )
    except IntegrityError:
        raise ValidationError(
            _("This practice is already nominated in this category of this edition.")
        ) from None


def import_nominations(*, edition, rows, created_by=None):
    """Create nominations from dicts {city, practice, category, justification}.

    Idempotent: rows already nominated are skipped. All or nothing: an unknown
    city, practice or category raises ValidationError naming the row.
    Returns (created, skipped).
    """
    created = skipped = 0
    with transaction.atomic():
        for number, row in enumerate(rows, start=1):
            try:
                city = City.objects.get(slug=row["city"])
                practice = Practice.objects.get(city=city, slug=row["practice"])
                category = Category.objects.get(code=row["category"])
            except (KeyError, TypeError):
                raise ValidationError(
                    _("Row %(row)d needs “city”, “practice” and “category”.") % {"row": number}
                ) from None
            except (City.DoesNotExist, Practice.DoesNotExist, Category.DoesNotExist):
                raise ValidationError(
                    _("Row %(row)d names an unknown city, practice or category.")
                    % {"row": number}
                ) from None
            if Nomination.objects.filter(
                edition=edition, practice=practice, category=category
            ).exists():
                skipped += 1
                continue
            create_nomination(
                edition=edition,
                practice=practice,
                category=category,
                justification=row.get("justification"),
                created_by=created_by,
            )
            created += 1
    return created, skipped


# ---------------------------------------------------------------- scoring


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


def _clean_scores(*, criteria, values):
    errors = []
    clean = {}
    invalid = set()
    for key, value in values.items():
        criterion = criteria.get(int(key))
        if criterion is None:
            errors.append(_("This criterion does not belong to the nomination’s edition."))
            continue
        if value in (None, ""):
            clean[criterion.pk] = None
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or str(number) != str(value).strip() or not criterion.accepts(number):
            errors.append(
                _("A score for “%(criterion)s” must be a whole number from %(min)d to %(max)d.")
                % {"criterion": criterion.name, "min": criterion.scale_min,
                   "max": criterion.scale_max}
            )
            invalid.add(criterion.pk)
            continue
        clean[criterion.pk] = number
    for criterion in criteria.values():
        if criterion.required and criterion.pk not in invalid and clean.get(criterion.pk) is None:
            errors.append(_("“%(criterion)s” needs a score.") % {"criterion": criterion.name})
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
    clean = _clean_scores(criteria=criteria, values=values)

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
            # The bulk writes send no save signals: write the audit trail's rows
            # (django-simple-history) in bulk too, in the same transaction.
            Score.history.bulk_history_create(updated, update=True, default_user=by, default_date=now)
        if created:
            Score.objects.bulk_create(created)
            Score.history.bulk_history_create(created, default_user=by, default_date=now)
        if changes:
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


def declare_conflict(*, juror, nomination, reason, by=None):
    """Record a conflict of interest (by the juror or an organiser).

    From then on the juror cannot score the nomination and the tally ignores
    any score they gave it. Raises ValidationError on a duplicate or no reason.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say briefly why there is a conflict of interest."))
    if not juror.editions.filter(pk=nomination.edition_id).exists():
        raise ValidationError(_("This juror is not on the jury of this edition."))
    try:
        with transaction.atomic():
            return Conflict.objects.create(
                juror=juror, nomination=nomination, reason=reason, declared_by=by
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

    @property
    def complete(self):
        return self.scored >= self.to_score


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


# ---------------------------------------------------------------- the tally


def _display(value):
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@dataclass
class CriterionStats:
    criterion: Criterion
    values: list

    @property
    def count(self):
        return len(self.values)

    @property
    def mean(self):
        return Fraction(sum(self.values), len(self.values)) if self.values else None

    @property
    def median(self):
        return Fraction(statistics.median(self.values)) if self.values else None

    @property
    def spread(self):
        return max(self.values) - min(self.values) if self.values else None

    @property
    def mean_display(self):
        return _display(self.mean)

    @property
    def median_display(self):
        return _display(self.median)


@dataclass
class TallyRow:
    nomination: Nomination
    stats: list
    scores: int
    conflicts: int
    missing: int
    rank: int | None = None
    tied: bool = False

    @property
    def total(self):
        """Weighted mean of the criterion means, over criteria with any score.

        Exact (a Fraction), so ties are ties and never a rounding accident.
        """
        scored = [s for s in self.stats if s.values]
        if not scored:
            return None
        weights = sum(Fraction(s.criterion.weight) for s in scored)
        return sum(Fraction(s.criterion.weight) * s.mean for s in scored) / weights

    @property
    def total_display(self):
        return _display(self.total)

    @property
    def max_spread(self):
        spreads = [s.spread for s in self.stats if s.spread is not None]
        return max(spreads) if spreads else None


@dataclass
class CategoryTally:
    category: Category
    rows: list = field(default_factory=list)


def _rank(rows):
    """Competition ranking (1, 1, 3) by total, highest first; unscored rows last, unranked."""
    ranked = sorted(
        (r for r in rows if r.total is not None), key=lambda r: r.total, reverse=True
    )
    for index, row in enumerate(ranked):
        if index and row.total == ranked[index - 1].total:
            row.rank = ranked[index - 1].rank
        else:
            row.rank = index + 1
    for row in ranked:
        row.tied = sum(1 for r in ranked if r.rank == row.rank) > 1
    return ranked + [r for r in rows if r.total is None]


def tally(*, edition):
    """The jury's results per category: [CategoryTally], in a constant number of queries.

    Counted: scores of the edition's jurors. Never counted: scores of a juror
    with a conflict of interest on that nomination. Missing: required criteria
    a non-conflicted juror has not scored.
    """
    criteria = list(Criterion.objects.filter(edition=edition))
    jury = set(edition.jurors.values_list("pk", flat=True))
    nominations = list(Nomination.objects.filter(edition=edition).for_listing())
    conflicts = set(
        Conflict.objects.filter(nomination__edition=edition, juror_id__in=jury).values_list(
            "juror_id", "nomination_id"
        )
    )
    values = {}
    for juror_id, nomination_id, criterion_id, value in Score.objects.filter(
        nomination__edition=edition, juror_id__in=jury
    ).values_list("juror_id", "nomination_id", "criterion_id", "value"):
        if (juror_id, nomination_id) in conflicts:
            continue
        values.setdefault((nomination_id, criterion_id), []).append((juror_id, value))

    groups = {}
    for nomination in nominations:
        stats = []
        scores = missing = 0
        conflicted = sum(1 for j in jury if (j, nomination.pk) in conflicts)
        for criterion in criteria:
            given = values.get((nomination.pk, criterion.pk), [])
            stats.append(CriterionStats(criterion=criterion, values=sorted(v for _j, v in given)))
            scores += len(given)
            if criterion.required:
                missing += len(jury) - conflicted - len(given)
        row = TallyRow(
            nomination=nomination,
            stats=stats,
            scores=scores,
            conflicts=conflicted,
            missing=missing,
        )
        groups.setdefault(nomination.category, []).append(row)
    return [
        CategoryTally(category=category, rows=_rank(rows))
        for category, rows in sorted(groups.items(), key=lambda kv: (kv[0].order, kv[0].code))
    ], criteria


def tally_table(*, edition):
    """The tally as a header and rows of plain values, for CSV export."""
    categories, criteria = tally(edition=edition)
    header = [
        _("Category"), _("City"), _("Practice"), _("Rank"), _("Tied"),
        _("Weighted total"), _("Scores"), _("Conflicts"), _("Missing scores"),
    ]
    for criterion in criteria:
        header += [
            f"{criterion.code}: " + _("mean"),
            f"{criterion.code}: " + _("median"),
            f"{criterion.code}: " + _("spread"),
        ]
    rows = []
    for group in categories:
        for row in group.rows:
            practice = row.nomination.practice
            line = [
                group.category.name, practice.city.name, practice.title,
                row.rank or "", _("yes") if row.tied else "",
                row.total_display if row.total is not None else "",
                row.scores, row.conflicts, row.missing,
            ]
            for stat in row.stats:
                line += [
                    stat.mean_display if stat.values else "",
                    stat.median_display if stat.values else "",
                    stat.spread if stat.values else "",
                ]
            rows.append(line)
    return header, rows


# ---------------------------------------------------------------- decision and publication


def decide_award(
    *, nomination, recommendation="", similar_practices=(), quotes=(), by=None
):
    """Turn a nomination into an award, with similar actions and juror quotes.

    Only while the edition deliberates. The award goes last in the booklet
    order. Raises ValidationError when the practice already has this award.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=nomination.edition_id)
        if edition.phase != Phase.DELIBERATION:
            raise ValidationError(_("Awards are decided while the edition is in deliberation."))
        if Award.objects.filter(
            edition=edition, category=nomination.category, practice=nomination.practice
        ).exists():
            raise ValidationError(
                _("This practice already has an award in this category of this edition.")
            )
        order = (Award.objects.filter(edition=edition).aggregate(m=Max("order"))["m"] or 0) + 1
        award = Award.objects.create(
            edition=edition,
            category=nomination.category,
            practice=nomination.practice,
            order=order,
            recommendation_pl=recommendation,
        )
        for position, practice in enumerate(similar_practices, start=1):
            SimilarAction.objects.create(
                award=award, order=position, city=practice.city, practice=practice
            )
        for position, (juror, text) in enumerate(quotes, start=1):
            if text.strip():
                JurorQuote.objects.create(
                    award=award, order=position, juror=juror, text_pl=text.strip()
                )
    return award


def publish_edition(*, edition, by=None):
    """Close scoring (if still open) and publish the edition's awards at once.

    Refuses an edition with no awards: publishing would show an empty year.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.phase == Phase.PUBLISHED:
            return edition
        if edition.phase not in (Phase.JURY_SCORING, Phase.DELIBERATION):
            raise ValidationError(
                _("Only an edition in jury scoring or deliberation can be published.")
            )
        if not edition.awards.exists():
            raise ValidationError(_("Decide at least one award before publishing."))
        if edition.phase == Phase.JURY_SCORING:
            edition = change_phase(edition=edition, phase=Phase.DELIBERATION)
        return change_phase(edition=edition, phase=Phase.PUBLISHED)
