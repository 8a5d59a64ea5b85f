"""Audit trail: who changed what, when, old and new values (django-simple-history).

Add a model to AUDITED_MODELS (one line) and run makemigrations: its historical
table is created in the model's own app. Registration happens in
OtwarteConfig.ready(), after modeltranslation has added the per-language columns,
so the history keeps every language (`title_pl`, `title_en`, ...).
The admin shows the history when the ModelAdmin derives from
simple_history.admin.SimpleHistoryAdmin; HistoryRequestMiddleware records the user.
"""

from django.apps import apps
from simple_history import register

AUDITED_MODELS = [
    "practices.Edition",
    "practices.Award",
    "practices.Practice",
    "jury.Criterion",
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
