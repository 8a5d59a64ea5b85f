"""Scorecard pages: the public ones per year and city, and the city's questionnaire.

Public pages show published rounds only (`permissions.visible_rounds`: organisers
also preview unpublished ones); an unpublished round is a 404 to everyone else. The
questionnaire is opened by the city's personal link, like the city check: no
account, rate-limited per address, never cached, no referrer to other sites.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from jury.services.city_checks import REASONS
from otwarte import ratelimit
from otwarte.http import client_ip

from . import results, services
from .forms import IndicatorAnswerForm
from .permissions import visible_rounds

RATE_LIMIT = getattr(settings, "CITY_CHECK_RATE_LIMIT", 60)
RATE_WINDOW = 3600


def _round(request, year):
    return get_object_or_404(visible_rounds(request.user), edition__year=year)


@require_GET
def index(request):
    rounds = visible_rounds(request.user).order_by("-edition__year")
    return render(request, "scorecards/index.html", {"rounds": rounds})


@require_GET
def year(request, year):
    round = _round(request, year)
    city_results = results.round_results(round)
    context = {
        "round": round, "results": city_results, "chart": results.chart(city_results),
        "high": results.DECLARED_HIGH, "low": results.LOW,
    }
    return render(request, "scorecards/year.html", context)


@require_GET
def city(request, year, slug):
    round = _round(request, year)
    found = [r for r in results.round_results(round) if r.city.slug == slug]
    if not found:
        raise Http404
    earlier = services.previous_round(round=round, published=True)
    context = {
        "round": round, "result": found[0], "earlier": earlier,
        "high": results.DECLARED_HIGH, "low": results.LOW,
    }
    return render(request, "scorecards/city.html", context)


@require_GET
def methodology(request, year):
    round = _round(request, year)
    context = {
        "round": round, "areas": services.areas_of(round).prefetch_related("indicators"),
        "high": results.DECLARED_HIGH, "low": results.LOW,
        "survey": results.lived_survey(round),
    }
    return render(request, "scorecards/methodology.html", context)


def _private(response):
    # As the city check: "same-origin" keeps the form's CSRF Origin check working.
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token):
    if ratelimit.hit(f"scorecard:{client_ip(request)}", limit=RATE_LIMIT, window=RATE_WINDOW):
        return _private(render(request, "scorecards/refused.html", {"too_many": True}, status=429))
    try:
        scorecard = services.scorecard_for_token(token)
    except services.LinkRefused as refused:
        status = 404 if refused.reason == "invalid" else 410
        context = {"message": REASONS[refused.reason]}
        return _private(render(request, "scorecards/refused.html", context, status=status))
    existing = {a.indicator_id: a for a in scorecard.answers.all()}
    data = request.POST if request.method == "POST" else None
    forms = [
        IndicatorAnswerForm(data, indicator=indicator, answer=existing.get(indicator.pk))
        for indicator in services.indicators_of(scorecard.round)
    ]
    status = 200
    if data is not None:
        if all(form.is_valid() for form in forms):
            try:
                services.declare_answers(
                    scorecard=scorecard, answers={f.indicator: f.answer() for f in forms}
                )
            except ValidationError as error:
                forms[0].add_error(None, error)
                status = 400
            else:
                return redirect(request.path + "?thanks=1")
        else:
            status = 400
    context = {
        "scorecard": scorecard, "forms": forms, "errors": status == 400,
        "thanks": request.GET.get("thanks") == "1" and scorecard.answered_at is not None,
    }
    return _private(render(request, "scorecards/answer.html", context, status=status))
