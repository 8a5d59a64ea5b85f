"""Expert reports are written only while the edition is in *expert_reports*
(practices/phases.py): refused with a clear message in the service and the admin."""

import pytest
from django.urls import reverse

from practices.enums import Phase
from practices.models import Edition
from practices.phases import PhaseError
from reports import services
from reports.enums import ReportStatus
from reports.models import Report

REFUSAL = (
    "Expert reports can be written, changed and submitted only while the edition is in "
    "the phase “Expert reports”."
)


def _move(edition, phase):
    Edition.objects.filter(pk=edition.pk).update(phase=phase)
    edition.refresh_from_db()


@pytest.mark.parametrize(
    "phase", [Phase.PREPARATION, Phase.JURY_SCORING, Phase.DELIBERATION, Phase.PUBLISHED]
)
def test_create_report_outside_expert_reports_is_refused(assignments, edition_2016, lublin, phase):
    _move(edition_2016, phase)
    with pytest.raises(PhaseError) as excinfo:
        services.create_report(edition=edition_2016, city=lublin)
    assert excinfo.value.messages == [REFUSAL]
    assert not Report.objects.exists()


def test_create_report_reads_the_phase_from_the_database(assignments, edition_2016, lublin):
    stale = Edition.objects.get(pk=edition_2016.pk)  # still says expert_reports
    Edition.objects.filter(pk=edition_2016.pk).update(phase=Phase.PUBLISHED)
    with pytest.raises(PhaseError):
        services.create_report(edition=stale, city=lublin)


def test_submit_report_after_the_phase_is_refused(report_lublin, expert_lublin):
    _move(report_lublin.edition, Phase.JURY_SCORING)
    with pytest.raises(PhaseError) as excinfo:
        services.submit_report(report=report_lublin, user=expert_lublin)
    assert excinfo.value.messages == [REFUSAL]
    report_lublin.refresh_from_db()
    assert report_lublin.status == ReportStatus.DRAFT


def test_expert_add_report_outside_the_phase_shows_the_refusal(
    client_for, assignments, edition_2016, lublin, expert_lublin
):
    _move(edition_2016, Phase.PUBLISHED)
    response = client_for(expert_lublin).post(
        reverse("admin:reports_report_add"),
        {"edition": edition_2016.pk, "city": lublin.pk, "overview_pl": "Szkic."},
    )
    assert response.status_code == 200
    assert REFUSAL in response.content.decode()
    assert not Report.objects.exists()


def test_expert_change_form_outside_the_phase_is_read_only_and_says_why(
    client_for, report_lublin, expert_lublin
):
    _move(report_lublin.edition, Phase.DELIBERATION)
    client = client_for(expert_lublin)
    url = reverse("admin:reports_report_change", args=[report_lublin.pk])
    page = client.get(url).content.decode()
    assert REFUSAL in page
    assert 'name="_submit_report"' not in page
    response = client.post(url, {"overview_pl": "Zmiana po terminie.", "_submit_report": "1"})
    assert response.status_code == 403
    report_lublin.refresh_from_db()
    assert report_lublin.status == ReportStatus.DRAFT
    assert report_lublin.overview_pl != "Zmiana po terminie."


def test_expert_change_form_in_the_phase_offers_submission(client_for, report_lublin, expert_lublin):
    page = client_for(expert_lublin).get(
        reverse("admin:reports_report_change", args=[report_lublin.pk])
    ).content.decode()
    assert REFUSAL not in page
    assert 'name="_submit_report"' in page
