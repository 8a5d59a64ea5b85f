"""The edition list, an edition's page and its methodology."""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, render

from jury.models import Criterion, Juror
from jury.services.methodology import methodology as jury_methodology
from otwarte.cache.values import lazy
from practices.models import Award, Edition
from reports.services import edition_experts

from ..pictures import awards_chart
from .shared import edition_awards, group_by_category, remembered_or_404, shown


def edition_list(request):
    editions = Edition.objects.published().annotate(award_count=Count("awards")).order_by("-year")
    return render(request, "public/edition_list.html", {"editions": editions})


def edition_detail(request, year):
    """Everything below the title (about, the awards by category, the chart) is one
    remembered fragment (`{% remembered %}` in public/edition_detail.html): its data
    is read only when the fragment is rendered."""
    edition = remembered_or_404("edition", lambda: _published_edition(year), year)
    awards = lazy(lambda: edition_awards(edition))
    context = {
        "edition": edition,
        "experts": lazy(lambda: edition_experts(edition=edition)),
        "groups": lazy(lambda: group_by_category(awards())),
        "chart": lazy(lambda: _edition_chart(awards())),
    }
    return render(request, "public/edition_detail.html", context)


def _published_edition(year):
    """A published edition with its jurors and criteria, as its page shows them."""
    return (
        Edition.objects.published()
        .select_related("ceremony_city")
        .only(
            *shown("year", "phase", "title*", "introduction*", "selection*", "ceremony_at",
                   "ceremony_place*", "ceremony_occasion*", "ceremony_city__name*")
        )
        .prefetch_related(
            Prefetch(
                "jurors",
                queryset=Juror.objects.select_related("city").only(
                    *shown("name", "country_of_origin*", "city__name*")
                ),
            ),
            Prefetch(
                "criteria",
                queryset=Criterion.objects.only(
                    *shown("edition_id", "order", "code", "name*", "description*")
                ),
            ),
        )
        .filter(year=year)
        .first()
    )  # fmt: skip


def edition_methodology(request, year):
    """How the edition's awards were chosen: stages, people, criteria, the tally in
    words, anonymised score profiles and the conflicts register (published only)."""
    edition = get_object_or_404(
        Edition.objects.published().prefetch_related(
            Prefetch("jurors", queryset=Juror.objects.select_related("city"))
        ),
        year=year,
    )
    return render(
        request,
        "public/edition_methodology.html",
        {
            "edition": edition,
            "method": jury_methodology(edition=edition),
            "experts": edition_experts(edition=edition),
        },
    )


def _edition_chart(awards):
    """The cities awarded in an edition, their published awards per year: chart and table."""
    cities = list({a.practice.city_id: a.practice.city for a in awards}.values())
    cities.sort(key=lambda c: c.name)
    rows = (
        Award.objects.published()
        .filter(practice__city__in=[c.pk for c in cities])
        .values_list("practice__city_id", "edition__year")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {(city_id, y): n for city_id, y, n in rows}
    years = sorted({y for _city, y in counts})
    return awards_chart(cities=cities, counts=counts, years=years)

