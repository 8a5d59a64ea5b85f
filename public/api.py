"""Read-only JSON API of the awards (/api/v1/): a django-ninja Router of plain functions,
mounted with the surveys' one in `api/` (one OpenAPI document, docs/api.md).

Only published editions are visible: every queryset starts from
`Award.objects.published()`, `Edition.objects.published()` or
`City.objects.public()`; anything else is a 404. Lists take the same filters as
the public list (city, year, category, q, sort) plus page and page_size, and
answer 400 with the errors per parameter for invalid input, never 500; a page past
the last one, like anything unpublished or unknown, is a JSON 404.
Content comes in `?lang=` (pl, en, uk, ru; default pl), falling back to Polish;
`untranslated` names the fields shown in Polish for lack of a translation.
What each operation takes and answers is declared in api_schemas.py.
"""

from typing import Annotated

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from ninja import Path, Query, Router

from jury.models import Juror
from otwarte.api import DEFAULT_LANGUAGE, ApiError, Error, Lang
from otwarte.cache.values import remember
from otwarte.i18n import in_language
from practices.models import Award, City, Edition, Practice

from . import api_schemas as schemas
from .filters import award_filter, filter_key, filtered_awards, practices_for
from .views.shared import PUBLISHED_AWARD

router = Router(tags=["awards"])

# What the URL patterns take (Django's `slug` and `int` converters; a year has four digits).
SLUG = r"^[-a-zA-Z0-9_]+$"
CitySlug = Annotated[str, Path(pattern=SLUG, description="City slug.")]
PracticeSlug = Annotated[str, Path(pattern=SLUG, description="Practice slug.")]
Year = Annotated[int, Path(ge=1000, le=9999, description="Edition year.")]


def _answers(schema, *, not_found=True):
    """The documented answers of an operation: its schema, and the errors it can give."""
    return {200: schema, 400: Error, **({404: Error} if not_found else {})}


def _text(obj, field, untranslated):
    value = in_language(obj, field)
    if value.fallback:
        untranslated.append(field)
    return value.text


def _absolute(request, path):
    return request.build_absolute_uri(path)


def _paginate(request, items, serialize, paging, *, key=()):
    """One page of `items`. The page (count and serialized results) depends on
    published data only, so it is remembered per content version, language, path,
    `key` (the filter input), page size and number; the links echo the request."""
    page_size, number = paging.page_size, paging.page

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
        raise ApiError.of(
            404, code="not_found", page=f"A page number from 1 to {found['num_pages']}."
        )

    def link(number):
        query = request.GET.copy()
        query["page"] = number
        return _absolute(request, f"{request.path}?{query.urlencode()}")

    return {
        "count": found["count"],
        "page": number,
        "num_pages": found["num_pages"],
        "page_size": page_size,
        "next": link(number + 1) if number < found["num_pages"] else None,
        "previous": link(number - 1) if number > 1 else None,
        "language": translation.get_language(),
        "results": found["results"],
    }


def _valid_filters(request):
    """The public list's filter set over the query, or a 400 with its errors (in
    English, the API's language, whatever `lang` says)."""
    filterset = award_filter(request.GET)
    if not filterset.is_valid():
        with translation.override("en"):
            raise ApiError(400, filterset.errors.get_json_data())
    return filterset


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


@router.get(
    "/practices/",
    response=_answers(schemas.PracticePage),
    url_name="practices",
    operation_id="listPractices",
    summary="Awarded practices",
    description="Each practice with all its published awards; filtered by its awards.",
)
def practice_list(
    request,
    filters: Query[schemas.Filters],  # documented and typed here, applied by the list's form
    paging: Query[schemas.Paging],
    lang: Lang = DEFAULT_LANGUAGE,
):
    with translation.override(lang):
        practices = practices_for(_valid_filters(request))
        return _paginate(request, practices, _practice, paging, key=filter_key(request.GET))


@router.get(
    "/practices/{slug:city_slug}/{slug:slug}/",
    response=_answers(schemas.Practice),
    url_name="practice",
    operation_id="getPractice",
    summary="One awarded practice",
)
def practice_detail(
    request, city_slug: CitySlug, slug: PracticeSlug, lang: Lang = DEFAULT_LANGUAGE
):
    with translation.override(lang):
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
        return _practice(request, practice)


@router.get(
    "/awards/",
    response=_answers(schemas.AwardPage),
    url_name="awards",
    operation_id="listAwards",
    summary="Awards (practice × category × edition)",
    description="With the jury's recommendation and the similar actions.",
)
def award_list(
    request,
    filters: Query[schemas.Filters],  # documented and typed here, applied by the list's form
    paging: Query[schemas.Paging],
    lang: Lang = DEFAULT_LANGUAGE,
):
    with translation.override(lang):
        awards = (
            filtered_awards(_valid_filters(request))
            .for_listing()
            .order_by("-edition__year", "order", "pk")
        )
        return _paginate(request, awards, _award, paging, key=filter_key(request.GET))


def _cities():
    return (
        City.objects.public()
        .annotate(award_count=Count("practices__awards", filter=PUBLISHED_AWARD))
        .order_by("slug")
    )


@router.get(
    "/cities/",
    response=_answers(schemas.CityPage),
    url_name="cities",
    operation_id="listCities",
    summary="Cities named by a published edition",
    description="Awarded, or listed as a similar action; with coordinates.",
)
def city_list(request, paging: Query[schemas.Paging], lang: Lang = DEFAULT_LANGUAGE):
    with translation.override(lang):
        return _paginate(request, _cities(), _city, paging)


@router.get(
    "/cities/{slug:slug}/",
    response=_answers(schemas.City),
    url_name="city",
    operation_id="getCity",
    summary="One city",
)
def city_detail(request, slug: CitySlug, lang: Lang = DEFAULT_LANGUAGE):
    with translation.override(lang):
        return _city(request, get_object_or_404(_cities(), slug=slug))


def _editions():
    return Edition.objects.published().annotate(award_count=Count("awards")).order_by("-year")


@router.get(
    "/editions/",
    response=_answers(schemas.EditionPage),
    url_name="editions",
    operation_id="listEditions",
    summary="Published editions",
)
def edition_list(request, paging: Query[schemas.Paging], lang: Lang = DEFAULT_LANGUAGE):
    with translation.override(lang):
        return _paginate(request, _editions(), _edition, paging)


@router.get(
    "/editions/{int:year}/",
    response=_answers(schemas.EditionDetail),
    url_name="edition",
    operation_id="getEdition",
    summary="One published edition",
    description="Introduction, selection, ceremony, jurors and criteria.",
)
def edition_detail(request, year: Year, lang: Lang = DEFAULT_LANGUAGE):
    with translation.override(lang):
        edition = get_object_or_404(
            _editions()
            .select_related("ceremony_city")
            .prefetch_related(
                Prefetch("jurors", queryset=Juror.objects.select_related("city")), "criteria"
            ),
            year=year,
        )
        return _edition(request, edition, detail=True)
