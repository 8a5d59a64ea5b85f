import csv
import io

import pytest
from django.http import HttpResponse

from otwarte.csvutil import safe_cell, write_csv


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+48 123", "'+48 123"),
        ("-5", "'-5"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("Lublin", "Lublin"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (5, "5"),
        (-5, "'-5"),
    ],
)
def test_safe_cell_neutralises_formulas(value, expected):
    assert safe_cell(value) == expected


def test_write_csv_returns_text_with_safe_cells():
    text = write_csv([["=cmd|' /C calc'!A0", "Łódź, \"Centrum\""]], ["title", "city"])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["title", "city"], ["'=cmd|' /C calc'!A0", 'Łódź, "Centrum"']]


def test_write_csv_into_http_response():
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    result = write_csv([["@x", 1]], ["a", "b"], into=response)
    assert result is response
    assert response.content.decode() == "a,b\r\n'@x,1\r\n"
