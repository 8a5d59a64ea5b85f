import csv
import io
from decimal import Decimal

import pytest

from otwarte.csvutil import csv_response, safe_cell, write_csv


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+48 600", "'+48 600"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Lublin", "Lublin"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (-2, -2),
        (2015, 2015),
        (Decimal("-1.50"), Decimal("-1.50")),
    ],
)
def test_safe_cell_neutralises_formula_prefixes(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize(
    "value",
    [" =1+1", "\n=1+1", "\u00a0=1+1", "\uff1d1+1", "\uff0b1", "\uff0d1", "\uff20SUM(A1)",
     "\u200b=1+1", "\u3000=1", "\x00=1"],
)
def test_safe_cell_guards_cells_a_spreadsheet_strips_or_folds_to_a_formula(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    [
        "\ufe66HYPERLINK(1)",  # SMALL EQUALS SIGN
        "\ufe6bSUM(A1)",  # SMALL COMMERCIAL AT
        "\ufe621",  # SMALL PLUS SIGN
        "\ufe631",  # SMALL HYPHEN-MINUS
        "\u207c1", "\u208c1",  # SUPERSCRIPT, SUBSCRIPT EQUALS SIGN
        "\u207a1", "\u208a1",  # SUPERSCRIPT, SUBSCRIPT PLUS SIGN
        "\u207b1", "\u208b1", "\u22121",  # SUPERSCRIPT, SUBSCRIPT MINUS, MINUS SIGN
        "\u2a75", "\ufb291",  # TWO CONSECUTIVE EQUALS SIGNS, HEBREW ALTERNATIVE PLUS
    ],
)
def test_safe_cell_guards_every_sign_that_folds_to_a_formula_start(value):
    assert safe_cell(value) == "'" + value


def test_every_character_whose_compatibility_form_starts_a_formula_is_guarded():
    import sys
    import unicodedata

    unguarded = [
        hex(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.normalize("NFKC", chr(code))[:1] in {"=", "+", "-", "@"}
        and safe_cell(chr(code) + "1") == chr(code) + "1"
    ]
    assert unguarded == []


@pytest.mark.parametrize("value", ["Łódź", "\u00bd", "ﬁlm", "①", "＃1", "Київ"])
def test_safe_cell_leaves_other_compatibility_characters_alone(value):
    assert safe_cell(value) == value


def test_write_csv_makes_every_cell_safe():
    assert write_csv([["=cmd", "ok"]], ["-h", "b"]) == "'-h,b\r\n'=cmd,ok\r\n"


def test_csv_response_is_utf8_attachment_with_safe_cells():
    response = csv_response("t.csv", ["a", "b"], [["=cmd", "Łódź"]])
    assert response["Content-Disposition"] == 'attachment; filename="t.csv"'
    text = response.content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [["a", "b"], ["'=cmd", "Łódź"]]


def test_write_csv_into_a_response_neutralises_hyperlink_formula():
    from django.http import HttpResponse

    response = write_csv([['=HYPERLINK("http://evil")']], ["a"], out=HttpResponse())
    assert response.content.decode() == 'a\r\n"\'=HYPERLINK(""http://evil"")"\r\n'
