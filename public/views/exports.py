"""The filtered practice list as CSV or JSON, and the datapackage.json describing it."""

import json

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from otwarte.csvutil import csv_response

from .. import datapackage as datapackage_module
from ..datapackage import EXPORT_HEADER, SIMILAR_ACTIONS_SEPARATOR
from ..filters import award_filter, filtered_awards


def _similar_actions(award):
    return SIMILAR_ACTIONS_SEPARATOR.join(
        f"{action.city.name}: {action.practice.title}" if action.practice_id else action.city.name
        for action in award.similar_actions.all()
    )


def _export_rows(request, awards):
    """Rows in the column order of datapackage.AWARD_FIELDS."""
    for award in awards:
        practice = award.practice
        yield [
            award.edition.year,
            award.category.name,
            practice.city.name,
            practice.title,
            practice.description,
            award.recommendation,
            _similar_actions(award),
            request.build_absolute_uri(practice.get_absolute_url()),
            practice.follow_up_status,
            practice.follow_up_year or "",
        ]


def practice_export(request, fmt):
    """The filtered list as CSV or JSON: one row per award, in the active language."""
    filterset = award_filter(request.GET)
    if not filterset.is_valid():
        # Not an empty file that looks like "no results": say what is wrong.
        return render(
            request, "public/export_error.html", {"filter": filterset}, status=400,
            content_type="text/plain; charset=utf-8",
        )  # fmt: skip
    awards = filtered_awards(filterset).for_listing().order_by("-edition__year", "order")
    rows = _export_rows(request, awards)
    filename = f"otwarte-awards-{get_language()}.{fmt}"
    if fmt == "json":
        data = {
            "language": get_language(),
            "results": [dict(zip(EXPORT_HEADER, r, strict=False)) for r in rows],
        }
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=1),
            content_type="application/json; charset=utf-8",
        )
    else:
        return csv_response(filename, EXPORT_HEADER, rows)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def datapackage(request):
    """datapackage.json (Frictionless) describing the downloads beside it."""
    response = HttpResponse(
        json.dumps(datapackage_module.describe(request), ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response

