"""The organisers' second factor holds on every organiser page, not only in the admin."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from otwarte.access import is_organiser
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def current_token(device):
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def totp_device(organiser):
    return TOTPDevice.objects.create(user=organiser, name="phone", confirmed=True)


def jury_login(client, username, password, **extra):
    return client.post(
        reverse("public:login"), {"username": username, "password": password, **extra}
    )


def test_juror_login_asks_organiser_with_device_for_the_code(anonymous, totp_device):
    response = jury_login(anonymous, "organiser", PASSWORD)
    assert response.status_code == 200
    assert "Enter the code from your authenticator app." in response.content.decode()
    assert "_auth_user_id" not in anonymous.session


def test_juror_login_with_code_opens_organiser_pages(anonymous, totp_device):
    response = jury_login(anonymous, "organiser", PASSWORD, otp_token=current_token(totp_device))
    assert response.status_code == 302
    assert anonymous.get(reverse("jury:organiser")).status_code == 200


def test_password_only_session_of_organiser_with_device_gets_no_organiser_page(
    client_for, organiser, totp_device, edition_2015
):
    client = client_for(organiser)  # a session without the code
    for url in [
        reverse("jury:organiser"),
        reverse("jury:tally_csv", args=[2015]),
        reverse("jury:tally", args=[2015]),
        reverse("cockpit:edition", args=[2015]),
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("public:login"))
    response = client.post(
        reverse("cockpit:phase", args=[2015, "deliberation"]), {"reason": "A correction."}
    )
    assert response.status_code == 302
    edition_2015.refresh_from_db()
    assert edition_2015.phase == "published"


def test_organiser_predicate_needs_a_verified_session_once_a_device_exists(organiser):
    assert is_organiser(organiser)
    TOTPDevice.objects.create(user=organiser, name="phone", confirmed=True)
    organiser = type(organiser).objects.get(pk=organiser.pk)  # a new request's user
    assert not is_organiser(organiser)
    organiser.is_verified = lambda: True
    assert is_organiser(organiser)


def test_jury_login_page_does_not_loop_for_unverified_session(client_for, organiser, totp_device):
    response = client_for(organiser).get(reverse("public:login"))
    assert response.status_code == 200
    assert 'name="otp_token"' in response.content.decode()


def test_organiser_without_device_is_sent_to_set_one_up_when_required(
    client_for, organiser, settings
):
    settings.OTP_REQUIRED_FOR_ORGANISERS = True
    client = client_for(organiser)
    for url in [reverse("jury:organiser"), reverse("admin:index")]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("two_step"))
    assert client.get(reverse("two_step")).status_code == 200


def test_organiser_sets_up_own_device_and_the_session_is_verified(
    client_for, organiser, settings
):
    settings.OTP_REQUIRED_FOR_ORGANISERS = True
    client = client_for(organiser)
    page = client.get(reverse("two_step"))
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=organiser)
    assert not device.confirmed
    wrong = client.post(reverse("two_step"), {"otp_token": "000000"})
    assert wrong.status_code == 200
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    # django-otp throttles after a failure; a person retries seconds later.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    response = client.post(
        reverse("two_step"),
        {"otp_token": current_token(device), "next": reverse("jury:organiser")},
    )
    assert response.status_code == 302
    assert response.url == reverse("jury:organiser")
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get(reverse("jury:organiser")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 200


def test_two_step_page_turns_device_off_only_with_the_code(anonymous, totp_device):
    jury_login(anonymous, "organiser", PASSWORD, otp_token=current_token(totp_device))
    TOTPDevice.objects.filter(pk=totp_device.pk).update(last_t=-1)  # allow the next code
    assert anonymous.post(reverse("two_step"), {"otp_token": "000000"}).status_code == 200
    assert TOTPDevice.objects.filter(pk=totp_device.pk).exists()
    TOTPDevice.objects.filter(pk=totp_device.pk).update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    response = anonymous.post(reverse("two_step"), {"otp_token": current_token(totp_device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=totp_device.user).exists()


def test_two_step_page_refuses_jurors(client_for, juror_a):
    assert client_for(juror_a).get(reverse("two_step")).status_code == 403


def test_two_step_page_sends_anonymous_to_login(anonymous):
    response = anonymous.get(reverse("two_step"))
    assert response.status_code == 302
