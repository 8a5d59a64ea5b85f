"""Nominations: a practice put forward for an award in one category of one edition."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit
from practices.phases import Action, phases_allowing

from .jurors import Juror


class NominationQuerySet(models.QuerySet):
    def for_juror(self, user):
        """Nominations a juror may see: their editions, while the jury is scoring."""
        if not user.is_authenticated:
            return self.none()
        # EXISTS, not a join: no DISTINCT over every nomination column.
        on_jury = Juror.editions.through.objects.filter(
            edition_id=OuterRef("edition_id"), juror__user=user
        )
        return self.filter(Exists(on_jury), edition__phase__in=phases_allowing(Action.SCORE))

    def for_deliberation(self, user):
        """Nominations under deliberation a juror takes part in: their editions, in
        deliberation, with a thread, and no conflict of theirs on it."""
        if not user.is_authenticated:
            return self.none()
        on_jury = Juror.editions.through.objects.filter(
            edition_id=OuterRef("edition_id"), juror__user=user
        )
        return self.filter(
            Exists(on_jury), edition__phase__in=phases_allowing(Action.DELIBERATE),
            thread__isnull=False,
        ).exclude(conflicts__juror__user=user)

    def for_listing(self):
        return self.select_related("edition", "category", "practice__city")


class Nomination(models.Model):
    """A practice put forward for an award in one category of one edition."""

    edition = models.ForeignKey(
        "practices.Edition",
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("edition"),
    )
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("practice"),
    )
    category = models.ForeignKey(
        "practices.Category",
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("category"),
    )
    justification = models.TextField(
        _("expert justification"),
        null=True,
        blank=True,
        help_text=_("Why the experts put this practice forward."),
        **text_limit(5000),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["edition", "category__order", "practice__city__name", "practice__title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "practice", "category"],
                name="jury_nomination_unique_per_category",
                violation_error_message=_(
                    "This practice is already nominated in this category of this edition."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.edition.year}: {self.practice} ({self.category})"

    def clean(self):
        if self.edition_id and self.category_id:
            self.edition.require_category(self.category)
