from django.urls import path

from . import views

app_name = "scorecards"

urlpatterns = [
    path("", views.index, name="index"),
    path("answer/<str:token>/", views.answer, name="answer"),
    path("<int:year>/", views.year, name="year"),
    path("<int:year>/methodology/", views.methodology, name="methodology"),
    path("<int:year>/<slug:slug>/", views.city, name="city"),
]
