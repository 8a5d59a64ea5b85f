"""CSV output that spreadsheets cannot mistake for formulas.

A cell starting with =, +, - or @ runs as a formula when the file is opened in
Excel or LibreOffice ("CSV injection"); so does one that starts with whitespace
or an invisible character that a spreadsheet strips before evaluating (space,
tab, CR, LF, no-break space, zero-width space), or with a sign that it folds
to the ASCII one. That folding is Unicode compatibility normalisation (NFKC):
full-width ＝＋－＠, small ﹦﹢﹣﹫, super- and subscript ⁼⁺₌₊, and the minus
sign − (which ⁻ and ₋ fold to). Such cells get a leading apostrophe, which
spreadsheets show as text. Numbers stay numbers, so a negative score is still
a number.
"""

import csv
import io
import unicodedata
from decimal import Decimal

from django.http import HttpResponse

# What starts a formula once the first character is folded (NFKC): the ASCII signs
# and U+2212 MINUS SIGN, which spreadsheets read as a minus too.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\u2212")


def _starts_dangerously(text):
    first = text[:1]
    if not first:
        return False
    if first.isspace() or unicodedata.category(first) in {"Cc", "Cf"}:
        return True
    return unicodedata.normalize("NFKC", first).startswith(FORMULA_PREFIXES)


def safe_cell(value):
    """The value as a spreadsheet shows it as text (numbers pass unchanged)."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return value
    text = str(value)
    if _starts_dangerously(text):
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
