"""The 2015 booklet reads in its language: its body (the pages after the contents) is
Cyrillic in uk and ru, and the English one has no Polish paragraph but names."""

import pytest

from tests.polish_text import cyrillic_share, names_2015, polish_paragraphs
from tests.booklet.booklet_pdf import body_pages, shipped_2015_booklet


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_booklet_2015_body_is_cyrillic(edition_2015, language):
    body = "\n".join(body_pages(shipped_2015_booklet(edition_2015, language)))
    assert cyrillic_share(body) >= 0.9


def test_booklet_2015_in_english_has_no_polish_paragraph(edition_2015):
    pages = body_pages(shipped_2015_booklet(edition_2015, "en"))
    lines = [line for page in pages for line in page.splitlines()]
    assert polish_paragraphs(lines, names=names_2015(edition_2015)) == []
    assert "Lublin City Office takes systematic action" in " ".join(lines)


def test_booklet_2015_polish_body_counts_as_polish(edition_2015):
    """The measure itself: the Polish booklet fails both checks."""
    pages = body_pages(shipped_2015_booklet(edition_2015, "pl"))
    assert cyrillic_share("\n".join(pages)) == 0
    lines = [line for page in pages for line in page.splitlines()]
    assert len(polish_paragraphs(lines)) > 50
