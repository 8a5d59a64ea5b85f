"""Tables as CSV, XLSX and ODS: the one spreadsheet writer of the project.

`write_table(fmt=…, sheets=[Sheet(…)], language=…)` turns headers and rows into
the bytes of a file. Numbers are typed as numbers in XLSX and ODS (a spreadsheet
sums them without a conversion); text stays text, so a title starting with
"=" is never a formula (openpyxl would store it as one; `safe_cell` guards the
CSV, which has no types). A Polish CSV uses the separators Polish Excel expects:
a semicolon between fields and a decimal comma (Excel in Polish reads "3.5" as
text and splits on ";"). Every CSV starts with a byte-order mark so that Excel
reads it as UTF-8.

Written with openpyxl (XLSX) and odfpy (ODS) directly: they are what tablib
wraps, and writing the cells ourselves lets each cell carry its type.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from odf import opendocument, table, text
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from otwarte.csvutil import safe_cell

CSV, XLSX, ODS = "csv", "xlsx", "ods"
FORMATS = (CSV, XLSX, ODS)
MEDIA_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ODS: "application/vnd.oasis.opendocument.spreadsheet",
}
# Languages whose spreadsheets write 3,5 and separate CSV fields with ";".
DECIMAL_COMMA_LANGUAGES = {"pl", "uk", "ru"}


@dataclass
class Sheet:
    title: str
    header: list
    rows: list


def csv_dialect(language):
    """(delimiter, decimal character) of a CSV written for `language`."""
    if language in DECIMAL_COMMA_LANGUAGES:
        return ";", ","
    return ",", "."


def _is_number(value):
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def _csv_cell(value, decimal):
    if _is_number(value) and not isinstance(value, int) and decimal != ".":
        return str(value).replace(".", decimal)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return safe_cell(value)


def _csv(sheet, language):
    delimiter, decimal = csv_dialect(language)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in sheet.header])
    for row in sheet.rows:
        writer.writerow([_csv_cell(value, decimal) for value in row])
    return out.getvalue().encode("utf-8")


def _sheet_title(title, used):
    # XLSX allows 31 characters and no []:*?/\ in a sheet's name.
    clean = "".join("-" if c in "[]:*?/\\" else c for c in title)[:31] or "data"
    name, n = clean, 2
    while name in used:
        name = f"{clean[:28]}-{n}"
        n += 1
    used.add(name)
    return name


def _xlsx_cell(ws, value, font=None):
    if _is_number(value):
        cell = WriteOnlyCell(ws, value=float(value) if isinstance(value, Decimal) else value)
    elif value is None or value == "":
        cell = WriteOnlyCell(ws, value=None)
    elif isinstance(value, bool):
        cell = WriteOnlyCell(ws, value=value)
    else:
        cell = WriteOnlyCell(ws, value=None)
        # Set as a string explicitly: openpyxl would make "=…" a formula.
        cell._value, cell.data_type = str(value), "s"
    if font is not None:
        cell.font = font
    return cell


def _xlsx(sheets):
    workbook = Workbook(write_only=True)
    bold, used = Font(bold=True), set()
    for sheet in sheets:
        ws = workbook.create_sheet(_sheet_title(sheet.title, used))
        ws.freeze_panes = "A2"
        ws.append([_xlsx_cell(ws, name, bold) for name in sheet.header])
        for row in sheet.rows:
            ws.append([_xlsx_cell(ws, value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _ods_cell(value):
    if _is_number(value):
        return table.TableCell(valuetype="float", value=str(value))
    if isinstance(value, bool):
        return table.TableCell(valuetype="boolean", booleanvalue="true" if value else "false")
    if value is None or value == "":
        return table.TableCell()
    cell = table.TableCell(valuetype="string")
    for line in str(value).split("\n"):
        cell.addElement(text.P(text=line))
    return cell


def _ods(sheets):
    document = opendocument.OpenDocumentSpreadsheet()
    used = set()
    for sheet in sheets:
        ws = table.Table(name=_sheet_title(sheet.title, used))
        for row in [sheet.header, *sheet.rows]:
            ods_row = table.TableRow()
            for value in row:
                ods_row.addElement(_ods_cell(value))
            ws.addElement(ods_row)
        document.spreadsheet.addElement(ws)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_table(*, fmt, sheets, language="en"):
    """The bytes of a CSV (first sheet only), XLSX or ODS file of `sheets`.

    `language` sets the CSV's separators (`csv_dialect`); XLSX and ODS store
    numbers as numbers, which every spreadsheet shows in its user's locale.
    """
    sheets = [s if isinstance(s, Sheet) else Sheet(*s) for s in sheets]
    if fmt == CSV:
        return _csv(sheets[0], language)
    if fmt == XLSX:
        return _xlsx(sheets)
    if fmt == ODS:
        return _ods(sheets)
    raise ValueError(f"Unknown spreadsheet format {fmt!r}; choose one of {FORMATS}.")


def spreadsheet_response(*, fmt, sheets, filename, language="en"):
    """An attachment response with the file of `write_table`."""
    response = HttpResponse(
        write_table(fmt=fmt, sheets=sheets, language=language), content_type=MEDIA_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
