"""factory_boy factories for the domain models."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from jury.models import Criterion, Juror, Nomination
from otwarte.text import polish_slugify
from practices.enums import Phase
from practices.models import Assignment, Award, Category, City, Edition, Practice, SimilarAction
from reports.models import ProposedNomination, Report


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery-staple")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class CityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = City

    # Content is written in Polish (the fallback language), whatever is active.
    name_pl = factory.Sequence(lambda n: f"Miasto {n}")
    slug = factory.LazyAttribute(lambda c: polish_slugify(c.name_pl))
    voivodeship = "mazowieckie"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    code = factory.Sequence(lambda n: f"category-{n}")
    name_pl = factory.Sequence(lambda n: f"Kategoria {n}")
    order = factory.Sequence(lambda n: n)


def _join_edition(obj, create, extracted, **kwargs):
    """A row's category becomes one of its edition's (as real rows always are);
    `in_edition=False` leaves it out, for tests of the refusal."""
    if create and extracted is not False and obj.category_id:
        edition = obj.report.edition if hasattr(obj, "report") else obj.edition
        edition.categories.add(obj.category)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    # 2041-2099, cycling: a long run never leaves the valid range, and fixed
    # years used by tests (2015, 2016, 2031, 2040) are never generated.
    year = factory.Sequence(lambda n: 2041 + n % 59)
    phase = Phase.PUBLISHED


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Practice

    city = factory.SubFactory(CityFactory)
    title_pl = factory.Sequence(lambda n: f"Praktyka {n}")
    slug = factory.LazyAttribute(lambda p: polish_slugify(p.title_pl))
    description_pl = "Opis praktyki."


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory)
    category = factory.SubFactory(CategoryFactory)
    practice = factory.SubFactory(PracticeFactory)
    order = factory.Sequence(lambda n: n + 1)
    recommendation_pl = "Rekomendacja."
    in_edition = factory.PostGeneration(_join_edition)


class SimilarActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SimilarAction

    award = factory.SubFactory(AwardFactory)
    order = factory.Sequence(lambda n: n + 1)
    city = factory.SubFactory(CityFactory)


class PracticeProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "practices.PracticeProposal"

    city = factory.SubFactory(CityFactory)
    title = factory.Sequence(lambda n: f"Propozycja {n}")
    description = "Opis proponowanej praktyki."
    contact_email = "urzad@example.org"


# --- jury (issue 4) ---


class JurorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Juror

    name = factory.Sequence(lambda n: f"Juror {n}")
    slug = factory.Sequence(lambda n: f"juror-{n}")
    country_of_origin_pl = "Ukraina"
    preferred_language = "pl"


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    edition = factory.SubFactory(EditionFactory, phase=Phase.JURY_SCORING)
    code = factory.Sequence(lambda n: f"criterion-{n}")
    order = factory.Sequence(lambda n: n)
    name_pl = factory.Sequence(lambda n: f"Kryterium {n}")


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination
        skip_postgeneration_save = True

    edition = factory.SubFactory(EditionFactory, phase=Phase.JURY_SCORING)
    practice = factory.SubFactory(PracticeFactory)
    category = factory.SubFactory(CategoryFactory)
    justification_pl = "Uzasadnienie ekspertów."
    in_edition = factory.PostGeneration(_join_edition)


# --- reports (issue 3) ---


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    edition = factory.SubFactory(EditionFactory, phase=Phase.EXPERT_REPORTS)
    expert = factory.SubFactory(UserFactory, is_staff=True)
    city = factory.SubFactory(CityFactory)


class ReportFactory(factory.django.DjangoModelFactory):
    """A bare report; use reports.services.create_report for pre-filled follow-up."""

    class Meta:
        model = Report

    edition = factory.SubFactory(EditionFactory, phase=Phase.EXPERT_REPORTS)
    city = factory.SubFactory(CityFactory)
    overview_pl = "Przegląd polityki integracyjnej."


class ProposedNominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposedNomination
        skip_postgeneration_save = True

    report = factory.SubFactory(ReportFactory)
    practice = factory.SubFactory(PracticeFactory, city=factory.SelfAttribute("..report.city"))
    category = factory.SubFactory(CategoryFactory)
    justification_pl = "Uzasadnienie."
    in_edition = factory.PostGeneration(_join_edition)


# --- surveys (issue 19) ---


class SurveyFactory(factory.django.DjangoModelFactory):
    """An open city survey without criteria; tests/surveys/conftest.py builds the pilot."""

    class Meta:
        model = "surveys.Survey"

    kind = "city"
    year = factory.Sequence(lambda n: 2041 + n % 59)
    title_pl = factory.LazyAttribute(lambda s: f"Ankieta {s.year}")
    opens_on = factory.LazyFunction(lambda: timezone.localdate())
    closes_on = factory.LazyAttribute(
        lambda s: s.opens_on + timedelta(days=30)
    )


class SurveyCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Criterion"

    survey = factory.SubFactory(SurveyFactory)
    code = factory.Sequence(lambda n: f"criterion-{n}")
    order = factory.Sequence(lambda n: n)
    name_pl = factory.Sequence(lambda n: f"Pytanie {n}")


class CityTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "surveys.Target"

    kind = "city"
    city = factory.SubFactory(CityFactory)
    slug = factory.LazyAttribute(lambda t: t.city.slug)
