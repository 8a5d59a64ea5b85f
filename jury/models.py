"""Jurors, criteria, nominations, scores (with their history) and conflicts of interest.

The rules (who may score what, when; the tally) live in `jury/services.py` and
`jury/permissions.py`; the models hold fields, constraints and querysets.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit
from practices.phases import Action, phases_allowing

from .enums import CheckAnswer, ConflictReason, CorrectionDecision

# Labels of the default 1–5 scale, used when an edition's criterion gives none.
DEFAULT_SCALE_LABELS = {
    1: _("very weak"),
    2: _("weak"),
    3: _("average"),
    4: _("good"),
    5: _("very good"),
}


class JurorQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Juror(models.Model):
    """A migrant activist on the jury. A login account is optional: the 2015
    jurors are records only; accounts come with invitations."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    country_of_origin = models.CharField(_("country of origin"), max_length=100, blank=True)
    city = models.ForeignKey(
        "practices.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jurors",
        verbose_name=_("city of residence"),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="juror",
        verbose_name=_("login account"),
    )
    editions = models.ManyToManyField(
        "practices.Edition", related_name="jurors", blank=True, verbose_name=_("jury of editions")
    )

    objects = JurorQuerySet.as_manager()

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class CriterionQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, code):
        return self.get(edition__year=year, code=code)


class Criterion(models.Model):
    """What the jury scores a nomination on, per edition, on a labelled scale."""

    edition = models.ForeignKey(
        "practices.Edition",
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("edition"),
    )
    code = models.SlugField(_("code"), max_length=50)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, **text_limit(2000))
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    weight = models.DecimalField(
        _("weight"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    required = models.BooleanField(_("required"), default=True)
    scale_labels = models.TextField(
        _("scale labels"),
        blank=True,
        help_text=_(
            "One label per line, from the lowest score up (e.g. “weak” … “very good”). "
            "Empty: the default labels of a 1–5 scale, or the numbers alone."
        ),
        **text_limit(2000),
    )

    objects = CriterionQuerySet.as_manager()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["edition", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "code"],
                name="jury_criterion_unique_code_per_edition",
                violation_error_message=_("This edition already has a criterion with this code."),
            ),
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")),
                name="jury_criterion_scale_valid",
                violation_error_message=_("The highest score must be above the lowest score."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="jury_criterion_weight_positive",
                violation_error_message=_("The weight must be greater than zero."),
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.edition.year, self.code)

    natural_key.dependencies = ["practices.edition"]

    def clean(self):
        if (
            self.scale_min is not None
            and self.scale_max is not None
            and self.scale_max <= self.scale_min
        ):
            raise ValidationError(_("The highest score must be above the lowest score."))
        labels = self.label_lines()
        if labels and self.scale_min is not None and self.scale_max is not None:
            points = self.scale_max - self.scale_min + 1
            if len(labels) != points:
                raise ValidationError(
                    {
                        "scale_labels": _(
                            "Give one label per point of the scale: %(points)d lines."
                        )
                        % {"points": points}
                    }
                )

    def label_lines(self):
        return [line.strip() for line in (self.scale_labels or "").splitlines() if line.strip()]

    def points(self):
        """[(value, label), ...] from the lowest score up."""
        values = range(self.scale_min, self.scale_max + 1)
        labels = self.label_lines()
        if len(labels) == len(values):
            return [(v, f"{v} – {label}") for v, label in zip(values, labels)]
        if (self.scale_min, self.scale_max) == (1, 5):
            return [(v, f"{v} – {DEFAULT_SCALE_LABELS[v]}") for v in values]
        return [(v, str(v)) for v in values]

    def polish_points(self):
        """points() in Polish: the original shown beside a juror's translation."""
        with translation.override("pl"):
            return self.points()

    def accepts(self, value):
        return isinstance(value, int) and self.scale_min <= value <= self.scale_max


class JurorQuoteQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, category_code, city_slug, practice_slug, order):
        return self.get(
            award__edition__year=year,
            award__category__code=category_code,
            award__practice__city__slug=city_slug,
            award__practice__slug=practice_slug,
            order=order,
        )


class JurorQuote(models.Model):
    """A juror's words about an award, set apart in the booklet."""

    award = models.ForeignKey(
        "practices.Award",
        on_delete=models.CASCADE,
        related_name="quotes",
        verbose_name=_("award"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    juror = models.ForeignKey(
        Juror, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("juror")
    )
    text = models.TextField(_("quote"), **text_limit(2000))

    objects = JurorQuoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("juror quote")
        verbose_name_plural = _("juror quotes")
        ordering = ["award", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["award", "order"],
                name="jury_jurorquote_unique_order",
                violation_error_message=_("Two quotes of one award share a position."),
            ),
        ]

    def __str__(self):
        return self.text[:60]

    def natural_key(self):
        return self.award.natural_key() + (self.order,)

    natural_key.dependencies = ["practices.award"]


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
