"""Reference data: cities and categories (natural keys, so fixtures load stably)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit

from ..enums import Voivodeship
from ..phases import Action, phases_allowing

FIRST_YEAR = 2014  # the action started in 2014
LAST_YEAR = 2100


class CityQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def public(self):
        """Cities named by a published edition: awarded, or listed as a similar action."""
        from .practices import Award, SimilarAction  # they point at City: import when asked

        return self.filter(
            models.Exists(Award.objects.published().filter(practice__city=models.OuterRef("pk")))
            | models.Exists(
                SimilarAction.objects.filter(
                    award__edition__phase__in=phases_allowing(Action.VIEW_PUBLIC),
                    city=models.OuterRef("pk"),
                )
            )
        )


class City(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    voivodeship = models.CharField(_("voivodeship"), max_length=20, choices=Voivodeship.choices)
    teryt = models.CharField(
        _("TERYT code"),
        max_length=7,
        blank=True,
        help_text=_("Optional 7-digit TERYT code of the municipality (gmina)."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    objects = CityQuerySet.as_manager()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["teryt"],
                condition=~Q(teryt=""),
                name="practices_city_unique_teryt",
                violation_error_message=_("Another city already has this TERYT code."),
            ),
            models.CheckConstraint(
                # Spelled out: a CHECK passes when it evaluates to NULL.
                condition=Q(latitude__isnull=True, longitude__isnull=True)
                | Q(
                    latitude__isnull=False,
                    longitude__isnull=False,
                    latitude__gte=-90,
                    latitude__lte=90,
                    longitude__gte=-180,
                    longitude__lte=180,
                ),
                name="practices_city_coordinates_valid",
                violation_error_message=_(
                    "Give both latitude and longitude (within ±90° and ±180°), or neither."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError(_("Give both latitude and longitude, or neither."))
        if self.teryt and not (self.teryt.isdigit() and len(self.teryt) == 7):
            raise ValidationError({"teryt": _("A TERYT code has exactly 7 digits.")})


class CategoryQuerySet(models.QuerySet):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Category(models.Model):
    """A kind of awarded action (seeds 000/002 list eleven)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    order = models.PositiveSmallIntegerField(_("display order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True, **text_limit(5000))

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)
