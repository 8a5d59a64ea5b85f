"""Helpers for the booklet tests: PDF text extraction, the shipped 2015 booklet.

A plain module rather than conftest.py, so the expert-reports tests in this folder keep
their own conftest."""

import io
import re

from pypdf import PdfReader

from booklet.render import render_booklet

_SHIPPED_2015 = {}


def shipped_2015_booklet(edition, language):
    """The PDF of the 2015 edition exactly as the `edition_2015` fixture loads it,
    rendered once per test process and language (a render takes seconds, and several
    tests read the same booklet). Only for an edition no test has changed: a test that
    edits the data first renders its own with render_booklet()."""
    if language not in _SHIPPED_2015:
        _SHIPPED_2015[language] = render_booklet(edition=edition, language=language)
    return _SHIPPED_2015[language]


def pdf_text(pdf_bytes):
    """The PDF's text with WeasyPrint's hyphenation undone and whitespace collapsed."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    text = "\n".join(page.extract_text() for page in reader.pages)
    # Automatic hyphenation inserts U+2010 at line ends; real hyphens in content are "-".
    text = re.sub(r"\u2010\s*\n\s*", "", text)
    return normalise(text)


def normalise(text):
    return re.sub(r"\s+", " ", text.replace(" ,", ",")).strip()



def pdf_pages(pdf_bytes):
    """Each page's text, hyphenation undone, line breaks kept."""
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return [re.sub(r"\u2010\s*\n\s*", "", page.extract_text()) for page in reader.pages]


def body_pages(pdf_bytes):
    """The pages after the contents (the last page with dot leaders)."""
    pages = pdf_pages(pdf_bytes)
    contents = max(i for i, page in enumerate(pages) if "....." in page)
    return pages[contents + 1 :]
