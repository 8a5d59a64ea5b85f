"""The translation workflow: statuses kept beside the texts, the translators' saves,
and the counts the cockpit reads.

Rules (issue 16), all here:
- a text with an empty Polish source has nothing to translate, so no status;
- an empty translation is "missing", whatever happened before;
- a translation that arrives outside the worklist is a "draft" — or "needs
  review" when it came in a fixture or an import file (written, not reviewed);
- editing the Polish source marks its existing translations "needs review";
- the worklist saves a translation as a draft or as reviewed, with who and when.
"""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from otwarte.i18n import SOURCE_LANGUAGE
from otwarte.roles import Role, has_role
from practices.models import Edition
from practices.phases import Action, allows, phases_allowing, require

from .enums import TranslationState
from .models import TARGET_LANGUAGES, TranslationStatus
from .registry import IN_EDITION, TRANSLATED, all_columns, translated_fields, translated_models

State = TranslationState
# Fields that are lists, one item a line (scale labels, answer choices): a translation
# keeps the original's number of lines, or the items would no longer match.
LINE_LISTS = {"scale_labels", "choices"}


def _text(obj, column):
    return (getattr(obj, column, None) or "").strip()


def _next_state(*, row, source_changed, text_changed, text, imported):
    if not text:
        return State.MISSING
    if row is None or row.status == State.MISSING:
        return State.NEEDS_REVIEW if imported else State.DRAFT
    if source_changed:
        return State.NEEDS_REVIEW
    if text_changed and row.status == State.REVIEWED:
        # Changed outside the worklist (the admin, an import): no longer what was reviewed.
        return State.NEEDS_REVIEW if imported else State.DRAFT
    return row.status


def sync_object(obj, *, before=None, imported=False):
    """Bring the statuses of `obj`'s translations in line with its texts.

    `before`: the object's column values before this save ({column: value}),
    None for a new object or when unknown; `imported`: the texts came from a
    fixture or an edition file (a new translation is then "needs review").
    Called by the post_save receiver; bulk writes call it themselves.
    """
    model = type(obj)
    content_type = ContentType.objects.get_for_model(model)
    rows = {
        (row.field, row.language): row
        for row in TranslationStatus.objects.filter(content_type=content_type, object_id=obj.pk)
    }
    create, update, delete = [], [], []
    for field in translated_fields(model):
        source_column = f"{field}_{SOURCE_LANGUAGE}"
        source = _text(obj, source_column)
        source_changed = before is not None and (before.get(source_column) or "").strip() != source
        for language in TARGET_LANGUAGES:
            row = rows.get((field, language))
            if not source:
                if row is not None:
                    delete.append(row.pk)
                continue
            column = f"{field}_{language}"
            text = _text(obj, column)
            text_changed = before is not None and (before.get(column) or "").strip() != text
            state = _next_state(row=row, source_changed=source_changed, text_changed=text_changed,
                                text=text, imported=imported)
            if row is None:
                create.append(TranslationStatus(
                    content_type=content_type, object_id=obj.pk, field=field,
                    language=language, status=state,
                ))
            elif row.status != state:
                row.status, row.set_by = state, None
                update.append(row)
    if delete:
        TranslationStatus.objects.filter(pk__in=delete).delete()
    if create:
        TranslationStatus.objects.bulk_create(create, ignore_conflicts=True)
    for row in update:  # few at a time; save() stamps set_at
        row.save(update_fields=["status", "set_by", "set_at"])


def sync_all(*, imported=False, models=None):
    """Create or correct the statuses of every translated text (idempotent).

    For databases filled before the workflow existed and for bulk writes that
    send no signals. Returns the number of objects visited.
    """
    visited = 0
    for model in models or translated_models():
        for obj in model._base_manager.only("pk", *all_columns(model)).iterator():
            sync_object(obj, imported=imported)
            visited += 1
    return visited


def _content_types(models):
    return [ContentType.objects.get_for_model(model) for model in models]


def visible_to(user, queryset):
    """The statuses `user` works on. Organisers oversee every text; a translator gets
    what the jury and the public read of the editions whose phase allows translating
    (`Action.TRANSLATE`), and texts that belong to no edition (the surveys'), never
    an edition's draft reports nor a published edition's texts."""
    if has_role(user, Role.ORGANISER):
        return queryset
    condition = ~Q(content_type__in=_content_types(IN_EDITION))
    for edition in Edition.objects.filter(phase__in=phases_allowing(Action.TRANSLATE)):
        condition |= scope_condition(TRANSLATED, edition)
    return queryset.filter(condition)


