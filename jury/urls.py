from django.urls import path

from . import deliberation_views, views

app_name = "jury"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # The site's one login page (public:login) since issue 15; old links still work.
    path("login/", views.old_login, name="login"),
    path("nominations/<int:pk>/", views.nomination_detail, name="nomination"),
    path("nominations/<int:pk>/conflict/", views.declare_conflict, name="conflict"),
    path("deliberation/", deliberation_views.index, name="deliberation"),
    path("deliberation/<int:pk>/", deliberation_views.thread, name="thread"),
    path("deliberation/<int:pk>/revise/", deliberation_views.revise, name="revise"),
    path("deliberation/posts/<int:pk>/translate/", deliberation_views.translate_post,
         name="translate_post"),
    path("deliberation/posts/<int:pk>/share/", deliberation_views.share_post, name="share_post"),
    path("organiser/<int:year>/open-thread/", deliberation_views.open_thread, name="open_thread"),
    path("organiser/", views.organiser_index, name="organiser"),
    path("organiser/<int:year>/", views.tally, name="tally"),
    path("organiser/<int:year>/tally.csv", views.tally_file, name="tally_csv"),
    path("organiser/<int:year>/tally.xlsx", views.tally_file, {"fmt": "xlsx"}, name="tally_xlsx"),
    path("organiser/<int:year>/tally.ods", views.tally_file, {"fmt": "ods"}, name="tally_ods"),
    path("organiser/<int:year>/decide/", views.decide, name="decide"),
    path("organiser/<int:year>/copy-criteria/", views.copy_criteria, name="copy_criteria"),
    path("organiser/<int:year>/jurors/", views.juror_scores, name="juror_scores"),
    path("organiser/<int:year>/awards/<int:pk>/", views.award_edit, name="award_edit"),
    path("organiser/<int:year>/awards/<int:pk>/withdraw/", views.award_withdraw,
         name="award_withdraw"),
]
