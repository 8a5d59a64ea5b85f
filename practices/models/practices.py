"""Practices, awards (wyróżnienia) and similar actions."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from otwarte.text import text_limit

from ..enums import FollowUpStatus, Initiator
from ..phases import Action, phases_allowing
from .editions import Edition
from .reference import LAST_YEAR, Category, City


class PracticeQuerySet(models.QuerySet):
    def get_by_natural_key(self, city_slug, slug):
        return self.get(city__slug=city_slug, slug=slug)

    def published(self):
        """Practices with at least one award in a published edition."""
        published = phases_allowing(Action.VIEW_PUBLIC)
        return self.filter(awards__edition__phase__in=published).distinct()


class Practice(models.Model):
    """Something a city does for its immigrant residents.

    The title may be empty: two 2015 awards name only the city and the kind of
    action (the booklet's heading is just "Lublin").
    """

    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="practices", verbose_name=_("city")
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        help_text=_("Part of the practice's address; unique within its city."),
    )
    description = models.TextField(_("description"), blank=True, **text_limit(10000))
    categories = models.ManyToManyField(
        Category, related_name="practices", blank=True, verbose_name=_("categories")
    )
    initiator = models.CharField(
        _("initiated by"),
        max_length=20,
        choices=Initiator.choices,
        default=Initiator.LOCAL_GOVERNMENT,
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1945), MaxValueValidator(LAST_YEAR)],
    )
    website = models.URLField(_("website"), blank=True)
    follow_up_status = models.CharField(
        _("follow-up status"),
        max_length=20,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.UNKNOWN,
        help_text=_("Set from the latest accepted expert follow-up."),
    )
    follow_up_year = models.PositiveSmallIntegerField(
        _("follow-up year"), null=True, blank=True, editable=False
    )
    # Stored rather than aggregated per request: the public list sorts every
    # practice by it, which at the 20-year scale was an aggregate over all
    # published awards on each page view. Kept up to date by
    # `services.refresh_published_years` (see signals.py); None = not public.
    published_year = models.PositiveSmallIntegerField(
        _("latest published award year"), null=True, blank=True, editable=False
    )

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["city__name", "title"]
        indexes = [
            # The public list's default order ("newest first"); an index scan
            # plus an incremental sort of one year's practices under LIMIT.
            models.Index(fields=["-published_year"], name="practices_pract_pubyear_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "slug"],
                name="practices_practice_unique_slug_per_city",
                violation_error_message=_("This city already has a practice with this slug."),
            ),
            models.CheckConstraint(
                condition=Q(start_year__isnull=True) | Q(start_year__gte=1945),
                name="practices_practice_start_year_valid",
                violation_error_message=_("The start year must be 1945 or later."),
            ),
        ]

    def __str__(self):
        if self.title:
            return f"{self.city}, {self.title}"
        return str(self.city)

    def natural_key(self):
        return self.city.natural_key() + (self.slug,)

    natural_key.dependencies = ["practices.city"]

    def get_absolute_url(self):
        return reverse("public:practice", args=[self.city.slug, self.slug])


class AwardQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, category_code, city_slug, practice_slug):
        return self.get(
            edition__year=year,
            category__code=category_code,
            practice__city__slug=city_slug,
            practice__slug=practice_slug,
        )

    def published(self):
        return self.filter(edition__phase__in=phases_allowing(Action.VIEW_PUBLIC))

    def for_listing(self):
        """Everything a public listing shows, in a constant number of queries."""
        return self.select_related("edition", "category", "practice__city").prefetch_related(
            models.Prefetch(
                "similar_actions",
                queryset=SimilarAction.objects.select_related("city", "practice"),
            )
        )


class Award(models.Model):
    """A wyróżnienie: a practice recognised in one category of one edition."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="awards", verbose_name=_("edition")
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="awards", verbose_name=_("category")
    )
    practice = models.ForeignKey(
        Practice, on_delete=models.PROTECT, related_name="awards", verbose_name=_("practice")
    )
    order = models.PositiveSmallIntegerField(
        _("order in the booklet"),
        help_text=_("Awards are listed in this order on the site and in the booklet."),
    )
    recommendation = models.TextField(
        _("recommendation"),
        blank=True,
        help_text=_("The jurors' and experts' recommendation to other cities."),
        **text_limit(5000),
    )
    # Derived: every language of the searched texts, without case or diacritics
    # (`services.refresh_search_text`, kept by signals like Practice.published_year).
    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    objects = AwardQuerySet.as_manager()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["edition", "order"]
        # EXPLAIN at the 20-year scale (docs/performance.md): the practice page's
        # "has a published award" test and its award list use this one; the other
        # candidates (edition phase/year, category/edition, practice city/title)
        # were never chosen over the foreign-key indexes on tables this small.
        indexes = [
            models.Index(fields=["practice", "edition"], name="practices_award_pract_ed_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "category", "practice"],
                name="practices_award_unique_practice_per_category",
                violation_error_message=_(
                    "This practice already has an award in this category of this edition."
                ),
            ),
            models.UniqueConstraint(
                fields=["edition", "order"],
                name="practices_award_unique_order",
                violation_error_message=_(
                    "Another award of this edition already has this position in the booklet."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.edition.year}: {self.practice}"

    def natural_key(self):
        return (self.edition.year, self.category.code) + self.practice.natural_key()

    natural_key.dependencies = ["practices.edition", "practices.category", "practices.practice"]

    def clean(self):
        if self.edition_id and self.category_id:
            self.edition.require_category(self.category)


class SimilarActionQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, category_code, city_slug, practice_slug, order):
        return self.get(
            award=Award.objects.get_by_natural_key(year, category_code, city_slug, practice_slug),
            order=order,
        )


class SimilarAction(models.Model):
    """A similar action in another city ("Podobne działania"), listed under an award.

    It names a practice, or only a city when the booklet gives nothing more.
    """

    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="similar_actions", verbose_name=_("award")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="+", verbose_name=_("city")
    )
    practice = models.ForeignKey(
        Practice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("practice"),
        help_text=_("Leave empty when the similar action names only a city."),
    )

    objects = SimilarActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("similar action")
        verbose_name_plural = _("similar actions")
        ordering = ["award", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["award", "order"],
                name="practices_similaraction_unique_order",
                violation_error_message=_("Two similar actions of one award share a position."),
            ),
        ]

    def __str__(self):
        if self.practice_id:
            return str(self.practice)
        return str(self.city)

    def natural_key(self):
        return self.award.natural_key() + (self.order,)

    natural_key.dependencies = ["practices.award"]

    def clean(self):
        if self.practice_id and self.city_id and self.practice.city_id != self.city_id:
            raise ValidationError(
                {"practice": _("The practice belongs to another city than the one chosen.")}
            )
