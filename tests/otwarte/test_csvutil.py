import pytest

from otwarte.csvutil import safe_cell, write_csv


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+48", "'+48"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Lublin", "Lublin"),
        (2015, "2015"),
        (None, ""),
        ("a=b", "a=b"),
    ],
)
def test_safe_cell_neutralises_formulas(value, expected):
    assert safe_cell(value) == expected


def test_write_csv_makes_every_cell_safe():
    assert write_csv([["=cmd", "ok"]], ["-h", "b"]) == "'-h,b\r\n'=cmd,ok\r\n"
