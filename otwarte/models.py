"""The project layer's own bookkeeping tables (no domain data: that lives in the apps):
the record of every e-mail the cycle sends, and the shared public content version.

They name no app's model (only the user), so every app can use them without
importing a layer above it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import MessageStatus


class SentMessage(models.Model):
    """One e-mail to one person, recorded when it is queued (`otwarte.mail`).

    `key` (when set) makes a message unique: a reminder recorded once is never
    sent again. The task worker sends it (`status`, `attempts`, `last_error`);
    organisers see failures in the cockpit and queue them again."""

    kind = models.CharField(_("kind"), max_length=50)
    key = models.CharField(_("key"), max_length=200, blank=True)
    recipient = models.EmailField(_("recipient"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    language = models.CharField(_("language"), max_length=10)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MessageStatus.choices, default=MessageStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("sent message")
        verbose_name_plural = _("sent messages")
        ordering = ["-sent_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MessageStatus.values),
                name="otwarte_sentmessage_status_valid",
                violation_error_message=_("Unknown message status."),
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=~Q(key=""),
                name="otwarte_sentmessage_unique_key",
                violation_error_message=_("This message has already been sent."),
            ),
        ]

    def __str__(self):
        return f"{self.recipient}: {self.subject}"


class ContentVersion(models.Model):
    """One row: the public content version when the cache is per process.

    Every process and management command reads and bumps the same row, so a
    change made through one worker (or `manage.py import_edition`) invalidates
    the cached pages and fragments of all of them (otwarte/cache/version.py).
    """

    value = models.CharField(max_length=32)

    class Meta:
        verbose_name = "public content version"

    def __str__(self):
        return self.value
