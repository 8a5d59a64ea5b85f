"""Editions (one per year, moving through the phases of `practices/phases.py`) and
the experts assigned to cover cities in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit

from ..enums import Phase
from ..phases import Action, phases_allowing
from .reference import FIRST_YEAR, LAST_YEAR, Category, City


class EditionQuerySet(models.QuerySet):
    def get_by_natural_key(self, year):
        return self.get(year=year)

    def published(self):
        return self.filter(phase__in=phases_allowing(Action.VIEW_PUBLIC))


class Edition(models.Model):
    """One yearly cycle of the action, from preparation to published awards."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)],
    )
    phase = models.CharField(
        _("phase"), max_length=20, choices=Phase.choices, default=Phase.PREPARATION
    )
    title = models.CharField(_("title"), max_length=200, default="Miasta Otwarte")
    introduction = models.TextField(_("introduction"), blank=True, **text_limit(20000))
    selection = models.TextField(
        _("how the selection worked"),
        blank=True,
        help_text=_("The two-stage selection: expert reports, then the migrant jury."),
        **text_limit(10000),
    )
    reports_deadline = models.DateTimeField(_("expert reports deadline"), null=True, blank=True)
    scoring_deadline = models.DateTimeField(_("jury scoring deadline"), null=True, blank=True)
    ceremony_at = models.DateTimeField(_("award ceremony"), null=True, blank=True)
    ceremony_place = models.CharField(_("ceremony place"), max_length=200, blank=True)
    ceremony_city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ceremony city"),
    )
    ceremony_occasion = models.CharField(_("ceremony occasion"), max_length=300, blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    partners = models.TextField(_("partners"), blank=True, **text_limit(5000))
    funders = models.TextField(_("funders"), blank=True, **text_limit(5000))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    # The edition's own set, drawn from the shared Category rows (their order
    # and translations stay global); a new edition starts with the previous
    # edition's set (`services.default_categories`, applied by a signal).
    categories = models.ManyToManyField(
        Category,
        related_name="editions",
        blank=True,
        verbose_name=_("categories"),
        help_text=_(
            "The categories of this edition: the nomination forms, the expert reports, "
            "the awards, the booklet and the open call offer only these."
        ),
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["year"],
                name="practices_edition_unique_year",
                violation_error_message=_("An edition for this year already exists."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="practices_edition_year_in_range",
                violation_error_message=_("The year must be between 2014 and 2100."),
            ),
        ]

    def __str__(self):
        # Title and year are separate fields; a title typed with its year
        # ("Miasta Otwarte 2016") must not read "Miasta Otwarte 2016 2016".
        title = (self.title or "").strip()
        if self.year and title.endswith(str(self.year)):
            return title
        return f"{title} {self.year}".strip()

    def natural_key(self):
        return (self.year,)

    def get_absolute_url(self):
        return reverse("public:home")

    def require_category(self, category, *, field="category"):
        """Refuse a category that is not one of this edition's (ValidationError on `field`)."""
        if category is None or self.pk is None:
            return
        if not self.categories.filter(pk=category.pk).exists():
            raise ValidationError({field: category_refusal(self, category)})


def category_refusal(edition, category):
    return _(
        "“%(category)s” is not a category of the %(year)s edition: choose one of its "
        "categories, or add this one to the edition first."
    ) % {"category": category, "year": edition.year}


class AssignmentQuerySet(models.QuerySet):
    def for_expert(self, user):
        return self.filter(expert=user)


class Assignment(models.Model):
    """An expert covers a city in an edition (one row per city)."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("edition"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assignments",
        verbose_name=_("expert"),
    )
    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("city"),
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Position of the city among the expert's cities where they are credited."),
    )

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["-edition__year", "expert__username", "city__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "expert", "city"],
                name="practices_assignment_unique_city_per_expert",
                violation_error_message=_(
                    "This expert is already assigned to this city in this edition."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.edition.year}: {self.expert} – {self.city}"


class Panelist(models.Model):
    """An expert on an edition's panel, as credited: a position, and an optional group
    label for an expert who covered a group of cities ("Trójmiasto") or none in
    particular ("other Polish cities"). The cities themselves are `Assignment` rows;
    an expert may have none."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="panelists",
        verbose_name=_("edition"),
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="panel_seats",
        verbose_name=_("expert"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    group = models.CharField(
        _("group label"),
        max_length=200,
        blank=True,
        help_text=_("Credited instead of a city, or before the cities: e.g. “Trójmiasto”."),
    )

    class Meta:
        verbose_name = _("expert on the panel")
        verbose_name_plural = _("experts on the panel")
        ordering = ["edition", "order", "expert__last_name", "expert__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "expert"],
                name="practices_panelist_unique_expert",
                violation_error_message=_("This expert is already on this edition's panel."),
            ),
        ]

    def __str__(self):
        return f"{self.edition.year}: {self.expert}"
