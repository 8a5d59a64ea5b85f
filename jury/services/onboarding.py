"""Bringing a juror in: one step makes the account, the Juror profile and the
membership of the edition's jury, and sends the invitation."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from otwarte import accounts, invitations
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


def imported_jurors(name):
    """Jurors of this name (any case) without a reachable account — no account, or an
    unclaimed one (`otwarte.accounts.is_unclaimed`), as an edition file brings them.
    Candidates the organiser may pick for an invitation; never matched on their own."""
    if not name.strip():
        return []
    found = (
        Juror.objects.filter(name__iexact=name.strip())
        .filter(Q(user__isnull=True) | Q(user__email=""))
        .select_related("user")
        .prefetch_related("editions")
        .order_by("slug")
    )
    return [j for j in found if j.user is None or accounts.is_unclaimed(j.user)]


def invite_juror(
    *, edition, email, name, country_of_origin="", city=None, preferred_language,
    request=None, attach_to=None,
):
    """Invite a juror of `edition`: the account (a new one, or the one with this e-mail,
    by `otwarte.accounts`' rule), its Juror profile, the jury membership, and an
    invitation in the juror's language. Returns the Juror.

    `attach_to`: a juror known by name only (`imported_jurors`) whom the organiser
    explicitly picked; she keeps her profile and gets the account. Without it the
    invitation is for a new person, whatever her name. An existing profile keeps its
    name; country, city and language are updated."""
    name = name.strip()
    if not name:
        raise ValidationError(_("A juror needs a name."))
    # The account carries the name too: invitations refuse a nameless person.
    first_name, _space, last_name = name.rpartition(" ") if " " in name else (name, "", "")
    names = {"first_name": first_name[:150], "last_name": last_name[:150]}
    with transaction.atomic():
        if attach_to is not None:
            # No select_related: PostgreSQL locks no row on the nullable side of a join.
            attach_to = Juror.objects.select_for_update().get(pk=attach_to.pk)
            if attach_to.user is not None and not accounts.is_unclaimed(attach_to.user):
                raise ValidationError(
                    _("%(name)s already has an account in use; invite that account's e-mail instead.")
                    % {"name": attach_to.name}
                )
        if attach_to is not None and attach_to.user is not None:
            user = accounts.account_for_invitation(
                email=email, role=Role.JUROR, attach_to=attach_to.user
            )
        else:
            user = accounts.account_for_invitation(email=email, role=Role.JUROR, **names)
        juror = Juror.objects.filter(user=user).first()
        if juror is not None and attach_to is not None and juror.pk != attach_to.pk:
            raise ValidationError(
                _("This e-mail belongs to the account of the juror %(other)s, not %(name)s.")
                % {"other": juror.name, "name": attach_to.name}
            )
        juror = juror or attach_to or Juror(name=name, slug=_unique_slug(name))
        juror.user = user
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
