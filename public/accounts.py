"""The one login and logout of every role, in the public site's look.

Each person lands on their own start page: a juror on the jury dashboard (in
the juror's language), an organiser in the cockpit, an expert on the list of
their reports in the admin, a translator on the worklist. A `next` address
wins (in the juror's language).
"""

from django.contrib.auth.views import LoginView, LogoutView
from django.urls import reverse, translate_url

from jury.permissions import juror_of
from otwarte import second_factor
from otwarte.access import is_organiser
from otwarte.roles import Role, has_role
from practices.permissions import is_expert


def start_page(user):
    """Where a person's work starts (their home after logging in)."""
    juror = juror_of(user)
    if is_organiser(user):
        return reverse("cockpit:index")
    if is_expert(user):
        return reverse("admin:reports_report_changelist")
    if juror is not None:
        return translate_url(reverse("jury:dashboard"), juror.preferred_language)
    if has_role(user, Role.TRANSLATOR):
        return reverse("translations:worklist")
    return reverse("public:home")


class SiteLoginView(LoginView):
    template_name = "public/login.html"
    # The second factor for those who set one up (otwarte/second_factor.py).
    form_class = second_factor.OptionalOTPLoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = second_factor.login_status(form)
        return response

    @property
    def redirect_authenticated_user(self):
        # A session still missing its second factor may log in again with the code.
        return not second_factor.needs_second_factor(self.request.user)

    def get_success_url(self):
        user = self.request.user
        url = self.get_redirect_url()
        if not url:
            return start_page(user)
        juror = juror_of(user)
        if juror is not None:
            # The juror's own language, whatever language the login page was in.
            return translate_url(url, juror.preferred_language)
        return url


class SiteLogoutView(LogoutView):
    next_page = "public:login"
