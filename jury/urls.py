from django.urls import path

from . import views

app_name = "jury"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("login/", views.JurorLoginView.as_view(), name="login"),
    path("logout/", views.JurorLogoutView.as_view(), name="logout"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination"),
    path("nominations/<int:pk>/conflict/", views.declare_conflict, name="conflict"),
    path("organiser/", views.organiser_index, name="organiser"),
    path("organiser/<int:year>/", views.tally, name="tally"),
    path("organiser/<int:year>/tally.csv", views.tally_csv, name="tally_csv"),
    path("organiser/<int:year>/decide/", views.decide, name="decide"),
    path("organiser/<int:year>/publish/", views.publish, name="publish"),
    path("organiser/<int:year>/phase/", views.set_phase, name="phase"),
]
