"""The city's page behind its personal link (public:city_check)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from jury.enums import CheckAnswer
from jury.models import CityCheckAnswer
from jury.services import city_checks

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(check_world):
    check, token = city_checks.send_city_check(
        edition=check_world.edition, city=check_world.lublin, contact_name="Anna Nowak",
        contact_email="anna@lublin.example", deadline=timezone.now() + timedelta(days=3),
    )
    check_world.check, check_world.token = check, token
    check_world.url = f"/pl/city-check/{token}/"
    return check_world


def _post(sent, **fields):
    prefix = f"award-{sent.award.pk}"
    data = {
        f"{prefix}-answer": CheckAnswer.CORRECTION,
        f"{prefix}-title": "Punkt informacyjny",
        f"{prefix}-description": "Opis lubelski.",
        f"{prefix}-recommendation": "Rekomendacja lubelska.",
        f"{prefix}-comment": "",
    }
    data.update({f"{prefix}-{k}": v for k, v in fields.items()})
    return data


def test_page_shows_the_citys_draft_only(client, sent):
    response = client.get(sent.url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Opis lubelski." in body and "Rekomendacja lubelska." in body
    assert "Opis gdański." not in body and "Model integracji" not in body
    assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


def test_a_link_for_one_city_never_shows_another(client, sent):
    _check, gdansk_token = city_checks.send_city_check(
        edition=sent.edition, city=sent.gdansk, contact_name="Jan", contact_email="j@g.example",
        deadline=timezone.now() + timedelta(days=3),
    )
    body = client.get(f"/pl/city-check/{gdansk_token}/").content.decode()
    assert "Opis gdański." in body and "Opis lubelski." not in body
    # The Gdańsk form cannot answer for Lublin's award: its fields are ignored.
    client.post(f"/pl/city-check/{gdansk_token}/", _post(sent, description="Podmiana."))
    assert not CityCheckAnswer.objects.filter(award=sent.award).exists()


def test_a_correction_is_recorded_with_only_the_changed_texts(client, sent):
    response = client.post(sent.url, _post(sent, description="Opis poprawiony.",
                                           comment="Nowa nazwa."))
    assert response.status_code == 302 and response.url.endswith("?thanks=1")
    answer = CityCheckAnswer.objects.get()
    assert (answer.proposed_title, answer.proposed_description, answer.proposed_recommendation,
            answer.comment) == ("", "Opis poprawiony.", "", "Nowa nazwa.")
    again = client.get(sent.url + "?thanks=1")
    assert again.context["thanks"] is True
    form = again.context["rows"][0][1]
    assert form.initial["description"] == "Opis poprawiony."  # the city's own proposal
    assert form.initial["answer"] == CheckAnswer.CORRECTION


def test_a_correction_without_change_or_comment_is_a_form_error(client, sent):
    response = client.post(sent.url, _post(sent))
    assert response.status_code == 400
    assert CityCheckAnswer.objects.count() == 0


def test_a_confirmation_is_recorded(client, sent):
    client.post(sent.url, _post(sent, answer=CheckAnswer.CONFIRMED))
    assert CityCheckAnswer.objects.get().answer == CheckAnswer.CONFIRMED


@pytest.mark.parametrize("bad", [{"answer": "maybe"}, {"answer": ""}, {"description": "x" * 10001}])
def test_bad_input_is_a_400_not_a_500(client, sent, bad):
    assert client.post(sent.url, _post(sent, **bad)).status_code == 400


def test_tampered_link_gets_the_clear_page(client, sent):
    response = client.get(sent.url.replace(sent.token[:6], "AAAAAA"))
    assert response.status_code == 404
    assert response.context["reason"] == "invalid"
    assert "public/city_check_refused.html" in [t.name for t in response.templates]
    assert "Opis lubelski." not in response.content.decode()


def test_expired_link_gets_the_clear_page(client, sent):
    type(sent.check).objects.filter(pk=sent.check.pk).update(
        deadline=timezone.now() - timedelta(minutes=1)
    )
    response = client.get(sent.url)
    assert response.status_code == 410
    assert response.context["reason"] == "expired"
    assert "Opis lubelski." not in response.content.decode()
    assert client.post(sent.url, _post(sent, comment="x")).status_code == 410
    assert CityCheckAnswer.objects.count() == 0


def test_revoked_link_gets_the_clear_page(client, sent):
    city_checks.revoke_city_check(check=sent.check)
    response = client.get(sent.url)
    assert response.status_code == 410
    assert response.context["reason"] == "revoked"


def test_requests_are_rate_limited_per_address(client, sent, settings):
    from public import city_check

    cache.clear()
    for _ in range(city_check.RATE_LIMIT):
        assert client.get("/pl/city-check/guess/").status_code == 404
    assert client.get(sent.url).status_code == 429
    cache.clear()
    assert client.get(sent.url).status_code == 200
