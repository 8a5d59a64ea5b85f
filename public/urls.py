from django.urls import path

from . import accounts, city_check
from .views import cities, editions, exports, home, practices, proposals

app_name = "public"

urlpatterns = [
    path("", home.home, name="home"),
    path("practices/", practices.practice_list, name="practice_list"),
    path("practices/export.csv", exports.practice_export, {"fmt": "csv"}, name="export_csv"),
    path("practices/export.json", exports.practice_export, {"fmt": "json"}, name="export_json"),
    path("practices/datapackage.json", exports.datapackage, name="datapackage"),
    path("practices/<slug:city_slug>/<slug:slug>/", practices.practice_detail, name="practice"),
    path("cities/", cities.city_list, name="city_list"),
    path("cities/<slug:slug>/", cities.city_detail, name="city"),
    path("editions/", editions.edition_list, name="edition_list"),
    path("editions/<int:year>/", editions.edition_detail, name="edition"),
    path("editions/<int:year>/methodology/", editions.edition_methodology, name="methodology"),
    path("city-check/<str:token>/", city_check.city_check, name="city_check"),
    path("propose/", proposals.propose, name="propose"),
    path("propose/thanks/", proposals.propose_thanks, name="propose_thanks"),
    path("login/", accounts.SiteLoginView.as_view(), name="login"),
    path("logout/", accounts.SiteLogoutView.as_view(), name="logout"),
]
