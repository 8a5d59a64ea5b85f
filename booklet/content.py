"""What goes into the booklet, read from the database in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from jury.models import JurorQuote
from practices.models import Award


@dataclass
class Section:
    """One category of the edition with its awards, in the booklet's order."""

    category: object
    awards: list = field(default_factory=list)

    @property
    def anchor(self):
        return f"category-{self.category.code}"


def _experts(edition):
    """Experts of the first stage: name and cities covered (practices.Assignment),
    for published editions only (`reports.services.edition_experts`)."""
    from reports.services import edition_experts

    return edition_experts(edition=edition)


def _since(edition):
    from reports.services import changed_since

    return changed_since(edition=edition)


def booklet_context(*, edition):
    """The template context of an edition's booklet (content in the active language)."""
    awards = (
        Award.objects.filter(edition=edition)
        .for_listing()
        .prefetch_related(
            Prefetch("quotes", queryset=JurorQuote.objects.select_related("juror__city"))
        )
        .order_by("order")
    )
    sections = {}
    for award in awards:
        sections.setdefault(award.category_id, Section(category=award.category)).awards.append(
            award
        )
    return {
        "edition": edition,
        "sections": list(sections.values()),
        "jurors": list(edition.jurors.select_related("city").order_by("name")),
        "criteria": list(edition.criteria.order_by("order", "code")),
        "experts": _experts(edition),
        "since": _since(edition),
        "partners": [line.strip() for line in edition.partners.splitlines() if line.strip()],
        "funders": [p.strip() for p in edition.funders.split("\n\n") if p.strip()],
    }
