from django.urls import path

from . import city_checks, mail_views, reminders, views

app_name = "cockpit"

urlpatterns = [
    path("", views.index, name="index"),
    path("mail/", mail_views.failed, name="mail_failed"),
    path("mail/<int:pk>/retry/", mail_views.retry, name="mail_retry"),
    path("<int:year>/", views.edition_page, name="edition"),
    path("<int:year>/phase/<str:phase>/", views.change_phase, name="phase"),
    path("<int:year>/remind/", reminders.remind_late, name="remind_late"),
    path("<int:year>/remind/juror/<int:pk>/", reminders.remind_juror, name="remind_juror"),
    path("<int:year>/remind/expert/<int:pk>/", reminders.remind_expert, name="remind_expert"),
    path("<int:year>/reinvite/juror/<int:pk>/", reminders.reinvite_juror,
         name="reinvite_juror"),
    path("<int:year>/reinvite/expert/<int:pk>/", reminders.reinvite_expert,
         name="reinvite_expert"),
    path("<int:year>/city-checks/", city_checks.page, name="city_checks"),
    path("<int:year>/city-checks/send/<int:city_pk>/", city_checks.send,
         name="city_check_send"),
    path("<int:year>/city-checks/<int:pk>/revoke/", city_checks.revoke,
         name="city_check_revoke"),
    path("<int:year>/city-checks/answers/<int:pk>/", city_checks.decide,
         name="city_check_decide"),
]
