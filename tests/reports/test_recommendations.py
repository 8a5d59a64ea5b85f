"""Recommendations tracked to implementation: progress rows in later expert reports,
the public timeline (city and practice pages) and the booklet's “since” section."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from booklet.render import render_booklet_html
from practices.enums import Phase
from practices.models import Edition
from reports import services
from reports.enums import RecommendationStatus
from reports.models import RecommendationProgress
from tests.factories import AssignmentFactory, AwardFactory, EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommended(awards_2015_lublin):
    award = awards_2015_lublin[0]
    award.recommendation_pl = "Warto otworzyć punkt informacyjny w każdym urzędzie."
    award.save()
    other = awards_2015_lublin[1]
    other.recommendation_pl = ""
    other.save()
    return award


def test_report_prefills_progress_for_its_citys_recommendations(recommended, report_lublin):
    assert list(report_lublin.recommendations.values_list("award", "status")) == [
        (recommended.pk, RecommendationStatus.NOT_STARTED)
    ]  # the award without a recommendation has no row
    services.prefill_follow_ups(report=report_lublin)
    assert report_lublin.recommendations.count() == 1


def test_a_row_for_an_award_not_older_than_the_report_is_refused(report_lublin):
    same_year = AwardFactory(edition=report_lublin.edition, recommendation_pl="R.")
    row = RecommendationProgress(report=report_lublin, award=same_year)
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "award" in error.value.message_dict


def test_constraints(recommended, report_lublin):
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendationProgress.objects.create(report=report_lublin, award=recommended)
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendationProgress.objects.filter(report=report_lublin).update(status="forgotten")


def _accept(report, expert, organiser):
    services.submit_report(report=report, user=expert)
    services.accept_report(report=report, user=organiser)


def test_status_recorded_in_2016_reaches_city_page_practice_page_and_booklet(
    recommended, report_lublin, assignments, warszawa, expert_lublin, expert_warszawa,
    organiser, client,
):
    row = report_lublin.recommendations.get()
    row.status = RecommendationStatus.IN_PROGRESS
    row.note = "Punkt działa w dwóch dzielnicach."
    row.evidence_url = "https://lublin.example/punkt"
    row.save()
    # Warszawa took the Lublin recommendation up: a row its expert adds.
    report_warszawa = services.create_report(
        edition=report_lublin.edition, city=warszawa, created_by=expert_warszawa
    )
    RecommendationProgress.objects.create(
        report=report_warszawa, award=recommended, status=RecommendationStatus.IMPLEMENTED
    )
    _accept(report_lublin, expert_lublin, organiser)
    _accept(report_warszawa, expert_warszawa, organiser)

    city_page = f"/en/cities/{recommended.practice.city.slug}/"
    practice_page = f"/en{recommended.practice.get_absolute_url()[3:]}"
    # 2016 is not published yet: nothing of its reports is public.
    assert "Punkt działa" not in client.get(city_page).content.decode()
    assert "Punkt działa" not in client.get(practice_page).content.decode()

    Edition.objects.filter(pk=report_lublin.edition.pk).update(phase=Phase.PUBLISHED)
    from otwarte.cache.version import bump_content_version

    bump_content_version()  # an update() sends no signal
    body = client.get(city_page).content.decode()
    assert "Recommendations: what happened since" in body
    assert "Punkt działa w dwóch dzielnicach." in body
    assert "In progress" in body and "Implemented" in body
    assert "https://lublin.example/punkt" in body
    assert body.index("In progress") < body.index("Implemented")  # Lublin, then Warszawa
    assert "Implemented" in client.get(practice_page).content.decode()

    edition_2016 = Edition.objects.get(pk=report_lublin.edition.pk)
    html = render_booklet_html(edition=edition_2016, language="en")
    since = html[html.index('id="since"'):]
    assert "What has changed since" in html
    assert "Warto otworzyć punkt informacyjny" in since
    assert "In progress" in since and "Implemented" in since
    assert "Punkt działa w dwóch dzielnicach." in since
    # The 2015 booklet has no such section.
    assert 'id="since"' not in render_booklet_html(edition=recommended.edition, language="en")


def test_unaccepted_reports_stay_out_of_the_timeline(recommended, report_lublin):
    Edition.objects.filter(pk=report_lublin.edition.pk).update(phase=Phase.PUBLISHED)
    assert services.recommendation_timeline(city=report_lublin.city) == []
    assert services.changed_since(edition=report_lublin.edition) == []


def test_rows_about_unpublished_awards_stay_out(report_lublin, expert_lublin, organiser):
    hidden = AwardFactory(edition=EditionFactory(year=2014, phase=Phase.DELIBERATION),
                          recommendation_pl="Ukryta.")
    RecommendationProgress.objects.create(report=report_lublin, award=hidden)
    AssignmentFactory(edition=report_lublin.edition, city=report_lublin.city)
    _accept(report_lublin, expert_lublin, organiser)
    Edition.objects.filter(pk=report_lublin.edition.pk).update(phase=Phase.PUBLISHED)
    timeline = services.recommendation_timeline(city=report_lublin.city)
    assert timeline and hidden not in dict(timeline)
    assert hidden not in dict(services.changed_since(edition=report_lublin.edition))


def test_expert_sees_the_prefilled_row_on_the_report_page(
    recommended, report_lublin, client_for, expert_lublin, expert_warszawa
):
    from django.urls import reverse

    url = reverse("admin:reports_report_change", args=[report_lublin.pk])
    body = client_for(expert_lublin).get(url).content.decode()
    assert 'name="recommendations-0-status"' in body
    assert "Not started" in body or "Nie rozpoczęta" in body
    assert client_for(expert_warszawa).get(url).status_code == 404
