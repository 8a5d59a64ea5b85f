"""Jurors and scoring criteria. Nominations and scores build on these."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


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
    description = models.TextField(_("description"), blank=True)
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
    text = models.TextField(_("quote"))

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
