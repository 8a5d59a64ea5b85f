"""A language's texts as a spreadsheet (XLSX) for external translators, and back.

One row per text: key (as in the PO file), what it is, the Polish source, the
translation, and the status (missing, draft, needs_review, reviewed). The translator
edits the translation and may set the status to "reviewed"; reading it back goes
through `po.apply_entries`, the same rules as a PO file."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from otwarte.spreadsheets import XLSX, Sheet, write_table

from .enums import TranslationState
from .models import TARGET_LANGUAGES
from .po import MAX_PO_BYTES, apply_entries, key_of

HEADER = ["key", "text", "source (pl)", "translation ({language})", "status"]


def export_xlsx(*, rows, language):
    header = [name.format(language=language) for name in HEADER]
    body = [
        [key_of(row), f"{row.model_label}: {row.field_label}", row.source, row.text or "",
         row.status]
        for row in rows if row.source
    ]
    return write_table(fmt=XLSX, sheets=[Sheet(language, header, body)], language=language)


def _rows(content, language):
    if len(content) > MAX_PO_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [str(cell or "").strip() for cell in next(rows, ())]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError):
        raise ValidationError(_("This is not an XLSX file downloaded from the worklist.")) from None
    expected = [name.format(language=language) for name in HEADER]
    if header[:len(expected)] != expected:
        languages = [code for code in TARGET_LANGUAGES if f"translation ({code})" in header]
        if languages:
            raise ValidationError(
                _("The file is for the language “%(found)s”, not “%(language)s”.")
                % {"found": languages[0], "language": language})
        raise ValidationError(_("This is not an XLSX file downloaded from the worklist."))
    for values in rows:
        key, _label, source, text, status = (list(values) + [None] * 5)[:5]
        if key:
            yield str(key), str(source or ""), str(text or ""), status == TranslationState.REVIEWED


def import_xlsx(*, content, language, user, visible):
    return apply_entries(entries=list(_rows(content, language)), language=language, user=user,
                         visible=visible)
