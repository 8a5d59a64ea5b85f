"""Invitations: an organiser adds an expert or a juror by e-mail and the person
sets their own password through Django's password-reset machinery.

The link is a password-reset-confirm link (PasswordResetTokenGenerator): it
stops working once the password is set or after PASSWORD_RESET_TIMEOUT.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from otwarte.roles import Role

STAFF_ROLES = {Role.ORGANISER, Role.EXPERT}  # they work in the admin


def set_password_url(*, user, request=None):
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path) if request is not None else path


def get_or_create_account(*, email, role, username=None, first_name="", last_name=""):
    """The user with this username (or, without one, this e-mail), created
    without a usable password when new; added to the role's group."""
    User = get_user_model()
    role = Role(role)
    email = User.objects.normalize_email(email)
    # An import names the account (username); an invitation only has the e-mail.
    if username:
        user = User.objects.filter(username=username).first()
    else:
        user = User.objects.filter(email__iexact=email).first() if email else None
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


def invite(*, email, role, first_name="", last_name="", request=None):
    """Create (or find) the account and e-mail a set-password link."""
    if not email:
        raise ValidationError(_("An invitation needs an e-mail address."))
    with transaction.atomic():
        user = get_or_create_account(
            email=email, role=role, first_name=first_name, last_name=last_name
        )
    context = {
        "user": user,
        "role": Role(role).label,
        "url": set_password_url(user=user, request=request),
        "username": user.get_username(),
    }
    send_mail(
        subject=_("Invitation to Miasta Otwarte"),
        message=render_to_string("registration/invitation_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
    return user
