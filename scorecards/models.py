"""City policy scorecards: the audit of cities' migration policies (issue 27).

Per edition, a `Round` holds the questionnaire: policy `Area`s, each with
`Indicator`s (a question, graded answers worth 0–100 points, a weight, the evidence
expected, an optional ICC/MIPEX/OECD item). An indicator's `code` and `revision` are
its identity across editions: the same code and revision in two years is the same
question, so the change since last year is comparable. A `CityScorecard` is one
city's questionnaire, answered through a personal link (the token mechanism of the
city check, `jury.services.city_checks`); each `Answer` holds the city's declared
grade with its evidence and the expert's verification. Rules: `scorecards/services.py`;
the three views and the gaps: `scorecards/results.py`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit

from .enums import Reference, Verdict

POINTS_MAX = 100


class RoundQuerySet(models.QuerySet):
    def published(self):
        """Rounds whose scorecards are public: the only door to public scorecard data."""
        return self.filter(published_at__isnull=False)


class Round(models.Model):
    """An edition's scorecards: the questionnaire and, once published, the results."""

    edition = models.OneToOneField(
        "practices.Edition", on_delete=models.CASCADE, related_name="scorecard_round",
        verbose_name=_("edition"),
    )
    methodology = models.TextField(
        _("methodology"), blank=True, **text_limit(10000),
        help_text=_("Shown on the public methodology page, above the weights."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("scorecard round")
        verbose_name_plural = _("scorecard rounds")
        ordering = ["-edition__year"]

    def __str__(self):
        return str(self.edition.year)

    @property
    def year(self):
        return self.edition.year

    @property
    def is_published(self):
        return self.published_at is not None


class Area(models.Model):
    """A policy area (information, housing, labour...) of one round."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="areas", verbose_name=_("round")
    )
    code = models.SlugField(
        _("code"), max_length=50,
        help_text=_("Stable across editions: the same code is the same area every year."),
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, **text_limit(3000))
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The area's share of the city's total score."),
    )
    survey_criterion = models.SlugField(
        _("survey question"), max_length=50, blank=True,
        help_text=_(
            "The code of the city survey's question about the matching city services: "
            "migrants' answers about the city are shown beside this area."
        ),
    )

    class Meta:
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")
        ordering = ["round", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "code"], name="scorecards_area_unique_code",
                violation_error_message=_("This round already has an area with this code."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100), name="scorecards_area_weight_range",
                violation_error_message=_("A weight is between 1 and 100."),
            ),
        ]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    """One question of the questionnaire, answered by choosing one of its grades."""

    area = models.ForeignKey(
        Area, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("area")
    )
    # The area's round, kept so that a code is unique in the whole round.
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+", editable=False)
    code = models.SlugField(
        _("code"), max_length=50,
        help_text=_("Stable across editions: the same code and revision is the same question."),
    )
    revision = models.PositiveSmallIntegerField(
        _("revision"), default=1, validators=[MinValueValidator(1)],
        help_text=_(
            "Raise it when the question or its grades change so much that last year's "
            "answers are no longer comparable (the change since last year is then not shown)."
        ),
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    question = models.CharField(_("question"), max_length=500)
    evidence_expected = models.TextField(
        _("evidence expected"), blank=True, **text_limit(2000),
        help_text=_("What the city should show: a resolution, a web page, a report..."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    reference = models.CharField(
        _("corresponds to"), max_length=10, choices=Reference.choices, blank=True
    )
    reference_item = models.CharField(
        _("item"), max_length=100, blank=True, help_text=_("E.g. “ICC 7.2” or “MIPEX LMM 12”.")
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["round", "area__order", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "code"], name="scorecards_indicator_unique_code",
                violation_error_message=_("This round already has an indicator with this code."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=100),
                name="scorecards_indicator_weight_range",
                violation_error_message=_("A weight is between 1 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(reference__in=Reference.values), name="scorecards_indicator_reference",
                violation_error_message=_("Unknown reference."),
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.question}"

    def save(self, *args, **kwargs):
        self.round_id = self.area.round_id
        super().save(*args, **kwargs)

    def validate_constraints(self, exclude=None):
        if self.area_id:
            self.round_id = self.area.round_id
        super().validate_constraints(exclude=exclude)


class Grade(models.Model):
    """One possible answer to an indicator and the points it is worth (0–100)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="grades", verbose_name=_("indicator")
    )
    points = models.PositiveSmallIntegerField(
        _("points"), validators=[MaxValueValidator(POINTS_MAX)],
        help_text=_("0 (nothing) to 100 (the full policy)."),
    )
    label = models.CharField(_("answer"), max_length=300)

    class Meta:
        verbose_name = _("graded answer")
        verbose_name_plural = _("graded answers")
        ordering = ["indicator", "points"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "points"], name="scorecards_grade_unique_points",
                violation_error_message=_("Two answers of one indicator cannot have the same points."),
            ),
            models.CheckConstraint(
                condition=Q(points__lte=POINTS_MAX), name="scorecards_grade_points_range",
                violation_error_message=_("Points are between 0 and 100."),
            ),
        ]

    def __str__(self):
        return f"{self.label} ({self.points})"


