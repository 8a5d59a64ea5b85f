"""The jury's pages: juror login, dashboard, scoring, conflicts; organisers' tally,
CSV export, award decision and publication. Thin: the rules live in services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from otwarte import spreadsheets
from otwarte.access import organiser_required
from otwarte.i18n import LANGUAGES
from practices.models import Award, Edition
from practices.phases import Action, allows, phases_allowing
from practices.suggestions import suggest_for_award

from .enums import NominationStatus, SaveAction
from .forms import AwardDecisionForm, AwardForm, ConflictForm, ScoreForm, field_name, similar_value
from .models import Conflict, Criterion, JurorQuote, Nomination, Score, ScoreComment, Thread
from .permissions import can_score, juror_required, scoring_open
from .services import criteria as edition_criteria
from .services import decisions, deliberation, flags, nominations, robustness, scoring
from .services import tally as tallying
from .services.tally import collect


def old_login(request):
    """The jury's former login address: on to the site's one login page."""
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("public:login") + (f"?{query}" if query else ""))


# ---------------------------------------------------------------- juror pages


def _juror_nominations(request):
    return Nomination.objects.for_juror(request.user).for_listing()


@juror_required
def dashboard(request):
    rows, progress = scoring.juror_overview(
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
            scoring.submit_scores(
                juror=juror,
                nomination=nomination,
                values=form.values(),
                comment=form.cleaned_data["comment"],
                by=request.user,
                criteria=criteria,
            )
        except scoring.ScoringClosed:
            status = 403
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Your scores are saved."))
            if request.POST.get("action") == SaveAction.SAVE_AND_NEXT:
                following = scoring.next_to_score(
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
    _rows, progress = scoring.juror_overview(
        juror=juror, nominations=_juror_nominations(request)
    )
    notes = nominations.expert_notes(nomination=nomination)
    return render(
        request,
        "jury/nomination.html",
        {
            "nomination": nomination,
            "practice": nomination.practice,
            "form": form,
            "criterion_rows": [
                (criterion, field, notes.get(criterion.code, []))
                for criterion, field in form.criterion_fields()
            ],
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
                scoring.declare_conflict(
                    juror=request.juror,
                    nomination=nomination,
                    reason=form.cleaned_data["reason"],
                    category=form.cleaned_data["category"],
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
    editions = Edition.objects.annotate(criteria_count=Count("criteria")).order_by("-year")
    return render(request, "jury/organiser/index.html", {"editions": editions})


def _edition(year):
    return get_object_or_404(Edition, year=year)


SORTS = ("rank", "spread")


@organiser_required
def tally(request, year):
    edition = _edition(year)
    sort = request.GET.get("sort")
    sort = sort if sort in SORTS else "rank"
    categories, criteria = [], []
    if allows(edition, Action.READ_TALLY):  # before scoring there is no tally
        data = collect(edition=edition)
        categories, criteria = tallying.tally(edition=edition, data=data)
        if sort == "spread":
            # Most disagreement first; stable, so equal spreads keep the ranking.
            for group in categories:
                group.rows.sort(key=lambda r: -(r.max_spread or 0))
        results = robustness.robustness(edition=edition, data=data)
        checks = {r.category.pk: r for r in results}
        found = flags.flags(edition=edition, data=data, checks=results)
        revised = deliberation.revised_cells(edition=edition)
        threads = set(Thread.objects.filter(nomination__edition=edition)
                      .values_list("nomination_id", flat=True))
        for group in categories:
            group.robustness = checks.get(group.category.pk)
            standardised = {s.nomination.pk: s for s in group.robustness.standardised}
            for row in group.rows:
                row.standardised = standardised.get(row.nomination.pk)
                row.flags = found.get(row.nomination.pk, [])
                row.has_thread = row.nomination.pk in threads
                flagged = {f.criterion.pk for f in row.flags if f.criterion is not None}
                for stat in row.stats:
                    stat.flagged = stat.criterion.pk in flagged
                    stat.revised = (row.nomination.pk, stat.criterion.pk) in revised
        # Comments are the jurors' own words while they score; organisers read
        # them once scoring is closed.
        comments = {} if scoring_open(edition) else tallying.comments_by_nomination(
            edition=edition
        )
        for group in categories:
            for row in group.rows:
                row.comments = comments.get(row.nomination.pk, [])
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
            "sort": sort,
            "awards": awards,
            "has_tally": allows(edition, Action.READ_TALLY),
            "can_decide": allows(edition, Action.DECIDE),
            "can_deliberate": allows(edition, Action.DELIBERATE),
            "scoring_closed": _scoring_closed(edition),
            "conflicts": Conflict.objects.filter(nomination__edition=edition).select_related(
                "juror", "nomination__practice__city"
            ),
        },
    )


def _scoring_closed(edition):
    return allows(edition, Action.READ_TALLY) and not scoring_open(edition)


@organiser_required
def juror_scores(request, year):
    """Each juror's scores beside the mean: only once scoring is closed, so no
    juror's scores can be read while others are still scoring."""
    edition = _edition(year)
    if not _scoring_closed(edition):
        messages.error(request, _("Each juror's scores are shown once scoring is closed."))
        return redirect("jury:tally", year=edition.year)
    data = collect(edition=edition)
    categories, criteria = tallying.tally(edition=edition, data=data)
    for group in categories:
        for row in group.rows:
            row.juror_cells = [
                (juror, [stat.by_juror.get(juror.pk) for stat in row.stats],
                 (juror.pk, row.nomination.pk) in data.conflicts)
                for juror in data.jurors
            ]
    return render(
        request,
        "jury/organiser/juror_scores.html",
        {"edition": edition, "categories": categories, "criteria": criteria,
         "jurors": data.jurors},
    )


