"""CSV output that spreadsheets cannot mistake for formulas.

A cell starting with =, +, - or @ (or a tab/carriage return, which some
spreadsheets strip before evaluating) would run as a formula when the file is
opened in Excel or LibreOffice (CSV injection); such cells get a leading
apostrophe, which spreadsheets show as text.
"""

import csv
import io

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a string that a spreadsheet shows as text, never evaluates."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def write_csv(rows, header, out=None):
    """Write `header` and `rows` (iterables of values) as CSV with every cell made safe.

    Writes to `out` (a text file or an HttpResponse) and returns it; without
    `out`, returns the CSV as a string.
    """
    target = out if out is not None else io.StringIO()
    writer = csv.writer(target)
    writer.writerow([safe_cell(v) for v in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return target if out is not None else target.getvalue()
