"""Expert assignments and expert city reports (stage one of the cycle).

An organiser assigns an expert to cities of an edition; the expert writes one
report per (edition, city): an overview, the practices found, the follow-up of
practices awarded in earlier editions and the proposed nominations. The
workflow lives in `reports/services.py`; who may see what in
`reports/permissions.py`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit
from practices.enums import FollowUpStatus
from practices.models import Assignment
from practices.phases import Action, phases_allowing

from .enums import EDITABLE_STATUSES, RecommendationStatus, ReportStatus


class ReportQuerySet(models.QuerySet):
    def assigned_to(self, user):
        """Reports whose (edition, city) the user is assigned to as an expert."""
        return self.filter(
            Exists(
                Assignment.objects.filter(
                    expert=user, edition=OuterRef("edition"), city=OuterRef("city")
                )
            )
        )

    def accepted(self):
        return self.filter(status=ReportStatus.ACCEPTED)


class Report(models.Model):
    """One expert report on one city in one edition."""

    edition = models.ForeignKey(
        "practices.Edition",
        on_delete=models.CASCADE,
        related_name="reports",
        verbose_name=_("edition"),
    )
    city = models.ForeignKey(
        "practices.City",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("city"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ReportStatus.choices,
        default=ReportStatus.DRAFT,
        editable=False,
    )
    overview = models.TextField(
        _("integration policy overview"),
        blank=True,
        help_text=_("What the city government does for its immigrant residents, in general."),
        **text_limit(20000),
    )
    review_comment = models.TextField(
        _("organisers' comments"),
        blank=True,
        help_text=_("Shown to the expert when the report is returned."),
        **text_limit(5000),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("expert report")
        verbose_name_plural = _("expert reports")
        ordering = ["-edition__year", "city__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "city"],
                name="reports_report_unique_city_per_edition",
                violation_error_message=_("This city already has a report in this edition."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in ReportStatus]),
                name="reports_report_status_valid",
                violation_error_message=_("Unknown report status."),
            ),
        ]

    def __str__(self):
        return f"{self.city} ({self.edition.year})"

    @property
    def is_editable_by_expert(self):
        return self.status in EDITABLE_STATUSES

    @property
    def deadline(self):
        return self.edition.reports_deadline


class _ReportPart(models.Model):
    """Rows of a report refer to practices of the report's own city."""

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.report_id and self.practice_id and self.practice.city_id != self.report.city_id:
            raise ValidationError(
                {
                    "practice": _("Choose a practice of the report's city (%(city)s).")
                    % {"city": self.report.city}
                }
            )
        if self.report_id and getattr(self, "category_id", None):
            self.report.edition.require_category(self.category)


class ReportPractice(_ReportPart):
    """A practice the expert found, with notes against the four criteria."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="practices", verbose_name=_("report")
    )
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.PROTECT,
        related_name="report_entries",
        verbose_name=_("practice"),
    )
    category = models.ForeignKey(
        "practices.Category",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    engagement = models.TextField(_("local-government engagement"), blank=True, **text_limit(5000))
    durability = models.TextField(_("durability"), blank=True, **text_limit(5000))
    comprehensiveness = models.TextField(_("comprehensiveness"), blank=True, **text_limit(5000))
    effectiveness = models.TextField(_("effectiveness"), blank=True, **text_limit(5000))

    class Meta:
        verbose_name = _("practice found")
        verbose_name_plural = _("practices found")
        ordering = ["report", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "practice"],
                name="reports_reportpractice_unique_practice",
                violation_error_message=_("This practice is already listed in the report."),
            ),
        ]

    def __str__(self):
        return str(self.practice)


class FollowUp(_ReportPart):
    """How a practice awarded in an earlier edition is carried out now."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("report")
    )
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("awarded practice"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.UNKNOWN
    )
    note = models.TextField(_("note"), blank=True, **text_limit(5000))
    evidence_url = models.URLField(_("evidence link"), blank=True)

    class Meta:
        verbose_name = _("follow-up of an earlier award")
        verbose_name_plural = _("follow-up of earlier awards")
        ordering = ["report", "practice__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "practice"],
                name="reports_followup_unique_practice",
                violation_error_message=_("This practice already has a follow-up in the report."),
            ),
        ]

    def __str__(self):
        return str(self.practice)


class RecommendationProgressQuerySet(models.QuerySet):
    def public(self):
        """Rows the public may read: of accepted reports of published editions, about
        awards of published editions."""
        return self.filter(
            report__status=ReportStatus.ACCEPTED,
            report__edition__phase__in=phases_allowing(Action.VIEW_PUBLIC),
            award__edition__phase__in=phases_allowing(Action.VIEW_PUBLIC),
        )

    def for_timeline(self):
        return self.select_related(
            "report__edition", "report__city", "award__edition", "award__category",
            "award__practice__city",
        ).order_by("award__edition__year", "award__order", "report__edition__year",
                   "report__city__name")


class RecommendationProgress(models.Model):
    """Where the report's city stands with the recommendation of an earlier award:
    the awarded city's own (pre-filled with the follow-up rows) or another city's
    that this city took up. Read publicly once the report is accepted and its
    edition published (the city page's timeline, the booklet's “since” section)."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="recommendations",
        verbose_name=_("report"),
    )
    award = models.ForeignKey(
        "practices.Award", on_delete=models.PROTECT, related_name="progress",
        verbose_name=_("recommendation of the award"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RecommendationStatus.choices,
        default=RecommendationStatus.NOT_STARTED,
    )
    evidence_url = models.URLField(_("evidence link"), blank=True)
    note = models.TextField(_("note"), blank=True, **text_limit(5000))

    objects = RecommendationProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress on a recommendation")
        verbose_name_plural = _("progress on recommendations of earlier awards")
        ordering = ["report", "award__edition__year", "award__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "award"],
                name="reports_recommendationprogress_unique_award",
                violation_error_message=_("This recommendation already has a row in the report."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=RecommendationStatus.values),
                name="reports_recommendationprogress_status_valid",
                violation_error_message=_("Unknown status."),
            ),
        ]

    def __str__(self):
        return f"{self.award} · {self.get_status_display()}"

    def clean(self):
        super().clean()
        if self.report_id and self.award_id and (
            self.award.edition.year >= self.report.edition.year
        ):
            raise ValidationError(
                {"award": _("Choose an award of an earlier edition than the report's.")}
            )


class ProposedNominationQuerySet(models.QuerySet):
    def accepted(self):
        return self.filter(report__status=ReportStatus.ACCEPTED)


class ProposedNomination(_ReportPart):
    """The expert proposes a practice for an award in a category.

    Once the report is accepted the proposal is available to organisers for
    the jury stage (`services.accepted_proposals`).
    """

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("report")
    )
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("practice"),
    )
    category = models.ForeignKey(
        "practices.Category",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("category"),
    )
    justification = models.TextField(_("justification"), blank=True, **text_limit(5000))

    objects = ProposedNominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposed nomination")
        verbose_name_plural = _("proposed nominations")
        ordering = ["report", "category__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "practice", "category"],
                name="reports_proposednomination_unique_practice_category",
                violation_error_message=_("This practice is already proposed in this category."),
            ),
        ]

    def __str__(self):
        return f"{self.practice} – {self.category}"


