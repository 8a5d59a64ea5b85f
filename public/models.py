"""The public app's one model: a frozen, citable release of the open data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    """A zip of the open-data package as it stood when an edition was published
    (or corrected). Never rewritten: a correction is a new release with the next
    number (`public.opendata.releases.freeze_release`)."""

    edition = models.ForeignKey(
        "practices.Edition", on_delete=models.PROTECT, related_name="data_releases",
        verbose_name=_("edition"),
    )
    number = models.PositiveSmallIntegerField(_("number within the edition"))
    version = models.CharField(_("version"), max_length=20, unique=True)
    created_at = models.DateTimeField(_("created at"))
    reason = models.TextField(_("reason for the release"), blank=True)
    archive = models.BinaryField(_("zip archive"), editable=False)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 of the zip"), max_length=64)
    # {table: {primary key as text: SHA-256 of the row in every language}}: what the
    # next release's changelog compares against.
    row_digests = models.JSONField(_("row fingerprints"), default=dict, editable=False)
    changelog = models.TextField(_("changes since the previous release"), blank=True)

    class Meta:
        verbose_name = _("open-data release")
        verbose_name_plural = _("open-data releases")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "number"], name="public_release_unique_number",
                violation_error_message=_("This edition already has a release with this number."),
            ),
        ]  # fmt: skip

    def __str__(self):
        return self.version

    def save(self, *args, **kwargs):
        # What was cited must stay what it was: corrections are new releases.
        if not self._state.adding:
            raise ValueError("A release is never rewritten; freeze a new one instead.")
        super().save(*args, **kwargs)

    @property
    def filename(self):
        return f"miasta-otwarte-{self.version}.zip"
