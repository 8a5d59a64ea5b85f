"""The practice list (filtered, paginated) and a practice's page."""

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import render

from jury.models import JurorQuote
from otwarte.cache.values import lazy, remember
from practices.models import Award, Practice, SimilarAction
from reports.services import recommendation_timeline

from ..filters import award_filter, count_practices, filter_key, practices_for
from .shared import AWARD_BADGE, remembered_or_404, shown


PAGE_SIZE = 20


def practice_list(request):
    """The filter form and each page's rows are remembered fragments (`{% remembered %}`
    in public/practice_list.html), keyed by the filter input (and the page number)."""
    key = filter_key(request.GET)
    # Built (once) only for what is not remembered yet.
    filterset = lazy(lambda: award_filter(request.GET))
    # Whether the input is valid and how many practices match: once per content
    # version, language and filter input.
    listing = remember("practice-listing", lambda: _listing(filterset()), key)
    # Pages are numbered from the count alone (a page is a range of positions);
    # each page's rows are read and rendered once.
    page = Paginator(range(listing["count"]), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "public/practice_list.html",
        {
            "filter_key": key,
            "filterset": filterset,
            "filter_errors": not listing["valid"],
            "practices": lazy(lambda: _page_rows(filterset(), page)),
            "page": page,
            "query": request.GET.urlencode(),
        },
    )


def _listing(filterset):
    return {"valid": filterset.is_valid(), "count": count_practices(filterset)}


def _page_rows(filterset, page):
    positions = page.object_list
    practices = practices_for(filterset).only(
        *shown("slug", "title*", "follow_up_status", "follow_up_year", "city__slug", "city__name*")
    )
    return practices[positions.start : positions.stop]


def practice_detail(request, city_slug, slug):
    """The awards' section is a remembered fragment (`{% remembered %}` in
    public/practice_detail.html); the awards are remembered data (the facts list
    names them too)."""
    practice = remembered_or_404(
        "practice", lambda: _published_practice(city_slug, slug), city_slug, slug
    )
    # Its awards, their similar actions, quotes and what happened since depend on
    # published data only: read once per content version and language.
    awards = remember("practice-awards", lambda: _practice_awards(practice), practice.pk)
    return render(
        request, "public/practice_detail.html", {"practice": practice, "awards": awards}
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
    quotes and `progress_rows`, the recommendation's timeline)."""
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
    return awards

