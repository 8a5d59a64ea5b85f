"""Read-only JSON API (/api/v1/), plain Django views; documented in docs/api.md and
described by the OpenAPI document of openapi.py (/api/v1/openapi.json).

Only published editions are visible: every queryset starts from
`Award.objects.published()`, `Edition.objects.published()` or
`City.objects.public()`; anything else is a 404. Lists take the same filters as
the public list (city, year, category, q, sort) plus page and page_size, and
answer 400 with the form's errors for invalid input, never 500; a page past
the last one, like anything unpublished or unknown, is a JSON 404.
Content comes in `?lang=` (pl, en, uk, ru; default pl), falling back to Polish;
`untranslated` names the fields shown in Polish for lack of a translation.
"""

from functools import wraps

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from jury.models import Juror
from otwarte.cache.values import remember
from otwarte.i18n import in_language
from practices.models import Award, City, Edition, Practice

from . import openapi
from .filters import award_filter, filter_key, filtered_awards, practices_for
from .openapi import DEFAULT_PAGE_SIZE, LANGUAGE_CODES, MAX_PAGE_SIZE
from .views.shared import PUBLISHED_AWARD


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    # Open data: any site may read it (no cookies are involved).
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _error(status, *, code="invalid", **messages):
    """{"errors": {parameter: [{"message", "code"}]}}, the shape of a form's errors."""
    return _json(
        {"errors": {name: [{"message": text, "code": code}] for name, text in messages.items()}},
        status,
    )


def api_view(view):
    """GET only; `?lang=` activates the content language; bad input is a 400,
    anything not found a JSON 404 (not the site's HTML page).

    CSRF-exempt so that a write answers 405 (docs/api.md), not the CSRF 403:
    the API reads only and uses no cookies.
    """

    @csrf_exempt
    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        lang = request.GET.get("lang", settings.LANGUAGE_CODE)
        if lang not in LANGUAGE_CODES:
            return _error(400, lang=f"Choose one of {', '.join(LANGUAGE_CODES)}.")
        with translation.override(lang):
            try:
                return view(request, *args, **kwargs)
            except Http404:
                return _error(404, code="not_found", path="Not found (or not published).")

    return wrapper


def _text(obj, field, untranslated):
    value = in_language(obj, field)
    if value.fallback:
        untranslated.append(field)
    return value.text


def _absolute(request, path):
    return request.build_absolute_uri(path)


def _paginate(request, items, serialize, *, key=()):
    """One page of `items` as JSON. The page (count and serialized results) depends on
    published data only, so it is remembered per content version, language, path,
    `key` (the filter input), page size and number; the links echo the request."""
    errors = {}
    try:
        page_size = int(request.GET.get("page_size", DEFAULT_PAGE_SIZE))
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError
    except ValueError:
        errors["page_size"] = f"A whole number from 1 to {MAX_PAGE_SIZE}."
        page_size = DEFAULT_PAGE_SIZE
    try:
        number = int(request.GET.get("page", 1))
        if number < 1:
            raise ValueError
    except ValueError:
        errors["page"] = "A whole number from 1."
    if errors:
        return _error(400, **errors)

    def read_page():
        paginator = Paginator(items, page_size)
        try:
            page = paginator.page(number)
        except (PageNotAnInteger, EmptyPage):
            return {"count": paginator.count, "num_pages": paginator.num_pages, "results": None}
        return {
            "count": paginator.count,
            "num_pages": paginator.num_pages,
            "results": [serialize(request, item) for item in page.object_list],
        }

    found = remember(
        "api-page", read_page, request.path, _absolute(request, "/"), key, page_size, number
    )
    if found["results"] is None:
        # A well-formed page number past the end: nothing there, as for any URL.
        return _error(
            404, code="not_found", page=f"A page number from 1 to {found['num_pages']}."
        )

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return _absolute(request, f"{request.path}?{query.urlencode()}")

    return _json(
        {
            "count": found["count"],
            "page": number,
            "num_pages": found["num_pages"],
            "page_size": page_size,
            "next": link(number + 1) if number < found["num_pages"] else None,
            "previous": link(number - 1) if number > 1 else None,
            "language": translation.get_language(),
            "results": found["results"],
        }
    )


def _filters_or_400(request):
    filterset = award_filter(request.GET)
    if not filterset.is_valid():
        return filterset, _json({"errors": filterset.errors.get_json_data()}, 400)
    return filterset, None


def _city_ref(request, city):
    return {
        "slug": city.slug,
        "name": city.name,
        "url": _absolute(request, reverse("public:city", args=[city.slug])),
        "api_url": _absolute(request, reverse("api:city", args=[city.slug])),
    }


def _category(category):
    return {"code": category.code, "name": category.name}


def _award_ref(award):
    return {"year": award.edition.year, "category": _category(award.category)}


