from django.urls import path

from .booklet import views as booklet_views

app_name = "reports"

urlpatterns = [
    path("editions/<int:year>/booklet.pdf", booklet_views.booklet_pdf, name="booklet"),
]
