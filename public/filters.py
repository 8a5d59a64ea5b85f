"""Filters of the public list, the exports and the API (django-filter).

Every filter works on `Award.objects.published()`, so a practice is found only
through an award of a published edition: filtering by year 2016 never reveals
that a practice has an (unpublished) 2016 award. The choices are read once per
request into memory, so validating a value costs no query, and an unknown
value is a form error (empty list, status 200), never a 500.

Free text searches the Polish column and the active language's column:
modeltranslation rewrites `title__icontains` to the active language only, which
would miss every record not yet translated.
"""

import html

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db.models import CharField, F, Prefetch, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from otwarte.i18n import active_language
from practices.models import Award, Category, City, Edition, Practice

from . import fragments

SEARCH_MAX_LENGTH = 100
SEARCHED_FIELDS = [
    "practice__title",
    "practice__description",
    "practice__city__name",
    "category__name",
    "recommendation",
]

SORT_CHOICES = [
    ("-year", _("Newest first")),
    ("year", _("Oldest first")),
    ("city", _("City (A–Z)")),
    ("title", _("Title (A–Z)")),
]
DEFAULT_SORT = "-year"


def content_languages():
    """The columns a search looks at: Polish (the fallback) and the active language."""
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
    return fragments.remembered("city-choices", _read_city_choices)


def _read_city_choices():
    cities = (
        City.objects.filter(pk__in=Award.objects.published().values("practice__city_id"))
        .only("slug", *_columns("name"))
        .order_by("slug")
    )
    return sorted(((c.slug, c.name) for c in cities), key=lambda choice: choice[1])


def _year_choices():
    return fragments.remembered("year-choices", _read_year_choices)


def _read_year_choices():
    years = Edition.objects.published().order_by("-year").values_list("year", flat=True)
    return [(str(year), str(year)) for year in years]


def _category_choices():
    return fragments.remembered("category-choices", _read_category_choices)


def _read_category_choices():
    categories = Category.objects.filter(
        pk__in=Award.objects.published().values("category_id")
    ).only("code", "order", *_columns("name"))
    return [(c.code, c.name) for c in categories]


def _escape(text):
    """conditional_escape() without its per-call overhead (same output)."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


class QuickSelect(forms.Select):
    """forms.Select with Django's markup, rendered in Python.

    The template renderer includes a template per option; with hundreds of
    cities that was about half of the practice list's time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        choices = list(self.choices)
        if any(isinstance(label, (list, tuple)) for _value, label in choices):
            return super().render(name, value, attrs, renderer)  # optgroups: the template
        final_attrs = self.build_attrs(self.attrs, attrs)
        selected = set(self.format_value(value))
        options = []
        for option_value, label in choices:
            option_value = "" if option_value is None else str(option_value)
            is_selected = option_value in selected
            if is_selected:
                selected = set()  # a single select marks its first match only
            # Plain string building: format_html() per option was most of the cost.
            options.append(
                f'\n  <option value="{_escape(option_value)}"'
                f'{" selected" if is_selected else ""}>{_escape(label)}</option>'
            )
        if any(selected):
            # Not among the choices (a stale link, a typo): keep what the user asked
            # for on screen, beside the form's error, instead of silently "All".
            for option_value in sorted(v for v in selected if v):
                label = _("%(value)s (not available)") % {"value": option_value}
                options.append(
                    f'\n  <option value="{_escape(option_value)}" selected>{_escape(label)}</option>'
                )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            flatatt(final_attrs),
            mark_safe("".join(options)),
        )


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
        widget=QuickSelect,
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="edition__year",
        choices=_year_choices,
        empty_label=_("All years"),
        widget=QuickSelect,
    )
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        field_name="category__code",
        choices=_category_choices,
        empty_label=_("All categories"),
        widget=QuickSelect,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        method="keep_order",
        empty_label=None,
        widget=QuickSelect,
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
        condition = Q()
        for word in value.split()[:10]:
            word_condition = Q()
            for field in SEARCHED_FIELDS:
                for language in content_languages():
                    word_condition |= Q(**{f"{localized(field, language)}__icontains": word})
            condition &= word_condition
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


def practice_count(filterset):
    """How many practices `practices_for(filterset)` lists: the stored sort key for the
    whole list, else the distinct practice ids of the matching (narrow) award rows."""
    if not filterset.is_valid():
        return 0
    if not narrows(filterset):
        return Practice.objects.filter(published_year__isnull=False).count()
    return filtered_awards(filterset).values("practice_id").distinct().count()


class CountedPaginator(Paginator):
    """A Paginator given its count (a callable, evaluated at most once)."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count = count

    @property
    def count(self):
        if callable(self._count):
            self._count = self._count()
        return self._count


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
