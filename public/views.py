"""Public pages: home, practices, cities, editions, exports and the open call.

Everything shown comes through `Award.objects.published()` or
`Edition.objects.published()`; anything else is a 404. Each page reads in a
constant number of queries (select_related/prefetch_related; tested at 10 and
1,000 awards), and only once per content version: a page's object and its
sections are remembered (`otwarte.cache.remember`), so a repeated request reads
nothing from the database (tests/public/test_fragments.py).
"""

import functools
import json

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from jury.models import Criterion, Juror, JurorQuote
from jury.services.methodology import methodology as jury_methodology
from otwarte.cache import remember
from otwarte.csvutil import csv_response
from otwarte.http import client_ip
from otwarte.i18n import active_language
from practices import notifications, services
from practices.phases import Action, phases_allowing
from practices.models import Award, City, Edition, Practice, SimilarAction
from practices.services import latest_published_edition
from reports.services import edition_experts, recommendation_timeline

from . import datapackage as datapackage_module
from .datapackage import EXPORT_HEADER, SIMILAR_ACTIONS_SEPARATOR
from .filters import (
    award_filter,
    count_practices,
    filter_key,
    filtered_awards,
    practices_for,
)
from .forms import MAX_PROPOSAL_BODY, ProposalForm
from .pictures import HEIGHT, WIDTH, awards_chart, city_markers, outline_path

PAGE_SIZE = 20
PUBLISHED_AWARD = Q(practices__awards__edition__phase__in=phases_allowing(Action.VIEW_PUBLIC))


def shown(*names):
    """`only()` names for the columns a page shows.

    A name ending in "*" is a translated field: it stands for its Polish column
    (the fallback) and the active language's column, and skips the others —
    each translated field has five columns (the original and four languages),
    and long texts such as descriptions dominate a row's width.
    """
    language = active_language()
    columns = []
    for name in names:
        if name.endswith("*"):
            base = name[:-1]
            columns += {f"{base}_pl", f"{base}_{language}"}
        else:
            columns.append(name)
    return columns


# What listings show of a practice and its city (the practice name, its link).
PRACTICE_NAME = ("practice__slug", "practice__title*", "practice__city__slug",
                 "practice__city__name*")  # fmt: skip
AWARD_BADGE = ("edition__year", "category__code", "category__order", "category__name*")


def group_by_category(awards):
    """[(category, [award, ...]), ...] in the order of each category's first award."""
    groups = {}
    for award in awards:
        groups.setdefault(award.category, []).append(award)
    return list(groups.items())


def remembered_or_404(name, lookup, *key):
    """The object `lookup()` finds (None: a 404), remembered per content version,
    language and `key`: a page's own object costs no query while nothing changes.
    Misses are not remembered (remember() keeps no None)."""
    found = remember(name, lookup, *key)
    if found is None:
        raise Http404
    return found


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


def _awarded_cities():
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


def _map_context(cities):
    return {
        "markers": city_markers(cities),
        "outline": outline_path(),
        "width": WIDTH,
        "height": HEIGHT,
    }


def _map_html(cities):
    """includes/map.html rendered (hundreds of city markers at scale)."""
    return render_to_string("includes/map.html", {"map": _map_context(cities)})


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
                "includes/home_awards.html", {"groups": group_by_category(_edition_awards(edition))}
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
    context["map_html"] = remember("home-map", lambda: _map_html(_awarded_cities()))
    return render(request, "public/home.html", context)


def _edition_awards(edition):
    """The edition's awards with what listings show (category, practice name and link)."""
    return list(
        Award.objects.filter(edition=edition)
        .select_related("category", "practice__city")
        .only("edition_id", "order", *shown(*AWARD_BADGE[1:], *PRACTICE_NAME))
        .order_by("order")
    )


def practice_list(request):
    key = filter_key(request.GET)
    # Built (once) only for what is not remembered yet.
    filterset = functools.cache(lambda: award_filter(request.GET))

    # The form with its ~300-city select, whether the input is valid and how many
    # practices match: once per content version, language and filter input.
    listing = remember("practice-listing", lambda: _listing(filterset()), key)
    # Pages are numbered from the count alone (a page is a range of positions);
    # each page's rows are read and rendered once.
    page = Paginator(range(listing["count"]), PAGE_SIZE).get_page(request.GET.get("page"))
    items_html = remember("practice-items", lambda: _page_rows(filterset(), page), key, page.number)
    return render(
        request,
        "public/practice_list.html",
        {
            "filter_form": listing["form"],
            "filter_errors": not listing["valid"],
            "items_html": items_html,
            "page": page,
            "query": request.GET.urlencode(),
        },
    )


