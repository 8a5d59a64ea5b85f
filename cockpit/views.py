"""The organisers' cockpit: one page per edition with its phase, what is still
missing, the experts' and jurors' progress, and the phase buttons (each behind
a confirmation page saying what will change). Thin: the rules live in the
services and the phase policy."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from jury.permissions import scoring_open
from otwarte.access import organiser_required
from practices import services as practice_services
from practices.enums import Phase
from practices.models import Edition
from practices.phases import (
    Action,
    allows,
    can_move,
    next_phases,
    opened_and_closed,
    timeline,
    transition_problem,
)
from practices.signals import effects_of

from . import notifications, readiness
from .forms import UnpublishForm


def consequences(edition, phase):
    """What a move changes, in the organisers' words, derived from the one policy:
    what the receivers of the move do (`practices.signals.describe_effect`), then
    the actions the phase table opens and closes."""
    lines = [text % {"year": edition.year} for text in effects_of(old=edition.phase, new=phase)]
    opened, closed = opened_and_closed(edition, phase)
    for actions, sentence in ((opened, _("Becomes possible: %(actions)s.")),
                              (closed, _("No longer possible: %(actions)s."))):
        if actions:
            lines.append(sentence % {"actions": "; ".join(str(a.label) for a in actions)})
    return lines


def _edition(year):
    return get_object_or_404(Edition, year=year)


def _moves(edition):
    has_awards = edition.awards.exists()
    return [
        {"phase": phase, "problem": transition_problem(
            edition=edition, phase=phase, has_awards=has_awards,
            unpublishing=allows(edition, Action.UNPUBLISH))}
        for phase in next_phases(edition)
    ]


@organiser_required
def index(request):
    editions = Edition.objects.order_by("-year")
    return render(request, "cockpit/index.html", {"editions": editions})


@organiser_required
def edition_page(request, year):
    edition = _edition(year)
    following = readiness.following_phase(edition)
    current = Phase(edition.phase)
    context = {
        "edition": edition,
        "timeline": timeline(edition),
        "current_checks": readiness.checklist(edition, current),
        "following": following,
        "following_checks": readiness.checklist(edition, following) if following else [],
        "experts": readiness.expert_report_status(edition),
        "scoring_open": scoring_open(edition),
        "jurors": readiness.juror_progress(edition),
        "moves": _moves(edition),
        "can_nominate": allows(edition, Action.NOMINATE),
    }
    late_jurors = notifications.late_jurors(edition)
    late_experts = notifications.late_experts(edition)
    context.update(
        late_juror_ids={juror.pk for juror in late_jurors},
        late_expert_ids={expert.pk for expert, _cities in late_experts},
        late_count=len(late_jurors) + len(late_experts),
    )
    return render(request, "cockpit/edition.html", context)


@organiser_required
def change_phase(request, year, phase):
    """GET: what the move will change; POST: make it."""
    edition = _edition(year)
    try:
        phase = Phase(phase)
    except ValueError:
        raise Http404 from None
    if not can_move(edition, phase):
        raise Http404
    unpublishing = allows(edition, Action.UNPUBLISH)
    form = UnpublishForm(request.POST or None, edition=edition) if unpublishing else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            practice_services.change_phase(
                edition=edition, phase=phase, by=request.user,
                reason=form.cleaned_data["reason"] if form else "",
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The edition is now in the phase “%(phase)s”.") % {
                "phase": phase.label})
        return redirect("cockpit:edition", year=edition.year)
    problem = transition_problem(
        edition=edition, phase=phase, has_awards=edition.awards.exists(),
        unpublishing=unpublishing,
    )
    return render(
        request,
        "cockpit/confirm.html",
        {
            "edition": edition,
            "phase": phase,
            "consequences": consequences(edition, phase),
            "problem": problem,
            "checks": readiness.checklist(edition, phase) if not unpublishing else [],
            "form": form,
        },
        status=200 if request.method == "GET" else 400,
    )
