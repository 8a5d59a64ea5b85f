"""Read-only JSON of the published survey rankings (/api/v1/surveys/, docs/api.md).

Aggregates only, as in `exports.py`. `?lang=` (pl, en, uk, ru) picks the
language of titles and names, falling back to Polish.
"""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from . import exports
from .models import Survey
from .ranking import survey_ranking

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _language(request):
    lang = request.GET.get("lang", settings.LANGUAGE_CODE)
    return lang if lang in LANGUAGE_CODES else None


@require_safe
def index(request):
    lang = _language(request)
    if lang is None:
        return _json({"errors": {"lang": [f"Choose one of {', '.join(LANGUAGE_CODES)}."]}}, 400)
    with translation.override(lang):
        surveys = [
            {
                "kind": s.kind,
                "year": s.year,
                "title": s.title,
                "url": request.build_absolute_uri(
                    reverse("surveys_api:survey", args=[s.kind, s.year])
                ),
            }
            for s in Survey.objects.published()
        ]
    return _json({"surveys": surveys})


@require_safe
def survey(request, kind, year):
    lang = _language(request)
    if lang is None:
        return _json({"errors": {"lang": [f"Choose one of {', '.join(LANGUAGE_CODES)}."]}}, 400)
    found = get_object_or_404(Survey.objects.published(), kind=kind, year=year)
    with translation.override(lang):
        return _json(exports.ranking_data(survey_ranking(found)))
