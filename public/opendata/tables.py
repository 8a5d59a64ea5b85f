"""The tables of the open-data package that the public app publishes.

Every row comes from what the public pages already show: `published()`
querysets, the public rows of recommendation progress, the methodology page's
anonymised score profiles (a mean and a count per award and criterion, never
a juror or a single score). Keys: a city is its slug, a category its code, an
edition its year, a practice (city, slug), an award (year, category, city,
practice). Rows are read in the active language (Polish where a text is not
translated); `years` keeps only the rows of those editions (None: all
published).
"""

from decimal import Decimal

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jury.models import Criterion
from jury.services.methodology import award_profiles
from otwarte.opendata import Field, ForeignKey, Table, referenced_city_slugs, register
from practices.enums import FollowUpStatus, Initiator, Voivodeship
from practices.models import Award, Category, City, Edition, Practice, SimilarAction
from reports.enums import RecommendationStatus, ReportStatus
from reports.models import FollowUp, RecommendationProgress

AWARD_KEY = ("year", "category", "city", "practice")


def _published_years(years):
    published = Edition.objects.published()
    if years is not None:
        published = published.filter(year__in=years)
    return list(published.values_list("year", flat=True))


def _absolute(path):
    # No request: a release is frozen after a commit (as the jurors' e-mails are sent).
    return settings.SITE_URL.rstrip("/") + path


def _mean(value):
    return None if value is None else round(Decimal(value.numerator) / value.denominator, 3)


def _editions(*, years=None):
    editions = Edition.objects.published().filter(year__in=_published_years(years))
    return [
        [e.year, e.title, e.published_at.date() if e.published_at else None]
        for e in editions.order_by("year")
    ]


def _cities(*, years=None):
    # The cities a published edition names (City.objects.public(), as on the site), and
    # those another published table names (otwarte.opendata.register_city_source);
    # never a city known only from an unpublished edition or a proposal.
    cities = City.objects.filter(
        Q(pk__in=City.objects.public()) | Q(slug__in=referenced_city_slugs(years=years))
    )
    return [
        [c.slug, c.name, c.teryt, c.voivodeship, c.get_voivodeship_display(),
         c.latitude, c.longitude]
        for c in cities.order_by("slug")
    ]  # fmt: skip


def _categories(*, years=None):
    # The categories of published awards: a category new in an unpublished edition stays
    # hidden until the edition is published.
    used = Award.objects.published().values("category")
    return [
        [c.code, c.order, c.name, c.description]
        for c in Category.objects.filter(pk__in=used).order_by("order", "code")
    ]


def _awards(years):
    return (
        Award.objects.published()
        .filter(edition__year__in=_published_years(years))
        .for_listing()
        .order_by("edition__year", "order", "pk")
    )


def _practices(*, years=None):
    practices = (
        Practice.objects.filter(awards__in=_awards(years)).distinct()
        .select_related("city").order_by("city__slug", "slug")
    )  # fmt: skip
    return [
        [p.city.slug, p.slug, p.title, p.description, p.initiator, p.start_year,
         p.website, p.follow_up_status, p.follow_up_year, _absolute(p.get_absolute_url())]
        for p in practices
    ]  # fmt: skip


def _award_rows(*, years=None):
    return [
        [a.edition.year, a.category.code, a.practice.city.slug, a.practice.slug, a.order,
         a.category.name, a.practice.city.name, a.practice.city.teryt, a.practice.title,
         a.recommendation, _absolute(a.practice.get_absolute_url())]
        for a in _awards(years)
    ]  # fmt: skip


def _similar_actions(*, years=None):
    actions = SimilarAction.objects.filter(award__in=_awards(years)).select_related(
        "award__edition", "award__category", "award__practice__city", "city", "practice"
    ).order_by("award__edition__year", "award__order", "order")
    return [
        [s.award.edition.year, s.award.category.code, s.award.practice.city.slug,
         s.award.practice.slug, s.order, s.city.slug, s.city.name,
         s.practice.title if s.practice_id else ""]
        for s in actions
    ]  # fmt: skip


def _follow_ups(*, years=None):
    # What the practice pages show: answers of accepted reports, on published practices.
    follow_ups = FollowUp.objects.filter(
        report__status=ReportStatus.ACCEPTED, practice__in=Practice.objects.published()
    ).exclude(status=FollowUpStatus.UNKNOWN)
    if years is not None:
        follow_ups = follow_ups.filter(report__edition__year__in=years)
    follow_ups = follow_ups.select_related("practice__city", "report__edition")
    return [
        [f.practice.city.slug, f.practice.slug, f.report.edition.year, f.status]
        for f in follow_ups.order_by("practice__city__slug", "practice__slug",
                                     "report__edition__year")
    ]  # fmt: skip


