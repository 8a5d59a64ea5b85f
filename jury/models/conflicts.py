"""Conflicts of interest and the kinds of reason an edition's public register names."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit

from ..enums import ConflictReason
from .jurors import Juror
from .nominations import Nomination


class Conflict(models.Model):
    """A declared conflict of interest: the juror cannot score the nomination,
    and any scores they gave it never count."""

    juror = models.ForeignKey(
        Juror, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("juror")
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="conflicts",
        verbose_name=_("nomination"),
    )
    reason_category = models.CharField(
        _("kind of reason"),
        max_length=20,
        choices=ConflictReason.choices,
        default=ConflictReason.OTHER,
        blank=True,  # a form without it records "other"
        help_text=_("Named in the public conflicts register when the edition discloses it."),
    )
    reason = models.TextField(_("reason"), **text_limit(2000))
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    declared_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["nomination", "juror"]
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "nomination"],
                name="jury_conflict_unique_per_nomination",
                violation_error_message=_(
                    "A conflict of interest is already recorded for this juror and nomination."
                ),
            ),
            models.CheckConstraint(
                condition=Q(reason_category__in=ConflictReason.values),
                name="jury_conflict_reason_category_valid",
                violation_error_message=_("Unknown kind of reason."),
            ),
        ]

    def __str__(self):
        return f"{self.juror} · {self.nomination}"


class ConflictDisclosure(models.Model):
    """One kind of conflict reason that an edition's public register names.

    Kinds without a row are listed as “not disclosed”: the juror and the
    nomination are public either way, the free-text reason never is."""

    edition = models.ForeignKey(
        "practices.Edition",
        on_delete=models.CASCADE,
        related_name="conflict_disclosures",
        verbose_name=_("edition"),
    )
    category = models.CharField(
        _("kind of reason"), max_length=20, choices=ConflictReason.choices
    )

    class Meta:
        verbose_name = _("disclosed kind of conflict")
        verbose_name_plural = _("disclosed kinds of conflict")
        ordering = ["edition", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "category"],
                name="jury_conflictdisclosure_unique_per_edition",
                violation_error_message=_("This kind is already disclosed for this edition."),
            ),
            models.CheckConstraint(
                condition=Q(category__in=ConflictReason.values),
                name="jury_conflictdisclosure_category_valid",
                violation_error_message=_("Unknown kind of reason."),
            ),
        ]

    def __str__(self):
        return f"{self.edition.year}: {self.get_category_display()}"
