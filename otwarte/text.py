"""Small text helpers shared by the apps."""

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
