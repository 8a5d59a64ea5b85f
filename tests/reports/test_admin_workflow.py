import re

import pytest
from django.core import mail
from django.urls import reverse

from jury.models import Nomination
from otwarte.invitations import set_password_url
from reports import services
from reports.enums import ReportStatus
from reports.models import Report


def _change_form_data(client, report):
    """The change form as the browser would post it back (management forms included)."""
    response = client.get(reverse("admin:reports_report_change", args=[report.pk]))
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else value
    for formset in response.context["inline_admin_formsets"]:
        fs = formset.formset
        for key, value in fs.management_form.initial.items():
            data[f"{fs.prefix}-{key}"] = value
        for i, f in enumerate(fs.forms):
            for name in f.fields:
                value = f.initial.get(name, f.fields[name].initial)
                if hasattr(value, "pk"):
                    value = value.pk
                data[f"{fs.prefix}-{i}-{name}"] = "" if value is None else value
    return data


def test_expert_saves_and_submits_report_through_the_admin(
    client_for, report_lublin, expert_lublin
):
    client = client_for(expert_lublin)
    data = _change_form_data(client, report_lublin)
    data["overview_pl"] = "Lublin ma strategię."
    data["follow_ups-0-status"] = "continued"
    data["_submit_report"] = "1"
    response = client.post(reverse("admin:reports_report_change", args=[report_lublin.pk]), data)
    assert response.status_code == 302
    report_lublin.refresh_from_db()
    assert (report_lublin.status, report_lublin.overview_pl) == (
        "submitted",
        "Lublin ma strategię.",
    )


def test_organisers_hear_of_each_submitted_report(
    client_for, report_lublin, expert_lublin, organiser
):
    organiser.email = "organiser@example.org"
    organiser.save()
    client = client_for(expert_lublin)
    data = _change_form_data(client, report_lublin)
    data["_submit_report"] = "1"
    client.post(reverse("admin:reports_report_change", args=[report_lublin.pk]), data)
    sent = [m for m in mail.outbox if m.to == ["organiser@example.org"]]
    assert len(sent) == 1
    assert "Lublin" in sent[0].subject
    assert f"/admin/reports/report/{report_lublin.pk}/change/" in sent[0].body
    # Returned and submitted again: news again.
    services.return_report(report=report_lublin, user=organiser, comment="Dopisz budżet.")
    data = _change_form_data(client, report_lublin)
    data["_submit_report"] = "1"
    client.post(reverse("admin:reports_report_change", args=[report_lublin.pk]), data)
    assert len([m for m in mail.outbox if m.to == ["organiser@example.org"]]) == 2


def test_expert_cannot_edit_report_after_submission(client_for, report_lublin, expert_lublin):
    client = client_for(expert_lublin)
    data = _change_form_data(client, report_lublin)
    services.submit_report(report=report_lublin, user=expert_lublin)
    data["overview_pl"] = "Zmiana po terminie."
    response = client.post(reverse("admin:reports_report_change", args=[report_lublin.pk]), data)
    assert response.status_code == 403
    report_lublin.refresh_from_db()
    assert report_lublin.overview_pl != "Zmiana po terminie."
    page = client.get(reverse("admin:reports_report_change", args=[report_lublin.pk]))
    assert page.context["has_change_permission"] is False
    assert "Submitted" in page.content.decode()


def test_organiser_returns_then_accepts_through_the_admin(
    client_for, report_lublin, expert_lublin, organiser
):
    services.submit_report(report=report_lublin, user=expert_lublin)
    client = client_for(organiser)
    url = reverse("admin:reports_report_change", args=[report_lublin.pk])
    data = _change_form_data(client, report_lublin)
    data["review_comment"] = "Proszę uzupełnić follow-up."
    data["_return_report"] = "1"
    client.post(url, data)
    report_lublin.refresh_from_db()
    assert report_lublin.status == ReportStatus.RETURNED
    expert_page = client_for(expert_lublin).get(url).content.decode()
    assert "Proszę uzupełnić follow-up." in expert_page
    assert [m.to for m in mail.outbox] == [[expert_lublin.email]]
    assert "Proszę uzupełnić follow-up." in mail.outbox[0].body
    services.submit_report(report=report_lublin, user=expert_lublin)
    data = _change_form_data(client, report_lublin)
    data["_accept_report"] = "1"
    client.post(url, data)
    report_lublin.refresh_from_db()
    assert report_lublin.status == ReportStatus.ACCEPTED
    assert len(mail.outbox) == 2
    assert "accepted" in mail.outbox[1].subject or "przyjęty" in mail.outbox[1].subject


def test_submit_after_deadline_through_the_admin_shows_error(
    client_for, report_lublin, expert_lublin
):
    edition = report_lublin.edition
    edition.reports_deadline = edition.reports_deadline.replace(year=2016)
    edition.save()
    client = client_for(expert_lublin)
    data = _change_form_data(client, report_lublin)
    data["_submit_report"] = "1"
    response = client.post(
        reverse("admin:reports_report_change", args=[report_lublin.pk]), data, follow=True
    )
    assert "deadline" in response.content.decode()
    report_lublin.refresh_from_db()
    assert report_lublin.status == ReportStatus.DRAFT


