"""An awarded city's check of the draft texts of its awards, and its answers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit

from ..enums import CheckAnswer, CorrectionDecision


class CityCheckQuerySet(models.QuerySet):
    def open(self):
        """Checks not revoked (a city has at most one, constraint below)."""
        return self.filter(revoked_at__isnull=True)


class CityCheck(models.Model):
    """An awarded city's check of the draft text of its awards, before publication.

    The organisers send the city's contact a personal link (`jury.services.city_checks`);
    only the SHA-256 of its token is stored. The link shows that city's drafts of
    that edition and nothing else, until the deadline, unless revoked."""

    edition = models.ForeignKey(
        "practices.Edition", on_delete=models.CASCADE, related_name="city_checks",
        verbose_name=_("edition"),
    )
    city = models.ForeignKey(
        "practices.City", on_delete=models.PROTECT, related_name="+", verbose_name=_("city")
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    deadline = models.DateTimeField(_("answer by"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("sent by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = CityCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("city check of award texts")
        verbose_name_plural = _("city checks of award texts")
        ordering = ["edition", "city__name", "-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "city"],
                condition=Q(revoked_at__isnull=True),
                name="jury_citycheck_one_open_per_city",
                violation_error_message=_(
                    "This city already has an open check link; revoke it before sending another."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.edition.year}: {self.city}"

    def expired(self, now):
        return now >= self.deadline


class CheckAnswerQuerySet(models.QuerySet):
    def corrections(self):
        return self.filter(answer=CheckAnswer.CORRECTION)


class CityCheckAnswer(models.Model):
    """The city's answer about one award: confirmed, or a correction with a comment,
    which the organisers accept (the draft changes) or reject."""

    city_check = models.ForeignKey(
        CityCheck, on_delete=models.CASCADE, related_name="answers", verbose_name=_("check")
    )
    award = models.ForeignKey(
        "practices.Award", on_delete=models.CASCADE, related_name="city_answers",
        verbose_name=_("award"),
    )
    answer = models.CharField(_("answer"), max_length=20, choices=CheckAnswer.choices)
    proposed_title = models.CharField(_("proposed title"), max_length=500, blank=True)
    proposed_description = models.TextField(
        _("proposed description"), blank=True, **text_limit(10000)
    )
    proposed_recommendation = models.TextField(
        _("proposed recommendation"), blank=True, **text_limit(5000)
    )
    comment = models.TextField(_("comment"), blank=True, **text_limit(5000))
    answered_at = models.DateTimeField(_("answered at"), auto_now=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=CorrectionDecision.choices,
        default=CorrectionDecision.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = CheckAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("city's answer about an award")
        verbose_name_plural = _("cities' answers about awards")
        ordering = ["city_check", "award__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["city_check", "award"],
                name="jury_citycheckanswer_unique_award",
                violation_error_message=_("This award already has an answer in this check."),
            ),
            models.CheckConstraint(
                condition=Q(answer__in=CheckAnswer.values),
                name="jury_citycheckanswer_answer_valid",
                violation_error_message=_("Unknown answer."),
            ),
            models.CheckConstraint(
                condition=Q(decision__in=CorrectionDecision.values),
                name="jury_citycheckanswer_decision_valid",
                violation_error_message=_("Unknown decision."),
            ),
            models.CheckConstraint(
                condition=Q(answer=CheckAnswer.CORRECTION)
                | Q(decision=CorrectionDecision.PENDING),
                name="jury_citycheckanswer_decision_needs_correction",
                violation_error_message=_("Only a proposed correction is accepted or rejected."),
            ),
        ]

    def __str__(self):
        return f"{self.city_check} · {self.award}"

    @property
    def proposals(self):
        """[(field label, draft text, proposed text)] of the fields the city changed."""
        award, practice = self.award, self.award.practice
        rows = [
            (_("title"), practice.title_pl or "", self.proposed_title),
            (_("description"), practice.description_pl or "", self.proposed_description),
            (_("recommendation"), award.recommendation_pl or "", self.proposed_recommendation),
        ]
        return [(label, draft, new) for label, draft, new in rows if new.strip()]
