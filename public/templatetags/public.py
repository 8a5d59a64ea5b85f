"""Template helpers of the public site: translated content with a visible fallback."""

import html
from dataclasses import dataclass

from django import template
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()


@dataclass
class Content:
    text: str
    fallback: bool  # True: the active language has no text, this is the Polish one


def content(obj, field):
    """A translated field's text in the active language, or in Polish with fallback=True."""
    language = (get_language() or "pl").split("-")[0]
    own = getattr(obj, f"{field}_{language}", None) or ""
    if own or language == "pl":
        return Content(own, False)
    polish = getattr(obj, f"{field}_pl", None) or ""
    return Content(polish, bool(polish))


@register.simple_tag
def translated(obj, field):
    """{% translated practice "description" as text %} -> text.text, text.fallback."""
    return content(obj, field)


@register.filter
def fallback_lang(obj, field):
    """' lang="pl"'-ready code: 'pl' when the field shows the Polish fallback, else ''."""
    return "pl" if content(obj, field).fallback else ""


@register.inclusion_tag("includes/content.html")
def content_block(obj, field, css_class=""):
    """A block of translated text (with paragraphs), marked and noted when only in Polish."""
    return {"content": content(obj, field), "css_class": css_class}


@register.simple_tag
def optional_url(name, *args):
    """reverse() that gives '' for a URL not (yet) part of the project.

    The booklet (`reports:booklet`) is built in another branch; its link shows
    up by itself once that URL exists.
    """
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@register.simple_tag
def practice_name(practice):
    """The markup of includes/practice_name.html ("City, Title", each part marked
    lang="pl" when shown as the Polish fallback), without an `{% include %}` per row.

    Built with plain string operations from the columns (`content()`): listings
    show hundreds of names, and format_html() plus the translated-field
    descriptors were most of its cost."""
    language = (get_language() or "pl").split("-")[0]
    city = _text(practice.city, "name", language)
    markup = f"<span{city[1]}>{_escape(city[0])}</span>"
    title = _text(practice, "title", language)
    if title[0]:
        markup += f", <span{title[1]}>{_escape(title[0])}</span>"
    return mark_safe(markup)


def _text(obj, field, language):
    """(text, ' lang="pl"' or '') of a translated field, as content() decides."""
    own = getattr(obj, f"{field}_{language}", None) or ""
    if own or language == "pl":
        return own, ""
    polish = getattr(obj, f"{field}_pl", None) or ""
    return polish, ' lang="pl"' if polish else ""


def _escape(text):
    return html.escape(str(text))


_URL_PARTS = {}
_CITY, _SLUG, _YEAR = "city-slug-placeholder", "practice-slug-placeholder", 987654321


def _url_parts(name, *placeholders):
    """The constant pieces around the arguments of a URL, from one reverse() per
    URL name, language and script prefix: listings link hundreds of rows."""
    key = (name, get_language(), get_script_prefix(), get_urlconf())
    parts = _URL_PARTS.get(key)
    if parts is None:
        rest, parts = reverse(name, args=placeholders), []
        for placeholder in placeholders:
            before, rest = rest.split(str(placeholder), 1)
            parts.append(before)
        parts = _URL_PARTS[key] = (*parts, rest)
    return parts


@register.simple_tag
def practice_url(practice):
    """practice.get_absolute_url() without a reverse() per row."""
    before, middle, after = _url_parts("public:practice", _CITY, _SLUG)
    return f"{before}{practice.city.slug}{middle}{practice.slug}{after}"


def edition_url(year):
    """reverse("public:edition", args=[year]) without a reverse() per row."""
    before, after = _url_parts("public:edition", _YEAR)
    return f"{before}{year}{after}"


@register.simple_tag
def practice_items(practices):
    """The <li> of each practice of the public list: the markup of
    includes/practice_item.html (the reference, tested to match), built in Python.

    The template loop per row and per award badge was ~2 ms of the list's ~5 ms
    of rendering; this is ~0.3 ms. Expects `public_awards` prefetched
    (filters.public_awards_prefetch)."""
    follow_up = None
    items = []
    for practice in practices:
        badges = "".join(
            f'<li><a href="{edition_url(award.edition.year)}">{award.edition.year}</a>: '
            f"{_escape(award.category.name)}</li>"
            for award in practice.public_awards
        )
        item = (
            f'<li class="practice-item"><h2><a href="{practice_url(practice)}">'
            f'{practice_name(practice)}</a></h2><ul class="badges">{badges}</ul>'
        )
        if practice.follow_up_status != "unknown":
            if follow_up is None:
                follow_up = _escape(gettext("Follow-up:"))
            item += (
                f'<p class="follow-up">{follow_up} '
                f"{_escape(practice.get_follow_up_status_display())}"
            )
            if practice.follow_up_year:
                item += f" ({practice.follow_up_year})"
            item += "</p>"
        items.append(item + "</li>")
    return mark_safe("\n".join(items))


@register.simple_tag
def city_award_items(awards, city):
    """The <li> of each award on a city page: the markup of
    includes/city_award_item.html (the reference, tested to match), in Python.
    A big city has hundreds of awards over twenty years."""
    language = (get_language() or "pl").split("-")[0]
    follow_up = _escape(gettext("Follow-up status:"))
    not_reviewed = _escape(gettext("Not reviewed yet"))
    items = []
    for award in awards:
        practice = award.practice
        title, lang = _text(practice, "title", language)
        name = f"<span{lang}>{_escape(title)}</span>" if title else _escape(city.name)
        if practice.follow_up_status == "unknown":
            status = not_reviewed
        else:
            status = _escape(practice.get_follow_up_status_display())
            if practice.follow_up_year:
                status += f" ({practice.follow_up_year})"
        items.append(
            f'<li><a href="{practice_url(practice)}">{name}</a> — '
            f"{_escape(award.category.name)}. {follow_up} {status}</li>"
        )
    return mark_safe("\n".join(items))


@register.simple_tag
def mention_items(actions):
    """The <li> of each similar action naming a city: the markup of
    includes/mention_item.html (the reference, tested to match), in Python."""
    language = (get_language() or "pl").split("-")[0]
    items = []
    for action in actions:
        item = "<li>"
        if action.practice:
            title, lang = _text(action.practice, "title", language)
            item += f"<span{lang}>{_escape(title)}</span> — "
        award = action.award
        # Like {% blocktranslate %}: the message is our own markup, not escaped.
        next_to = gettext("next to the %(year)s award of") % {"year": award.edition.year}
        item += (
            f'{next_to} <a href="{practice_url(award.practice)}">'
            f"{practice_name(award.practice)}</a></li>"
        )
        items.append(item)
    return mark_safe("\n".join(items))


@register.simple_tag
def award_link_items(awards):
    """<li><a>City, Title</a></li> per award (includes/award_link_item.html, the
    reference, tested to match): an edition lists a hundred or more awards."""
    return mark_safe(
        "".join(
            f'<li><a href="{practice_url(a.practice)}">{practice_name(a.practice)}</a></li>'
            for a in awards
        )
    )
