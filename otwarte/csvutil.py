"""CSV output that spreadsheets cannot mistake for formulas.

A cell starting with =, +, - or @ (or a tab / carriage return, which some
spreadsheets strip before evaluating) runs as a formula when the file is opened
in Excel or LibreOffice ("CSV injection"). Such cells get a leading apostrophe,
which spreadsheets show as text. Numbers stay numbers, so a negative score is
still a number.
"""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a spreadsheet shows it as text (numbers pass unchanged)."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def write_csv(rows, header, out=None):
    """Write `header` and `rows` with every cell made safe.

    Writes to `out` (a text file or an HttpResponse) and returns it; without
    `out`, returns the CSV as a string.
    """
    target = out if out is not None else io.StringIO()
    writer = csv.writer(target)
    writer.writerow([safe_cell(v) for v in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return target if out is not None else target.getvalue()


def csv_response(filename, header, rows):
    """An attachment response; UTF-8 with a BOM so Excel reads Polish and Cyrillic."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return write_csv(rows, header, out=response)
