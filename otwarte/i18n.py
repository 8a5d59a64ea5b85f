"""The active language and the Polish fallback of translated content: one helper for all.

Content fields are translated with django-modeltranslation; Polish is the original and
the fallback. `in_language()` gives a field's text in the active language, or the Polish
text marked as a fallback, so templates can say so (`lang="pl"` and a visible note).
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

SOURCE_LANGUAGE = "pl"
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def active_language():
    """The active language's code without a region ("uk" for "uk-ua"); Polish when none."""
    return (get_language() or SOURCE_LANGUAGE).split("-")[0]


@dataclass(frozen=True)
class Content:
    text: str
    fallback: bool  # True: the active language has no text, this is the Polish one
    original: str = ""  # the Polish text behind a translation ("" in Polish or on fallback)


def in_language(obj, field, language=None):
    """A translated field's text in `language` (the active one by default), or the
    Polish text with fallback=True when that language has none."""
    language = language or active_language()
    own = getattr(obj, f"{field}_{language}", None) or ""
    if language == SOURCE_LANGUAGE:
        return Content(own, False)
    polish = getattr(obj, f"{field}_{SOURCE_LANGUAGE}", None) or ""
    if own:
        return Content(own, False, polish if polish != own else "")
    return Content(polish, bool(polish))
