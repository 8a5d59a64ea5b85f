"""The roles of the cycle, as Django groups.

Organisers run the cycle in the admin, experts write city reports in the
admin, jurors score nominations on their own pages, translators translate
content on their worklist (`/<lang>/translations/`) and touch nothing else.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ORGANISER = "organiser", _("Organiser")
    EXPERT = "expert", _("Expert")
    JUROR = "juror", _("Juror")
    TRANSLATOR = "translator", _("Translator")


def holds_role(user, role):
    """True when the user is active and in the role's group, second factor aside.

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


def has_role(user, role):
    """True when the user may act in the role now.

    An organiser acts as one only in a session verified with their second
    factor, if they have a confirmed device (or must have one: production);
    every organiser check asks this, in the admin and outside it.
    """
    if not holds_role(user, role):
        return False
    if role == Role.ORGANISER:
        from otwarte.second_factor import organiser_step

        return organiser_step(user) is None
    return True


# Django model permissions per role. Experts' rows are narrowed further by the
# admin (practices/scoping.py: only their assigned cities); these only open doors.
ORGANISER_APPS = ["practices", "reports", "jury", "booklet", "surveys", "scorecards"]
ORGANISER_EXTRA = [("auth", "view_user"), ("auth", "add_user"), ("auth", "change_user")]
EXPERT_PERMISSIONS = [
    ("practices", "view_assignment"),
    ("reports", "view_report"),
    ("reports", "add_report"),
    ("reports", "change_report"),
    ("reports", "view_reportpractice"),
    ("reports", "add_reportpractice"),
    ("reports", "change_reportpractice"),
    ("reports", "delete_reportpractice"),
    ("reports", "view_followup"),
    ("reports", "change_followup"),
    ("reports", "view_recommendationprogress"),
    ("reports", "add_recommendationprogress"),
    ("reports", "change_recommendationprogress"),
    ("reports", "delete_recommendationprogress"),
    ("reports", "view_proposednomination"),
    ("reports", "add_proposednomination"),
    ("reports", "change_proposednomination"),
    ("reports", "delete_proposednomination"),
    ("practices", "view_city"),
    ("practices", "view_practice"),
    ("practices", "add_practice"),
    ("practices", "change_practice"),
    # Experts verify the scorecards of their cities (scorecards/admin.py).
    ("scorecards", "view_cityscorecard"),
    ("scorecards", "change_cityscorecard"),
    ("scorecards", "view_answer"),
    ("scorecards", "change_answer"),
]


def sync_role_groups(*, using="default"):
    """Create the role groups and give them their permissions (idempotent).

    Runs after every `migrate` and every test-database flush (post_migrate), so
    models added later get their permissions and flushed test databases get
    their groups back.
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    groups = {role: Group.objects.using(using).get_or_create(name=role)[0] for role in Role}
    organiser_perms = Permission.objects.using(using).filter(
        content_type__app_label__in=ORGANISER_APPS
    )
    extra = Q()
    for app_label, codename in ORGANISER_EXTRA:
        extra |= Q(content_type__app_label=app_label, codename=codename)
    groups[Role.ORGANISER].permissions.add(
        *organiser_perms, *Permission.objects.using(using).filter(extra)
    )
    expert = Q()
    for app_label, codename in EXPERT_PERMISSIONS:
        expert |= Q(content_type__app_label=app_label, codename=codename)
    groups[Role.EXPERT].permissions.add(*Permission.objects.using(using).filter(expert))


def _on_post_migrate(sender, using="default", **kwargs):
    sync_role_groups(using=using)
