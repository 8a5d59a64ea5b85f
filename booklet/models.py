"""The booklet's cache and progress record ."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import RenderStatus


class BookletRenderQuerySet(models.QuerySet):
    def done(self):
        return self.filter(status=RenderStatus.DONE)


class BookletRender(models.Model):
    """One rendering of an edition's booklet in one language, for one state of its content.

    `content_hash` fingerprints the HTML (and stylesheet) the PDF is made from: a change
    of content makes a new hash, hence a new render; an unchanged edition is served from
    the stored PDF. The PDF is kept in the database, not under MEDIA_ROOT, so an
    unpublished edition's booklet is never reachable by a guessed media URL.
    """

    edition = models.ForeignKey(
        "practices.Edition",
        on_delete=models.CASCADE,
        related_name="booklet_renders",
        verbose_name=_("edition"),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    content_hash = models.CharField(_("content fingerprint"), max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=RenderStatus.choices, default=RenderStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    html = models.TextField(_("HTML to render"), blank=True, editable=False)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = BookletRenderQuerySet.as_manager()

    class Meta:
        verbose_name = _("booklet rendering")
        verbose_name_plural = _("booklet renderings")
        ordering = ["edition", "language", "-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "language", "content_hash"],
                name="booklet_bookletrender_unique_content",
                violation_error_message=_(
                    "This edition's booklet is already rendered for this language and content."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.edition} [{self.language}] {self.get_status_display()}"

    @property
    def size(self):
        return len(self.pdf) if self.pdf else 0
