"""Template tags for translated content shown beside its Polish original (jury pages).

{% translated_block obj "field" "css-class" %}: the text with paragraphs; marked
lang="pl" with a note when only in Polish; the Polish original one click away
(<details>, no JavaScript) when a translation is shown.
{% translated_inline obj "field" %}: a name or a title, marked lang="pl" when only in Polish.
"""

from django import template

from otwarte.i18n import in_language

register = template.Library()


@register.inclusion_tag("includes/translated_block.html")
def translated_block(obj, field, css_class=""):
    return {"content": in_language(obj, field), "css_class": css_class}


@register.inclusion_tag("includes/translated_inline.html")
def translated_inline(obj, field):
    return {"content": in_language(obj, field)}


@register.simple_tag
def translated(obj, field):
    """{% translated obj "field" as text %} -> text.text, text.fallback, text.original."""
    return in_language(obj, field)
