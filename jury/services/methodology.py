"""What a published edition tells the public about how its awards were chosen.

The methodology page (public:methodology) shows the criteria, the number of
nominations per category, an anonymised score profile per award and the
conflicts register. Anonymised means: per criterion, how many counted scores
fell on each point of the scale — never which juror gave which score, never a
juror's own scores. Counted scores are the tally's (`tally.collect`): a juror's
scores of a nomination they declared a conflict on are left out here too.

Only a published edition is described (`require(edition, VIEW_PUBLIC)`), so
nothing of an edition still deliberating can reach the page.
"""

from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Q

from practices.models import Award, Category
from practices.phases import Action, require

from ..enums import ConflictReason
from ..models import Conflict, ConflictDisclosure, Nomination
from .deliberation import summary as deliberation_summary
from .tally import _display, collect


@dataclass
class Point:
    value: int
    label: str
    count: int
    # Share of the criterion's counted scores, 0–100, for the bar's width.
    percent: int


@dataclass
class CriterionProfile:
    criterion: object
    points: list
    count: int
    mean: Fraction | None

    @property
    def mean_display(self):
        return _display(self.mean)


@dataclass
class AwardProfile:
    award: Award
    criteria: list = field(default_factory=list)

    @property
    def scored(self):
        return any(c.count for c in self.criteria)


@dataclass
class RegisterEntry:
    juror: str
    nomination: Nomination
    # The kind's label when the edition discloses it, else None ("not disclosed").
    category: str | None


@dataclass
class Methodology:
    edition: object
    criteria: list
    nominations: list  # [(category, count)] in the categories' order
    profiles: list  # [AwardProfile] in the booklet's order
    register: list  # [RegisterEntry]
    disclosed: list  # [label] of the kinds this edition discloses
    deliberation: object = None  # deliberation.Summary: counts only, no juror

    @property
    def nomination_total(self):
        return sum(n for _c, n in self.nominations)


def distribution(criterion, values):
    """A CriterionProfile: how many of `values` fell on each point of the scale."""
    counts = {value: 0 for value in range(criterion.scale_min, criterion.scale_max + 1)}
    for value in values:
        if value in counts:
            counts[value] += 1
    total = len(values)
    points = [
        Point(value, label, counts[value], round(100 * counts[value] / total) if total else 0)
        for value, label in criterion.points()
    ]
    mean = Fraction(sum(values), total) if total else None
    return CriterionProfile(criterion=criterion, points=points, count=total, mean=mean)


def nomination_counts(*, edition):
    """[(category, number of nominations)] of the edition, in the categories' order."""
    categories = (
        Category.objects.filter(nominations__edition=edition)
        .annotate(n=Count("nominations", filter=Q(nominations__edition=edition)))
        .order_by("order", "code")
    )
    return [(category, category.n) for category in categories]


def conflicts_register(*, edition):
    """[RegisterEntry] for the edition's declared conflicts; the reason's kind only
    where the organisers disclose it, the free-text reason never."""
    disclosed = set(
        ConflictDisclosure.objects.filter(edition=edition).values_list("category", flat=True)
    )
    conflicts = (
        Conflict.objects.filter(nomination__edition=edition, juror__editions=edition)
        .select_related("juror", "nomination__practice__city", "nomination__category")
        .order_by("juror__name", "nomination__category__order", "nomination__practice__title")
    )
    return [
        RegisterEntry(
            juror=conflict.juror.name,
            nomination=conflict.nomination,
            category=(
                ConflictReason(conflict.reason_category).label
                if conflict.reason_category in disclosed
                else None
            ),
        )
        for conflict in conflicts
    ], [ConflictReason(code).label for code in ConflictReason.values if code in disclosed]


def award_profiles(*, edition, data=None):
    """[AwardProfile] per award of the edition, from the counted scores of the
    nomination the award was decided from (same practice and category)."""
    data = data or collect(edition=edition)
    by_key = {(n.practice_id, n.category_id): n for n in data.nominations}
    awards = (
        Award.objects.filter(edition=edition)
        .select_related("category", "practice__city")
        .order_by("order")
    )
    profiles = []
    for award in awards:
        nomination = by_key.get((award.practice_id, award.category_id))
        profile = AwardProfile(award=award)
        if nomination is not None:
            for criterion in data.criteria:
                values = [v for _j, v in data.values.get((nomination.pk, criterion.pk), [])]
                profile.criteria.append(distribution(criterion, values))
        profiles.append(profile)
    return profiles


def methodology(*, edition):
    """Everything the methodology page shows of a published edition (PhaseError else)."""
    require(edition, Action.VIEW_PUBLIC)
    data = collect(edition=edition)
    register, disclosed = conflicts_register(edition=edition)
    return Methodology(
        edition=edition,
        criteria=data.criteria,
        nominations=nomination_counts(edition=edition),
        profiles=award_profiles(edition=edition, data=data),
        register=register,
        disclosed=disclosed,
        deliberation=deliberation_summary(edition=edition, criteria=data.criteria),
    )
