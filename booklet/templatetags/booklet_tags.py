"""Template helpers for the booklet."""

from django import template
from django.conf import settings
from django.utils import translation

register = template.Library()


@register.simple_tag
def lang_of(obj, field):
    """The language of the text `obj.field` shows: the active one, or the Polish fallback.

    Marking fallback text lang="pl" gives it Polish hyphenation and tells screen readers
    (and the tagged PDF) which language they are reading.
    """
    language = translation.get_language()
    if getattr(obj, f"{field}_{language}", None):
        return language
    return getattr(settings, "MODELTRANSLATION_DEFAULT_LANGUAGE", settings.LANGUAGE_CODE)
