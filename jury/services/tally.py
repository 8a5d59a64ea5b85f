"""The tally: weighted means per nomination and category, exact ties (jury/README.md)."""

import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from practices.models import Category

from ..models import Conflict, Criterion, Nomination, Score, ScoreComment
from ..permissions import scoring_open


def weighted_total(pairs):
    """Σ wᵢ·meanᵢ / Σ wᵢ over (weight, [values]) pairs with any value; None if none.

    Fractions in, a Fraction out; Decimals (z-scores) in, a Decimal out."""
    scored = [(w, v) for w, v in pairs if v]
    if not scored:
        return None
    weights = sum(w for w, _v in scored)
    return sum(w * (sum(v) / len(v)) for w, v in scored) / weights


def _display(value):
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


@dataclass
class CriterionStats:
    """One criterion's counted scores of one nomination; built once, never changed
    (its figures are computed on first use and kept)."""

    criterion: Criterion
    values: list
    # (juror_id, value) of the counted scores, for the per-juror view.
    by_juror: dict = field(default_factory=dict)

    @property
    def count(self):
        return len(self.values)

    @cached_property
    def mean(self):
        return Fraction(sum(self.values), len(self.values)) if self.values else None

    @cached_property
    def median(self):
        return Fraction(statistics.median(self.values)) if self.values else None

    @cached_property
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

    @cached_property
    def total(self):
        """Weighted mean of the criterion means, over criteria with any score.

        Exact (a Fraction), so ties are ties and never a rounding accident.
        Computed once per row: ranking compares it, the page and the CSV show it.
        """
        # Each criterion's mean as one Fraction (its integer sum over its count):
        # the same exact value as averaging Fractions of every score, for a
        # fraction of the arithmetic.
        return weighted_total(
            (Fraction(s.criterion.weight), [Fraction(sum(s.values), len(s.values))])
            for s in self.stats
            if s.values
        )

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
    """Competition ranking (1, 1, 3) by total, highest first; unscored rows last, unranked.

    The sort is stable: within a tie the incoming order (the nominations' own:
    city name, then title) stays."""
    ranked = sorted(
        (r for r in rows if r.total is not None), key=lambda r: r.total, reverse=True
    )
    for index, row in enumerate(ranked):
        if index and row.total == ranked[index - 1].total:
            row.rank = ranked[index - 1].rank
        else:
            row.rank = index + 1
    sharing = Counter(row.rank for row in ranked)
    for row in ranked:
        row.tied = sharing[row.rank] > 1
    return ranked + [r for r in rows if r.total is None]


@dataclass
class TallyData:
    """The counted scores of an edition, read once: the tally, the per-juror view
    and the robustness checks all work from it."""

    criteria: list
    jurors: list
    nominations: list
    conflicts: set
    # (nomination_id, criterion_id) -> [(juror_id, value)], conflicted scores left out
    values: dict


def collect(*, edition):
    """Read what the tally counts, in a constant number of queries.

    Counted: scores of the edition's jurors. Never counted: scores of a juror
    with a conflict of interest on that nomination."""
    criteria = list(Criterion.objects.filter(edition=edition))
    jurors = list(edition.jurors.order_by("name", "pk"))
    jury = {j.pk for j in jurors}
    # Polish names, not the reader's language: jurors, organisers and the CSV see
    # one order within a tie (docs/tally.md).
    nominations = list(
        Nomination.objects.filter(edition=edition)
        .for_listing()
        .order_by("category__order", "practice__city__name_pl", "practice__title_pl", "pk")
    )
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
    return TallyData(criteria, jurors, nominations, conflicts, values)


def categories_of(data, *, without=None):
    """[CategoryTally] from collected data, optionally leaving one juror out."""
    jury = {j.pk for j in data.jurors if j.pk != without}
    groups = {}
    for nomination in data.nominations:
        stats = []
        scores = missing = 0
        conflicted = sum(1 for j in jury if (j, nomination.pk) in data.conflicts)
        for criterion in data.criteria:
            given = [
                (j, v) for j, v in data.values.get((nomination.pk, criterion.pk), []) if j in jury
            ]
            stats.append(
                CriterionStats(
                    criterion=criterion,
                    values=sorted(v for _j, v in given),
                    by_juror=dict(given),
                )
            )
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
    ]


def tally(*, edition, data=None):
    """The jury's results per category: ([CategoryTally], criteria), in a constant
    number of queries (`collect`). Missing: required criteria a non-conflicted
    juror has not scored. Within a tie, rows keep the nominations' order: city,
    then title (docs/tally.md)."""
    data = data or collect(edition=edition)
    return categories_of(data), data.criteria


def comments_by_nomination(*, edition):
    """{nomination id: [(juror name, text), ...]} of the non-empty juror comments."""
    comments = {}
    rows = (
        ScoreComment.objects.filter(nomination__edition=edition)
        .exclude(text="")
        .select_related("juror")
        .order_by("juror__name")
    )
    for comment in rows:
        comments.setdefault(comment.nomination_id, []).append((comment.juror.name, comment.text))
    return comments


def tally_table(*, edition):
    """The tally as a header and rows of plain values, for CSV export; the jurors'
    comments join it once scoring is closed (they are the jurors' own until then)."""
    categories, criteria = tally(edition=edition)
    comments = None if scoring_open(edition) else comments_by_nomination(edition=edition)
    header = [
        _("Category"), _("City"), _("Practice"), _("Rank"), _("Tied"),
        _("Weighted total"), _("Scores"), _("Conflicts"), _("Missing scores"),
    ]
    for criterion in criteria:
        # Names, not codes: the file is read by people (the weight says how it counts).
        label = _("%(criterion)s (weight %(weight)s)") % {
            "criterion": criterion.name,
            "weight": f"{criterion.weight.normalize():f}",
        }
        header += [
            f"{label}: " + _("mean"),
            f"{label}: " + _("median"),
            f"{label}: " + _("spread"),
        ]
    if comments is not None:
        header.append(_("Juror comments"))
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
            if comments is not None:
                line.append(
                    " | ".join(
                        f"{name}: {text}" for name, text in comments.get(row.nomination.pk, [])
                    )
                )
            rows.append(line)
    return header, rows
