from django.urls import path

from . import views

app_name = "booklet"

urlpatterns = [
    path("editions/<int:year>/booklet.pdf", views.booklet_pdf, name="pdf"),
]
