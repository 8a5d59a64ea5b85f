"""A small scorecard for the demo (`manage.py load_demo`): a published round with
three areas of two indicators, Lublin and Gdańsk answered with evidence and
verified (one disagreement), and the next edition's round copied from it with an
open link for Lublin. Skipped when any round exists."""

from datetime import timedelta

from django.utils import timezone

from .enums import Reference, Verdict
from .models import Area, Grade, Indicator, Round
from .services import (
    copy_from_previous,
    declare_answers,
    indicators_of,
    issue_link,
    publish_round,
    verify_answer,
)

# (code, weight, survey question, {lang: name}, [(code, reference item, {lang: question})])
AREAS = [
    ("information", 2, "information",
     {"pl": "Informacja dla cudzoziemców", "en": "Information for foreigners",
      "uk": "Інформація для іноземців", "ru": "Информация для иностранцев"},
     [("info-point", "ICC 10.1", {"pl": "Czy miasto prowadzi punkt informacyjny dla cudzoziemców?",
                                  "en": "Does the city run an information point for foreigners?",
                                  "uk": "Чи має місто інформаційний пункт для іноземців?"}),
      ("info-languages", "", {"pl": "Czy informacje miejskie są dostępne w językach migrantów?",
                              "en": "Is city information available in migrants' languages?"})]),
    ("participation", 1, "participation",
     {"pl": "Partycypacja", "en": "Participation", "uk": "Участь", "ru": "Участие"},
     [("council", "ICC 12.2", {"pl": "Czy działa rada lub forum cudzoziemców?",
                               "en": "Is there a council or forum of foreigners?"}),
      ("consultations", "", {"pl": "Czy migranci są zapraszani do konsultacji?",
                             "en": "Are migrants invited to consultations?"})]),
    ("strategy", 1, "",
     {"pl": "Strategia", "en": "Strategy", "uk": "Стратегія", "ru": "Стратегия"},
     [("strategy-doc", "MIPEX", {"pl": "Czy miasto przyjęło strategię integracji?",
                                 "en": "Has the city adopted an integration strategy?"}),
      ("budget", "", {"pl": "Czy strategia ma budżet?", "en": "Does the strategy have a budget?"})]),
]
GRADES = [(0, {"pl": "Nie", "en": "No", "uk": "Ні"}),
          (50, {"pl": "Częściowo", "en": "Partly", "uk": "Частково"}),
          (100, {"pl": "Tak", "en": "Yes", "uk": "Так"})]


def _texts(field, texts):
    return {f"{field}_{lang}": text for lang, text in texts.items()}


def _define(round):
    for order, (code, weight, question, names, indicators) in enumerate(AREAS):
        area = Area.objects.create(round=round, code=code, order=order, weight=weight,
                                   survey_criterion=question, **_texts("name", names))
        for i, (icode, item, texts) in enumerate(indicators):
            reference = {"ICC": Reference.ICC, "MIP": Reference.MIPEX}.get(item[:3], "")
            indicator = Indicator.objects.create(
                area=area, code=icode, order=i, reference=reference, reference_item=item,
                evidence_expected_pl="Uchwała, zarządzenie lub strona internetowa.",
                **_texts("question", texts),
            )
            for points, labels in GRADES:
                Grade.objects.create(indicator=indicator, points=points, **_texts("label", labels))


def _answer(round, city, points, *, expert, disagree=()):
    scorecard, _token = issue_link(
        round=round, city=city, contact_name="Biuro Prezydenta",
        contact_email=f"{city.slug}@example.org", deadline=timezone.now() + timedelta(days=30),
    )
    answers = {
        indicator: (indicator.grades.get(points=points), f"https://{city.slug}.example/bip", "")
        for indicator in indicators_of(round)
    }
    declare_answers(scorecard=scorecard, answers=answers)
    for answer in scorecard.answers.select_related("indicator", "scorecard__round"):
        if answer.indicator.code in disagree:
            verify_answer(answer=answer, verdict=Verdict.DIFFERENT, by=expert,
                          grade=answer.indicator.grades.get(points=0),
                          note="Dokument nie obejmuje cudzoziemców.")
        else:
            verify_answer(answer=answer, verdict=Verdict.AGREE, by=expert)


def load(*, published_edition, next_edition, cities, expert):
    """Returns the link token of the next round's first city (or None when skipped)."""
    if Round.objects.exists():
        return None
    first = Round.objects.create(edition=published_edition,
                                 methodology_pl="Demonstracyjna karta oceny.")
    _define(first)
    _answer(first, cities[0], 100, expert=expert, disagree={"council"})
    for city in cities[1:]:
        _answer(first, city, 50, expert=expert)
    publish_round(round=first)
    following = Round.objects.create(edition=next_edition)
    copy_from_previous(round=following)
    _scorecard, token = issue_link(
        round=following, city=cities[0], contact_name="Biuro Prezydenta",
        contact_email="lublin@example.org", deadline=timezone.now() + timedelta(days=30),
    )
    return token
