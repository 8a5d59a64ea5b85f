"""A scorecard world for tests: last year's published round (3 areas × 3 indicators,
Lublin answered and verified), this year's edition, two cities, the city survey.

`build_world()` makes the definitions; `answer_city`, `verify_all` and
`migrants_answer` add the three views, so each test builds only what it needs.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from practices.enums import Phase
from scorecards import services
from scorecards.enums import Verdict
from scorecards.models import Area, Grade, Indicator, Round
from surveys import services as survey_services
from tests.factories import (
    CityFactory,
    CityTargetFactory,
    EditionFactory,
    SurveyCriterionFactory,
    SurveyFactory,
)

LAST_YEAR, THIS_YEAR = 2061, 2062
# (area code, Polish name, Ukrainian name, survey question code)
AREAS = [
    ("information", "Informacja dla cudzoziemców", "Інформація для іноземців", "information"),
    ("housing", "Mieszkalnictwo", "", "housing"),
    ("participation", "Partycypacja", "Участь", "participation"),
]
GRADES = [(0, "Brak", "Немає"), (50, "Częściowo", "Частково"), (100, "W pełni", "Повністю")]


@dataclass
class World:
    last_round: Round
    edition: object
    lublin: object
    gdansk: object
    survey: object = None


def define_round(round):
    """3 areas × 3 indicators with grades 0/50/100, the third with an ICC reference."""
    for a, (code, name_pl, name_uk, question) in enumerate(AREAS):
        area = Area.objects.create(
            round=round, code=code, order=a, name_pl=name_pl, name_uk=name_uk,
            weight=a + 1, survey_criterion=question,
        )
        for i in range(3):
            indicator = Indicator.objects.create(
                area=area, code=f"{code}-{i + 1}", order=i, weight=1,
                question_pl=f"Czy miasto ma politykę {code} {i + 1}?",
                question_uk=f"Чи має місто політику {code} {i + 1}?" if i != 1 else "",
                evidence_expected_pl="Uchwała rady miasta.",
                reference="icc" if i == 2 else "", reference_item="ICC 7.2" if i == 2 else "",
            )
            for points, label_pl, label_uk in GRADES:
                Grade.objects.create(
                    indicator=indicator, points=points, label_pl=label_pl, label_uk=label_uk
                )


def answer_city(scorecard, points=100, *, url="https://lublin.example/uchwala"):
    """The city declares `points` (or {indicator code: points}) on every indicator."""
    answers = {}
    for indicator in services.indicators_of(scorecard.round):
        chosen = points.get(indicator.code, 100) if isinstance(points, dict) else points
        grade = indicator.grades.get(points=chosen)
        answers[indicator] = (grade, url, "Uchwała nr XII/3/2062")
    services.declare_answers(scorecard=scorecard, answers=answers)


def verify_all(scorecard, *, by=None, disagree=None):
    """The expert agrees with every answer, except {indicator code: points} given."""
    disagree = disagree or {}
    for answer in scorecard.answers.select_related("indicator", "scorecard__round"):
        if answer.indicator.code in disagree:
            grade = answer.indicator.grades.get(points=disagree[answer.indicator.code])
            services.verify_answer(answer=answer, verdict=Verdict.DIFFERENT, grade=grade,
                                   note="Uchwała nie obejmuje cudzoziemców.", by=by)
        else:
            services.verify_answer(answer=answer, verdict=Verdict.AGREE, by=by)


def link(round, city, name="Anna Nowak"):
    return services.issue_link(
        round=round, city=city, contact_name=name, contact_email="anna@city.example",
        deadline=timezone.now() + timedelta(days=14),
    )


def migrants_answer(world, *, count=12, information=(1, 2, 2, 1, 3, 2), other=(4, 5, 4, 3)):
    """`count` migrants answer this year's city survey about Lublin, with codes; the
    ranking is published. Information is rated low, the rest well."""
    today = timezone.localdate()
    survey = SurveyFactory(year=THIS_YEAR, opens_on=today - timedelta(days=5),
                           closes_on=today + timedelta(days=5), min_responses=10)
    for code, _name_pl, _uk, _question in AREAS:
        SurveyCriterionFactory(survey=survey, code=code, name_pl=f"Usługi: {code}")
    target = CityTargetFactory(city=world.lublin)
    survey.targets.add(target)
    batch = survey_services.generate_code_batch(survey=survey, label="test", size=count)
    for n, code in enumerate(batch.codes.all()):
        values = {
            c: (information if c.code == "information" else other)[n % 6 if c.code ==
                                                                    "information" else n % 4]
            for c in survey.criteria.all()
        }
        survey_services.submit_by_code(
            survey=survey, code=code, language="uk",
            answers=survey_services.Answers(target=target, values=values, context={}),
        )
    survey.results_published = True
    survey.save()
    world.survey = survey
    return survey


def build_world():
    """Last year published (Lublin answered 50 everywhere, verified); this year's
    edition with no round yet."""
    last = EditionFactory(year=LAST_YEAR, phase=Phase.PUBLISHED)
    edition = EditionFactory(year=THIS_YEAR, phase=Phase.EXPERT_REPORTS)
    lublin = CityFactory(name_pl="Lublin", name_uk="Люблін", slug="lublin-s")
    gdansk = CityFactory(name_pl="Gdańsk", slug="gdansk-s")
    last_round = Round.objects.create(edition=last, methodology_pl="Metodologia.")
    define_round(last_round)
    scorecard, _token = link(last_round, lublin)
    answer_city(scorecard, 50)
    verify_all(scorecard)
    services.publish_round(round=last_round)
    return World(last_round=last_round, edition=edition, lublin=lublin, gdansk=gdansk)
