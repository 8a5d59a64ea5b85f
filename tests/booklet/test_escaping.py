"""User-written text in the booklet PDF: shown literally, never interpreted as markup."""

from booklet.render import render_booklet
from practices.enums import Phase
from tests.booklet.booklet_pdf import pdf_text
from tests.factories import AwardFactory, EditionFactory


def test_booklet_pdf_shows_markup_in_titles_literally(db):
    edition = EditionFactory(year=2040, phase=Phase.PUBLISHED)
    AwardFactory(
        edition=edition,
        practice__title_pl="Rada <b>Imigrantów</b> <script>alert(1)</script>",
        practice__city__name_pl="Lublin",
        recommendation_pl="Zalecenie <i>pochylone</i> & <u>podkreślone</u>",
    )
    text = pdf_text(render_booklet(edition=edition, language="pl"))
    assert "Rada <b>Imigrantów</b> <script>alert(1)</script>" in text
    assert "Zalecenie <i>pochylone</i> & <u>podkreślone</u>" in text
