import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from jury.models import Criterion, Juror, JurorQuote
from practices import synthetic
from practices.enums import Phase
from practices.models import Award, City, Edition, Practice, SimilarAction

pytestmark = pytest.mark.django_db

TINY = synthetic.SCALES["tiny"]


def seed(*args):
    out = StringIO()
    call_command("seed_synthetic", "--scale", "tiny", *args, stdout=out)
    return out.getvalue()


def test_seed_synthetic_tiny_creates_the_scale():
    seed()
    assert City.objects.count() == TINY.cities
    assert Edition.objects.count() == TINY.editions
    assert Practice.objects.count() == TINY.practices
    assert Award.objects.count() == TINY.awards


def test_seed_synthetic_publishes_every_edition_but_the_newest():
    seed()
    phases = list(Edition.objects.order_by("year").values_list("phase", flat=True))
    assert phases == [Phase.PUBLISHED] * (TINY.editions - 1) + [Phase.JURY_SCORING]
    assert not Edition.objects.published().filter(published_at__isnull=True).exists()


def test_seed_synthetic_awards_only_in_published_editions_in_order():
    seed()
    assert Award.objects.published().count() == TINY.awards
    for edition in Edition.objects.published():
        orders = list(edition.awards.order_by("order").values_list("order", flat=True))
        assert orders == list(range(1, len(orders) + 1))
        awards = edition.awards.order_by("order")
        category_orders = list(awards.values_list("category__order", flat=True))
        assert category_orders == sorted(category_orders)


def test_seed_synthetic_similar_actions_name_a_practice_of_their_city():
    seed()
    assert SimilarAction.objects.exists()
    for action in SimilarAction.objects.filter(practice__isnull=False).select_related("practice"):
        assert action.practice.city_id == action.city_id


def test_seed_synthetic_jury_panels_criteria_and_quotes_are_consistent():
    seed()
    panels = Edition.objects.annotate(n=Count("jurors")).values_list("n", flat=True)
    assert set(panels) == {TINY.jurors_per_edition}
    assert Criterion.objects.count() == TINY.editions * TINY.criteria_per_edition
    for quote in JurorQuote.objects.select_related("award", "juror"):
        assert quote.juror.editions.filter(pk=quote.award.edition_id).exists()
    assert Juror.objects.exists()


def test_seed_synthetic_translations_partly_filled():
    seed()
    titles_en = list(Practice.objects.values_list("title_en", flat=True))
    assert "" in titles_en
    assert any(titles_en)
    assert all(Practice.objects.values_list("title_pl", flat=True))


def test_seed_synthetic_refuses_a_database_with_data():
    seed()
    with pytest.raises(CommandError, match="--flush"):
        seed()


def test_seed_synthetic_flush_replaces_the_data():
    seed()
    seed("--flush")
    assert Practice.objects.count() == TINY.practices
    assert Edition.objects.count() == TINY.editions


def test_seed_synthetic_runs_every_generator():
    output = seed()
    assert re.search(r"^jury_scores: \d+ nominations", output, re.MULTILINE), output
    assert "skipped" not in output


def test_seed_synthetic_skips_generator_whose_models_are_missing(monkeypatch):
    monkeypatch.setitem(
        synthetic.GENERATORS,
        "future",
        synthetic.Generator("future", ("jury.NoSuchModel",), lambda ctx: {"rows": 1}),
    )
    assert "future: skipped (jury.NoSuchModel not available yet)" in seed()


def test_seed_synthetic_pages_render(client):
    seed()
    assert client.get("/pl/").status_code == 200
    practice = Practice.objects.published().first()
    assert client.get(practice.get_absolute_url()).status_code == 200
