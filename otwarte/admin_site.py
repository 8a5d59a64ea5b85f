"""The admin site with an optional second factor (TOTP, django-otp).

Staff without a confirmed device log in with their password as before; staff
who have one (organisers add it on their two-step page, otwarte/account_views.py)
must also enter the current token, and are not let into the admin until the
session is verified. The rule itself lives in otwarte/second_factor.py.
"""

from functools import update_wrapper

from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import BadRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp.admin import OTPAdminAuthenticationForm

from otwarte import second_factor
from otwarte.second_factor import needs_second_factor

__all__ = ["OtwarteAdminSite", "OptionalOTPAuthenticationForm", "needs_second_factor"]


class OptionalOTPAuthenticationForm(
    second_factor.CountWrongCodesMixin, second_factor.UsernameLengthMixin,
    OTPAdminAuthenticationForm,
):
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

    def login(self, request, extra_context=None):
        response = super().login(request, extra_context)
        form = getattr(response, "context_data", {}).get("form") if response.status_code == 200 else None
        if form is not None and form.is_bound:
            response.status_code = second_factor.login_status(form)
        return response

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def gated(request, *args, **kwargs):
            # PostgreSQL cannot compare text with NUL: a changelist filter (or
            # any other admin parameter) with one is a bad request, not a 500.
            if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
                raise BadRequest("NUL in the query string")
            # An organiser who must still add a device (production) is sent to
            # set it up instead of being shown the login form again.
            logout = reverse("admin:logout", current_app=self.name)
            if (
                request.user.is_authenticated
                and request.path != logout
                and not needs_second_factor(request.user)
            ):
                response = second_factor.gate(request, login_url=reverse("admin:login"))
                if response is not None:
                    return response
            return inner(request, *args, **kwargs)

        return update_wrapper(gated, inner)
