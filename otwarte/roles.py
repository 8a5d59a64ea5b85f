"""The three roles of the cycle, as Django groups.

Organisers run the cycle in the admin, experts write city reports in the
admin, jurors score nominations on their own pages.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    EXPERT = "expert", _("Expert")
    JUROR = "juror", _("Juror")


def has_role(user, role):
    """True when the user is active and in the role's group.

    Superusers count as organisers and nothing else, so that permission tests
    of experts and jurors are not blurred by superuser rights.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if role == Role.ORGANISER and user.is_superuser:
        return True
    # One query per request at most: the groups are cached on the user.
    names = getattr(user, "_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._role_names = names
    return role in names
