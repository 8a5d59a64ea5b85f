"""The migrants' civic audit: surveys, their targets and criteria, responses.

A survey (one per kind and year) rates a list of targets — the Polish consular
posts of the pilot, or cities — on labelled 1–5 criteria. A response counts
only once verified, by an e-mail link or a one-time code; it keeps a keyed hash
of the proof (never the address) so that one person has one response per
survey. Rules live in `surveys/services.py`, the ranking in `surveys/ranking.py`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import CommentStatus, Country, Proof, ResponseState, SurveyKind

SCALE = range(1, 6)

# Labels of the 1–5 scale when a criterion gives none.
DEFAULT_SCALE_LABELS = [
    _("very bad"),
    _("bad"),
    _("neither good nor bad"),
    _("good"),
    _("very good"),
]


def default_min_responses():
    return getattr(settings, "SURVEYS_MIN_RESPONSES", 10)


def lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class TargetQuerySet(models.QuerySet):
    def get_by_natural_key(self, kind, slug):
        return self.get(kind=kind, slug=slug)


class Target(models.Model):
    """What is rated: a consular post (reference data) or a city (practices.City)."""

    kind = models.CharField(_("kind"), max_length=20, choices=SurveyKind.choices)
    slug = models.SlugField(_("slug"), max_length=100)
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("Empty for a city: its own name.")
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, blank=True)
    city = models.ForeignKey(
        "practices.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_targets",
        verbose_name=_("city"),
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Offered to new surveys of its kind.")
    )

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("rated target")
        verbose_name_plural = _("rated targets")
        ordering = ["kind", "order", "slug"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "slug"],
                name="surveys_target_unique_slug_per_kind",
                violation_error_message=_("A target of this kind already has this slug."),
            ),
            models.UniqueConstraint(
                fields=["city"],
                condition=Q(city__isnull=False),
                name="surveys_target_unique_city",
                violation_error_message=_("This city is already a target."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind=SurveyKind.CITY, city__isnull=False, country="")
                    | (Q(kind=SurveyKind.CONSULAR, city__isnull=True) & ~Q(country=""))
                ),
                name="surveys_target_matches_kind",
                violation_error_message=_(
                    "A city target names a city and no country; a consular post names a "
                    "country and no city."
                ),
            ),
        ]

    def __str__(self):
        if self.city_id and not self.name:
            return str(self.city)
        return self.name

    def natural_key(self):
        return (self.kind, self.slug)


class SurveyQuerySet(models.QuerySet):
    def get_by_natural_key(self, kind, year):
        return self.get(kind=kind, year=year)

    def published(self):
        """Surveys whose ranking is public."""
        return self.filter(results_published=True)


class Survey(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=SurveyKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day of answering."))
    min_responses = models.PositiveSmallIntegerField(
        _("minimum answers to rank"),
        default=default_min_responses,
        help_text=_("A target with fewer verified answers is listed as “too few answers”."),
    )
    results_published = models.BooleanField(_("ranking published"), default=False)
    targets = models.ManyToManyField(
        Target, related_name="surveys", blank=True, verbose_name=_("rated targets")
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-year", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year"],
                name="surveys_survey_unique_kind_year",
                violation_error_message=_("There is already a survey of this kind this year."),
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=F("opens_on")),
                name="surveys_survey_dates_ordered",
                violation_error_message=_("A survey cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=Q(min_responses__gte=1),
                name="surveys_survey_min_responses_positive",
                violation_error_message=_("The minimum number of answers is at least 1."),
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def natural_key(self):
        return (self.kind, self.year)

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on

    def has_closed(self, day=None):
        return (day or timezone.localdate()) > self.closes_on


class Criterion(models.Model):
    """One question of a survey, answered on a labelled 1–5 scale."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("survey")
    )
    code = models.SlugField(_("code"), max_length=50)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    name = models.CharField(_("question"), max_length=300)
    description = models.TextField(_("explanation"), blank=True)
    scale_labels = models.TextField(
        _("scale labels"),
        blank=True,
        help_text=_("Five lines, from 1 (worst) to 5 (best). Empty: the default labels."),
    )
    required = models.BooleanField(
        _("required"), default=False, help_text=_("Otherwise “I don't know” may be answered.")
    )

    class Meta:
        verbose_name = _("survey criterion")
        verbose_name_plural = _("survey criteria")
        ordering = ["survey", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"],
                name="surveys_criterion_unique_code_per_survey",
                violation_error_message=_("This survey already has a criterion with this code."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        for code, _name in settings.LANGUAGES:
            text = getattr(self, f"scale_labels_{code}", None)
            if text and len(lines(text)) != len(SCALE):
                raise ValidationError(
                    {f"scale_labels_{code}": _("Give five labels, one per line.")}
                )

    def points(self):
        """[(value, label)] from 1 up, in the active language (Polish as fallback)."""
        labels = lines(self.scale_labels)
        if len(labels) != len(SCALE):
            labels = DEFAULT_SCALE_LABELS
        return list(zip(SCALE, labels))


class ContextQuestion(models.Model):
    """An optional multiple-choice question about the visit (month, purpose of stay).

    Answers keep the choice's position, so they read the same in every language.
    """

    survey = models.ForeignKey(
        Survey,
        on_delete=models.CASCADE,
        related_name="context_questions",
        verbose_name=_("survey"),
    )
    code = models.SlugField(_("code"), max_length=50)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    label = models.CharField(_("question"), max_length=300)
    choices = models.TextField(_("choices"), help_text=_("One choice per line."))

    class Meta:
        verbose_name = _("context question")
        verbose_name_plural = _("context questions")
        ordering = ["survey", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "code"],
                name="surveys_contextquestion_unique_code_per_survey",
                violation_error_message=_("This survey already has a question with this code."),
            ),
        ]

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        count = len(lines(getattr(self, "choices_pl", None) or self.choices))
        for code, _name in settings.LANGUAGES:
            text = getattr(self, f"choices_{code}", None)
            if text and len(lines(text)) != count:
                raise ValidationError(
                    {f"choices_{code}": _("Give as many choices as in Polish, in the same order.")}
                )

    def options(self):
        return list(enumerate(lines(self.choices)))


