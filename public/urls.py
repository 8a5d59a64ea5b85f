from django.urls import path

from . import accounts, calendar, city_check, legal, views
from .feeds import AwardsFeed
from .opendata import views as opendata

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("awards.atom", AwardsFeed(), name="awards_feed"),
    path("deadlines.ics", calendar.deadlines_calendar, name="deadlines_calendar"),
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/export.csv", views.practice_export, {"fmt": "csv"}, name="export_csv"),
    path("practices/export.json", views.practice_export, {"fmt": "json"}, name="export_json"),
    path("practices/datapackage.json", views.datapackage, name="datapackage"),
    path("open-data/", opendata.open_data, name="opendata"),
    path("open-data/datapackage.json", opendata.datapackage, name="opendata_package"),
    path("open-data/miasta-otwarte.<str:fmt>", opendata.workbook, name="opendata_workbook"),
    path("open-data/releases/<str:version>.zip", opendata.release_download,
         name="opendata_release"),
    path("open-data/<slug:name>.<str:fmt>", opendata.table_file, name="opendata_table"),
    path("practices/<slug:city_slug>/<slug:slug>/", views.practice_detail, name="practice"),
    path("cities/", views.city_list, name="city_list"),
    path("cities/<slug:slug>/", views.city_detail, name="city"),
    path("editions/", views.edition_list, name="edition_list"),
    path("editions/<int:year>/", views.edition_detail, name="edition"),
    path("editions/<int:year>/methodology/", views.edition_methodology, name="methodology"),
    path("city-check/<str:token>/", city_check.city_check, name="city_check"),
    path("propose/", views.propose, name="propose"),
    path("propose/thanks/", views.propose_thanks, name="propose_thanks"),
    path("contact/", legal.contact, name="contact"),
    path("privacy/", legal.privacy, name="privacy"),
    path("accessibility/", legal.accessibility, name="accessibility"),
    path("login/", accounts.SiteLoginView.as_view(), name="login"),
    path("logout/", accounts.SiteLogoutView.as_view(), name="logout"),
]