def require_translatable(*, status):
    """Refuse (PhaseError) to rewrite a text of a published edition: it changes only
    while one of the editions it belongs to allows translating (back in deliberation,
    through `unpublish_edition`). Texts of no edition (surveys) are always open."""
    model = status.content_type.model_class()
    scope = IN_EDITION.get(model)
    if scope is None:
        return
    editions = [
        edition for edition in Edition.objects.order_by("-year")
        if scope(edition).filter(pk=status.object_id).exists()
    ]
    if editions and not any(allows(edition, Action.TRANSLATE) for edition in editions):
        require(editions[0], Action.TRANSLATE)


def save_translation(*, status, text, user, reviewed):
    """Write one translation from the worklist and set its status.

    `reviewed`: the translator vouches for it (status "reviewed"); otherwise it is a
    draft. An empty text makes it "missing" and cannot be marked reviewed. The object
    is saved through its model (that one column only), so everything that follows a
    content change (search text, cache versions, history) follows this one too.
    """
    text = (text or "").strip()
    if reviewed and not text:
        raise ValidationError(_("An empty translation cannot be marked reviewed."))
    with transaction.atomic():
        status = TranslationStatus.objects.select_for_update().get(pk=status.pk)
        require_translatable(status=status)
        model = status.content_type.model_class()
        obj = model._base_manager.select_for_update().filter(pk=status.object_id).first()
        if obj is None:
            raise ValidationError(_("The text no longer exists."))
        field = model._meta.get_field(status.column)
        if field.max_length and len(text) > field.max_length:
            raise ValidationError(
                ngettext(
                    "At most %(n)d character (this text has %(length)d).",
                    "At most %(n)d characters (this text has %(length)d).",
                    field.max_length,
                )
                % {"n": field.max_length, "length": len(text)}
            )
        source = _text(obj, status.source_column)
        lines = len(source.splitlines())
        if status.field in LINE_LISTS and text and len(text.splitlines()) != lines:
            raise ValidationError(
                ngettext(
                    "One line per line of the original: %(n)d line.",
                    "One line per line of the original: %(n)d lines.",
                    lines,
                )
                % {"n": lines}
            )
        setattr(obj, status.column, text or (None if field.null else ""))
        # Only this column is written: a translator changes translations, nothing else.
        obj.save(update_fields=[status.column])  # the receivers sync and refresh
        status.refresh_from_db()
        if text:
            status.status = State.REVIEWED if reviewed else State.DRAFT
        else:
            status.status = State.MISSING
        status.set_by = user
        status.save(update_fields=["status", "set_by", "set_at"])
    return status


def save_translations(*, changes, user):
    """Several worklist saves at once (the grid, an imported file): `changes` is
    [(status, text, reviewed)]. All or nothing: when any is refused, nothing is
    written and ValidationError carries {status pk: [messages]}. Returns the saved
    statuses."""
    errors, saved = {}, []
    with transaction.atomic():
        for status, text, reviewed in changes:
            try:
                with transaction.atomic():  # a savepoint: one refusal spoils no other row
                    saved.append(save_translation(
                        status=status, text=text, user=user, reviewed=reviewed))
            except ValidationError as error:
                errors[status.pk] = error.messages
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ValidationError(errors)
    return saved


def scope_condition(scope, edition):
    """The statuses of the texts `scope` ({model: ids(edition)}) names, as a Q."""
    condition = Q(pk__in=[])
    for model, ids in scope.items():
        condition |= Q(content_type=ContentType.objects.get_for_model(model),
                       object_id__in=ids(edition))
    return condition


def scoped(queryset, scope, edition):
    """`queryset` of statuses narrowed to the texts `scope` ({model: ids(edition)}) names."""
    return queryset.filter(scope_condition(scope, edition))


def counts(*, edition, scope, languages):
    """{language: Counter(status: n)} of the texts `scope` names for `edition`.

    Read straight from the texts where a status row is lacking (written by a bulk
    write that sent no signal), so a missing translation is never counted as done.
    """
    languages = [code for code in languages if code in TARGET_LANGUAGES]
    result = {code: Counter() for code in languages}
    for model, ids in scope.items():
        content_type = ContentType.objects.get_for_model(model)
        rows = {
            (row.object_id, row.field, row.language): row.status
            for row in TranslationStatus.objects.filter(
                content_type=content_type, object_id__in=ids(edition), language__in=languages
            )
        }
        objects = model._base_manager.filter(pk__in=ids(edition)).only("pk", *all_columns(model))
        for obj in objects:
            for field in translated_fields(model):
                if not _text(obj, f"{field}_{SOURCE_LANGUAGE}"):
                    continue
                for code in languages:
                    if not _text(obj, f"{field}_{code}"):
                        state = State.MISSING
                    else:
                        state = rows.get((obj.pk, field, code)) or State.DRAFT
                        if state == State.MISSING:  # a stale row: the text is there
                            state = State.DRAFT
                    result[code][state] += 1
    return result
