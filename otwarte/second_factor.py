"""The organisers' second factor (TOTP, django-otp), in and outside the admin.

One rule, asked by `otwarte.roles.has_role`: an organiser counts as an
organiser only in a session verified with their confirmed device, or when they
have none (and OTP_REQUIRED_FOR_ORGANISERS is off). So every organiser check in
the project (admin, jury tally, booklet preview, services) inherits it.

Both login pages (admin, jury) take the code; organisers add and remove their
own device on `account/two-step/` (`views.py` here), which needs no organiser
rights (it is how an organiser becomes one again).
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp import devices_for_user, user_has_device
from django_otp.forms import OTPAuthenticationFormMixin

# What an organiser must do before organiser pages open (None: nothing).
VERIFY = "verify"
ENROL = "enrol"


def has_confirmed_device(user):
    """Cached on the user object: asked by every organiser check of a request."""
    cached = getattr(user, "_otp_confirmed", None)
    if cached is None:
        cached = user_has_device(user, confirmed=True)
        user._otp_confirmed = cached
    return cached


def is_verified(user):
    """True when this request's session was verified with a device (OTPMiddleware)."""
    verified = getattr(user, "is_verified", None)
    return bool(verified is not None and verified())


def needs_second_factor(user):
    """True when the user has a confirmed device and this session is not verified."""
    if not user.is_authenticated or is_verified(user):
        return False
    return has_confirmed_device(user)


def organiser_step(user):
    """VERIFY, ENROL or None for someone in the organiser role (group or superuser)."""
    if is_verified(user):
        return None
    if has_confirmed_device(user):
        return VERIFY
    if getattr(settings, "OTP_REQUIRED_FOR_ORGANISERS", False):
        return ENROL
    return None


class UsernameLengthMixin:
    """Refuse over-long user names before they reach authenticate().

    AuthenticationForm sets the field's max_length too late for its validator,
    so a 300-character name went on to django-axes, whose 255-character column
    turned the failed login into a 500. The view answers 400 (`login_status`).
    """

    def clean_username(self):
        username = self.cleaned_data.get("username") or ""
        limit = get_user_model()._meta.get_field(get_user_model().USERNAME_FIELD).max_length
        if len(username) > limit:
            raise forms.ValidationError(
                ngettext(
                    "A user name has at most %(limit)d character.",
                    "A user name has at most %(limit)d characters.",
                    limit,
                ),
                code="max_length",
                params={"limit": limit},
            )
        return username


class CountWrongCodesMixin:
    """A wrong second-factor code is a failed login for the lockout (django-axes).

    The password was right, so `authenticate()` reported no failure: without this,
    an attacker holding the password could guess codes without limit. A missing
    code is the login's normal second step and is not counted."""

    def clean_otp(self, user):
        try:
            super().clean_otp(user)
        except forms.ValidationError:
            if self.cleaned_data.get("otp_token"):
                user_login_failed.send(
                    sender=type(self),
                    credentials={"username": user.get_username()},
                    request=self.request,
                )
            raise


def login_status(form):
    """400 for a login form refused for its shape (an over-long name), else 200."""
    return 400 if form.has_error("username", "max_length") else 200


class OptionalOTPMixin(CountWrongCodesMixin, UsernameLengthMixin, OTPAuthenticationFormMixin):
    """A login form whose code field is required only from users with a confirmed device."""

    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": _("Enter the code from your authenticator app."),
        "invalid_token": _("The code is wrong or has expired. Enter the current code."),
    }

    def _chosen_device(self, user):
        # The login pages have no device menu: use the user's (first) confirmed device.
        return next(devices_for_user(user, confirmed=True), None)

    def check_second_factor(self):
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            self.clean_otp(user)


class OptionalOTPLoginForm(OptionalOTPMixin, AuthenticationForm):
    """The jury login: password, and the code when the account has a device."""

    otp_token = forms.CharField(required=False, max_length=12)

    def clean(self):
        cleaned_data = super().clean()
        self.check_second_factor()
        return cleaned_data


class DeviceConfirmForm(forms.Form):
    """The code shown by the app right after scanning: proves the device works."""

    otp_token = forms.CharField(
        label=_("Code from the app"), max_length=12, widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}
        )
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].strip().replace(" ", "")
        allowed, _extra = self.device.verify_is_allowed()
        if not allowed or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("The code is wrong or has expired. Enter the current code.")
            )
        return token


def gate(request, *, login_url):
    """The redirect an organiser needs before organiser pages, or None.

    VERIFY: back to a login page that asks for the code; ENROL (production):
    to the page where they add a device. Others (not organisers) get None and
    meet the normal permission checks.
    """
    from django.contrib.auth.views import redirect_to_login
    from django.shortcuts import redirect
    from django.urls import reverse
    from django.utils.http import urlencode

    from otwarte.roles import Role, holds_role

    user = request.user
    if not holds_role(user, Role.ORGANISER):
        return None
    step = organiser_step(user)
    if step == VERIFY:
        return redirect_to_login(request.get_full_path(), login_url)
    if step == ENROL:
        return redirect(
            reverse("two_step") + "?" + urlencode({"next": request.get_full_path()})
        )
    return None