def _progress(*, years=None):
    rows = RecommendationProgress.objects.public().for_timeline()
    if years is not None:
        rows = rows.filter(report__edition__year__in=years)
    return [
        [r.report.edition.year, r.report.city.slug, r.award.edition.year, r.award.category.code,
         r.award.practice.city.slug, r.award.practice.slug, r.status, r.evidence_url, r.note]
        for r in rows
    ]  # fmt: skip


def _criteria(*, years=None):
    criteria = Criterion.objects.filter(edition__year__in=_published_years(years))
    return [
        [c.edition.year, c.code, c.order, c.name, c.weight, c.scale_min, c.scale_max]
        for c in criteria.select_related("edition").order_by("edition__year", "order", "code")
    ]


def _score_profiles(*, years=None):
    rows = []
    for edition in Edition.objects.filter(year__in=_published_years(years)).order_by("year"):
        for profile in award_profiles(edition=edition):
            award = profile.award
            for item in profile.criteria:
                rows.append([
                    edition.year, award.category.code, award.practice.city.slug,
                    award.practice.slug, item.criterion.code, item.count, _mean(item.mean),
                ])  # fmt: skip
    return rows


def _award_fields():
    return (
        Field("year", "integer", _("Edition (year) of the award."), required=True),
        Field("category", "string", _("Code of the award's category."), required=True),
        Field("city", "string", _("Slug of the city whose practice is awarded."), required=True),
        Field("practice", "string", _("Slug of the practice, unique within its city."),
              required=True),
    )  # fmt: skip


AWARD_FKS = (
    ForeignKey(("year",), "editions", ("year",)),
    ForeignKey(("category",), "categories", ("code",)),
    ForeignKey(("city",), "cities", ("slug",)),
    ForeignKey(("city", "practice"), "practices", ("city", "slug")),
)
TO_AWARD = ForeignKey(AWARD_KEY, "awards", AWARD_KEY)

