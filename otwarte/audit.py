"""Audit trail: who changed what, when, old and new values (django-simple-history).

Add a model to AUDITED_MODELS (one line) and run makemigrations: its historical
table is created in the model's own app. Registration happens in
OtwarteConfig.ready(), after modeltranslation has added the per-language columns,
so the history keeps every language (`title_pl`, `title_en`, ...).
The admin shows the history when the ModelAdmin derives from GuardedHistoryAdmin
(below: SimpleHistoryAdmin that reverts only for users with change permission);
HistoryRequestMiddleware records the user.
"""

from django.apps import apps
from simple_history import register
from simple_history.admin import SimpleHistoryAdmin

AUDITED_MODELS = [
    "practices.Edition",
    "practices.Award",
    "practices.Practice",
    "jury.Criterion",
    "jury.Nomination",
    # The public conflicts register: a conflict withdrawn leaves its trace here.
    "jury.Conflict",
    # Scores have their own history, jury.ScoreChange (one row per changed value,
    # written in bulk by jury.services.scoring.submit_scores): one trail, not two.
    "reports.Report",
    # The cities' check of their award texts: links sent and revoked, answers decided.
    "jury.CityCheck",
    "jury.CityCheckAnswer",
    # Voiding and comment moderation (surveys.services) are audited here.
    "surveys.Response",
    # Scorecards: each answer's declaration and its expert's verification.
    "scorecards.Answer",
]


def register_history(model):
    """Track every change of `model` (idempotent: a second call does nothing)."""
    if hasattr(model, "history"):
        return
    register(model, app=model._meta.app_label)


def register_audited_models():
    for label in AUDITED_MODELS:
        register_history(apps.get_model(label))


def diff(older, newer):
    """[(field, old value, new value)] between two historical records of one object."""
    delta = newer.diff_against(older)
    return [(change.field, change.old, change.new) for change in delta.changes]


def refuse_revert_without_change_permission(model_admin, request, object_id):
    """django-simple-history's history form saves a POST for anyone who may *view* the
    history (3.13: `history_form_view` checks view-or-change only), which would let an
    expert revert a submitted report or an organiser rewrite a score behind the jury
    pages' back. Call before it: a POST needs change permission on the object."""
    from django.contrib.admin.utils import unquote
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    if request.method != "POST":
        return
    obj = model_admin.get_object(request, unquote(object_id))
    if obj is None:
        raise Http404
    if not model_admin.has_change_permission(request, obj):
        raise PermissionDenied


class GuardedHistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history form reverts only for users who may change."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        from django.http import Http404

        if not str(version_id).isdigit():  # simple-history would int() it: a 500
            raise Http404
        refuse_revert_without_change_permission(self, request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)
