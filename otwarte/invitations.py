"""Invitations: an organiser adds an expert or a juror by e-mail and the person
sets their own password through Django's password-reset machinery.

The link is a password-reset-confirm link (PasswordResetTokenGenerator): it
stops working once the password is set or after PASSWORD_RESET_TIMEOUT.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils import translation
from django.utils.translation import gettext as _

from otwarte import mail
from otwarte.roles import Role
from otwarte.text import has_visible_text

STAFF_ROLES = {Role.ORGANISER, Role.EXPERT}  # they work in the admin


def set_password_url(*, user, request=None, language=None, token=None):
    """The set-password link, under the language prefix of the invitee's language.
    `token`: what stands in the token's place (mail.PASSWORD_TOKEN: made when sent)."""
    with translation.override(language or translation.get_language()):
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": token or default_token_generator.make_token(user),
            },
        )
    return request.build_absolute_uri(path) if request is not None else path


def login_url(*, request=None, language=None):
    """The one login page of every role (public:login), in the given language."""
    with translation.override(language or translation.get_language()):
        path = reverse("public:login")
    return request.build_absolute_uri(path) if request is not None else path


def find_account(*, username=None, email="", first_name="", last_name=""):
    """The existing account of a person: by username, else by e-mail (any case). An
    invitation names no username: then an account without an e-mail — as an edition
    file may create — is also found by the full name, when exactly one bears it, so
    that inviting an imported expert reuses their account. None when there is none."""
    User = get_user_model()
    if username:
        user = User.objects.filter(username=username).first()
        if user is not None:
            return user
    if email:
        user = User.objects.filter(email__iexact=User.objects.normalize_email(email)).first()
        if user is not None:
            return user
    if not username and has_visible_text(f"{first_name}{last_name}"):
        candidates = list(
            User.objects.filter(
                email="",
                first_name__iexact=first_name.strip(),
                last_name__iexact=last_name.strip(),
            )[:2]
        )
        if len(candidates) == 1:
            return candidates[0]
    return None


def get_or_create_account(*, email, role, username=None, first_name="", last_name=""):
    """The user with this username or this e-mail (see `find_account`), created
    without a usable password when new; added to the role's group."""
    User = get_user_model()
    role = Role(role)
    email = User.objects.normalize_email(email)
    user = find_account(username=username, email=email, first_name=first_name, last_name=last_name)
    if user is None:
        user = User(username=username or email, email=email)
        user.set_unusable_password()
    if not user.email:
        user.email = email
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    user.is_staff = user.is_staff or role in STAFF_ROLES
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.add(Group.objects.get(name=role))
    return user


def invite(
    *, email, role, first_name="", last_name="", request=None, language=None,
    edition=None, deadline=None, account=None,
):
    """Create (or find) the account and e-mail a set-password link, in the
    invitee's language, naming the edition, the role, the deadline and the
    login address. `account`: an account made by the caller (a juror's)."""
    if not email:
        raise ValidationError(_("An invitation needs an e-mail address."))
    known = find_account(email=email, first_name=first_name, last_name=last_name)
    full_name = f"{first_name} {last_name}" if (first_name or last_name) else ""
    if not has_visible_text(full_name) and not (known and has_visible_text(known.get_full_name())):
        # Experts are credited publicly by name, never by username or e-mail.
        raise ValidationError(_("An invitation needs the person's name."))
    with transaction.atomic():
        user = account or get_or_create_account(
            email=email, role=role, first_name=first_name, last_name=last_name
        )
    language = language or mail.language_of(user)
    with translation.override(language):
        role_label = str(Role(role).label)
    mail.send(
        kind="invitation",
        to=user.email,
        user=user,
        language=language,
        context={
            "user": user,
            "role": role_label,
            "edition": edition,
            "deadline": deadline,
            # The token is made when the e-mail goes out and never stored (otwarte.mail).
            "url": set_password_url(
                user=user, request=request, language=language, token=mail.PASSWORD_TOKEN
            ),
            "login_url": login_url(request=request, language=language),
            "username": user.get_username(),
        },
    )
    return user