@organiser_required
def tally_file(request, year, fmt=spreadsheets.CSV):
    """The tally as CSV, XLSX or ODS (otwarte.spreadsheets): numbers as numbers, and a
    Polish, Ukrainian or Russian CSV with ";" and decimal commas, as Excel there reads it."""
    edition = get_object_or_404(Edition, year=year, phase__in=phases_allowing(Action.READ_TALLY))
    header, rows = tallying.tally_table(edition=edition)
    return spreadsheets.spreadsheet_response(
        fmt=fmt, sheets=[spreadsheets.Sheet(str(edition.year), header, rows)],
        filename=f"tally-{edition.year}.{fmt}", language=translation.get_language(),
    )


def _nomination(edition, raw):
    if raw and str(raw).isdigit() and len(str(raw)) < 10:
        return Nomination.objects.filter(edition=edition, pk=raw).for_listing().first()
    return None


@organiser_required
def decide(request, year):
    """The award form: GET shows it (`?nomination=` picks one and its suggestions);
    POST with "search" re-shows it with the search results; POST creates."""
    edition = _edition(year)
    post = request.method == "POST"
    nomination = _nomination(edition, (request.POST if post else request.GET).get("nomination"))
    suggestions = []
    if nomination is not None:
        suggestions = suggest_for_award(
            practice=nomination.practice, category=nomination.category, edition=edition,
            text=request.POST.get("recommendation_pl", "") if post else "",
        )
    form = AwardDecisionForm(request.POST if post else None, edition=edition,
                             suggestions=suggestions, initial={"nomination": nomination})
    if request.method == "POST" and "search" not in request.POST:
        if form.is_valid():
            data = form.cleaned_data
            quotes = [(data["quote_juror"], data["quote_text"])] if data["quote_text"] else []
            try:
                award = decisions.decide_award(
                    nomination=data["nomination"],
                    recommendations=form.recommendations(),
                    recommendation=data["recommendation_pl"],
                    similar=form.similar_pairs(),
                    quotes=quotes,
                )
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request, _("Award created: %(award)s.") % {"award": award.practice})
                return redirect("jury:tally", year=edition.year)
        status = 400
    else:
        status = 200
    return render(
        request,
        "jury/organiser/award_form.html",
        {"edition": edition, "form": form, "award": None, "nomination": nomination,
         "can_decide": allows(edition, Action.DECIDE), "similar_value": similar_value},
        status=status,
    )


def _award(edition, pk):
    return get_object_or_404(
        Award.objects.select_related("practice__city", "category"), edition=edition, pk=pk
    )


@organiser_required
def award_edit(request, year, pk):
    edition = _edition(year)
    award = _award(edition, pk)
    suggestions = suggest_for_award(practice=award.practice, category=award.category,
                                    edition=edition, text=award.recommendation_pl)
    initial = {f"recommendation_{lang}": getattr(award, f"recommendation_{lang}") or ""
               for lang in LANGUAGES}
    initial["similar"] = [similar_value(s.city_id, s.practice_id)
                          for s in award.similar_actions.all()]
    status = 200
    if request.method == "POST":
        form = AwardForm(request.POST, edition=edition, suggestions=suggestions, initial=initial)
        if "search" not in request.POST:
            if form.is_valid():
                try:
                    decisions.update_award(award=award, recommendations=form.recommendations(),
                                          similar=form.similar_pairs())
                except ValidationError as error:
                    for message in error.messages:
                        form.add_error(None, message)
                else:
                    messages.success(request, _("Award saved: %(award)s.") % {
                        "award": award.practice})
                    return redirect("jury:tally", year=edition.year)
            status = 400
    else:
        form = AwardForm(edition=edition, suggestions=suggestions, initial=initial)
    return render(
        request,
        "jury/organiser/award_form.html",
        {"edition": edition, "form": form, "award": award, "nomination": None,
         "can_decide": allows(edition, Action.DECIDE), "similar_value": similar_value},
        status=status,
    )


@organiser_required
@require_POST
def award_withdraw(request, year, pk):
    edition = _edition(year)
    award = _award(edition, pk)
    try:
        decisions.withdraw_award(award=award)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Award withdrawn: %(award)s.") % {"award": award.practice})
    return redirect("jury:tally", year=edition.year)


@organiser_required
@require_POST
def copy_criteria(request, year):
    edition = _edition(year)
    try:
        copies = edition_criteria.copy_criteria(edition=edition, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, ngettext(
            "%(count)d criterion copied from the previous edition.",
            "%(count)d criteria copied from the previous edition.",
            len(copies),
        ) % {"count": len(copies)})
    return redirect("jury:organiser")
