"""Invitations: an organiser adds an expert or a juror by e-mail and the person
sets their own password through Django's password-reset machinery.

The link is a password-reset-confirm link (PasswordResetTokenGenerator): it
stops working once the password is set or after PASSWORD_RESET_TIMEOUT.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils import translation
from django.utils.translation import gettext as _

from otwarte import accounts, mail
from otwarte.roles import Role
from otwarte.text import has_visible_text


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


def invite(
    *, email, role, first_name="", last_name="", request=None, language=None,
    edition=None, deadline=None, account=None, attach_to=None,
):
    """Create the account (or reach one, by `otwarte.accounts`' rule) and e-mail a
    set-password link, in the invitee's language, naming the edition, the role, the
    deadline and the login address. `account`: an account the caller reached through
    `otwarte.accounts` (a juror's); `attach_to`: an unclaimed account the organiser
    picked (`accounts.unclaimed_accounts`). Nobody is ever found by name."""
    if not email:
        raise ValidationError(_("An invitation needs an e-mail address."))
    with transaction.atomic():
        user = account or accounts.account_for_invitation(
            email=email, role=role, first_name=first_name, last_name=last_name,
            attach_to=attach_to,
        )
        if not has_visible_text(f"{first_name} {last_name}") and not has_visible_text(
            user.get_full_name()
        ):
            # Experts are credited publicly by name, never by username or e-mail.
            raise ValidationError(_("An invitation needs the person's name."))
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
            # Django's set-password tokens expire after PASSWORD_RESET_TIMEOUT (3 days).
            "link_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        },
    )
    return user


class KnownPersonChoice:
    """Form mixin for invitations: when the typed name is that of people known by name
    only (imported, without a reachable account), the form asks — radio buttons, no
    JavaScript — whether the invitation is for one of them or for a new person. The
    default is a new person, and nothing is sent before the organiser has seen the
    choice. The match is only ever offered, never made."""

    NEW_PERSON = "new"

    def offer_known_people(self, candidates, label_of):
        self.known_people = {str(person.pk): person for person in candidates}
        self.must_choose = False
        if not self.known_people:
            return
        self.fields["attach"] = forms.ChoiceField(
            label=_("This invitation is for"),
            choices=[
                (self.NEW_PERSON, _("a new person")),
                *((pk, label_of(person)) for pk, person in self.known_people.items()),
            ],
            widget=forms.RadioSelect,
            required=False,
        )
        if self.is_bound and "attach" not in self.data:
            self.data = self.data.copy()
            self.data["attach"] = self.NEW_PERSON  # shown selected: the default
            self.must_choose = True

    def known_person(self):
        """The person the organiser picked, or None (a new person). Call from clean()."""
        if not getattr(self, "known_people", None):
            return None
        if self.must_choose:
            raise ValidationError(
                _("Someone of this name is already known, without an account. Choose below "
                  "whether this invitation is for them or for a new person, and send it again.")
            )
        return self.known_people.get(self.cleaned_data.get("attach") or self.NEW_PERSON)
