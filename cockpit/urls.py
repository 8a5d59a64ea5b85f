from django.urls import path

from . import views

app_name = "cockpit"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.edition_page, name="edition"),
    path("<int:year>/phase/<str:phase>/", views.change_phase, name="phase"),
]