class CityScorecard(models.Model):
    """One city's questionnaire in a round, answered through a personal link.

    Only the SHA-256 of the link's token is stored (as for the city check); a new
    link replaces the old one."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="scorecards", verbose_name=_("round")
    )
    city = models.ForeignKey(
        "practices.City", on_delete=models.PROTECT, related_name="scorecards",
        verbose_name=_("city"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    deadline = models.DateTimeField(_("answer by"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("city scorecard")
        verbose_name_plural = _("city scorecards")
        ordering = ["round", "city__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "city"], name="scorecards_cityscorecard_unique_city",
                violation_error_message=_("This city already has a scorecard in this round."),
            ),
        ]

    def __str__(self):
        return f"{self.round}: {self.city}"


class Answer(models.Model):
    """The city's declared grade of one indicator, its evidence, and the expert's check."""

    scorecard = models.ForeignKey(
        CityScorecard, on_delete=models.CASCADE, related_name="answers",
        verbose_name=_("city scorecard"),
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="answers", verbose_name=_("indicator")
    )
    grade = models.ForeignKey(
        Grade, on_delete=models.PROTECT, related_name="+", verbose_name=_("declared answer")
    )
    evidence_url = models.URLField(_("evidence (link)"), max_length=500, blank=True)
    evidence_reference = models.CharField(
        _("evidence (document reference)"), max_length=300, blank=True,
        help_text=_("E.g. the number and date of a resolution."),
    )
    answered_at = models.DateTimeField(_("answered at"), auto_now=True)
    verdict = models.CharField(
        _("expert's verdict"), max_length=10, choices=Verdict.choices, default=Verdict.PENDING
    )
    verified_grade = models.ForeignKey(
        Grade, on_delete=models.PROTECT, related_name="+", null=True, blank=True,
        verbose_name=_("expert's grade"),
    )
    verification_note = models.TextField(_("expert's note"), blank=True, **text_limit(2000))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scorecard answer")
        verbose_name_plural = _("scorecard answers")
        ordering = ["scorecard", "indicator__area__order", "indicator__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["scorecard", "indicator"], name="scorecards_answer_unique_indicator",
                violation_error_message=_("This indicator is already answered in this scorecard."),
            ),
            models.CheckConstraint(
                condition=~Q(evidence_url="") | ~Q(evidence_reference=""),
                name="scorecards_answer_has_evidence",
                violation_error_message=_("Give a link or a document reference as evidence."),
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=Verdict.values), name="scorecards_answer_verdict_valid",
                violation_error_message=_("Unknown verdict."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(verdict=Verdict.DIFFERENT, verified_grade__isnull=False)
                    & ~Q(verification_note="")
                )
                | (~Q(verdict=Verdict.DIFFERENT) & Q(verified_grade__isnull=True)),
                name="scorecards_answer_different_needs_grade_and_note",
                violation_error_message=_(
                    "A different grade needs the grade and a note; agreeing needs neither."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.scorecard}: {self.indicator.code}"

    def clean(self):
        super().clean()
        for field in ("grade", "verified_grade"):
            grade = getattr(self, field)
            if grade is not None and self.indicator_id and grade.indicator_id != self.indicator_id:
                raise ValidationError({field: _("Choose one of this indicator's answers.")})
        if (
            self.verdict == Verdict.DIFFERENT
            and self.verified_grade_id is not None
            and self.verified_grade_id == self.grade_id
        ):
            raise ValidationError(
                {"verified_grade": _("The same grade as the city's: choose “agrees”.")}
            )
