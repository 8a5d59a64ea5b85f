"""Cities, categories, editions, practices and awards (wyróżnienia).

Models hold fields, constraints and querysets; the rules of the cycle live in
`practices/services.py`. Every database constraint is named
`practices_<model>_<rule>` and paired with a friendly message in `clean()` or
via `violation_error_message`, so forms and the admin say what is wrong before
the database has to.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .enums import FollowUpStatus, Initiator, Phase, ProposalStatus, Voivodeship

FIRST_YEAR = 2014  # the action started in 2014
LAST_YEAR = 2100


class CityQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def public(self):
        """Cities named by a published edition: awarded, or listed as a similar action."""
        return self.filter(
            models.Exists(Award.objects.published().filter(practice__city=models.OuterRef("pk")))
            | models.Exists(
                SimilarAction.objects.filter(
                    award__edition__phase=Phase.PUBLISHED, city=models.OuterRef("pk")
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
    description = models.TextField(_("description"), blank=True)

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.code,)


class EditionQuerySet(models.QuerySet):
    def get_by_natural_key(self, year):
        return self.get(year=year)

    def published(self):
        return self.filter(phase=Phase.PUBLISHED)


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
    introduction = models.TextField(_("introduction"), blank=True)
    selection = models.TextField(
        _("how the selection worked"),
        blank=True,
        help_text=_("The two-stage selection: expert reports, then the migrant jury."),
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
    partners = models.TextField(_("partners"), blank=True)
    funders = models.TextField(_("funders"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

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
        return f"{self.title} {self.year}"

    def natural_key(self):
        return (self.year,)

    @property
    def is_published(self):
        return self.phase == Phase.PUBLISHED

    def get_absolute_url(self):
        return reverse("practices:home")


class PracticeQuerySet(models.QuerySet):
    def get_by_natural_key(self, city_slug, slug):
        return self.get(city__slug=city_slug, slug=slug)

    def published(self):
        """Practices with at least one award in a published edition."""
        return self.filter(awards__edition__phase=Phase.PUBLISHED).distinct()


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
    description = models.TextField(_("description"), blank=True)
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
        return reverse("practices:practice", args=[self.city.slug, self.slug])


class AwardQuerySet(models.QuerySet):
    def get_by_natural_key(self, year, category_code, city_slug, practice_slug):
        return self.get(
            edition__year=year,
            category__code=category_code,
            practice__city__slug=city_slug,
            practice__slug=practice_slug,
        )

    def published(self):
        return self.filter(edition__phase=Phase.PUBLISHED)

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
    )

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


class PracticeProposalQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=ProposalStatus.PENDING)


class PracticeProposal(models.Model):
    """A practice proposed through the public open call, waiting for moderation.

    Nothing of a proposal is public: accepting it creates a `Practice`, which
    itself appears only once it has an award in a published edition.
    """

    city = models.ForeignKey(
        City,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    city_name = models.CharField(
        _("other city"),
        max_length=100,
        blank=True,
        help_text=_("Filled in when the city is not on the list."),
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=5000)
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("category"),
    )
    proposer = models.CharField(
        _("proposed by (city office or organisation)"), max_length=200, blank=True
    )
    contact_email = models.EmailField(_("contact e-mail"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("decided by"),
    )
    practice = models.ForeignKey(
        Practice,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("practice created"),
    )
    moderator_note = models.TextField(_("moderator's note"), blank=True)

    objects = PracticeProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice proposal")
        verbose_name_plural = _("practice proposals")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(city__isnull=False) | ~Q(city_name=""),
                name="practices_practiceproposal_city_given",
                violation_error_message=_("Choose a city from the list or name another city."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def city_label(self):
        return self.city.name if self.city_id else self.city_name

    def clean(self):
        if self.city_id is None and not self.city_name.strip():
            raise ValidationError(_("Choose a city from the list or name another city."))
