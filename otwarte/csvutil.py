"""CSV that spreadsheets cannot turn into formulas (CSV/formula injection)."""

import csv
import io

# A cell starting with one of these is run as a formula by Excel/LibreOffice.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as CSV cell text, with a leading apostrophe if it could start a formula."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def write_csv(rows, header, *, into=None):
    """Write `header` and `rows` (iterables of values) as CSV with every cell made safe.

    Returns the CSV text; with `into` (an HttpResponse or any file-like object
    with write()), writes there and returns `into`.
    """
    target = into if into is not None else io.StringIO()
    writer = csv.writer(target)
    writer.writerow([safe_cell(value) for value in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    if into is not None:
        return into
    return target.getvalue()
