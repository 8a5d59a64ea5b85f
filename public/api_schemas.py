"""What /api/v1/ takes and answers (public/api.py): the pydantic schemas django-ninja
reads to validate the query and to write the OpenAPI document.

Every response object is closed (`otwarte.api.Closed`), so a field a view adds without
its schema fails the response validation, and the document cannot drift from the code.
The filter parameters (`city`, `year`, `category`) list the values that exist at the
moment the document is read, from the same choices as the filters themselves.
"""

from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from otwarte.api import NO_NUL, Closed, Language
from practices.enums import FollowUpStatus, Initiator, Voivodeship

from .filters import (
    DEFAULT_SORT,
    SEARCH_MAX_LENGTH,
    SORT_CHOICES,
    _category_choices,
    _city_choices,
    _year_choices,
)

# The API's page limits.
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

URI = Annotated[str, Field(json_schema_extra={"format": "uri"})]
DateTime = Annotated[str, Field(json_schema_extra={"format": "date-time"})]
Count = Annotated[int, Field(ge=0)]
TranslatedField = Literal[
    "title",
    "description",
    "recommendation",
    "introduction",
    "selection",
    "ceremony_place",
    "ceremony_occasion",
]
Untranslated = Annotated[
    list[TranslatedField],
    Field(description="Fields given in Polish for lack of a translation into `language`."),
]


# --- the query ----------------------------------------------------------------------


def _enum(choices):
    """The JSON schema of a filter: "" (all) or one of the values that exist now,
    read when the document is generated, not when this module is imported."""

    def extra(schema):
        schema["enum"] = ["", *(value for value, _label in choices())]

    return extra


class Filters(Schema):
    """The filters of the public list; an empty value means "all", as the form sends it.
    Validated by that list's form (public/filters.py): an unknown value is a 400."""

    city: str = Field(
        "",
        description="City slug (cities with a published award).",
        json_schema_extra=_enum(_city_choices),
    )
    year: str = Field(
        "", description="Edition year (published editions).", json_schema_extra=_enum(_year_choices)
    )
    category: str = Field(
        "", description="Category code.", json_schema_extra=_enum(_category_choices)
    )
    q: str = Field(
        "",
        max_length=SEARCH_MAX_LENGTH,
        pattern=NO_NUL,
        description="Free text; every word must match, in Polish or in `lang`.",
    )
    sort: Literal["", *(value for value, _label in SORT_CHOICES)] = Field(
        DEFAULT_SORT, description="Order (`title` applies to practices; empty: the default)."
    )


class Paging(Schema):
    page: int = Field(1, ge=1, description="Page number; past the last page the answer is 404.")
    page_size: int = Field(DEFAULT_PAGE_SIZE, ge=1, le=MAX_PAGE_SIZE, description="Items per page.")


# --- the answers --------------------------------------------------------------------


class CityRef(Closed):
    slug: str
    name: str
    url: URI
    api_url: URI


class Category(Closed):
    code: str
    name: str


class AwardRef(Closed):
    year: int
    category: Category


class FollowUp(Closed):
    status: Literal[tuple(FollowUpStatus.values)]
    year: int | None


class Practice(Closed):
    city: CityRef
    slug: str
    title: str = Field(description="May be empty: some awards name only the city.")
    description: str
    initiator: Literal[tuple(Initiator.values)]
    start_year: int | None
    website: URI | None
    follow_up: FollowUp
    awards: list[AwardRef]
    url: URI
    api_url: URI
    untranslated: Untranslated


class AwardedPractice(Closed):
    city: CityRef
    slug: str
    title: str
    url: URI


class SimilarAction(Closed):
    city: CityRef
    practice: str | None


class Award(Closed):
    id: int
    year: int
    order: int
    category: Category
    practice: AwardedPractice
    recommendation: str
    similar_actions: list[SimilarAction]
    untranslated: Untranslated


class City(Closed):
    slug: str
    name: str
    url: URI
    api_url: URI
    voivodeship: Literal[tuple(Voivodeship.values)]
    teryt: Annotated[str, Field(pattern=r"^[0-9]{7}$")] | None
    latitude: Annotated[float, Field(ge=-90, le=90)] | None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None
    award_count: Count


class Edition(Closed):
    year: int
    title: str
    award_count: Count
    url: URI
    api_url: URI
    untranslated: Untranslated


class Ceremony(Closed):
    at: DateTime | None
    place: str
    city: str | None
    occasion: str


class Juror(Closed):
    name: str
    country_of_origin: str
    city: str | None


class Criterion(Closed):
    code: str
    name: str
    description: str


class EditionDetail(Closed):
    year: int
    title: str
    award_count: Count
    url: URI
    api_url: URI
    introduction: str
    selection: str
    ceremony: Ceremony
    jurors: list[Juror]
    criteria: list[Criterion]
    awards_api_url: URI
    untranslated: Untranslated


class Page(Closed):
    count: Count
    page: int = Field(ge=1)
    num_pages: int = Field(ge=1)
    page_size: int = Field(ge=1, le=MAX_PAGE_SIZE)
    next: URI | None
    previous: URI | None
    language: Language


class PracticePage(Page):
    results: list[Practice]


class AwardPage(Page):
    results: list[Award]


class CityPage(Page):
    results: list[City]


class EditionPage(Page):
    results: list[Edition]
