"""The 2015 booklet rendered from the data, against seed 004."""

import io
from pathlib import Path

from pypdf import PdfReader

from booklet.render import render_booklet, render_booklet_html
from jury.models import JurorQuote
from practices.models import Award
from tests.booklet.booklet_pdf import normalise, pdf_text, shipped_2015_booklet

SEED = Path(__file__).resolve().parents[1] / "data" / "seed_004_booklet_2015.txt"

# Seed 004's award headings in its order: city, then the practice (if the booklet names one).
SEED_HEADINGS = [
    "Lublin, Strategia Rozwoju Lublina na lata 2013-2020",
    "Lublin",
    "Warszawa, Komisja Dialogu Społecznego",
    "Warszawa, Centrum Wielokulturowe",
    "Wrocław, Projekt „Kontynenty Wrocławia”, Centrum Integracji Społecznej Infolink - "
    "International Information and Support Office (Biuro Informacji i Pomocy dla "
    "Obcokrajowców), Wrocławskie Centrum Rozwoju Społecznego",
    "Lublin, Program „Study in Lublin”",
    "Lublin, działania Miejskiego Ośrodka Pomocy Społecznej",
    "Lublin, Punkt Obsługi Cudzoziemców w Biurze Obsługi Mieszkańców",
    "Poznań, kompleksowa współpraca Urzędu Miasta Poznań z ośrodkiem naukowym i badawczym",
    "Warszawa, Koncepcję systemowego wspierania edukacji cudzoziemców",
    "Warszawa",
]


def _awards(edition):
    return list(
        Award.objects.filter(edition=edition)
        .for_listing()
        .order_by("order")
    )


def test_booklet_2015_has_every_award_similar_action_and_recommendation(edition_2015):
    text = pdf_text(shipped_2015_booklet(edition_2015, "pl"))
    seed = normalise(SEED.read_text(encoding="utf-8"))
    body = text[text.index("Wyróżnienie:") :]  # after the contents, in the booklet's order

    position = -1
    for award, heading in zip(_awards(edition_2015), SEED_HEADINGS, strict=True):
        # The trailing space tells "Lublin" alone from "Lublin, Strategia…".
        found = body.find(f"Wyróżnienie: {heading} ", position + 1)
        assert found > position, heading
        position = found
        next_award = body.find("Wyróżnienie:", found + 1)
        block = body[found : next_award if next_award > 0 else len(body)]
        assert normalise(award.practice.description_pl) in block
        for action in award.similar_actions.all():
            expected = action.city.name_pl
            if action.practice and action.practice.title_pl:
                expected += f", {normalise(action.practice.title_pl)}"
                assert normalise(action.practice.title_pl) in seed
            assert expected in block, expected
        if award.similar_actions.all():
            assert "Podobne działania:" in block
        for paragraph in award.recommendation_pl.split("\n\n"):
            assert normalise(paragraph) in block
            assert normalise(paragraph).rstrip(".:") in seed
    assert [h.split(", ")[0] for h in SEED_HEADINGS] == [
        a.practice.city.name_pl for a in _awards(edition_2015)
    ]


def test_booklet_2015_sets_the_juror_quote_apart(edition_2015):
    html = render_booklet_html(edition=edition_2015, language="pl")
    quote = JurorQuote.objects.get()
    assert f'<blockquote lang="pl"><p>{quote.text_pl}</p></blockquote>' in html
    assert "<figcaption>Ngo Hoang Minh (Wietnam), Warszawa</figcaption>" in html


def test_booklet_2015_introduction_contents_ceremony_and_credits(edition_2015):
    text = pdf_text(shipped_2015_booklet(edition_2015, "pl"))
    for fixed in ("Wstęp", "Spis treści", "Jury", "Kryteria", "Wręczenie wyróżnień"):
        assert fixed in text, fixed
    assert "Priscilla Rubia (Kenia), Łódź" in text
    assert "Zaangażowanie samorządu" in text
    assert "14 maja 2015, 15:30" in text
    assert "Synagoga pod Białym Bocianem, Wrocław" in text
    assert "Stowarzyszenie Homo Faber" in text
    assert text.index("Spis treści") < text.index("Wyróżnienie:")
    # The contents give the page of each category: the first one is on page 5.
    contents = text[text.index("Spis treści") : text.index("Wyróżnienie:")]
    assert "Lublin, Strategia Rozwoju Lublina na lata 2013-2020" in contents


def test_booklet_pdf_metadata_tags_and_embedded_fonts(edition_2015):
    reader = PdfReader(io.BytesIO(shipped_2015_booklet(edition_2015, "pl")))
    assert reader.metadata.title == "Miasta Otwarte 2015: Opis wyróżnionych praktyk miejskich"
    assert reader.metadata.author == "Fundacja „Inna Przestrzeń”"
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "pl"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts[str(font["/BaseFont"])] = "/FontFile2" in descriptor.get_object()
    assert fonts and all(fonts.values()), fonts
    assert {name.split("+", 1)[1] for name in fonts} <= {
        "Booklet-Serif",
        "Booklet-Serif-Bold",
        "Booklet-Serif-Italic",
        "Booklet-Serif-BoldItalic",
        "Booklet-Sans",
        "Booklet-Sans-Bold",
    }


def test_booklet_in_ukrainian_translates_fixed_text_and_falls_back_to_polish(edition_2015):
    text = pdf_text(shipped_2015_booklet(edition_2015, "uk"))
    assert "Відкриті міста" in text  # the edition title has a Ukrainian translation
    assert "Відзнака: Люблін" in text or "Відзнака: Lublin" in text
    assert "Подібні дії:" in text
    assert "«Відкриті міста» — це ініціатива, започаткована у 2014 році" in text
    # Without its Ukrainian translation, the introduction falls back to Polish.
    edition_2015.introduction_uk = ""
    edition_2015.save()
    text = pdf_text(render_booklet(edition=edition_2015, language="uk"))
    assert "Miasta Otwarte to działanie zapoczątkowane w 2014 roku" in text


def test_booklet_html_escapes_content(edition_2015):
    practice = _awards(edition_2015)[0].practice
    practice.description_pl = '<img src="file:///etc/passwd"> <script>x()</script>'
    practice.save()
    html = render_booklet_html(edition=edition_2015, language="pl")
    assert "<img src=" not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html


def test_booklet_marks_polish_fallback_content_with_its_language(edition_2015):
    edition_2015.introduction_uk = ""
    edition_2015.save()
    html = render_booklet_html(edition=edition_2015, language="uk")
    assert '<html lang="uk">' in html
    # No Ukrainian introduction: the Polish one stands in, marked as Polish.
    assert '<div lang="pl"><p>Miasta Otwarte to działanie' in html


def test_booklet_credits_experts_and_their_cities(edition_2015):
    from practices.models import City
    from tests.factories import AssignmentFactory, UserFactory

    expert = UserFactory(first_name="Anna", last_name="Kowalska", email="anna@example.org")
    for slug in ("lublin", "poznan"):
        AssignmentFactory(edition=edition_2015, expert=expert, city=City.objects.get(slug=slug))
    html = render_booklet_html(edition=edition_2015, language="pl")
    assert '<span class="person">Anna Kowalska</span>, Lublin, Poznań' in html
    assert "example.org" not in html
