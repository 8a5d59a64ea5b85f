"""The home page: the latest published edition's awards, criteria and the map."""

from django.shortcuts import render
from django.template.loader import render_to_string

from jury.models import Criterion
from otwarte.cache.values import remember
from practices.services import latest_published_edition

from .cities import awarded_cities, map_html
from .shared import edition_awards, group_by_category, shown


def home(request):
    """The latest published edition only: its awards, criteria and the map."""
    edition = remember("latest-edition", latest_published_edition)
    criteria, awards_html = [], ""
    if edition is not None:
        # The award list depends on published data only: rendered once per
        # content version and language, like the map.
        awards_html = remember(
            "home-awards",
            lambda: render_to_string(
                "includes/home_awards.html", {"groups": group_by_category(edition_awards(edition))}
            ),
            edition.pk,
        )
        criteria = remember(
            "home-criteria",
            lambda: list(
                Criterion.objects.filter(edition=edition).only(
                    *shown("edition_id", "order", "code", "name*", "description*")
                )
            ),
            edition.pk,
        )
    context = {"edition": edition, "awards_html": awards_html, "criteria": criteria}
    # The map depends on published data only: rendered once per content version.
    context["map_html"] = remember("home-map", lambda: map_html(awarded_cities()))
    return render(request, "public/home.html", context)

