"""The one rule for accounts reached outside the user admin: invitations (experts,
jurors, translators) and the edition import.

They may create an account, or add a role to an existing one that an e-mail matches
exactly (or that the organiser explicitly picks), and nothing else:

- an existing account's username, e-mail, names and password are never changed;
- privileged accounts (superusers, organisers, staff who are not merely experts,
  accounts with permissions or groups of their own) are never touched at all;
- nobody is found by name. A person known by name only — an account an edition file
  made, without an e-mail — is offered to the organiser, who picks it explicitly.

The one exception to "never changed": such an *unclaimed* account (no e-mail, no
usable password, never signed in, no privilege), picked explicitly by the organiser,
gets the invitation's e-mail. Nobody can sign in to it, so nobody loses it.

`tests/otwarte/test_accounts.py` lists every module that creates or changes accounts;
a new one fails that test until it is reviewed and goes through this module.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from otwarte.roles import Role

STAFF_ROLES = {Role.ORGANISER, Role.EXPERT}  # they work in the admin
# Roles an invitation or an edition file may give; organisers are made in the user admin.
GRANTABLE_ROLES = {Role.EXPERT, Role.JUROR, Role.TRANSLATOR}

RIGHTS = {
    "superuser": gettext_lazy("superuser rights"),
    "organiser": gettext_lazy("organiser rights"),
    "staff": gettext_lazy("staff rights"),
    "permissions": gettext_lazy("permissions of its own"),
}


def privilege(user):
    """Why the account may not be touched by an invitation or an import (a key of
    RIGHTS), or None. Experts are staff because they work in the admin: an expert is
    not privileged, any other staff account is."""
    if user.is_superuser:
        return "superuser"
    groups = set(user.groups.values_list("name", flat=True))
    if Role.ORGANISER in groups:
        return "organiser"
    if user.is_staff and Role.EXPERT not in groups:
        return "staff"
    if groups - set(GRANTABLE_ROLES) or user.user_permissions.exists():
        return "permissions"
    return None


def is_unclaimed(user):
    """An account nobody can sign in to: no e-mail, no usable password, never used,
    no privilege — as an edition file makes them."""
    return (
        not user.email
        and not user.has_usable_password()
        and user.last_login is None
        and privilege(user) is None
    )


def unclaimed_accounts(*, first_name, last_name):
    """The unclaimed accounts bearing this full name (any case): candidates the
    organiser may pick, never matched on their own."""
    first_name, last_name = first_name.strip(), last_name.strip()
    if not (first_name or last_name):
        return []
    User = get_user_model()
    found = User.objects.filter(
        email="", last_login=None, is_superuser=False,
        first_name__iexact=first_name, last_name__iexact=last_name,
    ).order_by("username")
    return [user for user in found if is_unclaimed(user)]


def _role_label(role):
    return str(Role(role).label).lower()


def refuse_privileged(user, role):
    """ValidationError when an invitation would touch a privileged account."""
    reason = privilege(user)
    if reason is not None:
        raise ValidationError(
            _("This e-mail belongs to an account with %(rights)s; it cannot be invited as "
              "%(role)s. Only a superuser changes it, in the user admin.")
            % {"rights": RIGHTS[reason], "role": _role_label(role)},
            code="privileged",
        )


def grant_role(user, role):
    """Put a non-privileged account in the role's group (experts also become staff);
    nothing else of the account changes. Returns what changed ("role", "is_staff")."""
    role = Role(role)
    if role not in GRANTABLE_ROLES:
        raise ValidationError(_("Organisers are made by a superuser in the user admin."))
    refuse_privileged(user, role)
    changed = []
    if role in STAFF_ROLES and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        changed.append("is_staff")
    group = Group.objects.get(name=role)
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        changed.append("role")
    return changed


def create_account(*, username, email, role, first_name="", last_name=""):
    """A new account without a usable password (the person sets it through the
    invitation's link), in the role's group."""
    User = get_user_model()
    user = User(
        username=username, email=User.objects.normalize_email(email),
        first_name=first_name.strip(), last_name=last_name.strip(),
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    grant_role(user, role)
    return user


def accounts_with_email(email):
    """Accounts whose e-mail is this one (any case: mailboxes do not tell case apart)."""
    if not email:
        return []
    User = get_user_model()
    return list(User.objects.filter(email__iexact=User.objects.normalize_email(email))[:2])


def account_for_invitation(*, email, role, first_name="", last_name="", attach_to=None):
    """The account an invitation goes to: `attach_to` (an unclaimed account the organiser
    picked, which gets this e-mail), else the one account with this e-mail (given the
    role, otherwise unchanged), else a new account named by the e-mail. Refuses
    privileged accounts and an e-mail shared by several accounts."""
    User = get_user_model()
    email = User.objects.normalize_email(email)
    owners = accounts_with_email(email)
    if attach_to is not None:
        attach_to = User.objects.select_for_update().get(pk=attach_to.pk)
        if not is_unclaimed(attach_to):
            refuse_privileged(attach_to, role)
            raise ValidationError(
                _("Only an account without an e-mail that nobody has signed in to can be "
                  "picked for an invitation."),
                code="claimed",
            )
        if owners:
            raise ValidationError(
                _("This e-mail already belongs to another account."), code="taken"
            )
        attach_to.email = email
        attach_to.full_clean(exclude=["password"])
        attach_to.save(update_fields=["email"])
        grant_role(attach_to, role)
        return attach_to
    if len(owners) > 1:
        raise ValidationError(
            _("Several accounts have this e-mail; correct them in the user admin first."),
            code="ambiguous",
        )
    if owners:
        grant_role(owners[0], role)
        return owners[0]
    if User.objects.filter(username=email).exists():
        raise ValidationError(
            _("An account with the user name %(username)s exists with another e-mail; "
              "correct it in the user admin first.") % {"username": email},
            code="username",
        )
    return create_account(
        username=email, email=email, role=role, first_name=first_name, last_name=last_name
    )


def account_for_import(*, username, role, email=None, first_name=None, last_name=None):
    """The account an edition file names: by username, else by its e-mail exactly; created
    when neither is known. An existing account is only given the role: each of e-mail,
    first and last name the row gives (None or "": not given) must equal the stored one,
    and a privileged account is refused. Returns (user, created, changed)."""
    User = get_user_model()
    email = User.objects.normalize_email(email or "")
    given = {"first_name": (first_name or "").strip(), "last_name": (last_name or "").strip()}
    user = User.objects.filter(username=username).first()
    if user is None:
        owners = accounts_with_email(email)
        if len(owners) > 1:
            raise ValidationError(
                _("several accounts have the e-mail %(email)s; correct them in the user "
                  "admin first.") % {"email": email},
                code="ambiguous",
            )
        user = owners[0] if owners else None
    if user is None:
        return create_account(username=username, email=email, role=role, **given), True, []
    reason = privilege(user)
    if reason is not None:
        raise ValidationError(
            _("the account “%(username)s” has %(rights)s; an edition file cannot make it "
              "%(role)s. Only a superuser changes it, in the user admin.")
            % {"username": user.get_username(), "rights": RIGHTS[reason],
               "role": _role_label(role)},
            code="privileged",
        )
    differing = []
    if email and user.email.lower() != email.lower():
        differing.append(("email", user.email, email))
    for name, value in given.items():
        if value and getattr(user, name).strip() != value:
            differing.append((name, getattr(user, name), value))
    if differing:
        raise ValidationError(
            _("the account “%(username)s” exists with %(stored)s; the file gives %(given)s. "
              "An edition file never changes an existing account: correct the file, or the "
              "account in the user admin.")
            % {
                "username": user.get_username(),
                "stored": ", ".join(f"{n} “{old}”" for n, old, _new in differing),
                "given": ", ".join(f"{n} “{new}”" for n, _old, new in differing),
            },
            code="differs",
        )
    return user, False, grant_role(user, role)
