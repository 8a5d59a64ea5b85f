"""The criteria an edition's jury scores on, each on a labelled scale."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from otwarte.text import text_limit

# Labels of the default 1–5 scale, used when an edition's criterion gives none.
DEFAULT_SCALE_LABELS = {
    1: _("very weak"),
    2: _("weak"),
    3: _("average"),
    4: _("good"),
    5: _("very good"),
}


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
                        "scale_labels": ngettext(
                            "Give one label per point of the scale: %(points)d line.",
                            "Give one label per point of the scale: %(points)d lines.",
                            points,
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
