from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from otwarte.i18n import LANGUAGES, SOURCE_LANGUAGE

from .enums import TranslationState

TARGET_LANGUAGES = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


class TranslationStatusQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        )


class TranslationStatus(models.Model):
    """The state of one translation: one translated field of one object in one language.

    Generic (content type + object id) because the translated models live in
    several apps (practices, reports, jury, surveys). One row per text whose
    Polish source is not empty, kept by `translations.signals` and
    `translations.services.sync_object`; an empty translation is always
    "missing", whatever else happened to it.
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", verbose_name=_("content type")
    )
    object_id = models.PositiveBigIntegerField(_("object id"))
    content_object = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("field"), max_length=64)
    language = models.CharField(_("language"), max_length=8, choices=LANGUAGE_CHOICES)
    status = models.CharField(
        _("status"), max_length=16, choices=TranslationState.choices,
        default=TranslationState.MISSING,
    )
    # Empty when the system set the status (source edited, loaded from a fixture,
    # changed outside the worklist); a person when set on the worklist.
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("set by"),
    )
    set_at = models.DateTimeField(_("set at"), auto_now=True)

    objects = TranslationStatusQuerySet.as_manager()

    class Meta:
        verbose_name = _("translation status")
        verbose_name_plural = _("translation statuses")
        ordering = ["content_type", "object_id", "field", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="translations_translationstatus_one_per_text",
                violation_error_message=_("This text already has a status in this language."),
            ),
            models.CheckConstraint(
                condition=Q(language__in=TARGET_LANGUAGES),
                name="translations_translationstatus_target_language",
                violation_error_message=_("Polish is the source: it has no translation status."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=TranslationState.values),
                name="translations_translationstatus_known_status",
                violation_error_message=_("Unknown translation status."),
            ),
        ]
        indexes = [models.Index(fields=["language", "status"], name="translations_lang_status")]

    def __str__(self):
        return f"{self.content_type.model}#{self.object_id}.{self.field} [{self.language}]"

    @property
    def column(self):
        return f"{self.field}_{self.language}"

    @property
    def source_column(self):
        return f"{self.field}_{SOURCE_LANGUAGE}"
