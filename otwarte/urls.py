from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from practices import views as practice_views

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("practices.api_urls")),
    path("sitemap.xml", practice_views.sitemap, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("jury/", include("jury.urls")),
    path("", include("practices.urls")),
    path("", include("reports.urls")),
)

if settings.BENCH_BARE_VIEW:
    # Django's ceiling for `make bench`: the full middleware stack, no database.
    from django.http import HttpResponse

    urlpatterns.append(path("bench/bare/", lambda request: HttpResponse("ok")))
