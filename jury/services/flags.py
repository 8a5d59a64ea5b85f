"""Which nominations are worth discussing in deliberation, and why (docs/tally.md, "Flags").

Four signals, all from the tally's counted scores (`tally.collect`):

(a) disagreement: on a criterion, the standard deviation of a nomination's scores
    lies above the edition's own upper fence for that criterion (Tukey's: Q3 + 3 × IQR
    of the standard deviations of every nomination on it), and the spread is at
    least half the scale;
(b) the category's first place changes when one juror is left out (robustness);
(c) the first place is a tie, or its margin is no larger than what one juror moving
    one point on one criterion can change;
(d) a conflict of interest removed a juror's scores from the nomination.

Each flag has two texts: the organisers' (figures, the juror's name where the
robustness line gives it) and the jurors' (neither a figure of single scores nor a
name: jurors never read another juror's scores or which juror tips a ranking).
"""

import statistics
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext as _

from ..enums import FlagKind
from .robustness import robustness
from .tally import categories_of, collect

# Tukey's "far out" fence; below MIN_FOR_FENCE nominations a criterion has no distribution to
# speak of, and only the floor (a spread of half the scale) applies.
FENCE_IQR = 3
MIN_FOR_FENCE = 4


@dataclass
class Flag:
    kind: FlagKind
    reason: str  # for organisers
    juror_reason: str  # for jurors: no single score, no juror named
    criterion: object = None


def _sd(values):
    return statistics.pstdev(values) if len(values) > 1 else 0.0


def disagreement_fences(data):
    """{criterion_id: fence or None}: Q3 + 3·IQR of the per-nomination standard
    deviations of the criterion's counted scores, over the edition's nominations
    with at least two scores (None with fewer than MIN_FOR_FENCE of them)."""
    fences = {}
    for criterion in data.criteria:
        sds = sorted(
            _sd([v for _j, v in pairs])
            for (_n, c), pairs in data.values.items()
            if c == criterion.pk and len(pairs) > 1
        )
        if len(sds) < MIN_FOR_FENCE:
            fences[criterion.pk] = None
            continue
        q1, _q2, q3 = statistics.quantiles(sds, n=4, method="inclusive")
        fences[criterion.pk] = q3 + float(FENCE_IQR) * (q3 - q1)
    return fences


def _disagreements(row, fences):
    flags = []
    for stat in row.stats:
        if stat.count < 2:
            continue
        floor = Fraction(stat.criterion.scale_max - stat.criterion.scale_min, 2)
        sd, fence = _sd(stat.values), fences.get(stat.criterion.pk)
        if stat.spread >= floor and (fence is None or sd > fence + 1e-9):
            name = stat.criterion.name
            reason = _(
                "Jurors disagree on “%(criterion)s”: spread %(spread)s, standard deviation "
                "%(sd).2f, above this edition's usual %(fence)s."
            ) % {"criterion": name, "spread": stat.spread, "sd": sd,
                 "fence": "–" if fence is None else f"{fence:.2f}"}
            flags.append(Flag(
                kind=FlagKind.DISAGREEMENT, reason=reason, criterion=stat.criterion,
                juror_reason=_("The jurors’ scores on “%(criterion)s” are far apart.")
                % {"criterion": name},
            ))
    return flags


def one_point(row):
    """The most one juror moving one point on one criterion changes the row's total:
    max over criteria of w_c / (Σw · k_c), Σw over the criteria with a counted score."""
    scored = [s for s in row.stats if s.values]
    if not scored:
        return None
    weights = sum(Fraction(s.criterion.weight) for s in scored)
    return max(Fraction(s.criterion.weight) / (weights * s.count) for s in scored)


def _close(group, check):
    """{nomination_id: Flag} for a first place that is a tie or within one point's move."""
    rows = {r.nomination.pk: r for r in group.rows}
    if len(check.winners) > 1:
        return {
            n.pk: Flag(kind=FlagKind.CLOSE, reason=_("First place is a tie."),
                       juror_reason=_("First place in this category is a tie."))
            for n in check.winners
        }
    if check.margin is None or not check.runners_up:
        return {}
    involved = [check.winners[0], *check.runners_up]
    reach = max(one_point(rows[n.pk]) or 0 for n in involved)
    if check.margin > reach:
        return {}
    reason = _(
        "Margin %(margin)s points: one juror moving one point can change up to %(reach)s."
    ) % {"margin": check.margin_display, "reach": f"{float(reach):.2f}"}
    flag = Flag(kind=FlagKind.CLOSE, reason=reason,
                juror_reason=_("First place in this category is within one point of one juror."))
    return {n.pk: flag for n in involved}


def _juror_dependent(check):
    if not check.changes:
        return {}
    flag = Flag(kind=FlagKind.JUROR_DEPENDENT, reason=check.line,
                juror_reason=_("Without one juror, the first place in this category changes."))
    nominations = set(check.winners)
    for effect in check.changes:
        nominations.update(effect.winners)
    return {n.pk: flag for n in nominations}


def flags(*, edition, data=None, checks=None):
    """{nomination_id: [Flag]} of the edition's flagged nominations (the others absent).

    `data` (tally.collect) and `checks` (robustness.robustness) are reused when given."""
    data = data or collect(edition=edition)
    checks = checks or robustness(edition=edition, data=data)
    by_category = {c.category.pk: c for c in checks}
    fences = disagreement_fences(data)
    jury = {j.pk for j in data.jurors}
    found = {}
    for group in categories_of(data):
        check = by_category.get(group.category.pk)
        close = _close(group, check) if check else {}
        dependent = _juror_dependent(check) if check else {}
        for row in group.rows:
            pk = row.nomination.pk
            raised = _disagreements(row, fences)
            if pk in dependent:
                raised.append(dependent[pk])
            if pk in close:
                raised.append(close[pk])
            if any((j, pk) in data.conflicts for j in jury):
                raised.append(Flag(
                    kind=FlagKind.CONFLICT,
                    reason=_("A conflict of interest removed a juror's scores."),
                    juror_reason=_("A conflict of interest removed a juror's scores."),
                ))
            if raised:
                found[pk] = raised
    return found


def flagged_share(*, edition, data=None):
    """(flagged, nominations) of the edition: the bench's and the docs' figure."""
    data = data or collect(edition=edition)
    return len(flags(edition=edition, data=data)), len(data.nominations)
