"""A language's texts as a PO file for translators' own tools (Poedit, Weblate, OmegaT),
and back.

One entry per text: `msgctxt` names it (`app.model#id.field`, stable across databases),
`msgid` is the Polish source, `msgstr` the translation. The status travels with it: a
reviewed translation is a plain entry, a draft or one that needs review is `fuzzy` (the
PO way of saying "not final") with `#. status: …`, a missing one has an empty msgstr.

Reading a file back changes only what the translator changed, through the worklist's
rules (`services.save_translations`: all or nothing). A text whose Polish source changed
since the export keeps the new translation but needs review.
"""

from dataclasses import dataclass, field

import polib
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .enums import TranslationState
from .models import TARGET_LANGUAGES, TranslationStatus
from .views import with_texts

MAX_PO_BYTES = 5 * 1024 * 1024


def key_of(status):
    return f"{status.content_type.app_label}.{status.content_type.model}#{status.object_id}.{status.field}"


def export_po(*, rows, language):
    """The PO text of `rows` (statuses with .source and .text, see views.with_texts)."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "Otwarte",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "POT-Creation-Date": timezone.now().strftime("%Y-%m-%d %H:%M%z"),
    }
    for row in rows:
        if not row.source:
            continue
        entry = polib.POEntry(
            msgctxt=key_of(row), msgid=row.source, msgstr=row.text or "",
            comment=f"{row.model_label}: {row.field_label}",
        )
        if row.text and row.status != TranslationState.REVIEWED:
            entry.flags.append("fuzzy")
            entry.comment += f"\nstatus: {row.status}"
        po.append(entry)
    return str(po)


@dataclass
class ImportResult:
    changed: int = 0
    unchanged: int = 0
    source_changed: int = 0
    unknown: list = field(default_factory=list)


def _parse(content, language):
    if len(content) > MAX_PO_BYTES:
        raise ValidationError(_("The file is larger than 5 MB."))
    try:
        po = polib.pofile(content.decode("utf-8"))
    except (UnicodeDecodeError, OSError, ValueError) as error:
        raise ValidationError(_("This is not a PO file in UTF-8: %(error)s") % {
            "error": str(error)[:200]}) from None
    file_language = (po.metadata.get("Language") or "").strip().lower()
    if file_language not in TARGET_LANGUAGES or file_language != language:
        raise ValidationError(_("The file is for the language “%(found)s”, not “%(language)s”.")
                              % {"found": file_language or "?", "language": language})
    return po


def _status_for(key, language, visible):
    try:
        model_part, field_name = key.rsplit(".", 1)
        label, object_id = model_part.split("#")
        app_label, model = label.split(".")
        content_type = ContentType.objects.get_by_natural_key(app_label, model)
        return visible.get(content_type=content_type, object_id=int(object_id),
                           field=field_name, language=language)
    except (ValueError, ContentType.DoesNotExist, TranslationStatus.DoesNotExist):
        return None


def import_po(*, content, language, user, visible):
    """Apply a PO file of `language` to the statuses in `visible` (the user's own); raises
    ValidationError (nothing written) for a bad file or any refused text."""
    po = _parse(content, language)
    return apply_entries(
        entries=[
            (entry.msgctxt, entry.msgid, entry.msgstr,
             bool(entry.msgstr.strip()) and "fuzzy" not in entry.flags)
            for entry in po if not entry.obsolete and entry.msgctxt
        ],
        language=language, user=user, visible=visible,
    )


def apply_entries(*, entries, language, user, visible):
    """The one way a file comes back, whatever its format: `entries` are (key, the Polish
    source the translator saw, translation, reviewed). Only what changed is written, all
    or nothing; a translation of a source that changed since needs review."""
    result, changes, stale = ImportResult(), [], []
    for key, source, text, reviewed in entries:
        status = _status_for(key, language, visible)
        if status is None:
            result.unknown.append(key)
            continue
        [row] = with_texts([status])
        text = (text or "").strip()
        reviewed = reviewed and bool(text)
        source_changed = (source or "").strip() != (row.source or "").strip()
        if text == (row.text or "").strip() and reviewed == (row.status == TranslationState.REVIEWED):
            result.unchanged += 1
            continue
        # A translation of an older source is saved, but nobody vouches for it yet.
        changes.append((row, text, reviewed and not source_changed))
        if source_changed and text:
            stale.append(row.pk)
    keys = {row.pk: key_of(row) for row, _text, _reviewed in changes}
    with transaction.atomic():
        try:
            services.save_translations(changes=changes, user=user)
        except ValidationError as error:
            # Name each refused entry the way the file does.
            raise ValidationError([
                f"{keys.get(pk, pk)}: {message}"
                for pk, messages in error.message_dict.items() for message in messages
            ]) from None
        TranslationStatus.objects.filter(pk__in=stale).update(status=TranslationState.NEEDS_REVIEW)
    result.changed, result.source_changed = len(changes), len(stale)
    return result
