"""Small text helpers shared by the apps."""

import unicodedata

from django.core.validators import MaxLengthValidator
from django.utils.text import slugify

# NFKD does not decompose these, so Django's slugify would drop them ("Łódź" -> "odz").
_TRANSLITERATE = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss"})


def polish_slugify(value, max_length=80):
    """An ASCII slug that keeps Polish letters readable, cut at a word boundary."""
    slug = slugify(str(value).translate(_TRANSLITERATE))
    if len(slug) <= max_length:
        return slug
    cut = slug[:max_length]
    return cut.rsplit("-", 1)[0] if "-" in cut else cut


def search_normalise(value):
    """Text as search compares it: case folded, diacritics dropped, in any script
    ("CUDZOZIEMCÓW" -> "cudzoziemcow", "ЛЮБЛІН" -> "люблін", "Łódź" -> "lodz")."""
    decomposed = unicodedata.normalize("NFKD", str(value).translate(_TRANSLITERATE))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def has_visible_text(value):
    """False for text of only whitespace and invisible format characters (zero-width
    spaces and joiners, BOM, direction marks): what a reader would call empty."""
    return any(
        not char.isspace() and unicodedata.category(char) != "Cf" for char in str(value or "")
    )


def text_limit(max_length):
    """Keyword arguments for a bounded TextField: the admin's and ModelForms' field
    refuses longer text with a clear message, and so does the model's full_clean()
    (a TextField's max_length alone binds only the form). A 1 MB description took
    20 s to lay out in the booklet."""
    return {"max_length": max_length, "validators": [MaxLengthValidator(max_length)]}
