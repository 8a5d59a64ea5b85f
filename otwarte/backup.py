"""What `manage.py backup` saves and `restore` loads back.

Every model of every project app (an installed app whose code lives in this
repository, found from its path, so a new app is backed up without a line
here), plus the third-party tables that hold the project's data, minus the
tables in EXCLUDED_MODELS, each left out for the reason given there
(docs/deploy.md, "Backups"). tests/otwarte/test_backup.py fails when an
installed model is neither backed up nor excluded.
"""

import datetime
import sysconfig
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.timezone import is_aware

# Third-party tables that hold the project's data: accounts, roles and second-factor
# devices (so people can log in after a restore) and the admin's log of who changed
# what (the organisers' audit beside the simple-history tables, which live in the apps).
EXTRA_MODELS = ["auth.Group", "auth.User", "otp_totp.TOTPDevice", "admin.LogEntry"]

# Left out on purpose, with the reason. Keep docs/deploy.md ("Backups") in step.
EXCLUDED_MODELS = {
    "otwarte.ContentVersion": "the public cache's version stamp; restore sets a new one",
    "contenttypes.ContentType": "written by migrate; the backup names content types by natural key",
    "auth.Permission": "written by migrate; groups and users name permissions by natural key",
    "sessions.Session": "log-ins to the old server; people log in again after a restore",
    # django-axes: restoring counters would lock out (or let in) people on the new server
    # by what happened on the old one; the logs hold IP addresses, kept as long as the
    # server's own logs, not copied into every nightly file (pg_dump keeps them).
    "axes.AccessAttempt": "login-lockout counters of the old server",
    "axes.AccessAttemptExpiration": "when those lockout counters expire",
    "axes.AccessFailureLog": "failed log-ins with IP addresses (the server's security log)",
    "axes.AccessLog": "log-ins with IP addresses (the server's security log)",
    # The task queue: a restored waiting task would run a second time (a mail sent
    # twice); finished ones are only their outcome. A booklet rendering left waiting
    # is marked failed by `sweep_booklet_renders` and rendered again on request.
    "django_tasks_database.DBTaskResult": "the task worker's queue and results",
}

# Reference rows that `migrate` writes (the role groups, surveys' consular posts and
# the translation statuses of their names): a freshly migrated database that holds
# only these is empty, and a restore into it replaces them with the backup's own
# (which the organisers may have edited, deleted or renumbered).
SEEDED_MODELS = ["auth.Group", "surveys.Target", "translations.TranslationStatus"]

# Loaded before the rest: saving a translated text (even a raw save) writes its
# translation statuses unless they exist (translations/signals.py), and a restore
# must keep the backup's own, with their pks, states and reviewers.
LOAD_FIRST = ["translations.TranslationStatus"]


def project_app_configs():
    """The installed apps whose code lives in this repository (not in a virtualenv
    that may sit inside it)."""
    root = Path(settings.BASE_DIR).resolve()
    libraries = {Path(sysconfig.get_path(name)).resolve() for name in ("purelib", "platlib")}
    configs = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(root) and not any(path.is_relative_to(lib) for lib in libraries):
            configs.append(config)
    return configs


def backed_up_labels():
    """["app_label.ModelName", ...]: every model a backup contains, accounts first."""
    labels = [label for label in EXTRA_MODELS if _exists(label)]
    for config in project_app_configs():
        labels += [
            model._meta.label
            for model in config.get_models()
            if model._meta.label not in EXCLUDED_MODELS
        ]
    return labels


def _exists(label):
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def seeded_models():
    return [apps.get_model(label) for label in SEEDED_MODELS if _exists(label)]


def is_empty():
    """True when the database holds nothing a backup contains but the rows migrate writes."""
    if get_user_model()._default_manager.exists():
        return False
    seeded = set(SEEDED_MODELS)
    for label in backed_up_labels():
        if label not in seeded and apps.get_model(label)._base_manager.exists():
            return False
    return True


def load_order(models):
    """`models` (in dependency order) with LOAD_FIRST moved right after the last
    model they refer to, ahead of every model that does not."""
    first = [model for model in models if model._meta.label in LOAD_FIRST]
    order = [model for model in models if model not in first]
    for model in first:
        targets = {
            field.related_model for field in model._meta.concrete_fields if field.is_relation
        }
        position = max((i + 1 for i, other in enumerate(order) if other in targets), default=0)
        order.insert(position, model)
    return order


class PreciseJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes and times to milliseconds; a backup keeps
    the microseconds (history dates, score times), so a restore is exact."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            if isinstance(o, datetime.time) and is_aware(o):
                raise ValueError("JSON can't represent timezone-aware times.")
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)