class CodeBatch(models.Model):
    """One-time codes printed for a partner organisation to hand out."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="code_batches", verbose_name=_("survey")
    )
    label = models.CharField(
        _("handed out by"), max_length=200, help_text=_("E.g. the partner organisation.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    language = models.CharField(
        _("language of the cards"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="uk",
        help_text=_("The cards print the survey's address and instructions in this language."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("code batch")
        verbose_name_plural = _("code batches")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.label} ({self.survey})"


class Code(models.Model):
    batch = models.ForeignKey(
        CodeBatch, on_delete=models.CASCADE, related_name="codes", verbose_name=_("batch")
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    used_at = models.DateTimeField(_("first used"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        ordering = ["batch", "pk"]

    def __str__(self):
        return self.code


class ResponseQuerySet(models.QuerySet):
    def counted(self):
        """The responses that count: verified, not voided."""
        return self.filter(state=ResponseState.VERIFIED)


class Response(models.Model):
    """One person's answers to one survey, about one target."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="responses", verbose_name=_("survey")
    )
    target = models.ForeignKey(
        Target, on_delete=models.PROTECT, related_name="responses", verbose_name=_("target")
    )
    # HMAC of the survey and the normalised e-mail or code (identity.identity_hash).
    identity_hash = models.CharField(_("respondent fingerprint"), max_length=64, db_index=True)
    proof = models.CharField(_("proved by"), max_length=10, choices=Proof.choices)
    code_batch = models.ForeignKey(
        CodeBatch,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responses",
        verbose_name=_("code batch"),
    )
    state = models.CharField(
        _("state"), max_length=10, choices=ResponseState.choices, default=ResponseState.PENDING
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    comment_status = models.CharField(
        _("comment"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.NONE
    )
    flagged = models.BooleanField(_("flagged for review"), default=False)
    flag_reason = models.CharField(_("why flagged"), max_length=200, blank=True)
    # HMAC of the survey and the client address (identity.source_hash): one client's
    # responses count as one respondent until reviewed (surveys/independence.py).
    source_hash = models.CharField(_("client fingerprint"), max_length=64, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    void_reason = models.TextField(_("reason for voiding"), blank=True)
    voided_at = models.DateTimeField(_("voided"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voided by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), default=timezone.now)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "identity_hash"],
                condition=~Q(state=ResponseState.PENDING),
                name="surveys_response_one_per_person",
                violation_error_message=_("This person has already answered this survey."),
            ),
            models.CheckConstraint(
                condition=~Q(state=ResponseState.VOIDED) | ~Q(void_reason=""),
                name="surveys_response_void_has_reason",
                violation_error_message=_("Say why the response is voided."),
            ),
            models.CheckConstraint(
                condition=Q(state=ResponseState.PENDING) | Q(verified_at__isnull=False),
                name="surveys_response_verified_has_time",
                violation_error_message=_("A verified response records when it was verified."),
            ),
            models.CheckConstraint(
                condition=Q(proof=Proof.CODE, code_batch__isnull=False)
                | Q(proof=Proof.EMAIL, code_batch__isnull=True),
                name="surveys_response_code_has_batch",
                violation_error_message=_("A response proved by a code names the code's batch."),
            ),
            models.CheckConstraint(
                condition=Q(comment="", comment_status=CommentStatus.NONE)
                | (~Q(comment="") & ~Q(comment_status=CommentStatus.NONE)),
                name="surveys_response_comment_status_matches",
                violation_error_message=_("Only a response with a comment has a comment status."),
            ),
        ]

    def __str__(self):
        return f"#{self.pk} · {self.target}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="answers", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("value"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "criterion"],
                name="surveys_answer_unique_per_criterion",
                violation_error_message=_("This criterion is already answered."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=SCALE.start, value__lt=SCALE.stop),
                name="surveys_answer_value_in_scale",
                violation_error_message=_("An answer is a whole number from 1 to 5."),
            ),
        ]


class ContextAnswer(models.Model):
    response = models.ForeignKey(
        Response,
        on_delete=models.CASCADE,
        related_name="context_answers",
        verbose_name=_("response"),
    )
    question = models.ForeignKey(
        ContextQuestion,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("question"),
    )
    choice = models.PositiveSmallIntegerField(_("choice (position)"))

    class Meta:
        verbose_name = _("context answer")
        verbose_name_plural = _("context answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                name="surveys_contextanswer_unique_per_question",
                violation_error_message=_("This question is already answered."),
            ),
        ]
