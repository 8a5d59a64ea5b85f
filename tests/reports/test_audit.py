"""The report's audit trail (django-simple-history): who, when, old → new, and who may see it."""

from django.urls import reverse

from otwarte.audit import diff
from tests.reports.test_admin_workflow import _change_form_data


def _expert_changes_overview(client, report, text):
    data = _change_form_data(client, report)
    data["overview_pl"] = text
    response = client.post(reverse("admin:reports_report_change", args=[report.pk]), data)
    assert response.status_code == 302
    report.refresh_from_db()


def test_report_change_records_who_when_old_and_new(client_for, report_lublin, expert_lublin):
    old_overview = report_lublin.overview_pl
    _expert_changes_overview(client_for(expert_lublin), report_lublin, "Lublin ma strategię.")
    newer, older = report_lublin.history.all()[:2]
    assert newer.history_user == expert_lublin
    assert newer.history_date >= older.history_date
    changes = {field: (old, new) for field, old, new in diff(older, newer)}
    assert changes["overview_pl"] == (old_overview, "Lublin ma strategię.")


def test_organiser_sees_report_history_in_admin(
    client_for, report_lublin, expert_lublin, organiser
):
    _expert_changes_overview(client_for(expert_lublin), report_lublin, "Lublin ma strategię.")
    client = client_for(organiser)
    page = client.get(reverse("admin:reports_report_history", args=[report_lublin.pk]))
    assert page.status_code == 200
    assert len(page.context["page_obj"].object_list) >= 2
    record = report_lublin.history.latest()
    detail = client.get(
        reverse("admin:reports_report_simple_history", args=[report_lublin.pk, record.pk])
    )
    assert detail.status_code == 200
    assert "Lublin ma strategię." in detail.content.decode()


def test_expert_sees_own_report_history(client_for, report_lublin, expert_lublin):
    url = reverse("admin:reports_report_history", args=[report_lublin.pk])
    assert client_for(expert_lublin).get(url).status_code == 200


def test_expert_of_another_city_never_sees_report_history(
    client_for, report_lublin, expert_lublin, expert_warszawa
):
    _expert_changes_overview(client_for(expert_lublin), report_lublin, "Tajne dane.")
    client = client_for(expert_warszawa)
    record = report_lublin.history.latest()
    history = client.get(reverse("admin:reports_report_history", args=[report_lublin.pk]))
    detail = client.get(
        reverse("admin:reports_report_simple_history", args=[report_lublin.pk, record.pk])
    )
    assert (history.status_code, detail.status_code) == (404, 404)
    assert "Tajne dane." not in history.content.decode() + detail.content.decode()


def test_history_of_a_deleted_report_stays_hidden_from_experts(
    client_for, report_lublin, expert_lublin
):
    """simple-history would fall back to the last historical record of a deleted object."""
    pk = report_lublin.pk
    report_lublin.delete()
    response = client_for(expert_lublin).get(reverse("admin:reports_report_history", args=[pk]))
    assert response.status_code == 404


def _history_form_post(client, report, record, **changes):
    url = reverse("admin:reports_report_simple_history", args=[report.pk, record.pk])
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else getattr(value, "pk", value)
    data.update(changes)
    return client.post(url, data)


def test_expert_cannot_revert_a_submitted_report_through_its_history(
    client_for, report_lublin, expert_lublin
):
    from reports import services

    client = client_for(expert_lublin)
    _expert_changes_overview(client, report_lublin, "Wersja pierwsza.")
    first = report_lublin.history.latest()
    _expert_changes_overview(client, report_lublin, "Wersja ostateczna.")
    services.submit_report(report=report_lublin, user=expert_lublin)
    response = _history_form_post(client, report_lublin, first, overview_pl="Wersja pierwsza.")
    assert response.status_code == 403
    report_lublin.refresh_from_db()
    assert report_lublin.overview_pl == "Wersja ostateczna."
