"""Practices proposed by cities and NGOs through the open call."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit

from ..enums import ProposalStatus
from .editions import Edition
from .practices import Practice
from .reference import Category, City


class PracticeProposal(models.Model):
    """A practice proposed through the public open call, waiting for moderation.

    Nothing of a proposal is public: accepting it creates a `Practice`, which
    itself appears only once it has an award in a published edition.
    """

    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    city_name = models.CharField(
        _("other city"),
        max_length=100,
        blank=True,
        help_text=_("Filled in when the city is not on the list."),
    )
    # The edition whose open call received it (null only for proposals older than
    # per-edition categories, or sent while no edition existed).
    edition = models.ForeignKey(
        Edition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("edition"),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), **text_limit(5000))
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    proposer = models.CharField(
        _("proposed by (city office or organisation)"), max_length=200, blank=True
    )
    contact_email = models.EmailField(_("contact e-mail"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("decided by"),
    )
    practice = models.ForeignKey(
        Practice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("practice created"),
    )
    moderator_note = models.TextField(_("moderator's note"), blank=True, **text_limit(2000))

    class Meta:
        verbose_name = _("practice proposal")
        verbose_name_plural = _("practice proposals")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(city__isnull=False) | ~Q(city_name=""),
                name="practices_practiceproposal_city_given",
                violation_error_message=_("Choose a city from the list or name another city."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def city_label(self):
        return self.city.name if self.city_id else self.city_name

    def clean(self):
        if self.city_id is None and not self.city_name.strip():
            raise ValidationError(_("Choose a city from the list or name another city."))
        if self.edition_id and self.category_id:
            self.edition.require_category(self.category)
