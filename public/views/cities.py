"""The city list with the map, and a city's page (its awards by year, mentions and
the timeline of its recommendations)."""

from django.db.models import Count
from django.shortcuts import render

from otwarte.cache.values import lazy
from practices.models import Award, City, SimilarAction
from practices.phases import Action, phases_allowing
from reports.services import recommendation_timeline

from ..pictures import HEIGHT, WIDTH, city_markers, outline_path
from .shared import AWARD_BADGE, PRACTICE_NAME, remembered_or_404, shown


def _cities_with_counts():
    """Cities named by a published edition, each with `award_count` (published awards).

    Counted from the award side (a narrow GROUP BY over awards), then the few
    cities read by primary key, instead of joining every city to every practice.
    """
    counts = dict(
        Award.objects.published()
        .values_list("practice__city_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    cities = list(
        City.objects.public().only(
            *shown("slug", "name*", "voivodeship", "latitude", "longitude")
        )
    )
    for city in cities:
        city.award_count = counts.get(city.pk, 0)
    return cities


def awarded_cities():
    """Only the cities with a published award (the map), with `award_count`: two narrow queries."""
    counts = dict(
        Award.objects.published()
        .values_list("practice__city_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    cities = list(
        City.objects.filter(pk__in=counts).only(*shown("slug", "name*", "latitude", "longitude"))
    )
    for city in cities:
        city.award_count = counts[city.pk]
    return cities


def map_context(cities):
    """What includes/map.html shows: a marker per city (hundreds at scale), Poland's outline."""
    return {
        "markers": city_markers(cities),
        "outline": outline_path(),
        "width": WIDTH,
        "height": HEIGHT,
    }


def city_list(request):
    cities = sorted(_cities_with_counts(), key=lambda c: c.name)
    context = {"cities": cities, "map": map_context([c for c in cities if c.award_count])}
    return render(request, "public/city_list.html", context)


def city_detail(request, slug):
    """The awards by year, the mentions and the timeline of recommendations are
    remembered fragments (`{% remembered %}` in public/city_detail.html): their data
    is read only when the fragment is rendered."""
    city = remembered_or_404(
        "city",
        lambda: City.objects.public()
        .only(*shown("slug", "name*", "voivodeship"))
        .filter(slug=slug)
        .first(),
        slug,
    )
    context = {
        "city": city,
        "awards": lazy(lambda: _city_awards(city)),
        "timeline": lazy(lambda: recommendation_timeline(city=city)),
    }
    return render(request, "public/city_detail.html", context)


def _city_awards(city):
    awards = (
        Award.objects.published()
        .filter(practice__city=city)
        .select_related("edition", "category", "practice")
        .only(
            "order",
            *shown(*AWARD_BADGE, "practice__slug", "practice__title*", "practice__city_id",
                   "practice__follow_up_status", "practice__follow_up_year"),
        )
        .order_by("-edition__year", "order")
    )  # fmt: skip
    years = {}
    for award in awards:
        award.practice.city = city  # for the practice links, without another join
        years.setdefault(award.edition.year, []).append(award)
    mentions = list(
        SimilarAction.objects.filter(
            award__edition__phase__in=phases_allowing(Action.VIEW_PUBLIC), city=city
        )
        .select_related("practice", "award__edition", "award__practice__city")
        .only(
            "order",
            *shown("practice__title*", "award__order", "award__edition__year",
                   *(f"award__{name}" for name in PRACTICE_NAME)),
        )
        .order_by("-award__edition__year", "award__order", "order")
    )  # fmt: skip
    return {"years": sorted(years.items(), reverse=True), "mentions": mentions}

