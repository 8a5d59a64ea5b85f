"""The admin site with an optional second factor (TOTP, django-otp).

Staff without a confirmed device log in with their password as before; staff
who have one (organisers may add it under "TOTP devices") must also enter the
current token, and are not let into the admin until the session is verified.
"""

from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm


def needs_second_factor(user):
    """True when the user has a confirmed OTP device and this session is not verified."""
    if not user.is_authenticated:
        return False
    verified = getattr(user, "is_verified", None)
    if verified is not None and verified():
        return False
    return user_has_device(user, confirmed=True)


class OptionalOTPAuthenticationForm(OTPAdminAuthenticationForm):
    """The admin login form; the token is required only from users with a device."""

    otp_error_messages = {
        **OTPAdminAuthenticationForm.otp_error_messages,
        "token_required": _("Enter the code from your authenticator app."),
        "invalid_token": _("The code is wrong or has expired. Enter the current code."),
    }

    def _chosen_device(self, user):
        # The login page has no device menu: use the user's (first) confirmed device.
        device = super()._chosen_device(user)
        if device is None:
            device = next(devices_for_user(user, confirmed=True), None)
        return device

    def clean(self):
        cleaned_data = AdminAuthenticationForm.clean(self)
        user = self.get_user()
        if user is not None and user_has_device(user, confirmed=True):
            self.clean_otp(user)
        return cleaned_data


class OtwarteAdminSite(AdminSite):
    site_header = _("Miasta Otwarte — administration")
    site_title = _("Miasta Otwarte")
    login_form = OptionalOTPAuthenticationForm
    login_template = "admin/otwarte_login.html"

    def has_permission(self, request):
        return super().has_permission(request) and not needs_second_factor(request.user)
