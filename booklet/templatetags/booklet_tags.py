"""Template helpers for the booklet."""

from django import template

from otwarte.i18n import SOURCE_LANGUAGE, active_language, in_language

register = template.Library()


@register.simple_tag
def lang_of(obj, field):
    """The language of the text `obj.field` shows: the active one, or the Polish fallback.

    Marking fallback text lang="pl" gives it Polish hyphenation and tells screen readers
    (and the tagged PDF) which language they are reading.
    """
    content = in_language(obj, field)
    return SOURCE_LANGUAGE if content.fallback else active_language()
