"""The organisers' cockpit: one page per edition with its phase, what is still
missing, the experts' and jurors' progress, and the phase buttons (each behind
a confirmation page saying what will change). Thin: the rules live in the
services and the phase policy."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from jury import services as jury_services
from jury.permissions import scoring_open
from jury.views import organiser_required
from practices import services as practice_services
from practices.enums import Phase
from practices.models import Edition
from practices.phases import ORDER, Action, allows, next_phases, transition_problem

from . import notifications, readiness
from .forms import UnpublishForm

# What a move does, in the organisers' words (shown before they confirm).
def consequences(edition, phase):
    year = edition.year
    old, new = Phase(edition.phase), Phase(phase)
    texts = {
        (Phase.PREPARATION, Phase.EXPERT_REPORTS): _(
            "Experts can write, change and submit their %(year)s reports."),
        (Phase.EXPERT_REPORTS, Phase.PREPARATION): _(
            "Experts can no longer write or change their %(year)s reports."),
        (Phase.EXPERT_REPORTS, Phase.JURY_SCORING): _(
            "Reports can no longer be written or reviewed; the jurors of %(year)s can score "
            "the nominations, and each juror with an account receives an e-mail."),
        (Phase.JURY_SCORING, Phase.EXPERT_REPORTS): _(
            "Scoring stops for %(year)s; experts can write and change reports again."),
        (Phase.JURY_SCORING, Phase.DELIBERATION): _(
            "Scoring closes: jurors can no longer change their %(year)s scores. You can read "
            "their comments and decide the awards."),
        (Phase.DELIBERATION, Phase.JURY_SCORING): _(
            "Jurors can score the %(year)s nominations again, until the deadline."),
        (Phase.DELIBERATION, Phase.PUBLISHED): _(
            "The %(year)s awards, pages and booklets go online for the public."),
        (Phase.PUBLISHED, Phase.DELIBERATION): _(
            "The %(year)s pages and booklets go offline for the public."),
    }
    return texts[(old, new)] % {"year": year}


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
        "timeline": [(phase, phase == current) for phase in ORDER],
        "current_checks": readiness.checklist(edition, current),
        "following": following,
        "following_checks": readiness.checklist(edition, following) if following else [],
        "experts": readiness.expert_report_status(edition),
        "scoring_open": scoring_open(edition),
        "jurors": readiness.juror_progress(edition),
        "moves": _moves(edition),
        "can_nominate": allows(edition, Action.NOMINATE),
    }
    return render(request, "cockpit/edition.html", context)


@organiser_required
def change_phase(request, year, phase):
    """GET: what the move will change; POST: make it."""
    edition = _edition(year)
    try:
        phase = Phase(phase)
    except ValueError:
        raise Http404 from None
    if phase not in next_phases(edition):
        raise Http404
    unpublishing = allows(edition, Action.UNPUBLISH)
    publishing = allows(edition, Action.PUBLISH) and allows(phase, Action.VIEW_PUBLIC)
    form = UnpublishForm(request.POST or None, edition=edition) if unpublishing else None
    if request.method == "POST" and (form is None or form.is_valid()):
        try:
            if unpublishing:
                practice_services.unpublish_edition(
                    edition=edition, by=request.user, reason=form.cleaned_data["reason"]
                )
            elif publishing:
                jury_services.publish_edition(edition=edition, by=request.user)
            else:
                practice_services.change_phase(edition=edition, phase=phase)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            edition.refresh_from_db()
            if scoring_open(edition):
                notifications.scoring_opened(edition=edition, request=request)
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
            "consequence": consequences(edition, phase),
            "problem": problem,
            "checks": readiness.checklist(edition, phase) if not unpublishing else [],
            "form": form,
        },
        status=200 if request.method == "GET" else 400,
    )
