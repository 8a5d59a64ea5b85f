"""The organisers' admin: code batches and their printable page, voiding, moderation."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.urls import reverse

from otwarte.roles import Role
from surveys import services
from surveys.enums import CommentStatus, ResponseState
from surveys.models import CodeBatch, Response
from tests.surveys.conftest import EMAIL, verified_by_email


def test_organisers_hold_the_survey_permissions(db):
    codes = set(
        Group.objects.get(name=Role.ORGANISER)
        .permissions.filter(content_type__app_label="surveys")
        .values_list("codename", flat=True)
    )
    assert {
        "add_survey",
        "change_survey",
        "add_codebatch",
        "view_response",
        "change_response",
        "change_target",
    } <= codes
    expert = Group.objects.get(name=Role.EXPERT).permissions
    assert not expert.filter(content_type__app_label="surveys").exists()


def test_generate_a_batch_and_print_it(client_for, organiser, pilot):
    client = client_for(organiser)
    response = client.post(
        reverse("admin:surveys_codebatch_add"),
        {"survey": pilot.pk, "label": "Fundacja Ocalenie", "size": "30", "language": "ru"},
    )
    assert response.status_code == 302
    batch = CodeBatch.objects.get()
    assert batch.language == "ru"
    assert (batch.codes.count(), batch.created_by) == (30, organiser)
    page = client.get(reverse("admin:surveys_codebatch_print", args=[batch.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count('class="code"') == 30
    assert services.format_code(batch.codes.first().code) in text
    # The card's language: its address, a QR code of it and three lines of instructions.
    assert "/ru/surveys/consular/2026/" in text and "/pl/surveys/consular/2026/" not in text
    assert text.count('src="data:image/svg+xml') == 30
    assert text.count('<ol class="card-steps" lang="ru">') == 30
    assert "Отсканируйте QR-код или введите адрес." in text
    change = client.get(reverse("admin:surveys_codebatch_change", args=[batch.pk]))
    assert reverse("admin:surveys_codebatch_print", args=[batch.pk]) in change.content.decode()


def test_batch_size_is_checked(client_for, organiser, pilot):
    response = client_for(organiser).post(
        reverse("admin:surveys_codebatch_add"),
        {
            "survey": pilot.pk,
            "label": "x",
            "size": str(services.MAX_BATCH_SIZE + 1),
            "language": "uk",
        },
    )
    assert response.status_code == 200
    assert CodeBatch.objects.count() == 0


def test_void_with_a_reason(client_for, organiser, pilot, kyiv):
    response = verified_by_email(pilot, kyiv, EMAIL)
    client = client_for(organiser)
    url = reverse("admin:surveys_response_changelist")
    ask = client.post(url, {"action": "void_responses", ACTION_CHECKBOX_NAME: [response.pk]})
    assert ask.status_code == 200 and "reason" in ask.content.decode()
    assert Response.objects.get().state == ResponseState.VERIFIED
    done = client.post(
        url,
        {"action": "void_responses", ACTION_CHECKBOX_NAME: [response.pk], "reason": "A bot"},
    )
    assert done.status_code == 302
    voided = Response.objects.get()
    assert (voided.state, voided.void_reason, voided.voided_by) == (
        ResponseState.VOIDED,
        "A bot",
        organiser,
    )
    history = client.get(reverse("admin:surveys_response_history", args=[response.pk]))
    assert history.status_code == 200 and "A bot" in history.content.decode()


def test_moderate_comments(client_for, organiser, pilot, kyiv):
    response = verified_by_email(pilot, kyiv, EMAIL, comment="Dobrze")
    client = client_for(organiser)
    client.post(
        reverse("admin:surveys_response_changelist"),
        {"action": "approve_comments", ACTION_CHECKBOX_NAME: [response.pk]},
    )
    assert Response.objects.get().comment_status == CommentStatus.APPROVED


def test_responses_cannot_be_added_or_edited_in_the_admin(client_for, organiser, pilot, kyiv):
    response = verified_by_email(pilot, kyiv, EMAIL)
    client = client_for(organiser)
    assert client.get(reverse("admin:surveys_response_add")).status_code == 403
    page = client.get(reverse("admin:surveys_response_change", args=[response.pk]))
    assert page.status_code == 200
    assert response.identity_hash not in page.content.decode()
    client.post(reverse("admin:surveys_response_change", args=[response.pk]), {"comment": "x"})
    assert Response.objects.get().comment == ""


def test_survey_targets_must_match_its_kind(client_for, organiser, pilot):
    from tests.factories import CityTargetFactory

    city_target = CityTargetFactory()
    form = client_for(organiser).get(reverse("admin:surveys_survey_change", args=[pilot.pk]))
    assert form.status_code == 200
    from surveys.admin import SurveyAdminForm

    data = {
        "kind": "consular",
        "year": 2026,
        "title_pl": "x",
        "opens_on": pilot.opens_on,
        "closes_on": pilot.closes_on,
        "min_responses": 10,
        "targets": [city_target.pk],
    }
    admin_form = SurveyAdminForm(data=data, instance=pilot)
    assert not admin_form.is_valid()
    assert "targets" in admin_form.errors


def test_a_response_cannot_be_reverted_through_its_history(client_for, organiser, pilot, kyiv):
    response = verified_by_email(pilot, kyiv, EMAIL)
    services.void_response(response=response, reason="Bot", by=organiser)
    first = response.history.order_by("history_id").first()
    url = reverse("admin:surveys_response_simple_history", args=[response.pk, first.history_id])
    client = client_for(organiser)
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 403
    assert Response.objects.get().state == ResponseState.VOIDED
