"""What `manage.py backup` saves and `restore` loads back."""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.timezone import is_aware

# The project's own apps, in full (including their audit-trail tables).
PROJECT_APPS = ["practices", "reports", "jury", "booklet"]
# Accounts, roles and second-factor devices, so people can log in after a restore.
EXTRA_MODELS = ["auth.Group", "auth.User", "otp_totp.TOTPDevice"]


def backed_up_labels():
    """["app_label.ModelName", ...]: every model a backup contains."""
    labels = []
    for label in PROJECT_APPS:
        if apps.is_installed(label):
            config = apps.get_app_config(label)
            labels += [m._meta.label for m in config.get_models()]
    labels += [label for label in EXTRA_MODELS if _exists(label)]
    return labels


def _exists(label):
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def is_empty():
    """True when the database holds no user and no project data (groups may exist)."""
    if get_user_model()._default_manager.exists():
        return False
    for label in backed_up_labels():
        if label != "auth.Group" and apps.get_model(label)._default_manager.exists():
            return False
    return True


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
