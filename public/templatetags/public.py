"""Template helpers of the public site: translated content with a visible fallback,
practice names and links. Markup lives in templates/includes/."""


from django import template
from django.urls import get_script_prefix, get_urlconf, reverse

from otwarte.cache.values import remember
from otwarte.i18n import in_language

register = template.Library()


@register.simple_tag
def translated(obj, field):
    """{% translated practice "description" as text %} -> text.text, text.fallback."""
    return in_language(obj, field)


@register.filter
def fallback_lang(obj, field):
    """' lang="pl"'-ready code: 'pl' when the field shows the Polish fallback, else ''."""
    return "pl" if in_language(obj, field).fallback else ""


@register.inclusion_tag("includes/content.html")
def content_block(obj, field, css_class=""):
    """A block of translated text (with paragraphs), marked and noted when only in Polish."""
    return {"content": in_language(obj, field), "css_class": css_class}


@register.inclusion_tag("includes/practice_name.html")
def practice_name(practice):
    """"City, Title", each part marked lang="pl" when shown as the Polish fallback."""
    return {"practice": practice}


_CITY, _SLUG, _YEAR = "city-slug-placeholder", "practice-slug-placeholder", 987654321
_PATTERNS = {
    "public:practice": (_CITY, _SLUG),
    "public:edition": (_YEAR,),
}


def _split_urls():
    """{url name: the constant pieces around its arguments}, from one reverse()
    per URL name."""
    split = {}
    for name, placeholders in _PATTERNS.items():
        rest, parts = reverse(name, args=placeholders), []
        for placeholder in placeholders:
            before, rest = rest.split(str(placeholder), 1)
            parts.append(before)
        split[name] = (*parts, rest)
    return split


def _url_parts(name):
    """Listings link hundreds of rows: the URL pieces are remembered (per language,
    script prefix and URL configuration), a dict lookup after the first row."""
    return remember("url-parts", _split_urls, get_script_prefix(), get_urlconf())[name]


@register.simple_tag
def practice_url(practice):
    """practice.get_absolute_url() without a reverse() per row."""
    before, middle, after = _url_parts("public:practice")
    return f"{before}{practice.city.slug}{middle}{practice.slug}{after}"


@register.simple_tag
def edition_url(year):
    """reverse("public:edition", args=[year]) without a reverse() per row."""
    before, after = _url_parts("public:edition")
    return f"{before}{year}{after}"
