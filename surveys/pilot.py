"""The consular pilot survey (issue 19) from surveys/data/consular_pilot.json."""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .enums import SurveyKind
from .models import ContextQuestion, Criterion, Survey, Target

DATA = Path(__file__).resolve().parent / "data" / "consular_pilot.json"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def _translated(field, texts):
    values = {f"{field}_{code}": texts.get(code, "") for code in LANGUAGE_CODES}
    values[field] = texts["pl"]
    return values


@transaction.atomic
def create_consular_pilot(*, year, opens_on, closes_on):
    """The pilot survey of `year` with its five criteria, two context questions and
    every active consular post; an existing survey of that year is returned as is."""
    existing = Survey.objects.filter(kind=SurveyKind.CONSULAR, year=year).first()
    if existing is not None:
        return existing
    data = json.loads(DATA.read_text(encoding="utf-8"))
    survey = Survey(
        kind=SurveyKind.CONSULAR,
        year=year,
        opens_on=opens_on,
        closes_on=closes_on,
        **_translated("title", data["title"]),
        **_translated("introduction", data["introduction"]),
    )
    survey.full_clean()
    survey.save()
    survey.targets.set(Target.objects.filter(kind=SurveyKind.CONSULAR, active=True))
    for order, item in enumerate(data["criteria"], start=1):
        Criterion.objects.create(
            survey=survey,
            code=item["code"],
            order=order,
            required=item.get("required", False),
            **_translated("name", item["name"]),
            **_translated("scale_labels", item["scale_labels"]),
        )
    for order, item in enumerate(data["context_questions"], start=1):
        ContextQuestion.objects.create(
            survey=survey,
            code=item["code"],
            order=order,
            **_translated("label", item["label"]),
            **_translated("choices", item["choices"]),
        )
    return survey