def _listing(filterset):
    return {
        "form": render_to_string("includes/filter_form.html", {"filter": filterset}),
        "valid": filterset.is_valid(),
        "count": count_practices(filterset),
    }


def _page_rows(filterset, page):
    positions = page.object_list
    practices = practices_for(filterset).only(
        *shown("slug", "title*", "follow_up_status", "follow_up_year", "city__slug", "city__name*")
    )
    return render_to_string(
        "includes/practice_items.html",
        {"practices": practices[positions.start : positions.stop]},
    )


def _similar_actions(award):
    return SIMILAR_ACTIONS_SEPARATOR.join(
        f"{action.city.name}: {action.practice.title}" if action.practice_id else action.city.name
        for action in award.similar_actions.all()
    )


def _export_rows(request, awards):
    """Rows in the column order of datapackage.AWARD_FIELDS."""
    for award in awards:
        practice = award.practice
        yield [
            award.edition.year,
            award.category.name,
            practice.city.name,
            practice.title,
            practice.description,
            award.recommendation,
            _similar_actions(award),
            request.build_absolute_uri(practice.get_absolute_url()),
            practice.follow_up_status,
            practice.follow_up_year or "",
        ]


def practice_export(request, fmt):
    """The filtered list as CSV or JSON: one row per award, in the active language."""
    filterset = award_filter(request.GET)
    if not filterset.is_valid():
        # Not an empty file that looks like "no results": say what is wrong.
        return render(
            request, "public/export_error.html", {"filter": filterset}, status=400,
            content_type="text/plain; charset=utf-8",
        )  # fmt: skip
    awards = filtered_awards(filterset).for_listing().order_by("-edition__year", "order")
    rows = _export_rows(request, awards)
    filename = f"otwarte-awards-{get_language()}.{fmt}"
    if fmt == "json":
        data = {
            "language": get_language(),
            "results": [dict(zip(EXPORT_HEADER, r, strict=False)) for r in rows],
        }
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
    else:
        return csv_response(filename, EXPORT_HEADER, rows)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def datapackage(request):
    """datapackage.json (Frictionless) describing the downloads beside it."""
    response = HttpResponse(
        json.dumps(datapackage_module.describe(request), ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def practice_detail(request, city_slug, slug):
    practice = remembered_or_404(
        "practice", lambda: _published_practice(city_slug, slug), city_slug, slug
    )
    # Its awards, their similar actions, quotes and what happened since depend on
    # published data only: read and rendered once per content version and language.
    awards, awards_html = remember(
        "practice-awards", lambda: _practice_awards(practice), practice.pk
    )
    return render(
        request,
        "public/practice_detail.html",
        {"practice": practice, "awards": awards, "awards_html": awards_html},
    )


def _published_practice(city_slug, slug):
    return (
        Practice.objects.filter(
            Exists(Award.objects.published().filter(practice=OuterRef("pk")))
        )  # not .published(): its DISTINCT would compare every (long) column
        .select_related("city")
        .only(*shown("slug", "title*", "description*", "initiator", "start_year", "website",
                     "follow_up_status", "follow_up_year", "city__slug", "city__name*"))
        .filter(city__slug=city_slug, slug=slug)
        .first()
    )  # fmt: skip


def _practice_awards(practice):
    """The practice's published awards, newest first (each with its similar actions,
    quotes and `progress_rows`, the recommendation's timeline), and their sections
    rendered."""
    awards = list(
        Award.objects.published()
        .filter(practice=practice)
        .select_related("edition", "category")
        .only("practice_id", "order", *shown(*AWARD_BADGE, "recommendation*"))
        .prefetch_related(
            Prefetch(
                "similar_actions",
                queryset=SimilarAction.objects.select_related("city", "practice").only(
                    *shown("award_id", "order", "city__slug", "city__name*", "practice__title*")
                ),
            ),
            Prefetch(
                "quotes",
                queryset=JurorQuote.objects.select_related("juror").only(
                    *shown("award_id", "order", "text*", "juror__name")
                ),
            ),
        )
        .order_by("-edition__year", "order")
    )
    progress = dict(recommendation_timeline(practice=practice))
    for award in awards:
        award.progress_rows = progress.get(award, [])
    return awards, render_to_string("includes/practice_awards.html", {"awards": awards})


def city_list(request):
    cities = sorted(_cities_with_counts(), key=lambda c: c.name)
    context = {"cities": cities, "map_html": _map_html([c for c in cities if c.award_count])}
    return render(request, "public/city_list.html", context)


def city_detail(request, slug):
    city = remembered_or_404(
        "city",
        lambda: City.objects.public()
        .only(*shown("slug", "name*", "voivodeship"))
        .filter(slug=slug)
        .first(),
        slug,
    )
    # The awards by year and the mentions depend on published data only:
    # rendered once per content version and language.
    awards_html = remember(
        "city-awards",
        lambda: render_to_string("includes/city_awards.html", _city_awards(city)),
        city.pk,
    )
    timeline_html = remember(
        "city-recommendations",
        lambda: render_to_string(
            "includes/recommendation_timeline.html",
            {"timeline": recommendation_timeline(city=city)},
        ),
        city.pk,
    )
    return render(
        request,
        "public/city_detail.html",
        {"city": city, "awards_html": awards_html, "timeline_html": timeline_html},
    )


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
    return {"city": city, "years": sorted(years.items(), reverse=True), "mentions": mentions}


def edition_list(request):
    editions = Edition.objects.published().annotate(award_count=Count("awards")).order_by("-year")
    return render(request, "public/edition_list.html", {"editions": editions})


def edition_detail(request, year):
    edition = remembered_or_404("edition", lambda: _published_edition(year), year)
    # Everything below the title depends on published data only: read and
    # rendered once per content version and language.
    sections = remember("edition-sections", lambda: _edition_sections(edition), edition.pk)
    return render(
        request, "public/edition_detail.html", {"edition": edition, "sections": sections}
    )


def _edition_sections(edition):
    """The edition page's sections, rendered: about (introduction, ceremony,
    selection, jury, experts), the awards by category, and the chart of the
    awarded cities over the years."""
    awards = _edition_awards(edition)
    about = {"edition": edition, "experts": edition_experts(edition=edition)}
    return {
        "about": render_to_string("includes/edition_about.html", about),
        "awards": render_to_string(
            "includes/edition_awards.html", {"groups": group_by_category(awards)}
        ),
        "chart": render_to_string("includes/edition_chart.html", _edition_chart(awards)),
    }


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
    return {"chart": awards_chart(cities=cities, counts=counts, years=years)}


@require_http_methods(["GET", "POST"])
def propose(request):
    if request.method == "POST":
        try:
            too_big = int(request.META.get("CONTENT_LENGTH") or 0) > MAX_PROPOSAL_BODY
        except ValueError:
            too_big = True
        if too_big:
            return render(request, "public/propose_error.html", {"too_big": True}, status=413)
        # The one client_ip (TRUSTED_PROXIES), as the login lockout uses.
        ip = client_ip(request)
        if services.proposal_rate_limited(client_ip=ip):
            return render(request, "public/propose_error.html", {"too_many": True}, status=429)
        form = ProposalForm(request.POST)
        if form.is_spam:
            # Bots get the same thank-you page; nothing is stored.
            return redirect("public:propose_thanks")
        if form.is_valid():
            services.count_proposal(client_ip=ip)
            data = form.cleaned_data
            proposal = services.submit_proposal(
                city=data["city"],
                city_name=data["city_name"],
                title=data["title"],
                description=data["description"],
                category=data["category"],
                proposer=data["proposer"],
                contact_email=data["contact_email"],
            )
            notifications.proposal_received(
                proposal=proposal, language=get_language(), request=request
            )
            return redirect("public:propose_thanks")
    else:
        form = ProposalForm()
    return render(request, "public/propose.html", {"form": form})


def propose_thanks(request):
    return render(request, "public/propose_thanks.html")

