"""Helpers for the booklet tests: PDF text extraction.

A plain module rather than conftest.py, so the expert-reports tests in this folder keep
their own conftest."""

import io
import re

from pypdf import PdfReader


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
