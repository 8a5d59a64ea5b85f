"""Filters of the public list, the exports and the API (django-filter).

Every filter works on `Award.objects.published()`, so a practice is found only
through an award of a published edition: filtering by year 2016 never reveals
that a practice has an (unpublished) 2016 award. The choices are read once per
request into memory, so validating a value costs no query, and an unknown
value is a form error (empty list, status 200), never a 500.

Free text searches `Award.search_text`: the searched texts in every language,
case-folded and without diacritics (`practices.services.award_search_text`), so
`cudzoziemcow` finds `cudzoziemców` and `lublin` finds `Люблін`.
"""

import django_filters
from django import forms
from django.db.models import CharField, F, Prefetch, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from otwarte.cache.values import remember
from otwarte.i18n import active_language
from otwarte.text import search_normalise
from practices.models import Award, Category, City, Edition, Practice

SEARCH_MAX_LENGTH = 100

SORT_CHOICES = [
    ("-year", _("Newest first")),
    ("year", _("Oldest first")),
    ("city", _("City (A–Z)")),
    ("title", _("Title (A–Z)")),
]
DEFAULT_SORT = "-year"


def content_languages():
    """The columns a choice label or a sort reads: Polish (the fallback) and the active
    language."""
    active = active_language()
    return ["pl"] if active == "pl" else ["pl", active]


def localized(field, language):
    """`practice__title` -> `practice__title_uk` (the column, not rewritten by modeltranslation)."""
    return f"{field}_{language}"


def _once(function):
    cache = []

    def cached():
        if not cache:
            cache.append(function())
        return cache[0]

    return cached


def _columns(*names):
    """The columns of a choice label: the Polish (fallback) and active-language ones."""
    language = content_languages()[-1]
    return [f"{name}_{code}" for name in names for code in {"pl", language}]


def _city_choices():
    return remember("city-choices", _read_city_choices)


def _read_city_choices():
    cities = (
        City.objects.filter(pk__in=Award.objects.published().values("practice__city_id"))
        .only("slug", *_columns("name"))
        .order_by("slug")
    )
    return sorted(((c.slug, c.name) for c in cities), key=lambda choice: choice[1])


def _year_choices():
    return remember("year-choices", _read_year_choices)


def _read_year_choices():
    years = Edition.objects.published().order_by("-year").values_list("year", flat=True)
    return [(str(year), str(year)) for year in years]


def _category_choices():
    return remember("category-choices", _read_category_choices)


def _read_category_choices():
    categories = Category.objects.filter(
        pk__in=Award.objects.published().values("category_id")
    ).only("code", "order", *_columns("name"))
    return [(c.code, c.name) for c in categories]


class KeepingSelect(forms.Select):
    """A select that keeps a value not among its choices (a stale link, a typo)
    on screen as "… (not available)", beside the form's error, instead of
    silently showing "All"."""

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        known = {str(choice) for choice, _label in self.choices}
        for missing in sorted({v for v in value if v and v not in known}):
            label = _("%(value)s (not available)") % {"value": missing}
            option = self.create_option(name, missing, label, True, len(groups))
            groups.append((None, [option], len(groups)))
        return groups


class AwardFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    city = django_filters.ChoiceFilter(
        label=_("City"),
        field_name="practice__city__slug",
        choices=_city_choices,
        empty_label=_("All cities"),
        widget=KeepingSelect,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="edition__year",
        choices=_year_choices,
        empty_label=_("All years"),
        widget=KeepingSelect,
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        field_name="category__code",
        choices=_category_choices,
        empty_label=_("All categories"),
        widget=KeepingSelect,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        method="keep_order",
        empty_label=None,
    )

    class Meta:
        model = Award
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each choice list is read at most once per request (validation and the
        # rendered <select> share it), and only when the form is used.
        for name in ("city", "year", "category"):
            extra = self.filters[name].extra
            extra["choices"] = _once(extra["choices"])

    def search(self, queryset, name, value):
        # Every word in the stored, normalised text of every language: no case, no
        # diacritics, the same on SQLite and PostgreSQL (a plain LIKE on one column).
        condition = Q()
        for word in search_normalise(value).split()[:10]:
            condition &= Q(search_text__contains=word)
        return queryset.filter(condition)

    def keep_order(self, queryset, name, value):
        # The order applies to the practices built from these awards (see practices_for).
        return queryset

    @property
    def sort_value(self):
        if self.is_valid() and self.form.cleaned_data.get("sort"):
            return self.form.cleaned_data["sort"]
        return DEFAULT_SORT


def published_awards():
    return Award.objects.published()


def award_filter(data):
    """The bound filter set over published awards (data: request.GET or a dict)."""
    data = data.copy() if hasattr(data, "copy") else dict(data)
    return AwardFilter(data, queryset=published_awards())


def filtered_awards(filterset):
    """The awards matching a filter set; none at all when the input is invalid."""
    if not filterset.is_valid():
        return Award.objects.none()
    return filterset.qs


FILTER_NAMES = ("q", "city", "year", "category")


def narrows(filterset):
    """Whether a valid filter set narrows the list (the sort alone does not)."""
    return any(filterset.form.cleaned_data.get(name) for name in FILTER_NAMES)


def filter_key(data):
    """The filter input (a QueryDict) as a key for remember(): the filters' own
    values only (not the page number, nothing else in the query), so every page of
    one filtered list shares it. Read from the raw input, without building the form."""
    return tuple((name, tuple(data.getlist(name))) for name in AwardFilter.base_filters)


def count_practices(filterset):
    """How many practices `practices_for(filterset)` lists (0 for invalid input): the
    stored sort key for the whole list, else the distinct practice ids of the
    matching (narrow) award rows."""
    if not filterset.is_valid():
        return 0
    if not narrows(filterset):
        return Practice.objects.filter(published_year__isnull=False).count()
    return filtered_awards(filterset).values("practice_id").distinct().count()


def _localized_order(field):
    language = content_languages()[-1]
    if language == "pl":
        return F(localized(field, "pl"))  # no fallback to take
    return Coalesce(
        NullIf(localized(field, language), Value("")),
        localized(field, "pl"),
        output_field=CharField(),
    )


def public_awards_prefetch():
    return Prefetch(
        "awards",
        queryset=Award.objects.published()
        .select_related("edition", "category")
        .only("practice_id", "order", "edition__year", "category__code",
              *_columns("category__name"))  # fmt: skip
        .order_by("-edition__year", "order"),
        to_attr="public_awards",
    )


def practices_for(filterset):
    """Practices with a published award matching the filters, sorted, in two queries.

    "Newest" is the stored `Practice.published_year` (the latest published award),
    not an aggregate over every published award per request.
    """
    if not filterset.is_valid():
        return Practice.objects.none()
    order = {
        "-year": ["-published_year", "city_sort", "title_sort"],
        "year": ["published_year", "city_sort", "title_sort"],
        "city": ["city_sort", "title_sort", "-published_year"],
        "title": ["title_sort", "city_sort", "-published_year"],
    }[filterset.sort_value]
    practices = Practice.objects.filter(published_year__isnull=False)
    if narrows(filterset):
        practices = practices.filter(pk__in=filtered_awards(filterset).values("practice_id"))
    return (
        practices.select_related("city")
        .annotate(
            city_sort=_localized_order("city__name"),
            title_sort=_localized_order("title"),
        )
        .order_by(*order, "pk")
        .prefetch_related(public_awards_prefetch())
    )
