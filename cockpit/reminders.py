"""The organisers' "remind now" and "send the invitation again" (cockpit edition page).

POST only, each answered with a message on the edition page; a second click within the
hour sends nothing more (cockpit.notifications keys manual reminders by the hour)."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from jury.models import Juror
from otwarte.access import organiser_required
from otwarte.invitations import invite
from otwarte.roles import Role
from practices.models import Edition

from . import notifications


def _experts_of(edition):
    return get_user_model().objects.filter(assignments__edition=edition).distinct()


def _back(edition):
    return redirect("cockpit:edition", year=edition.year)


def _base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def _sent(request, sent, person):
    if sent:
        messages.success(request, _("A reminder is on its way to %(name)s.") % {"name": person})
    else:
        messages.info(request, _("Nothing sent to %(name)s: nothing is late, or a reminder "
                                 "already went out this hour.") % {"name": person})


@organiser_required
@require_POST
def remind_juror(request, year, pk):
    edition = get_object_or_404(Edition, year=year)
    juror = get_object_or_404(Juror.objects.select_related("user"), pk=pk, editions=edition)
    sent = 0
    if juror in notifications.late_jurors(edition):
        sent = notifications.remind_juror_now(edition=edition, juror=juror,
                                              base_url=_base_url(request))
    _sent(request, sent, juror.name)
    return _back(edition)


@organiser_required
@require_POST
def remind_expert(request, year, pk):
    edition = get_object_or_404(Edition, year=year)
    expert = get_object_or_404(_experts_of(edition), pk=pk)
    cities = dict(notifications.late_experts(edition)).get(expert)
    sent = 0
    if cities:
        sent = notifications.remind_expert_now(edition=edition, expert=expert, cities=cities,
                                               base_url=_base_url(request))
    _sent(request, sent, expert.get_full_name() or expert.get_username())
    return _back(edition)


@organiser_required
@require_POST
def remind_late(request, year):
    edition = get_object_or_404(Edition, year=year)
    sent = notifications.remind_all_late(edition=edition, base_url=_base_url(request))
    messages.success(request, ngettext(
        "%(n)d reminder is on its way.", "%(n)d reminders are on their way.", sent,
    ) % {"n": sent})
    return _back(edition)


def _reinvite(request, edition, *, user, role, language=None):
    name = user.get_full_name() or user.get_username()
    # Only for someone who never set a password: everyone else logs in as usual.
    if user.has_usable_password() or user.last_login is not None or not user.email:
        messages.error(request, _("%(name)s has already accepted the invitation.") % {
            "name": name})
        return
    try:
        invite(email=user.email, role=role, request=request, language=language,
               edition=edition, account=user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The invitation is sent to %(name)s again.") % {
            "name": name})


@organiser_required
@require_POST
def reinvite_juror(request, year, pk):
    edition = get_object_or_404(Edition, year=year)
    juror = get_object_or_404(Juror.objects.select_related("user"), pk=pk, editions=edition,
                              user__isnull=False)
    _reinvite(request, edition, user=juror.user, role=Role.JUROR,
              language=juror.preferred_language)
    return _back(edition)


@organiser_required
@require_POST
def reinvite_expert(request, year, pk):
    edition = get_object_or_404(Edition, year=year)
    expert = get_object_or_404(_experts_of(edition), pk=pk)
    _reinvite(request, edition, user=expert, role=Role.EXPERT)
    return _back(edition)