# fmt: off
TABLES = [
    Table(
        "editions", _("Editions"), _("One row per published edition of the award."),
        (Field("year", "integer", _("Year of the edition."), required=True),
         Field("title", "string", _("Title of the edition.")),
         Field("published_on", "date", _("Day the edition's awards were published."))),
        ("year",), _editions, order=10,
    ),
    Table(
        "cities", _("Cities"), _("Cities (municipalities) named anywhere in the data."),
        (Field("slug", "string", _("Short identifier of the city, used as its key."),
               required=True),
         Field("name", "string", _("Name of the city.")),
         Field("teryt", "string", _("7-digit TERYT code of the municipality (gmina) in "
                                    "Statistics Poland's register; empty when not known.")),
         Field("voivodeship", "string", _("Code of the voivodeship (province)."),
               enum=tuple(Voivodeship.values)),
         Field("voivodeship_name", "string", _("Name of the voivodeship.")),
         Field("latitude", "number", _("Latitude of the city centre (WGS 84, degrees).")),
         Field("longitude", "number", _("Longitude of the city centre (WGS 84, degrees)."))),
        ("slug",), _cities, order=20,
    ),
    Table(
        "categories", _("Categories"), _("Categories the awards are given in."),
        (Field("code", "string", _("Code of the category, used as its key."), required=True),
         Field("order", "integer", _("Position of the category in lists.")),
         Field("name", "string", _("Name of the category.")),
         Field("description", "string", _("What the category covers."))),
        ("code",), _categories, order=30,
    ),
    Table(
        "practices", _("Practices"), _("Awarded practices of city governments."),
        (Field("city", "string", _("Slug of the practice's city."), required=True),
         Field("slug", "string", _("Slug of the practice, unique within its city."),
               required=True),
         Field("title", "string", _("Title of the practice; empty when the award names "
                                    "only the city.")),
         Field("description", "string", _("What the practice is.")),
         Field("initiator", "string", _("Who started the practice."),
               enum=tuple(Initiator.values)),
         Field("start_year", "integer", _("Year the practice started; empty when not known.")),
         Field("website", "string", _("The practice's own website; empty when none."),
               format="uri"),
         Field("follow_up_status", "string", _("How the practice is carried on, from the "
                                               "latest accepted expert follow-up; 'unknown' "
                                               "until a later edition's report says."),
               required=True, enum=tuple(FollowUpStatus.values)),
         Field("follow_up_year", "integer", _("Edition of the report that gave the follow-up "
                                              "status; empty while it is 'unknown'.")),
         Field("url", "string", _("Address of the practice's page on the site."))),
        ("city", "slug"), _practices, (ForeignKey(("city",), "cities", ("slug",)),), order=40,
    ),
    Table(
        "awards", _("Awards"), _("One row per award: a practice in a category of an edition."),
        (*_award_fields(),
         Field("order", "integer", _("Position of the award in its edition.")),
         Field("category_name", "string", _("Name of the category.")),
         Field("city_name", "string", _("Name of the city.")),
         Field("city_teryt", "string", _("TERYT code of the city (as in cities), to join "
                                         "with official statistics.")),
         Field("title", "string", _("Title of the practice.")),
         Field("recommendation", "string", _("The jury's recommendation for other cities.")),
         Field("url", "string", _("Address of the practice's page on the site."))),
        AWARD_KEY, _award_rows, AWARD_FKS, order=50,
    ),
    Table(
        "similar_actions", _("Similar actions"),
        _("Similar actions elsewhere that the organisers list beside an award."),
        (*_award_fields(),
         Field("order", "integer", _("Position of the similar action under its award."),
               required=True),
         Field("similar_city", "string", _("Slug of the city of the similar action.")),
         Field("similar_city_name", "string", _("Name of the city of the similar action.")),
         Field("similar_practice_title", "string", _("Title of the similar practice; empty "
                                                     "when only the city is named."))),
        (*AWARD_KEY, "order"), _similar_actions,
        (TO_AWARD, ForeignKey(("similar_city",), "cities", ("slug",))), order=60,
    ),
    Table(
        "follow_ups", _("Follow-ups"),
        _("How awarded practices are carried on, one row per practice and expert report."),
        (Field("city", "string", _("Slug of the practice's city."), required=True),
         Field("practice", "string", _("Slug of the practice."), required=True),
         Field("report_year", "integer", _("Edition of the expert report."), required=True),
         Field("status", "string", _("What the report says of the practice."),
               enum=tuple(FollowUpStatus.values))),
        ("city", "practice", "report_year"), _follow_ups,
        (ForeignKey(("city", "practice"), "practices", ("city", "slug")),), order=70,
    ),
    Table(
        "recommendation_progress", _("Progress on recommendations"),
        _("Where a city stands with the recommendation of an earlier award, from a later "
          "edition's expert report."),
        (Field("report_year", "integer", _("Edition of the expert report."), required=True),
         Field("reporting_city", "string", _("Slug of the city the report covers."),
               required=True),
         Field("award_year", "integer", _("Edition of the award."), required=True),
         Field("award_category", "string", _("Category code of the award."), required=True),
         Field("award_city", "string", _("City slug of the awarded practice."), required=True),
         Field("award_practice", "string", _("Slug of the awarded practice."), required=True),
         Field("status", "string", _("How far the city has got."),
               enum=tuple(RecommendationStatus.values)),
         Field("evidence_url", "string", _("A link to evidence; empty when none."),
               format="uri"),
         Field("note", "string", _("The expert's note, in Polish."))),
        ("report_year", "reporting_city", "award_year", "award_category", "award_city",
         "award_practice"), _progress,
        (ForeignKey(("reporting_city",), "cities", ("slug",)),
         ForeignKey(("award_year", "award_category", "award_city", "award_practice"),
                    "awards", AWARD_KEY)), order=80,
    ),
    Table(
        "criteria", _("Jury criteria"), _("What the jury scored nominations on, per edition."),
        (Field("year", "integer", _("Edition (year)."), required=True),
         Field("code", "string", _("Code of the criterion within its edition."), required=True),
         Field("order", "integer", _("Position of the criterion.")),
         Field("name", "string", _("Name of the criterion.")),
         Field("weight", "number", _("Weight of the criterion in the tally.")),
         Field("scale_min", "integer", _("Lowest score on the scale.")),
         Field("scale_max", "integer", _("Highest score on the scale."))),
        ("year", "code"), _criteria, (ForeignKey(("year",), "editions", ("year",)),), order=90,
    ),
    Table(
        "score_profiles", _("Anonymised jury score profiles"),
        _("Per award and criterion, the mean and number of the jury's counted scores "
          "(scores of jurors with a declared conflict left out). No juror and no single "
          "score is published."),
        (*_award_fields(),
         Field("criterion", "string", _("Code of the criterion (as in criteria)."),
               required=True),
         Field("n", "integer", _("Number of counted scores."), required=True),
         Field("mean", "number", _("Mean of the counted scores, to 3 decimals; empty when "
                                   "none was counted."))),
        (*AWARD_KEY, "criterion"), _score_profiles,
        (TO_AWARD, ForeignKey(("year", "criterion"), "criteria", ("year", "code"))), order=95,
    ),
]
# fmt: on

for _table in TABLES:
    register(_table)