def test_expert_add_report_prefills_follow_up_and_opens_it(
    client_for, awards_2015_lublin, assignments, edition_2016, lublin, expert_lublin
):
    client = client_for(expert_lublin)
    response = client.post(
        reverse("admin:reports_report_add"),
        {"edition": edition_2016.pk, "city": lublin.pk, "overview_pl": "Szkic."},
    )
    report = Report.objects.get(edition=edition_2016, city=lublin)
    assert response["Location"] == reverse("admin:reports_report_change", args=[report.pk])
    assert report.follow_ups.count() == 2


def test_expert_add_report_for_unassigned_city_is_refused(
    client_for, assignments, edition_2016, warszawa, expert_lublin
):
    response = client_for(expert_lublin).post(
        reverse("admin:reports_report_add"),
        {"edition": edition_2016.pk, "city": warszawa.pk, "overview_pl": "Szkic."},
    )
    assert response.status_code == 200
    assert not Report.objects.filter(city=warszawa).exists()


def test_report_changelist_empty_state_for_unassigned_expert(client_for, expert_lublin):
    page = client_for(expert_lublin).get(reverse("admin:reports_report_changelist"))
    assert "You are not assigned to any city yet" in page.content.decode()


def test_organiser_invites_expert_who_sets_a_password(client_for, organiser, client):
    response = client_for(organiser).post(
        reverse("admin:practices_invite"),
        {"email": "ania@example.org", "first_name": "Ania", "last_name": "K"},
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    page = client.get(link, follow=True)
    assert page.status_code == 200
    weak = client.post(
        page.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )
    assert weak.status_code == 200  # the password validators refused it
    done = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Mleczny-Bar-Lublin-2016", "new_password2": "Mleczny-Bar-Lublin-2016"},
    )
    assert done.status_code == 302
    assert client.login(username="ania@example.org", password="Mleczny-Bar-Lublin-2016")


def test_invite_view_is_closed_to_experts(client_for, expert_lublin):
    assert client_for(expert_lublin).get(reverse("admin:practices_invite")).status_code == 403


def test_set_password_url_is_relative_without_request(organiser):
    assert set_password_url(user=organiser).startswith("/")


@pytest.mark.parametrize("persona", ["organiser", "expert_lublin"])
def test_report_changelist_queries_do_not_grow_with_reports(
    request, client_for, report_lublin, edition_2016, persona
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from practices.models import Assignment
    from tests.factories import CityFactory

    user = request.getfixturevalue(persona)
    client = client_for(user)
    url = reverse("admin:reports_report_changelist")
    client.get(url)  # warm up (session, content types)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(2):
        city = CityFactory()
        Assignment.objects.create(edition=edition_2016, expert=user, city=city)
        services.create_report(edition=edition_2016, city=city)
    with CaptureQueriesContext(connection) as three:
        response = client.get(url)
    assert response.context["cl"].result_count == 3
    assert len(three) == len(one)


@pytest.mark.parametrize(("role", "is_staff"), [("expert", True), ("juror", False)])
def test_invite_twice_keeps_one_account_in_the_role(db, role, is_staff):
    from django.contrib.auth import get_user_model

    from otwarte.invitations import invite

    first = invite(email="Olena@Example.org", role=role, first_name="Olena")
    second = invite(email="olena@example.org", role=role)  # the account has the name
    assert first.pk == second.pk
    assert len(mail.outbox) == 2
    user = get_user_model().objects.get(pk=first.pk)
    assert (user.is_staff, user.has_usable_password()) == (is_staff, False)
    assert list(user.groups.values_list("name", flat=True)) == [role]


def test_organiser_creates_nominations_from_reports_after_confirming(
    client_for, organiser, accepted_lublin
):
    client = client_for(organiser)
    edition = accepted_lublin[0].report.edition
    changelist = client.get(reverse("admin:reports_proposednomination_changelist"))
    assert reverse("admin:reports_nominate") in changelist.content.decode()
    url = reverse("admin:reports_nominate")
    assert client.get(url).status_code == 200
    confirm = client.get(url, {"edition": edition.pk})
    assert confirm.status_code == 200
    assert [p.pk for p in confirm.context["confirm"]["new"]] == [p.pk for p in accepted_lublin]
    assert not Nomination.objects.exists()  # a GET changes nothing
    response = client.post(url, {"edition": edition.pk}, follow=True)
    assert Nomination.objects.filter(edition=edition).count() == 2
    assert [str(m) for m in response.context["messages"]] == [
        "2016: 2 nominations created, 0 proposals already nominated."
    ]
    again = client.post(url, {"edition": edition.pk}, follow=True)
    assert [str(m) for m in again.context["messages"]] == [
        "2016: 0 nominations created, 2 proposals already nominated."
    ]
    assert Nomination.objects.count() == 2


def test_nominate_view_with_unknown_edition_shows_the_form_again(client_for, organiser, db):
    response = client_for(organiser).post(reverse("admin:reports_nominate"), {"edition": "999"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Nomination.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("expert_lublin", 403), ("juror_a", 302), (None, 302)]
)
def test_nominate_view_is_closed_to_others(client_for, accepted_lublin, persona, status, request):
    user = request.getfixturevalue(persona) if persona else None
    client = client_for(user)
    url = reverse("admin:reports_nominate")
    edition = accepted_lublin[0].report.edition
    assert client.get(url).status_code == status
    response = client.post(url, {"edition": edition.pk})
    assert response.status_code == status
    if status == 302:
        assert "/login/" in response["Location"]
    assert not Nomination.objects.exists()
