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

