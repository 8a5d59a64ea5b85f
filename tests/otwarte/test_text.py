from otwarte.text import polish_slugify


def test_polish_slugify_keeps_polish_letters_readable():
    assert polish_slugify("Łódź, Gdańsk i Wrocław") == "lodz-gdansk-i-wroclaw"


def test_polish_slugify_cuts_at_word_boundary():
    slug = polish_slugify("słowo " * 30, max_length=20)
    assert slug == "slowo-slowo-slowo"
