"""User accounts in the admin: organisers manage people, not privileges.

Organisers hold auth.change_user (to invite and correct experts and jurors).
With Django's stock UserAdmin that is enough to tick "superuser status" on
their own account or to set a superuser's password. For non-superusers this
admin hides superuser status and single permissions, offers only the role
groups, and leaves superusers' and other organisers' accounts read-only
(their password form included).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group

from otwarte.roles import Role, holds_role

HIDDEN_FROM_ORGANISERS = ("is_superuser", "user_permissions")


def is_protected_account(*, editor, account):
    """Accounts a non-superuser may not change: superusers and other organisers."""
    if editor.is_superuser or account is None or account.pk == editor.pk:
        return False
    return account.is_superuser or holds_role(account, Role.ORGANISER)


class OtwarteUserAdmin(UserAdmin):
    def get_fieldsets(self, request, obj=None):
        # The form is built from these fields only: a posted is_superuser=on is ignored.
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        hidden = HIDDEN_FROM_ORGANISERS
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=list(Role))
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        # Groups a non-superuser cannot see stay as they were.
        kept = []
        if change and not request.user.is_superuser:
            kept = list(form.instance.groups.exclude(name__in=list(Role)))
        super().save_related(request, form, formsets, change)
        if kept:
            form.instance.groups.add(*kept)

    def has_change_permission(self, request, obj=None):
        if is_protected_account(editor=request.user, account=obj):
            return False  # also refuses the password form (user_change_password)
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if is_protected_account(editor=request.user, account=obj):
            return False
        return super().has_delete_permission(request, obj)


def register(site):
    User = get_user_model()
    if site.is_registered(User):
        site.unregister(User)
    site.register(User, OtwarteUserAdmin)
