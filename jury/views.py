"""The jury's pages: juror login, dashboard, scoring, conflicts; organisers' tally,
CSV export, award decision and publication. Thin: the rules live in services."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import LoginView, LogoutView, redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, translate_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from otwarte.csvutil import csv_response
from practices.enums import Phase
from practices.models import Award, Edition
from practices.phases import Action, allows, next_phases, phases_allowing
from practices.services import change_phase

from . import services
from .enums import NominationStatus, SaveAction
from .forms import AwardDecisionForm, ConflictForm, ScoreForm, field_name
from .models import Conflict, Criterion, JurorQuote, Nomination, Score, ScoreComment
from .permissions import can_score, is_organiser, juror_of, scoring_open


def _login_redirect(request):
    return redirect_to_login(request.get_full_path(), reverse("jury:login"))


def juror_required(view):
    """Anonymous visitors go to the juror login; other roles get 403."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _login_redirect(request)
        juror = juror_of(request.user)
        if juror is None:
            raise PermissionDenied
        request.juror = juror
        return view(request, *args, **kwargs)

    return wrapped


def organiser_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return _login_redirect(request)
        if not is_organiser(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class JurorLoginView(LoginView):
    template_name = "jury/login.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        user = self.request.user
        url = self.get_redirect_url()
        juror = juror_of(user)
        if juror is not None:
            # The juror's own language, whatever language the login page was in.
            return translate_url(url or reverse("jury:dashboard"), juror.preferred_language)
        if url:
            return url
        if is_organiser(user):
            return reverse("jury:organiser")
        return reverse("public:home")


class JurorLogoutView(LogoutView):
    next_page = "jury:login"


# ---------------------------------------------------------------- juror pages


def _juror_nominations(request):
    return Nomination.objects.for_juror(request.user).for_listing()


@juror_required
def dashboard(request):
    rows, progress = services.juror_overview(
        juror=request.juror, nominations=_juror_nominations(request)
    )
    editions = Edition.objects.filter(
        phase__in=phases_allowing(Action.SCORE), jurors=request.juror
    ).order_by("-year")
    groups = {}
    for nomination, status in rows:
        groups.setdefault(nomination.category, []).append((nomination, status))
    return render(
        request,
        "jury/dashboard.html",
        {
            "juror": request.juror,
            "groups": list(groups.items()),
            "progress": progress,
            "editions": editions,
            "Status": NominationStatus,
        },
    )


@juror_required
def nomination_detail(request, pk):
    if request.method == "POST":
        return _save_scores(request, pk)
    nomination = get_object_or_404(_juror_nominations(request), pk=pk)
    criteria = list(Criterion.objects.filter(edition_id=nomination.edition_id))
    initial = _initial_scores(request.juror, nomination, criteria)
    form = ScoreForm(criteria=criteria, initial=initial)
    return _nomination_page(request, nomination, form)


def _save_scores(request, pk):
    """The "save scores" POST: the hot path of a scoring deadline, so it reads only
    what saving needs (the nomination, the criteria) and leaves every check to
    `submit_scores`, which makes them under its row locks. The full page is built
    only to show errors."""
    juror = request.juror
    # Not its edition: saving needs only the edition's id; the page, when shown, reads it.
    nomination = get_object_or_404(Nomination.objects.for_juror(request.user), pk=pk)
    criteria = list(Criterion.objects.filter(edition_id=nomination.edition_id))
    form = ScoreForm(request.POST, criteria=criteria)
    status = 200
    valid = form.is_valid()
    if valid:
        try:
            services.submit_scores(
                juror=juror,
                nomination=nomination,
                values=form.values(),
                comment=form.cleaned_data["comment"],
                by=request.user,
                criteria=criteria,
            )
        except services.ScoringClosed:
            status = 403
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your scores are saved."))
            if request.POST.get("action") == SaveAction.SAVE_AND_NEXT:
                following = services.next_to_score(
                    juror=juror, nominations=_juror_nominations(request), after=nomination
                )
                if following is None:
                    messages.info(request, _("You have scored every nomination. Thank you!"))
                    return redirect("jury:dashboard")
                return redirect("jury:nomination", pk=following.pk)
            return redirect("jury:nomination", pk=nomination.pk)
    # Re-rendered with the posted values; a bound form keeps them.
    nomination = get_object_or_404(_juror_nominations(request), pk=pk)
    if not valid and not can_score(request.user, nomination):
        status = 403
    if status == 403:
        messages.error(request, _("Scoring is closed for this nomination."))
    form.initial = _initial_scores(juror, nomination, criteria)
    return _nomination_page(request, nomination, form, status=status)


def _initial_scores(juror, nomination, criteria):
    # Only this juror's own scores: other jurors' scores never reach the page.
    own = dict(
        Score.objects.filter(juror=juror, nomination=nomination).values_list(
            "criterion_id", "value"
        )
    )
    comment = ScoreComment.objects.filter(juror=juror, nomination=nomination).first()
    initial = {field_name(c): own.get(c.pk) for c in criteria}
    initial["comment"] = comment.text if comment else ""
    return initial


def _nomination_page(request, nomination, form, status=200):
    juror = request.juror
    conflict = Conflict.objects.filter(juror=juror, nomination=nomination).first()
    allowed = can_score(request.user, nomination, conflicted=conflict is not None)
    earlier_awards = (
        Award.objects.published()
        .filter(practice=nomination.practice)
        .select_related("edition", "category")
        .order_by("-edition__year")
    )
    _rows, progress = services.juror_overview(
        juror=juror, nominations=_juror_nominations(request)
    )
    return render(
        request,
        "jury/nomination.html",
        {
            "nomination": nomination,
            "practice": nomination.practice,
            "form": form,
            "can_score": allowed,
            "conflict": conflict,
            "scoring_open": scoring_open(nomination.edition),
            "earlier_awards": earlier_awards,
            "progress": progress,
            "SaveAction": SaveAction,
        },
        status=status,
    )


@juror_required
def declare_conflict(request, pk):
    nomination = get_object_or_404(_juror_nominations(request), pk=pk)
    existing = Conflict.objects.filter(juror=request.juror, nomination=nomination).first()
    if existing is not None:
        return redirect("jury:nomination", pk=nomination.pk)
    if not scoring_open(nomination.edition):
        messages.error(request, _("Scoring is closed for this nomination."))
        return redirect("jury:nomination", pk=nomination.pk)
    if request.method == "POST":
        form = ConflictForm(request.POST)
        if form.is_valid():
            try:
                services.declare_conflict(
                    juror=request.juror,
                    nomination=nomination,
                    reason=form.cleaned_data["reason"],
                    by=request.user,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Your conflict of interest is recorded. You will not score this nomination."),
                )
                return redirect("jury:dashboard")
    else:
        form = ConflictForm()
    return render(request, "jury/conflict.html", {"nomination": nomination, "form": form})


# ---------------------------------------------------------------- organiser pages


@organiser_required
def organiser_index(request):
    editions = Edition.objects.order_by("-year")
    return render(request, "jury/organiser/index.html", {"editions": editions})


def _edition(year):
    return get_object_or_404(Edition, year=year)


def _tally(edition):
    """The tally, where the phase allows reading it (before scoring there is none)."""
    if not allows(edition, Action.READ_TALLY):
        return [], []
    return services.tally(edition=edition)


@organiser_required
def tally(request, year):
    edition = _edition(year)
    categories, criteria = _tally(edition)
    form = AwardDecisionForm(edition=edition)
    return _tally_page(request, edition, categories, criteria, form)


def _tally_page(request, edition, categories, criteria, form, status=200):
    awards = (
        Award.objects.filter(edition=edition)
        .select_related("category", "practice__city")
        .prefetch_related("similar_actions", Prefetch("quotes", JurorQuote.objects.all()))
        .order_by("order")
    )
    return render(
        request,
        "jury/organiser/tally.html",
        {
            "edition": edition,
            "categories": categories,
            "criteria": criteria,
            "form": form,
            "awards": awards,
            # Publishing has its own button; leaving *published* needs a reason.
            "phases": [
                p for p in next_phases(edition)
                if p != Phase.PUBLISHED and not allows(edition, Action.UNPUBLISH)
            ],
            "has_tally": allows(edition, Action.READ_TALLY),
            "can_decide": allows(edition, Action.DECIDE),
            "can_publish": allows(edition, Action.PUBLISH),
            "conflicts": Conflict.objects.filter(nomination__edition=edition).select_related(
                "juror", "nomination__practice__city"
            ),
        },
        status=status,
    )


@organiser_required
def tally_csv(request, year):
    edition = get_object_or_404(Edition, year=year, phase__in=phases_allowing(Action.READ_TALLY))
    header, rows = services.tally_table(edition=edition)


    return csv_response(f"tally-{edition.year}.csv", header, rows)


@organiser_required
@require_POST
def decide(request, year):
    edition = _edition(year)
    form = AwardDecisionForm(request.POST, edition=edition)
    if form.is_valid():
        data = form.cleaned_data
        quotes = [(data["quote_juror"], data["quote_text"])] if data["quote_text"] else []
        try:
            award = services.decide_award(
                nomination=data["nomination"],
                recommendation=data["recommendation"],
                similar_practices=data["similar_practices"],
                quotes=quotes,
                by=request.user,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Award created: %(award)s.") % {"award": award.practice})
            return redirect("jury:tally", year=edition.year)
    categories, criteria = _tally(edition)
    return _tally_page(request, edition, categories, criteria, form, status=400)


@organiser_required
@require_POST
def publish(request, year):
    edition = _edition(year)
    try:
        services.publish_edition(edition=edition, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The edition is published: its awards are public."))
    return redirect("jury:tally", year=edition.year)


@organiser_required
@require_POST
def set_phase(request, year):
    edition = _edition(year)
    try:
        phase = Phase(request.POST.get("phase", ""))
        if phase == Phase.PUBLISHED:
            raise ValueError
        change_phase(edition=edition, phase=phase)
    except ValueError:
        messages.error(request, _("Choose a phase."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The edition is now in the phase “%(phase)s”.") % {
            "phase": phase.label})
    return redirect("jury:tally", year=edition.year)
