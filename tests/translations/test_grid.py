"""The translation grid: many texts of one language on a page, saved together (issue 29)."""

import pytest
from django.urls import reverse

from practices.enums import Phase
from tests.factories import EditionFactory, PracticeFactory
from translations.enums import TranslationState as State

from .test_views import open_practice, status_of

pytestmark = pytest.mark.django_db

GRID = reverse("translations:grid")


def _texts(response):
    return {row.pk: row.text for row in response.context["rows"]}


def test_grid_shows_source_and_translation_boxes(client_for, translator):
    practice = open_practice(title_pl="Punkt konsultacyjny", description_pl="")
    response = client_for(translator).get(GRID, {"language": "uk"})
    assert response.status_code == 200
    html = response.content.decode()
    status = status_of(practice, "title", "uk")
    assert f'name="text-{status.pk}"' in html and 'lang="uk"' in html
    assert "Punkt konsultacyjny" in html


def test_saving_the_grid_writes_only_what_changed(client_for, translator):
    first = open_practice(title_pl="Pierwsza", description_pl="")
    second = open_practice(title_pl="Druga", description_pl="", title_uk="Друга")
    a, b = status_of(first, "title", "uk"), status_of(second, "title", "uk")
    b_set_at = b.set_at
    client = client_for(translator)
    response = client.post(GRID + "?language=uk&status=all", {
        f"text-{a.pk}": "Перша", f"reviewed-{a.pk}": "on",
        f"text-{b.pk}": "Друга",  # unchanged, not ticked: left alone
        "action": "stay",
    })
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.title_uk == "Перша"
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.set_by) == (State.REVIEWED, translator)
    assert (b.status, b.set_at) == (State.DRAFT, b_set_at)


def test_one_refused_text_saves_nothing_and_says_which(client_for, translator):
    first = open_practice(title_pl="Pierwsza", description_pl="")
    second = open_practice(title_pl="Druga", description_pl="")
    a, b = status_of(first, "title", "uk"), status_of(second, "title", "uk")
    response = client_for(translator).post(GRID + "?language=uk", {
        f"text-{a.pk}": "Перша",
        f"text-{b.pk}": "",
        f"reviewed-{b.pk}": "on",  # an empty text cannot be reviewed
        "action": "stay",
    })
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#text-{b.pk}"' in html  # the summary links to the box
    assert "Перша" in html  # what was typed is kept on the page
    first.refresh_from_db()
    assert not first.title_uk  # nothing written


def test_save_and_next_goes_to_the_texts_not_yet_seen(client_for, translator):
    for n in range(30):
        open_practice(title_pl=f"Praktyka {n:02}", description_pl="")
    client = client_for(translator)
    page = client.get(GRID, {"language": "uk"})
    shown = [row.pk for row in page.context["rows"]]
    assert len(shown) == 25
    first_unseen = client.get(GRID, {"language": "uk", "start": 25}).context["rows"][0].pk
    # Five reviewed (they leave "not yet reviewed"), the rest left as they are.
    data = {f"text-{pk}": "" for pk in shown}
    for pk in shown[:5]:
        data[f"text-{pk}"] = "Переклад"
        data[f"reviewed-{pk}"] = "on"
    response = client.post(GRID + "?language=uk", {**data, "action": "next"})
    following = client.get(response["Location"])
    next_rows = [row.pk for row in following.context["rows"]]
    assert not set(next_rows) & set(shown)
    assert next_rows[0] == first_unseen


def test_grid_is_for_translators_and_organisers(client_for, expert_lublin, organiser):
    assert client_for(expert_lublin).get(GRID).status_code == 403
    assert client_for(organiser).get(GRID).status_code == 200


def test_translator_cannot_write_a_text_they_do_not_see(client_for, translator):
    # A practice of a published edition only: not on the translator's grid.
    practice = PracticeFactory(title_pl="Opublikowana")
    EditionFactory(phase=Phase.PUBLISHED)
    status = status_of(practice, "title", "uk")
    client_for(translator).post(GRID + "?language=uk", {
        f"text-{status.pk}": "Чужий", "action": "stay"})
    practice.refresh_from_db()
    assert not practice.title_uk


def test_bad_start_is_ignored(client_for, translator):
    open_practice(title_pl="Jedna", description_pl="")
    for start in ("abc", "-5", "99999"):
        assert client_for(translator).get(GRID, {"language": "uk", "start": start}).status_code == 200
