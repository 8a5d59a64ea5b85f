from practices.enums import Phase
from scorecards import demo, services
from scorecards.models import Indicator, Round
from scorecards.results import round_results
from tests.factories import CityFactory, EditionFactory, UserFactory


def test_demo_scorecards_load_once(db):
    first, second = EditionFactory(year=2066), EditionFactory(year=2067, phase=Phase.PREPARATION)
    cities = [CityFactory(name_pl="Lublin", slug="lublin"), CityFactory(name_pl="Gdańsk")]
    token = demo.load(published_edition=first, next_edition=second, cities=cities,
                      expert=UserFactory())
    assert services.scorecard_for_token(token).city == cities[0]
    published = Round.objects.published().get()
    assert published.edition == first
    assert Indicator.objects.filter(round__edition=second).count() == 6
    lublin = next(r for r in round_results(published) if r.city == cities[0])
    # The council: declared 100, verified 0 (the area's verified mean is 50: no area gap).
    gaps = [row.indicator.code for area in lublin.areas for row in area.indicators if row.gap]
    assert gaps == ["council"]
    assert demo.load(published_edition=first, next_edition=second, cities=cities,
                     expert=None) is None
