from django.urls import path

from . import grid, transfer, views

app_name = "translations"

urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("<int:pk>/", views.edit, name="edit"),
    path("grid/", grid.grid, name="grid"),
    path("download.po", transfer.download, name="download"),
    path("upload/", transfer.upload, name="upload"),
]
