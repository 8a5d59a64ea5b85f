"""Public scorecard pages (published only; organisers preview), the city's questionnaire."""

import pytest
from django.urls import reverse

from scorecards import services
from scorecards.enums import Verdict
from tests.scorecards.world import answer_city, migrants_answer, verify_all


@pytest.fixture
def published(world, lublin_card, organiser):
    scorecard, _token = lublin_card
    answer_city(scorecard, 100)
    verify_all(scorecard, by=organiser, disagree={"participation-1": 0})
    migrants_answer(world)
    services.publish_round(round=scorecard.round)
    return scorecard


def _urls(year, slug="lublin-s"):
    return [reverse("scorecards:year", args=[year]),
            reverse("scorecards:city", args=[year, slug]),
            reverse("scorecards:methodology", args=[year])]


@pytest.mark.parametrize("role, status", [
    ("anonymous", 404), ("expert_lublin", 404), ("juror_a", 404), ("organiser", 200),
])
def test_unpublished_round_is_404_except_to_organisers(world, lublin_card, client_for, role,
                                                     status, request):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    answer_city(lublin_card[0], 100)
    client = client_for(user)
    for url in _urls(lublin_card[0].round.year):
        assert client.get(url).status_code == status, url
    index = client.get(reverse("scorecards:index")).content.decode()
    assert (str(lublin_card[0].round.year) in index) is (status == 200)


def test_unpublished_answers_never_leak(world, lublin_card, client):
    answer_city(lublin_card[0], 100, url="https://secret.example/draft")
    for url in [reverse("scorecards:index"), *_urls(world.last_round.year)]:
        assert b"secret.example" not in client.get(url).content


def test_city_page_shows_three_views_gap_and_change(published, client):
    response = client.get(reverse("scorecards:city", args=[published.round.year, "lublin-s"]),
                          HTTP_ACCEPT_LANGUAGE="pl")
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="gap-flag"') >= 2  # the information area and one indicator
    assert "https://lublin.example/uchwala" in page
    assert "Uchwała nie obejmuje cudzoziemców." in page
    assert "+50" in page  # 50 last year, 100 this year


def test_city_page_in_ukrainian_marks_polish_fallbacks(published, client):
    url = "/uk" + reverse("scorecards:city", args=[published.round.year, "lublin-s"])[3:]
    page = client.get(url).content.decode()
    assert "Інформація для іноземців" in page
    # Housing has no Ukrainian name: Polish, marked and said.
    assert '<span lang="pl">Mieszkalnictwo</span>' in page
    assert 'class="fallback-mark"' in page


def test_comparison_has_chart_and_table(published, world, client):
    page = client.get(reverse("scorecards:year", args=[published.round.year])).content.decode()
    assert 'role="img"' in page and "<table" in page
    assert page.count('class="bar-declared"') == 1
    assert reverse("scorecards:city", args=[published.round.year, "lublin-s"]) in page


def test_unknown_city_and_year_are_404(published, client):
    assert client.get(reverse("scorecards:city", args=[published.round.year, "nowhere"])
                      ).status_code == 404
    assert client.get(reverse("scorecards:year", args=[1999])).status_code == 404


def test_city_answers_through_its_link(world, lublin_card, client):
    scorecard, token = lublin_card
    url = reverse("scorecards:answer", args=[token])
    page = client.get(url)
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    data = {}
    for indicator in services.indicators_of(scorecard.round):
        prefix = f"i{indicator.pk}"
        data[f"{prefix}-grade"] = indicator.grades.get(points=100).pk
        data[f"{prefix}-evidence_reference"] = "Uchwała nr 1"
    response = client.post(url, data)
    assert response.status_code == 302
    assert scorecard.answers.count() == 9
    assert set(scorecard.answers.values_list("verdict", flat=True)) == {Verdict.PENDING}


def test_city_answer_without_evidence_is_400(world, lublin_card, client):
    scorecard, token = lublin_card
    data = {f"i{i.pk}-grade": i.grades.first().pk for i in services.indicators_of(scorecard.round)}
    response = client.post(reverse("scorecards:answer", args=[token]), data)
    assert response.status_code == 400 and scorecard.answers.count() == 0


@pytest.mark.parametrize("token, status", [("nonsense", 404), ("x" * 300, 404)])
def test_bad_link_gets_the_refusal_page(world, client, token, status):
    assert client.get(reverse("scorecards:answer", args=[token])).status_code == status


def test_closed_link_is_410(published, client):
    card = published
    services.unpublish_round(round=card.round)
    _again, token = services.issue_link(round=card.round, city=card.city, contact_name="A",
                                        contact_email="a@b.example",
                                        deadline=card.deadline)
    services.publish_round(round=card.round)
    assert client.get(reverse("scorecards:answer", args=[token])).status_code == 410
