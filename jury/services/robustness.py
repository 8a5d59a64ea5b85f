"""How much the ranking of each category depends on single jurors (docs/tally.md).

Three checks per category, all from the same counted scores as the tally
(`tally.collect`): leave-one-juror-out (is the first place the same without
each juror?), the margin between first and second, and the ranking under
per-juror standardised scores (z-scores) beside the raw one.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from fractions import Fraction

from django.utils.translation import gettext as _

from .tally import _display, categories_of, collect, weighted_total

# z-scores need square roots, so they are Decimals, not Fractions: computed
# with this many significant digits and compared after rounding to Z_PLACES,
# so that totals equal by symmetry stay a tie whatever the summation order.
Z_PRECISION = 40
Z_PLACES = Decimal("1e-20")


@dataclass
class JurorEffect:
    """The first place of a category without one juror."""

    juror: object
    winners: list  # nominations ranked first without the juror


@dataclass
class StandardisedRow:
    nomination: object
    total: Decimal | None
    rank: int | None = None
    tied: bool = False
    raw_rank: int | None = None

    @property
    def total_display(self):
        return None if self.total is None else self.total.quantize(Decimal("0.01"))


@dataclass
class CategoryRobustness:
    category: object
    winners: list  # nominations ranked first with every juror
    runners_up: list  # nominations ranked right after the first place
    margin: Fraction | None  # first minus second, in points; 0 when first place is a tie
    changes: list = field(default_factory=list)  # [JurorEffect] where the first place differs
    standardised: list = field(default_factory=list)  # [StandardisedRow], ranked
    line: str = ""

    @property
    def margin_display(self):
        return _display(self.margin)

    @property
    def depends_on_a_juror(self):
        return bool(self.changes)

    @property
    def standardised_winners(self):
        return [r.nomination for r in self.standardised if r.rank == 1]

    @property
    def standardised_agrees(self):
        return set(self.standardised_winners) == set(self.winners)


def _first_two(rows):
    """(winners, runners_up, margin) of a ranked list of TallyRows."""
    ranked = [r for r in rows if r.rank is not None]
    winners = [r for r in ranked if r.rank == 1]
    rest = [r for r in ranked if r.rank != 1]
    if not winners:
        return [], [], None
    if len(winners) > 1:
        return [r.nomination for r in winners], [], Fraction(0)
    if not rest:
        return [winners[0].nomination], [], None
    second = [r for r in rest if r.rank == rest[0].rank]
    return (
        [winners[0].nomination],
        [r.nomination for r in second],
        winners[0].total - rest[0].total,
    )


def _names(nominations):
    return ", ".join(str(n.practice) for n in nominations)


def _line(result):
    """One plain sentence per category, for the deliberation."""
    if not result.winners:
        return _("No scores yet: nothing to rank.")
    if not result.changes:
        if len(result.winners) > 1:
            return _("The tie for first place does not depend on any single juror.")
        return _("The winner does not depend on any single juror.")
    sentences = []
    for effect in result.changes:
        winners = set(effect.winners)
        if not winners:
            sentence = _("Without %(juror)s nothing is scored.")
        elif (
            len(result.winners) == 1
            and result.runners_up
            and winners == set(result.runners_up[:1])
            and len(result.runners_up) == 1
        ):
            sentence = _("Without %(juror)s the order of the first two changes.")
        elif len(winners) > 1 and winners > set(result.winners):
            sentence = _("Without %(juror)s the first place becomes a tie: %(winners)s.")
        else:
            sentence = _("Without %(juror)s the first place goes to %(winners)s.")
        sentences.append(sentence % {"juror": effect.juror.name, "winners": _names(effect.winners)})
    return " ".join(sentences)


def _standardiser(data):
    """(juror_id, criterion_id) -> (mean, standard deviation) of that juror's
    counted scores on that criterion across the whole edition (population SD)."""
    given = {}
    for (_nomination, criterion), pairs in data.values.items():
        for juror, value in pairs:
            given.setdefault((juror, criterion), []).append(Decimal(value))
    moments = {}
    for key, values in given.items():
        mean = sum(values) / len(values)
        variance = sum((v - mean) ** 2 for v in values) / len(values)
        moments[key] = (mean, variance.sqrt())
    return moments


def _standardised(data, category_rows, raw_ranks):
    """The category's rows ranked by the weighted total of mean z-scores.

    A juror whose scores on a criterion are all equal (SD 0) gives no
    information about the order there: their z-score is 0."""
    moments = _standardiser(data)
    order = {n.pk: i for i, n in enumerate(data.nominations)}  # city, then title
    rows = []
    for tally_row in sorted(category_rows, key=lambda r: order[r.nomination.pk]):
        nomination = tally_row.nomination
        pairs = []
        for criterion in data.criteria:
            zs = []
            for juror, value in data.values.get((nomination.pk, criterion.pk), []):
                mean, sd = moments[(juror, criterion.pk)]
                zs.append((Decimal(value) - mean) / sd if sd else Decimal(0))
            pairs.append((Decimal(criterion.weight), zs))
        total = weighted_total(pairs)
        rows.append(
            StandardisedRow(
                nomination=nomination,
                total=None if total is None else total.quantize(Z_PLACES),
                raw_rank=raw_ranks.get(nomination.pk),
            )
        )
    ranked = sorted((r for r in rows if r.total is not None), key=lambda r: r.total, reverse=True)
    for index, row in enumerate(ranked):
        if index and row.total == ranked[index - 1].total:
            row.rank = ranked[index - 1].rank
        else:
            row.rank = index + 1
    sharing = Counter(row.rank for row in ranked)
    for row in ranked:
        row.tied = sharing[row.rank] > 1
    return ranked + [r for r in rows if r.total is None]


def robustness(*, edition, data=None):
    """[CategoryRobustness] per category, in the tally's order.

    Leave-one-juror-out removes one juror's scores everywhere (as if they had
    not been on the jury) and re-ranks; a conflicted juror's scores never
    counted, so removing them changes nothing on that nomination."""
    data = data or collect(edition=edition)
    full = categories_of(data)
    without = {
        juror.pk: {g.category.pk: g for g in categories_of(data, without=juror.pk)}
        for juror in data.jurors
    }
    results = []
    with localcontext() as context:
        context.prec = Z_PRECISION
        for group in full:
            winners, runners_up, margin = _first_two(group.rows)
            result = CategoryRobustness(
                category=group.category, winners=winners, runners_up=runners_up, margin=margin
            )
            if winners:
                for juror in data.jurors:
                    other = without[juror.pk].get(group.category.pk)
                    others, _r, _m = _first_two(other.rows) if other else ([], [], None)
                    if set(others) != set(winners):
                        result.changes.append(JurorEffect(juror=juror, winners=others))
            raw_ranks = {r.nomination.pk: r.rank for r in group.rows}
            result.standardised = _standardised(data, group.rows, raw_ranks)
            result.line = _line(result)
            results.append(result)
    return results
