"""Admin logins: lockout, logging without passwords, session rotation, validators, TOTP."""

import logging

import pytest
from django.conf import settings
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, SetPasswordForm
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "Secret-Wrong-Pa55word-XYZ"


def login(client, username, password, **extra):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": reverse("admin:index"), **extra},
    )


def test_login_succeeds_with_right_password(anonymous, organiser):
    response = login(anonymous, "organiser", PASSWORD)
    assert response.status_code == 302
    assert anonymous.session["_auth_user_id"] == str(organiser.pk)


def test_login_locks_out_after_repeated_failures(anonymous, organiser):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(anonymous, "organiser", WRONG).status_code == 200
    response = login(anonymous, "organiser", WRONG)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    # Even the right password is refused while locked out.
    response = login(anonymous, "organiser", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in anonymous.session


def test_lockout_page_is_translated(anonymous, organiser):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = anonymous.post(
            "/pl/admin/login/", {"username": "organiser", "password": WRONG}
        )
    assert response.status_code == 429
    assert 'lang="pl"' in response.content.decode()
    assert "Zbyt wiele prób" in response.content.decode()


def test_failed_login_is_logged_without_the_password(anonymous, organiser, caplog):
    with caplog.at_level(logging.DEBUG):
        for _ in range(settings.AXES_FAILURE_LIMIT + 1):
            login(anonymous, "organiser", WRONG)
    messages = "\n".join(
        record.getMessage() + repr(record.args) + repr(record.__dict__) for record in caplog.records
    )
    assert "organiser" in messages
    assert "Locking out" in messages
    assert WRONG not in messages


def test_session_key_rotates_at_login(anonymous, organiser):
    anonymous.get(reverse("admin:login"))
    anonymous.session.save()
    before = anonymous.session.session_key
    assert before
    login(anonymous, "organiser", PASSWORD)
    assert anonymous.session.session_key != before


def test_client_login_without_request_still_works(organiser, client):
    # authenticate() without a request (tests, shell) passes the lockout backend.
    assert client.login(username="organiser", password=PASSWORD)


@pytest.mark.parametrize("weak", ["12345678", "password", "organiser1", "abc"])
def test_admin_user_creation_form_rejects_weak_passwords(weak, db):
    form = AdminUserCreationForm(
        data={
            "username": "organiser1",
            "password1": weak,
            "password2": weak,
            "usable_password": "true",
        }
    )
    assert not form.is_valid()
    assert "password2" in form.errors


def test_admin_uses_validating_creation_form():
    assert issubclass(UserAdmin.add_form, AdminUserCreationForm)


@pytest.mark.parametrize("weak", ["12345678", "password", "qwerty"])
def test_set_password_form_rejects_weak_passwords(weak, organiser):
    form = SetPasswordForm(organiser, data={"new_password1": weak, "new_password2": weak})
    assert not form.is_valid()


def test_set_password_form_accepts_strong_password(organiser):
    strong = "Lublin-otwarte-migranci-2026"
    form = SetPasswordForm(organiser, data={"new_password1": strong, "new_password2": strong})
    assert form.is_valid(), form.errors


@pytest.fixture
def totp_device(organiser):
    return TOTPDevice.objects.create(user=organiser, name="phone", confirmed=True)


def current_token(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_staff_without_device_logs_in_without_token(anonymous, organiser):
    response = login(anonymous, "organiser", PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def test_staff_with_device_needs_token(anonymous, totp_device):
    response = login(anonymous, "organiser", PASSWORD)
    assert response.status_code == 200
    assert "Enter the code from your authenticator app." in response.content.decode()
    assert "_auth_user_id" not in anonymous.session


def test_staff_with_device_and_wrong_token_is_refused(anonymous, totp_device):
    response = login(anonymous, "organiser", PASSWORD, otp_token="000000")
    assert response.status_code == 200
    assert "_auth_user_id" not in anonymous.session


def test_staff_with_device_and_right_token_gets_in(anonymous, totp_device):
    response = login(anonymous, "organiser", PASSWORD, otp_token=current_token(totp_device))
    assert response.status_code == 302
    assert anonymous.session["otp_device_id"] == totp_device.persistent_id


def test_unconfirmed_device_does_not_ask_for_token(anonymous, organiser):
    TOTPDevice.objects.create(user=organiser, name="phone", confirmed=False)
    assert login(anonymous, "organiser", PASSWORD).status_code == 302


def test_unverified_session_of_user_with_device_is_kept_out_of_admin(client_for, organiser):
    organiser.is_superuser = True
    organiser.save()
    client = client_for(organiser)  # force_login: password only, no token
    assert client.get(reverse("admin:index")).status_code == 200
    TOTPDevice.objects.create(user=organiser, name="phone", confirmed=True)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


@pytest.mark.parametrize("weak", ["12345678", "organiser"])
def test_admin_password_change_form_rejects_weak_passwords(weak, organiser):
    from django.contrib.auth.forms import AdminPasswordChangeForm

    form = AdminPasswordChangeForm(organiser, data={"password1": weak, "password2": weak})
    assert not form.is_valid()


def test_organiser_enrols_totp_device_with_qr_code(client_for, organiser):
    organiser.is_superuser = True
    organiser.save()
    device = TOTPDevice.objects.create(user=organiser, name="phone", confirmed=False)
    client = client_for(organiser)
    config = client.get(reverse("admin:otp_totp_totpdevice_config", args=[device.pk]))
    assert config.status_code == 200
    qr = client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]))
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"


