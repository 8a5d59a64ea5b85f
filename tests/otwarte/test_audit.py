"""Audit trail: who changed what, when, old and new values."""

import pytest
from django.urls import reverse

from jury.models import Criterion
from otwarte.audit import AUDITED_MODELS, diff
from practices.enums import Phase
from practices.models import Award, Edition, Practice
from reports.models import Report
from tests.admin_forms import change_form_data
from tests.factories import EditionFactory, PracticeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Edition, Award, Practice, Criterion, Report])
def test_audited_model_history_keeps_every_language(model):
    fields = {f.name for f in model.history.model._meta.fields}
    translated = {name for name in fields if name.endswith("_pl")}
    assert translated
    for name in translated:
        stem = name.removesuffix("_pl")
        assert {f"{stem}_en", f"{stem}_uk", f"{stem}_ru"} <= fields


def test_audited_models_are_the_documented_ones():
    assert AUDITED_MODELS == [
        "practices.Edition",
        "practices.Award",
        "practices.Practice",
        "jury.Criterion",
        "jury.Nomination",
        "jury.Conflict",
        "reports.Report",
        "jury.CityCheck",
        "jury.CityCheckAnswer",
        "surveys.Response",
        "scorecards.Answer",
    ]


def test_diff_between_two_records_shows_old_and_new_values():
    practice = PracticeFactory(title_pl="Stary tytuł")
    practice.title_pl = "Nowy tytuł"
    practice.description_pl = "Opis"
    practice.save()
    newer, older = practice.history.all()[:2]
    assert older.history_type == "+"
    assert newer.history_type == "~"
    changes = dict((field, (old, new)) for field, old, new in diff(older, newer))
    assert changes["title_pl"] == ("Stary tytuł", "Nowy tytuł")
    assert changes["description_pl"] == ("Opis praktyki.", "Opis")


def test_admin_change_records_who_changed_it(client_for, organiser):
    organiser.is_superuser = True
    organiser.save()
    # Not published: what a published edition shows is read-only in the admin.
    edition = EditionFactory(year=2031, title_pl="Edycja", phase=Phase.PREPARATION)
    client = client_for(organiser)
    url = reverse("admin:practices_edition_change", args=[edition.pk])
    data = change_form_data(client.get(url))
    data.update({"title_pl": "Edycja 2031", "ceremony_at": ""})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    latest = edition.history.latest()
    assert latest.history_user == organiser
    assert latest.title_pl == "Edycja 2031"
    assert latest.history_date is not None


def test_organiser_sees_history_in_admin(client_for, organiser):
    organiser.is_superuser = True
    organiser.save()
    practice = PracticeFactory(title_pl="Rada imigrantów")
    practice.title_pl = "Rada Imigrantów"
    practice.save()
    response = client_for(organiser).get(
        reverse("admin:practices_practice_history", args=[practice.pk])
    )
    assert response.status_code == 200
    assert "Rada Imigrantów" in response.content.decode()
    assert len(response.context["page_obj"].object_list) == 2


def test_historical_models_select_only_their_own_tables():
    # A field copied after a queryset compiled it keeps the original table's
    # cached column; the history registration must come before that.
    from django.apps import apps as django_apps

    from otwarte.audit import AUDITED_MODELS

    for label in AUDITED_MODELS:
        model = django_apps.get_model(label)
        sql = str(model.history.model.objects.all().query)
        assert f'"{model._meta.db_table}".' not in sql, label


def test_the_audit_trail_section_names_only_models_with_a_history():
    """docs/security.md promised a simple-history trail of scores that a migration
    (jury 0005) dropped: every model the section names has a history, or is one."""
    import re
    from pathlib import Path

    from django.apps import apps

    text = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text()
    section = re.search(r"^## Audit trail\n(.*?)(?=^## )", text, re.MULTILINE | re.DOTALL).group(1)
    named = set()
    for app_label, name in re.findall(r"`(\w+)\.(\w+)`", section):
        try:
            named.add(apps.get_model(app_label, name)._meta.label)
        except LookupError:
            continue  # a module or function, not a model
    histories = set(AUDITED_MODELS) | {"jury.ScoreChange"}
    assert named and named <= histories
