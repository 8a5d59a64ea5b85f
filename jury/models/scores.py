"""Scores, their history (who changed which score when) and jurors' comments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit

from .criteria import Criterion
from .jurors import Juror
from .nominations import Nomination


class Score(models.Model):
    """One juror's score of one nomination on one criterion."""

    juror = models.ForeignKey(
        Juror, on_delete=models.CASCADE, related_name="scores", verbose_name=_("juror")
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="scores", verbose_name=_("nomination")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("score"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["nomination", "juror", "criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "nomination", "criterion"],
                name="jury_score_unique_per_criterion",
                violation_error_message=_(
                    "This juror has already scored this nomination on this criterion."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.juror} · {self.criterion}: {self.value}"

    def clean(self):
        if self.criterion_id and self.value is not None and not self.criterion.accepts(self.value):
            raise ValidationError(
                {
                    "value": _("A score for “%(criterion)s” must be from %(min)d to %(max)d.")
                    % {
                        "criterion": self.criterion.name,
                        "min": self.criterion.scale_min,
                        "max": self.criterion.scale_max,
                    }
                }
            )


class ScoreChange(models.Model):
    """The history of scores: who changed which score when, from what to what."""

    juror = models.ForeignKey(
        Juror, on_delete=models.CASCADE, related_name="+", verbose_name=_("juror")
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="score_changes",
        verbose_name=_("nomination"),
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="+", verbose_name=_("criterion")
    )
    old_value = models.PositiveSmallIntegerField(_("old score"), null=True, blank=True)
    new_value = models.PositiveSmallIntegerField(_("new score"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    # A revision during deliberation carries the juror's reason (docs/tally.md).
    reason = models.TextField(_("reason"), blank=True, **text_limit(1000))
    after_deliberation = models.BooleanField(_("revised after deliberation"), default=False)

    class Meta:
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.juror} · {self.criterion}: {self.old_value} → {self.new_value}"


class ScoreComment(models.Model):
    """A juror's free-text comment on a nomination (one per juror and nomination)."""

    juror = models.ForeignKey(
        Juror, on_delete=models.CASCADE, related_name="comments", verbose_name=_("juror")
    )
    nomination = models.ForeignKey(
        Nomination, on_delete=models.CASCADE, related_name="comments",
        verbose_name=_("nomination"),
    )
    text = models.TextField(_("comment"), blank=True, **text_limit(5000))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("juror comment")
        verbose_name_plural = _("juror comments")
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "nomination"],
                name="jury_scorecomment_unique_per_nomination",
                violation_error_message=_("This juror already has a comment on this nomination."),
            ),
        ]

    def __str__(self):
        return self.text[:60]
