"""Per-edition categories (issue 17): each edition offers its own set."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from jury.services.decisions import decide_award
from jury.services.nominations import create_nomination, import_nominations
from jury.models import Nomination
from practices import services
from practices.enums import Phase
from practices.models import Award, Category, City, Edition, PracticeProposal
from tests.admin_forms import change_form_data
from tests.factories import (
    AwardFactory,
    CategoryFactory,
    CityFactory,
    EditionFactory,
    NominationFactory,
    PracticeFactory,
    ProposedNominationFactory,
)

pytestmark = pytest.mark.django_db


def codes(queryset):
    return sorted(queryset.values_list("code", flat=True))


# --- a new edition starts with the previous edition's set ---


def test_first_edition_starts_with_every_category():
    CategoryFactory(code="a"), CategoryFactory(code="b")
    edition = Edition.objects.create(year=2030)
    assert codes(edition.categories) == ["a", "b"]


def test_new_edition_starts_with_the_previous_editions_set():
    a, b, _c = CategoryFactory(code="a"), CategoryFactory(code="b"), CategoryFactory(code="c")
    previous = Edition.objects.create(year=2030)
    previous.categories.set([a, b])
    later = Edition.objects.create(year=2031)
    assert codes(later.categories) == ["a", "b"]


def test_previous_edition_without_categories_falls_back_to_all():
    CategoryFactory(code="a")
    previous = Edition.objects.create(year=2030)
    previous.categories.clear()
    assert codes(Edition.objects.create(year=2031).categories) == ["a"]


def test_admin_add_form_starts_with_the_latest_editions_set(client_for, organiser):
    a, b = CategoryFactory(code="a"), CategoryFactory(code="b")
    Edition.objects.create(year=2030).categories.set([b])
    response = client_for(organiser).get(reverse("admin:practices_edition_add"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert [c.pk for c in form.initial["categories"]] == [b.pk]
    assert a.pk not in [c.pk for c in form.initial["categories"]]


# --- editing the set ---


def test_set_edition_categories_replaces_the_set():
    a, b = CategoryFactory(code="a"), CategoryFactory(code="b")
    edition = EditionFactory()
    services.set_edition_categories(edition=edition, categories=[b])
    assert codes(edition.categories) == ["b"]
    services.set_edition_categories(edition=edition, categories=[a, b])
    assert codes(edition.categories) == ["a", "b"]


def test_a_category_with_awards_cannot_leave_the_edition():
    award = AwardFactory(category__name_pl="Strategia")
    with pytest.raises(ValidationError, match="Strategia"):
        services.set_edition_categories(edition=award.edition, categories=[])
    assert award.category in award.edition.categories.all()


def test_a_category_with_nominations_cannot_leave_the_edition():
    nomination = NominationFactory()
    with pytest.raises(ValidationError, match="cannot be removed"):
        services.set_edition_categories(edition=nomination.edition, categories=[])


def test_admin_form_refuses_to_drop_a_used_category(organiser):
    award = AwardFactory(category__name_pl="Strategia")
    spare = CategoryFactory()
    model_admin = site.get_model_admin(Edition)
    request = RequestFactory().get("/")
    request.user = organiser
    form_class = model_admin.get_form(request, award.edition)
    form = form_class(instance=award.edition)
    form.cleaned_data = {"categories": Category.objects.filter(pk=spare.pk)}
    with pytest.raises(ValidationError, match="Strategia"):
        form.clean_categories()
    kept = Category.objects.filter(pk__in=[spare.pk, award.category.pk])
    form.cleaned_data = {"categories": kept}
    assert list(form.clean_categories()) == list(form.cleaned_data["categories"])


# --- rows in a category not of their edition are refused ---


def test_award_in_a_category_of_another_edition_is_refused():
    award = AwardFactory.build(
        edition=EditionFactory(), category=CategoryFactory(name_pl="Obca"),
        practice=PracticeFactory(), order=1,
    )
    with pytest.raises(ValidationError) as error:
        award.full_clean()
    assert "is not a category of the" in error.value.message_dict["category"][0]
    assert "Obca" in error.value.message_dict["category"][0]


def test_award_in_the_editions_category_passes_clean():
    award = AwardFactory()
    award.full_clean()


def test_nomination_clean_refuses_a_foreign_category():
    nomination = NominationFactory(in_edition=False)
    with pytest.raises(ValidationError) as error:
        nomination.full_clean()
    assert list(error.value.message_dict) == ["category"]


def test_create_nomination_refuses_a_foreign_category():
    edition = EditionFactory(phase=Phase.JURY_SCORING)
    foreign = CategoryFactory()
    edition.categories.remove(foreign)
    with pytest.raises(ValidationError, match="is not a category of the"):
        create_nomination(
            edition=edition, practice=PracticeFactory(), category=foreign
        )
    assert not Nomination.objects.exists()


def test_import_nominations_names_the_row_of_a_foreign_category():
    edition = EditionFactory(phase=Phase.JURY_SCORING)
    practice = PracticeFactory()
    foreign = CategoryFactory(code="obca")
    edition.categories.remove(foreign)
    rows = [{"city": practice.city.slug, "practice": practice.slug, "category": "obca"}]
    with pytest.raises(ValidationError, match="Row 1: .*is not a category of the"):
        import_nominations(edition=edition, rows=rows)
    assert not Nomination.objects.exists()


def test_decide_award_refuses_a_category_no_longer_of_the_edition(organiser):
    nomination = NominationFactory(edition__phase=Phase.DELIBERATION)
    nomination.edition.categories.remove(nomination.category)  # bypassing the service
    with pytest.raises(ValidationError, match="is not a category of the"):
        decide_award(nomination=nomination)
    assert not Award.objects.exists()


def test_proposed_nomination_clean_refuses_a_foreign_category():
    proposal = ProposedNominationFactory(in_edition=False)
    with pytest.raises(ValidationError) as error:
        proposal.full_clean()
    assert list(error.value.message_dict) == ["category"]


def test_nomination_admin_change_form_offers_the_editions_categories(client_for, organiser):
    nomination = NominationFactory()
    other = CategoryFactory()
    response = client_for(organiser).get(
        reverse("admin:jury_nomination_change", args=[nomination.pk])
    )
    offered = list(response.context["adminform"].form.fields["category"].queryset)
    assert offered == [nomination.category]
    assert other not in offered


def test_award_admin_change_form_offers_the_editions_categories(client_for, organiser):
    award = AwardFactory()
    CategoryFactory()
    response = client_for(organiser).get(reverse("admin:practices_award_change", args=[award.pk]))
    assert list(response.context["adminform"].form.fields["category"].queryset) == [award.category]


# --- the open call ---


def propose_url():
    with translation.override("pl"):
        return reverse("public:propose")


def test_open_call_offers_every_city_and_the_current_editions_categories(client):
    new_city = CityFactory(name_pl="Nowe Miasto")  # named by no edition at all
    ours, theirs = CategoryFactory(code="nasza"), CategoryFactory(code="inna")
    EditionFactory(year=2040, phase=Phase.PUBLISHED).categories.set([theirs])
    EditionFactory(year=2041, phase=Phase.PREPARATION).categories.set([ours])
    form = client.get(propose_url()).context["form"]
    assert new_city in form.fields["city"].queryset
    assert list(form.fields["category"].queryset) == [ours]


def test_open_call_between_cycles_offers_the_latest_editions_set(client):
    ours, _theirs = CategoryFactory(code="nasza"), CategoryFactory(code="inna")
    EditionFactory(year=2040, phase=Phase.PUBLISHED).categories.set([ours])
    form = client.get(propose_url()).context["form"]
    assert list(form.fields["category"].queryset) == [ours]


def test_open_call_proposal_belongs_to_the_current_edition(client):
    category = CategoryFactory()
    edition = EditionFactory(year=2041, phase=Phase.EXPERT_REPORTS)
    city = CityFactory()
    response = client.post(propose_url(), {
        "city": city.pk, "city_name": "", "title": "Punkt", "description": "Opis.",
        "category": category.pk, "proposer": "", "contact_email": "a@example.org",
        "website": "",
    })
    assert response.status_code == 302
    proposal = PracticeProposal.objects.get()
    assert (proposal.edition, proposal.category, proposal.city) == (edition, category, city)


def test_open_call_refuses_a_category_not_of_the_current_edition(client):
    edition = EditionFactory(year=2041, phase=Phase.EXPERT_REPORTS)
    foreign = CategoryFactory()
    edition.categories.remove(foreign)
    response = client.post(propose_url(), {
        "city": "", "city_name": "Olsztyn", "title": "Punkt", "description": "Opis.",
        "category": foreign.pk, "proposer": "", "contact_email": "a@example.org",
        "website": "",
    })
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert not PracticeProposal.objects.exists()


def test_submit_proposal_service_refuses_a_foreign_category():
    edition = EditionFactory(year=2041, phase=Phase.EXPERT_REPORTS)
    foreign = CategoryFactory()
    edition.categories.remove(foreign)
    with pytest.raises(ValidationError) as error:
        services.submit_proposal(
            city=None, city_name="Olsztyn", title="Punkt", description="Opis.",
            category=foreign, proposer="", contact_email="a@example.org",
        )
    assert list(error.value.message_dict) == ["category"]


# --- the data migration and the fixture ---


def test_data_migration_keeps_used_categories_or_gives_all():
    used, unused = CategoryFactory(code="used"), CategoryFactory(code="unused")
    nominated = CategoryFactory(code="nominated")
    with_awards = AwardFactory(category=used).edition
    NominationFactory(edition=with_awards, category=nominated)
    without = EditionFactory()
    for edition in (with_awards, without):
        edition.categories.clear()
    import_module("jury.migrations.0011_edition_categories_data").forwards(apps, None)
    assert codes(with_awards.categories) == ["nominated", "used"]
    assert codes(without.categories) == sorted(Category.objects.values_list("code", flat=True))
    assert unused in without.categories.all()


def test_fixture_2015_loads_its_categories_idempotently(edition_2015):
    edition = Edition.objects.get(year=2015)
    expected = codes(Category.objects.filter(awards__edition=edition).distinct())
    assert len(expected) == 11
    assert codes(edition.categories) == expected
    call_command("loaddata", "reference", "edition_2015", verbosity=0)
    assert codes(Edition.objects.get(year=2015).categories) == expected
    assert City.objects.count() == 10


def _form_data(client, url):
    """The admin form as the browser would post it back."""
    return change_form_data(client.get(url))


def test_admin_saves_the_chosen_set_and_refuses_dropping_a_used_one(client_for, organiser):
    # In deliberation: a published edition is read-only in the admin.
    award = AwardFactory(category__name_pl="Strategia", edition__phase=Phase.DELIBERATION)
    spare = CategoryFactory()
    client = client_for(organiser)
    url = reverse("admin:practices_edition_change", args=[award.edition.pk])
    data = _form_data(client, url)
    data["categories"] = [award.category.pk, spare.pk]
    response = client.post(url, data)
    assert response.status_code == 302
    assert set(award.edition.categories.all()) == {award.category, spare}
    data["categories"] = [spare.pk]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Strategia" in str(response.context["adminform"].form.errors["categories"])
    assert award.category in award.edition.categories.all()
