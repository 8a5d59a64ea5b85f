"""The tally: weighted means per nomination and category, exact ties (jury/README.md)."""

import statistics
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from practices.models import Category

from ..models import Conflict, Criterion, Nomination, Score


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
    """The jury's results: ([CategoryTally], [Criterion]), in a constant number of queries.

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
