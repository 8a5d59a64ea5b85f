"""Telling Polish paragraphs from others, for the tests of translated pages and booklets.

A plain module (not a conftest): the page, juror and booklet tests share it."""

import re
from html.parser import HTMLParser

# Letters only Polish has among the four languages (ó is Spanish too: left out).
POLISH_LETTERS = set("ąćęłńśźżĄĆĘŁŃŚŹŻ")
# Frequent Polish words that are not English words (no "to", "do", "a", "po").
POLISH_WORDS = {
    "i", "w", "z", "na", "się", "jest", "są", "dla", "oraz", "nie", "że", "od", "przez",
    "ze", "jak", "także", "również", "które", "który", "która", "jego", "ich", "lub",
    "czy", "już", "rzecz", "miasta", "działania", "samorządu", "imigrantów",
}
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
LATIN = re.compile(r"[A-Za-zÀ-ɏ]")


def is_polish(paragraph, *, names=()):
    """True when a paragraph reads as Polish: five Latin-script words or more, a fifth of
    them Polish words or words with Polish letters. Names (whole strings) are taken out
    first, so "Fundacja „Inna Przestrzeń”" or a partner's name does not count."""
    for name in names:
        paragraph = paragraph.replace(name, " ")
    words = [w for w in WORD.findall(paragraph) if LATIN.match(w)]
    if len(words) < 5:
        return False
    polish = sum(1 for w in words if w.lower() in POLISH_WORDS or POLISH_LETTERS & set(w))
    return polish / len(words) >= 0.2


def names_2015(edition):
    """Names that stay Polish in every language: the site's own, cities (in Latin script), the
    organiser, the partners, the jurors."""
    from jury.models import Juror
    from practices.models import City

    names = ["Miasta Otwarte", edition.organiser, *edition.partners.splitlines()]
    names += Juror.objects.filter(editions=edition).values_list("name", flat=True)
    for city in City.objects.all():
        names += [city.name_pl, city.name_en]
    # Longest first, so "Urząd m.st. Warszawy" goes before "Warszawa" could split it.
    return sorted({n for n in names if n}, key=len, reverse=True)


def polish_paragraphs(paragraphs, *, names=()):
    return [p for p in paragraphs if is_polish(p, names=names)]


def cyrillic_share(text):
    """Cyrillic letters over all letters."""
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    return cyrillic / len(letters) if letters else 0.0


BLOCKS = {
    "p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote",
    "figcaption", "caption", "summary", "legend", "label", "option", "div", "section",
    "article", "header", "footer", "nav", "main", "aside", "ul", "ol", "dl", "table", "tr",
    "form", "fieldset", "details", "title", "button", "br",
}
SKIPPED = {"script", "style", "template"}


class _Paragraphs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs, self._text, self._skip = [], [], 0

    def _flush(self):
        text = re.sub(r"\s+", " ", "".join(self._text)).strip()
        if text:
            self.paragraphs.append(text)
        self._text = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self._skip += 1
        elif tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self._skip:
            self._text.append(data)


def html_paragraphs(markup):
    """The text of a page's block elements, one string per block, scripts left out."""
    parser = _Paragraphs()
    parser.feed(markup)
    parser.close()
    parser._flush()
    return parser.paragraphs
