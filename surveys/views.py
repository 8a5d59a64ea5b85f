"""Public survey pages: answering (no account), the response link, the ranking.

Answering pages are never cached (`never_cache`): they carry a CSRF token and,
for the link, a personal URL. The ranking and its exports show aggregates only.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from otwarte import mail
from otwarte.csvutil import csv_response
from otwarte.http import client_ip

from . import exports, identity, services
from .forms import MAX_BODY, ResponseForm
from .models import Survey
from .permissions import can_see_results
from .ranking import chart, explanation, survey_ranking


def _survey(kind, year):
    return get_object_or_404(Survey, kind=kind, year=year)


def _link_url(request, response, token):
    path = reverse("surveys:link", args=[response.survey.kind, response.survey.year, token])
    return request.build_absolute_uri(path)


def _error(request, survey, reason, status):
    return render(
        request, "surveys/error.html", {"survey": survey, "reason": reason}, status=status
    )


@require_safe
def index(request):
    today = timezone.localdate()
    surveys = Survey.objects.all()
    return render(
        request,
        "surveys/index.html",
        {
            "open_surveys": [s for s in surveys if s.is_open(today)],
            "rankings": [s for s in surveys if s.results_published],
        },
    )


def _too_big(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY
    except ValueError:
        return True


@never_cache
@require_http_methods(["GET", "POST"])
def respond(request, kind, year):
    """The survey's page: its introduction, the privacy notice and the form while open."""
    survey = _survey(kind, year)
    if not survey.is_open():
        return render(request, "surveys/respond.html", {"survey": survey, "form": None})
    context = {"survey": survey, "retention_years": services.retention_years()}
    form = ResponseForm(survey=survey)
    if request.method == "POST":
        if _too_big(request):
            return _error(request, survey, "too_big", 413)
        ip = client_ip(request)
        if services.address_rate_limited(client_ip=ip):
            return _error(request, survey, "too_many", 429)
        services.count_address_post(client_ip=ip)
        form = ResponseForm(request.POST, survey=survey)
        if form.is_spam:
            # Bots get the same page as people; nothing is stored.
            return redirect("surveys:check_email", kind, year)
        if form.is_valid():
            if form.code is not None and services.batch_rate_limited(batch=form.code.batch):
                return _error(request, survey, "too_many", 429)
            try:
                response = _submit(request, survey, form, ip)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if form.code is not None:
                    token = services.link_token(response=response)
                    return redirect("surveys:link", kind, year, token)
                return redirect("surveys:check_email", kind, year)
    return render(request, "surveys/respond.html", {**context, "form": form})


def _submit(request, survey, form, ip):
    language = get_language()
    answers = form.answers()
    source = identity.source_hash(survey=survey, client_ip=ip)
    if form.code is not None:
        services.count_batch_use(batch=form.code.batch)
        flag = services.note_response_from(client_ip=ip, survey=survey)
        return services.submit_by_code(
            survey=survey,
            answers=answers,
            code=form.code,
            language=language,
            flag_reason=flag,
            source=source,
        )
    flag = services.note_response_from(client_ip=ip, survey=survey)
    email = form.cleaned_data["email"]
    response = services.submit_by_email(
        survey=survey,
        answers=answers,
        email=email,
        language=language,
        flag_reason=flag,
        source=source,
    )
    # The token goes in when the e-mail is sent; none is stored.
    services.send_link(
        response=response, email=email, url=_link_url(request, response, mail.SECRET)
    )
    return response


@never_cache
@require_safe
def check_email(request, kind, year):
    return render(request, "surveys/check_email.html", {"survey": _survey(kind, year)})


@never_cache
@require_http_methods(["GET", "POST"])
def link(request, kind, year, token):
    """The respondent's own link: confirms the answers, then lets them change until the close."""
    survey = _survey(kind, year)
    if len(token) > 500:
        return _error(request, survey, "invalid", 404)
    try:
        response = services.open_link(survey=survey, token=token)
    except services.LinkError as error:
        return render(
            request,
            "surveys/link_error.html",
            {"survey": survey, "message": error.reason},
            status=404,
        )
    editable = not survey.has_closed()
    saved = False
    form = None
    if editable:
        form = ResponseForm(
            survey=survey, with_proof=False, initial=ResponseForm.initial_for(response)
        )
    if request.method == "POST":
        if not editable:
            return _error(request, survey, "closed", 403)
        if _too_big(request):
            return _error(request, survey, "too_big", 413)
        ip = client_ip(request)
        if services.address_rate_limited(client_ip=ip):
            return _error(request, survey, "too_many", 429)
        services.count_address_post(client_ip=ip)
        form = ResponseForm(request.POST, survey=survey, with_proof=False)
        if form.is_valid():
            try:
                services.change_response(
                    response=response, answers=form.answers(), language=get_language()
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                saved = True
    return render(
        request,
        "surveys/link.html",
        {"survey": survey, "form": form, "saved": saved, "editable": editable},
    )


def _published(request, kind, year):
    survey = _survey(kind, year)
    if not can_see_results(request.user, survey):
        raise Http404
    return survey


@require_safe
def results(request, kind, year):
    survey = _published(request, kind, year)
    ranking = survey_ranking(survey)
    sections = [{"item": item, "chart": chart(item.cells)} for item in ranking.criteria]
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "ranking": ranking,
            "sections": sections,
            "comments": exports.published_comments(survey),
            "method": explanation(survey),
        },
    )


@require_safe
def results_csv(request, kind, year):
    survey = _published(request, kind, year)
    header, rows = exports.csv_rows(survey_ranking(survey))
    return csv_response(f"survey-{survey.kind}-{survey.year}.csv", header, rows)
