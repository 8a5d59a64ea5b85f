"""Bringing a juror in: one step makes the account, the Juror profile and the
membership of the edition's jury, and sends the invitation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from otwarte import invitations
from otwarte.roles import Role
from otwarte.text import polish_slugify

from ..models import Juror


def _unique_slug(name):
    base = polish_slugify(name, max_length=90) or "juror"
    slug, n = base, 2
    while Juror.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _imported_juror(name):
    """The one juror of this name whose record has no reachable account yet (no account,
    or one without an e-mail: as an edition file brings them), or None."""
    candidates = list(
        Juror.objects.filter(name__iexact=name)
        .filter(Q(user__isnull=True) | Q(user__email=""))
        .select_related("user")[:2]
    )
    return candidates[0] if len(candidates) == 1 else None


def invite_juror(
    *, edition, email, name, country_of_origin="", city=None, preferred_language, request=None
):
    """Invite a juror of `edition`: the account (or the existing one with this
    e-mail), its Juror profile (created or updated), the jury membership, and
    an invitation in the juror's language. Returns the Juror.

    A juror already known by name only (imported from an edition file, without an
    account or with one that has no e-mail) keeps their profile and account."""
    name = name.strip()
    if not name:
        raise ValidationError(_("A juror needs a name."))
    # The account carries the name too: invitations refuse a nameless person.
    first_name, _space, last_name = name.rpartition(" ") if " " in name else (name, "", "")
    names = {"first_name": first_name[:150], "last_name": last_name[:150]}
    with transaction.atomic():
        known = invitations.find_account(email=email)
        imported = None if known is not None else _imported_juror(name)
        username = imported.user.get_username() if imported and imported.user else None
        user = invitations.get_or_create_account(
            email=email, role=Role.JUROR, username=username, **names
        )
        juror = Juror.objects.filter(user=user).first() or imported
        if juror is None:
            juror = Juror(user=user, slug=_unique_slug(name))
        juror.user = user
        juror.name = name
        # Translated field: the Polish column is the one every language falls back to.
        juror.country_of_origin_pl = country_of_origin or juror.country_of_origin_pl
        juror.city = city or juror.city
        juror.preferred_language = preferred_language
        juror.save()
        juror.editions.add(edition)
        user.juror = juror
        invitations.invite(
            email=user.email,
            role=Role.JUROR,
            account=user,
            **names,
            request=request,
            language=preferred_language,
            edition=edition,
            deadline=edition.scoring_deadline,
        )
    return juror
