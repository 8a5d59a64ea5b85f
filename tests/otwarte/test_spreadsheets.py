"""otwarte/spreadsheets.py: one writer for CSV, XLSX and ODS, read back with the
libraries that wrote them: numbers are numbers, text is never a formula, Polish
CSV has semicolons and decimal commas."""

import io
from decimal import Decimal

import openpyxl
import pytest
from odf import opendocument, table

from otwarte.spreadsheets import Sheet, spreadsheet_response, write_table

SHEETS = [Sheet("awards: 2015", ["title", "year", "mean"], [["=1+1", 2015, Decimal("3.25")],
                                                          ["Lublin", 2016, None]])]


def _ods_rows(content):
    document = opendocument.load(io.BytesIO(content))
    sheet = document.spreadsheet.getElementsByType(table.Table)[0]
    rows = []
    for row in sheet.getElementsByType(table.TableRow):
        cells = []
        for cell in row.getElementsByType(table.TableCell):
            kind = cell.getAttribute("valuetype")
            cells.append(float(cell.getAttribute("value")) if kind == "float"
                         else (str(cell) or None))  # fmt: skip
        rows.append(cells)
    return rows


def test_xlsx_types_numbers_as_numbers_and_keeps_text_text():
    book = openpyxl.load_workbook(io.BytesIO(write_table(fmt="xlsx", sheets=SHEETS)))
    sheet = book["awards- 2015"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["title", "year", "mean"], ["=1+1", 2015, 3.25], ["Lublin", 2016, None]
    ]  # fmt: skip
    assert (sheet["A2"].data_type, sheet["B2"].data_type, sheet["C2"].data_type) == ("s", "n", "n")


def test_ods_types_numbers_as_numbers():
    assert _ods_rows(write_table(fmt="ods", sheets=SHEETS)) == [
        ["title", "year", "mean"], ["=1+1", 2015.0, 3.25], ["Lublin", 2016.0, None]
    ]  # fmt: skip


def test_polish_csv_has_semicolons_decimal_commas_and_no_formulas():
    text = write_table(fmt="csv", sheets=SHEETS, language="pl").decode("utf-8")
    assert text == "\ufefftitle;year;mean\r\n'=1+1;2015;3,25\r\nLublin;2016;\r\n"


def test_english_csv_has_commas_and_decimal_points():
    text = write_table(fmt="csv", sheets=SHEETS, language="en").decode("utf-8-sig")
    assert text.splitlines()[1] == "'=1+1,2015,3.25"


def test_several_sheets_in_one_workbook():
    sheets = [*SHEETS, Sheet("cities", ["slug"], [["lublin"]])]
    book = openpyxl.load_workbook(io.BytesIO(write_table(fmt="xlsx", sheets=sheets)))
    assert book.sheetnames == ["awards- 2015", "cities"]


def test_unknown_format_is_refused():
    with pytest.raises(ValueError):
        write_table(fmt="pdf", sheets=SHEETS)


def test_response_is_an_attachment_of_the_right_type():
    response = spreadsheet_response(fmt="ods", sheets=SHEETS, filename="x.ods")
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert response["Content-Disposition"] == 'attachment; filename="x.ods"'
