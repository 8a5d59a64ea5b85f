"""CSV export that spreadsheets cannot mistake for formulas.

A cell starting with =, +, - or @ (or a tab / carriage return, which some
spreadsheets strip first) is run as a formula by Excel and LibreOffice
("CSV injection"). Such cells get a leading apostrophe, which spreadsheets
show as text. Numbers are written as numbers, so a negative number stays one.
"""

import csv
from decimal import Decimal

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_response(filename, header, rows):
    """An attachment response; UTF-8 with a BOM so Excel reads Polish and Cyrillic."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(c) for c in header])
    for row in rows:
        writer.writerow([safe_cell(c) for c in row])
    return response
