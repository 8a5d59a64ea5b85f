from django.urls import path

from . import api

app_name = "surveys_api"

urlpatterns = [
    path("", api.index, name="index"),
    path("<slug:kind>/<int:year>/", api.survey, name="survey"),
]