# Issue 26: wrong second-factor codes and password spraying count towards the lockout.


def test_wrong_codes_count_towards_the_admin_lockout(anonymous, totp_device):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = login(anonymous, "organiser", PASSWORD, otp_token="000000")
        assert response.status_code == 200
    assert login(anonymous, "organiser", PASSWORD, otp_token="000000").status_code == 429
    # Even the right code is refused while locked out.
    response = login(anonymous, "organiser", PASSWORD, otp_token=current_token(totp_device))
    assert response.status_code == 429
    assert "_auth_user_id" not in anonymous.session


def test_wrong_codes_count_towards_the_site_lockout(anonymous, totp_device):
    def site_login(**extra):
        return anonymous.post(
            reverse("public:login"), {"username": "organiser", "password": PASSWORD, **extra}
        )

    # Asking for the code (none given) is the normal second step, not a failure.
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        assert site_login().status_code == 200
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert site_login(otp_token="000000").status_code == 200
    assert site_login(otp_token="000000").status_code == 429
    assert site_login(otp_token=current_token(totp_device)).status_code == 429
    assert "_auth_user_id" not in anonymous.session


def test_password_spraying_from_one_address_is_locked(anonymous, organiser, settings):
    settings.AXES_IP_FAILURE_LIMIT = 4
    for i in range(4):
        # One wrong password per (made-up) account: never the per-username limit.
        assert login(anonymous, f"someone{i}", WRONG).status_code == 200
    assert login(anonymous, "someone-else", WRONG).status_code == 429
    # The address is locked for every account, even with the right password...
    assert login(anonymous, "organiser", PASSWORD).status_code == 429
    # ...but not another address.
    other = anonymous.post(
        reverse("admin:login"),
        {"username": "organiser", "password": PASSWORD, "next": reverse("admin:index")},
        REMOTE_ADDR="192.0.2.55",
    )
    assert other.status_code == 302


def test_a_successful_login_does_not_clear_the_address_count(anonymous, organiser, settings):
    settings.AXES_IP_FAILURE_LIMIT = 4
    for i in range(3):
        login(anonymous, f"someone{i}", WRONG)
    assert login(anonymous, "organiser", PASSWORD).status_code == 302
    anonymous.logout()
    assert login(anonymous, "someone9", WRONG).status_code == 200
    assert login(anonymous, "someone10", WRONG).status_code == 429
