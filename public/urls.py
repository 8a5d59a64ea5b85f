from django.urls import path

from . import accounts, calendar, city_check
from .feeds import AwardsFeed
from .opendata import views as opendata
from .views import cities, editions, exports, home, legal, practices, proposals

app_name = "public"

urlpatterns = [
    path("", home.home, name="home"),
    path("awards.atom", AwardsFeed(), name="awards_feed"),
    path("deadlines.ics", calendar.deadlines_calendar, name="deadlines_calendar"),
    path("practices/", practices.practice_list, name="practice_list"),
    path("practices/export.csv", exports.practice_export, {"fmt": "csv"}, name="export_csv"),
    path("practices/export.json", exports.practice_export, {"fmt": "json"}, name="export_json"),
    path("practices/datapackage.json", exports.datapackage, name="datapackage"),
    path("open-data/", opendata.open_data, name="opendata"),
    path("open-data/datapackage.json", opendata.datapackage, name="opendata_package"),
    path("open-data/miasta-otwarte.<str:fmt>", opendata.workbook, name="opendata_workbook"),
    path("open-data/releases/<str:version>.zip", opendata.release_download,
         name="opendata_release"),
    path("open-data/<slug:name>.<str:fmt>", opendata.table_file, name="opendata_table"),
    path("practices/<slug:city_slug>/<slug:slug>/", practices.practice_detail, name="practice"),
    path("cities/", cities.city_list, name="city_list"),
    path("cities/<slug:slug>/", cities.city_detail, name="city"),
    path("editions/", editions.edition_list, name="edition_list"),
    path("editions/<int:year>/", editions.edition_detail, name="edition"),
    path("editions/<int:year>/methodology/", editions.edition_methodology, name="methodology"),
    path("city-check/<str:token>/", city_check.city_check, name="city_check"),
    path("propose/", proposals.propose, name="propose"),
    path("propose/thanks/", proposals.propose_thanks, name="propose_thanks"),
    path("contact/", legal.contact, name="contact"),
    path("privacy/", legal.privacy, name="privacy"),
    path("accessibility/", legal.accessibility, name="accessibility"),
    path("login/", accounts.SiteLoginView.as_view(), name="login"),
    path("logout/", accounts.SiteLogoutView.as_view(), name="logout"),
]