def _practice(request, practice):
    untranslated = []
    data = {
        "city": _city_ref(request, practice.city),
        "slug": practice.slug,
        "title": _text(practice, "title", untranslated),
        "description": _text(practice, "description", untranslated),
        "initiator": practice.initiator,
        "start_year": practice.start_year,
        "website": practice.website or None,
        "follow_up": {"status": practice.follow_up_status, "year": practice.follow_up_year},
        "awards": [_award_ref(a) for a in practice.public_awards],
        "url": _absolute(request, practice.get_absolute_url()),
        "api_url": _absolute(
            request, reverse("api:practice", args=[practice.city.slug, practice.slug])
        ),
    }
    data["untranslated"] = untranslated
    return data


def _award(request, award):
    untranslated = []
    practice = award.practice
    return {
        "id": award.pk,
        "year": award.edition.year,
        "order": award.order,
        "category": _category(award.category),
        "practice": {
            "city": _city_ref(request, practice.city),
            "slug": practice.slug,
            "title": _text(practice, "title", untranslated),
            "url": _absolute(request, practice.get_absolute_url()),
        },
        "recommendation": _text(award, "recommendation", untranslated),
        "similar_actions": [
            {
                "city": _city_ref(request, action.city),
                "practice": action.practice.title if action.practice_id else None,
            }
            for action in award.similar_actions.all()
        ],
        "untranslated": untranslated,
    }


def _city(request, city):
    data = _city_ref(request, city)
    data.update(
        {
            "voivodeship": city.voivodeship,
            "teryt": city.teryt or None,
            "latitude": float(city.latitude) if city.latitude is not None else None,
            "longitude": float(city.longitude) if city.longitude is not None else None,
            "award_count": city.award_count,
        }
    )
    return data


def _edition(request, edition, *, detail=False):
    untranslated = []
    data = {
        "year": edition.year,
        "title": _text(edition, "title", untranslated),
        "award_count": edition.award_count,
        "url": _absolute(request, reverse("public:edition", args=[edition.year])),
        "api_url": _absolute(request, reverse("api:edition", args=[edition.year])),
    }
    if detail:
        data.update(
            {
                "introduction": _text(edition, "introduction", untranslated),
                "selection": _text(edition, "selection", untranslated),
                "ceremony": {
                    "at": edition.ceremony_at.isoformat() if edition.ceremony_at else None,
                    "place": _text(edition, "ceremony_place", untranslated),
                    "city": edition.ceremony_city.name if edition.ceremony_city_id else None,
                    "occasion": _text(edition, "ceremony_occasion", untranslated),
                },
                "jurors": [
                    {
                        "name": j.name,
                        "country_of_origin": j.country_of_origin,
                        "city": j.city.name if j.city_id else None,
                    }
                    for j in edition.jurors.all()
                ],
                "criteria": [
                    {"code": c.code, "name": c.name, "description": c.description}
                    for c in edition.criteria.all()
                ],
                "awards_api_url": _absolute(
                    request, reverse("api:awards") + f"?year={edition.year}"
                ),
            }
        )
    data["untranslated"] = untranslated
    return data


@api_view
def index(request):
    return _json(
        {
            name: _absolute(request, reverse(f"api:{name}"))
            for name in ["practices", "awards", "cities", "editions", "openapi"]
        }
    )


@require_safe
def openapi_document(request):
    return _json(openapi.document(request))


@require_safe
def openapi_page(request):
    """The OpenAPI document as a page: operations, parameters, responses (no JavaScript)."""
    return render(request, "public/api_docs.html", {"api": openapi.page_context(request)})


@api_view
def not_found(request, rest=""):
    """Any other path under /api/v1/: a JSON 404 like the views' own."""
    raise Http404


@api_view
def practice_list(request):
    filterset, error = _filters_or_400(request)
    if error:
        return error
    return _paginate(request, practices_for(filterset), _practice, key=filter_key(request.GET))


@api_view
def practice_detail(request, city_slug, slug):
    practice = get_object_or_404(
        Practice.objects.published()
        .select_related("city")
        .prefetch_related(
            Prefetch(
                "awards",
                queryset=Award.objects.published()
                .select_related("edition", "category")
                .order_by("-edition__year", "order"),
                to_attr="public_awards",
            )
        ),
        city__slug=city_slug,
        slug=slug,
    )
    return _json(_practice(request, practice))


@api_view
def award_list(request):
    filterset, error = _filters_or_400(request)
    if error:
        return error
    awards = filtered_awards(filterset).for_listing().order_by("-edition__year", "order", "pk")
    return _paginate(request, awards, _award, key=filter_key(request.GET))


def _cities():
    return (
        City.objects.public()
        .annotate(award_count=Count("practices__awards", filter=PUBLISHED_AWARD))
        .order_by("slug")
    )


@api_view
def city_list(request):
    return _paginate(request, _cities(), _city)


@api_view
def city_detail(request, slug):
    city = get_object_or_404(_cities(), slug=slug)
    return _json(_city(request, city))


def _editions():
    return Edition.objects.published().annotate(award_count=Count("awards")).order_by("-year")


@api_view
def edition_list(request):
    return _paginate(request, _editions(), _edition)


@api_view
def edition_detail(request, year):
    edition = get_object_or_404(
        _editions()
        .select_related("ceremony_city")
        .prefetch_related(
            Prefetch("jurors", queryset=Juror.objects.select_related("city")), "criteria"
        ),
        year=year,
    )
    return _json(_edition(request, edition, detail=True))
