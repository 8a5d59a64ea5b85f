from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("", views.home, name="home"),
    path("practices/<slug:city_slug>/<slug:slug>/", views.practice_detail, name="practice"),
]
