from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:kind>/<int:year>/", views.respond, name="respond"),
    path("<slug:kind>/<int:year>/check-email/", views.check_email, name="check_email"),
    path("<slug:kind>/<int:year>/r/<str:token>/", views.link, name="link"),
    path("<slug:kind>/<int:year>/results/", views.results, name="results"),
    path("<slug:kind>/<int:year>/results.csv", views.results_csv, name="results_csv"),
]
