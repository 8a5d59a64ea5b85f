from django.urls import path

from . import grid, views

app_name = "translations"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("<int:pk>/", views.edit, name="edit"),
    path("grid/", grid.grid, name="grid"),
]
