"""Receivers that keep every translated model's statuses (translations.services).

Connected for each model in modeltranslation's registry, so no app below has to
know about the workflow. pre_save remembers the stored texts; post_save compares
(the one place where editing the Polish source marks translations "needs review").
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save

from . import services
from .registry import all_columns, translated_models


def _touches_texts(model, update_fields):
    return update_fields is None or bool(set(update_fields) & set(all_columns(model)))


def remember_texts(sender, instance, raw=False, update_fields=None, **kwargs):
    if not _touches_texts(sender, update_fields) or instance.pk is None:
        instance._translation_texts = None
        return
    instance._translation_texts = (
        sender._base_manager.filter(pk=instance.pk).values(*all_columns(sender)).first()
    )


def sync_statuses(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    if not _touches_texts(sender, update_fields):
        return
    # raw: loaddata (the 2015 fixture) — translations written, not yet reviewed.
    services.sync_object(instance, before=getattr(instance, "_translation_texts", None),
                         imported=raw)


def forget_texts(sender, instance, **kwargs):
    from .models import TranslationStatus

    TranslationStatus.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


def connect():
    for model in translated_models():
        uid = f"translations:{model._meta.label_lower}"
        pre_save.connect(remember_texts, sender=model, dispatch_uid=f"{uid}:pre")
        post_save.connect(sync_statuses, sender=model, dispatch_uid=f"{uid}:post")
        post_delete.connect(forget_texts, sender=model, dispatch_uid=f"{uid}:delete")
