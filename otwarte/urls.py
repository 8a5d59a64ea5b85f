from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from otwarte import account_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    # The project's URLconf names apps only as strings: `otwarte` imports no app.
    # The JSON API of every app, one OpenAPI document (api/).
    path("api/", include("api.urls")),
    path("", include("public.root_urls")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("jury/", include("jury.urls")),
    path("cockpit/", include("cockpit.urls")),
    path("exchange/", include("exchange.urls")),
    # Invitations (otwarte/invitations.py) reuse Django's password reset views.
    path(
        "account/set-password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "account/set-password/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("surveys/", include("surveys.urls")),
    path("translations/", include("translations.urls")),
    path("scorecards/", include("scorecards.urls")),
    path("account/two-step/", account_views.two_step, name="two_step"),
    path("", include("public.urls")),
    path("", include("booklet.urls")),
)

if settings.BENCH_BARE_VIEW:
    # Django's ceiling for `make bench`: the full middleware stack, no database.
    from django.http import HttpResponse

    urlpatterns.append(path("bench/bare/", lambda request: HttpResponse("ok")))
