"""Open data of a survey: aggregates only — never a single response or a fingerprint.

A cell with too few answers has its count and nothing else (a mean of one or
two answers would be those answers).
"""

from .enums import CommentStatus
from .ranking import LEVEL, METHOD, MIN_SD
from .models import Response


def _round(value):
    return None if value is None else round(value, 3)


def cell_data(cell):
    return {
        "target": cell.target.slug,
        "target_name": str(cell.target),
        "n": cell.n,
        "state": str(cell.state),
        "mean": _round(cell.mean),
        "ci_low": _round(cell.low),
        "ci_high": _round(cell.high),
        "place": cell.place,
        "group": cell.group,
        "change": _round(cell.change),
        "rank_low": cell.rank_low,
        "rank_high": cell.rank_high,
        "responses": cell.counts.verified,
        "by_code": cell.counts.by_code,
        "by_email": cell.counts.by_email,
        "held_back": cell.counts.held,
    }


def ranking_data(ranking):
    survey = ranking.survey
    return {
        "kind": survey.kind,
        "year": survey.year,
        "title": survey.title,
        "opens_on": survey.opens_on.isoformat(),
        "closes_on": survey.closes_on.isoformat(),
        "min_responses": survey.min_responses,
        "responses": ranking.responses,
        "previous_year": ranking.previous.year if ranking.previous else None,
        "method": (
            f"{METHOD}: t-interval {LEVEL:.0%} (s >= {MIN_SD}), simultaneous {LEVEL:.0%} "
            "rank sets by a seeded parametric bootstrap; docs/surveys.md"
        ),
        "criteria": [
            {
                "code": item.criterion.code,
                "name": item.criterion.name,
                "cells": [cell_data(cell) for cell in item.cells],
            }
            for item in ranking.criteria
        ],
    }


CSV_HEADER = [
    "year",
    "kind",
    "criterion",
    "target",
    "target_name",
    "n",
    "state",
    "mean",
    "ci_low",
    "ci_high",
    "place",
    "group",
    "change",
    "rank_low",
    "rank_high",
    "responses",
    "by_code",
    "by_email",
    "held_back",
]


def csv_rows(ranking):
    survey = ranking.survey
    rows = []
    for item in ranking.criteria:
        for cell in item.cells:
            data = cell_data(cell)
            rows.append(
                [survey.year, survey.kind, item.criterion.code]
                + [data[key] for key in CSV_HEADER[3:]]
            )
    return CSV_HEADER, rows


def published_comments(survey):
    """[(target, [comment text])] of approved comments on counted responses, only for
    targets with at least the survey's minimum of counted responses."""
    rows = (
        Response.objects.counted()
        .filter(survey=survey, comment_status=CommentStatus.APPROVED)
        .select_related("target", "target__city")
        .order_by("target__order", "target__slug", "pk")
    )
    counts = {}
    for target_id in (
        Response.objects.counted().filter(survey=survey).values_list("target_id", flat=True)
    ):
        counts[target_id] = counts.get(target_id, 0) + 1
    grouped = {}
    for response in rows:
        if counts.get(response.target_id, 0) >= survey.min_responses:
            grouped.setdefault(response.target, []).append(response.comment)
    return list(grouped.items())
