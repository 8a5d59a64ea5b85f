"""The home page: the latest published edition's awards, criteria and the map."""

from django.shortcuts import render

from jury.models import Criterion
from otwarte.cache.values import lazy, remember
from practices.services import latest_published_edition

from .cities import awarded_cities, map_context
from .shared import edition_awards, group_by_category, shown


def home(request):
    """The latest published edition only: its awards, criteria and the map.

    The award list and the map are remembered fragments (`{% remembered %}` in
    public/home.html): their data is read only when the fragment is rendered."""
    edition = remember("latest-edition", latest_published_edition)
    context = {"edition": edition, "criteria": []}
    if edition is not None:
        context["groups"] = lazy(lambda: group_by_category(edition_awards(edition)))
        context["criteria"] = remember(
            "home-criteria",
            lambda: list(
                Criterion.objects.filter(edition=edition).only(
                    *shown("edition_id", "order", "code", "name*", "description*")
                )
            ),
            edition.pk,
        )
    context["map"] = lazy(lambda: map_context(awarded_cities()))
    return render(request, "public/home.html", context)
