"""Every admin URL of the expert-facing models × every persona.

Hidden objects answer 404 (never 403); the anonymous visitor and the juror
(not staff) are sent to the admin login.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from practices.models import Assignment
from reports.enums import ReportStatus
from tests.factories import PracticeFactory, ProposedNominationFactory, ReportFactory

PERSONAS = ["organiser", "expert_lublin", "expert_warszawa", "juror_a", "anonymous"]
VIEWS = ["changelist", "add", "change", "delete", "history"]

# What an expert may do per model, beyond viewing (mirrors the admins' expert_actions).
EXPERT_ADD = {"report": 200, "assignment": 403, "practice": 200, "city": 403}
EXPERT_DELETE = {"report": 403, "assignment": 403, "practice": 403, "city": 403}


@pytest.fixture
def objects(report_lublin, new_practice_lublin, lublin, expert_lublin, awards_2015_lublin):
    accepted = ReportFactory(
        edition=awards_2015_lublin[0].edition, city=lublin, status=ReportStatus.ACCEPTED
    )
    return {
        "proposednomination": ProposedNominationFactory(report=accepted),
        "report": report_lublin,
        "assignment": Assignment.objects.get(expert=expert_lublin),
        "practice": new_practice_lublin,
        "city": lublin,
    }


def _url(model, view, obj):
    app = "practices" if model in {"practice", "city", "assignment"} else "reports"
    name = f"admin:{app}_{model}_{view}"
    if view in {"changelist", "add"}:
        return reverse(name)
    return reverse(name, args=[obj.pk])


def _expected(persona, model, view):
    if persona in {"anonymous", "juror_a"}:
        return 302
    if model == "proposednomination":
        # The organisers' read-only list of accepted proposals; closed to
        # experts, to whom every proposal is hidden.
        if persona != "organiser" and view in {"change", "delete", "history"}:
            return 404
        if persona != "organiser" or view in {"add", "delete"}:
            return 403
        return 200
    if persona == "organiser":
        return 200
    if persona == "expert_warszawa" and view in {"change", "delete", "history"}:
        return 404
    if view == "add":
        return EXPERT_ADD[model]
    if view == "delete":
        return EXPERT_DELETE[model]
    return 200


@pytest.mark.parametrize(
    "model", ["report", "assignment", "practice", "city", "proposednomination"]
)
@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_url_answers_each_persona_as_intended(
    request, client_for, objects, persona, view, model
):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    obj = objects[model]
    response = client_for(user).get(_url(model, view, obj))
    assert response.status_code == _expected(persona, model, view)
    if response.status_code == 302:
        assert "/admin/login/" in response["Location"]
    if view == "changelist" and response.status_code == 200:
        listed = _url(model, "change", obj) in response.content.decode()
        assert listed == (persona in {"organiser", "expert_lublin"})


AUTOCOMPLETES = [
    # (source app, source model, field, target)
    ("reports", "report", "city", "city"),
    ("reports", "reportpractice", "practice", "practice"),
    ("reports", "proposednomination", "practice", "practice"),
    ("practices", "practice", "city", "city"),
    ("practices", "assignment", "city", "city"),
]


@pytest.mark.parametrize("source", AUTOCOMPLETES, ids=lambda s: f"{s[1]}.{s[2]}")
@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_autocomplete_shows_only_assigned_cities(
    request, client_for, objects, persona, source
):
    app_label, model_name, field_name, target = source
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    response = client_for(user).get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": ""},
    )
    if persona in {"anonymous", "juror_a"}:
        assert response.status_code == 302
        return
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert (str(objects[target].pk) in ids) == (persona != "expert_warszawa")
    if persona == "expert_warszawa":
        # Only Warszawa and its practices.
        from practices.models import City, Practice

        allowed_model = City if target == "city" else Practice
        lookup = {"slug": "warszawa"} if target == "city" else {"city__slug": "warszawa"}
        allowed = {
            str(pk) for pk in allowed_model.objects.filter(**lookup).values_list("pk", flat=True)
        }
        assert ids <= allowed and ids


@pytest.mark.parametrize("persona", ["expert_lublin", "expert_warszawa"])
def test_admin_popup_changelist_hides_other_cities(client_for, objects, request, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(
        reverse("admin:practices_city_changelist") + "?_popup=1&_to_field=id"
    )
    assert response.status_code == 200
    # The rows, not the page: "Lublin" is also a voivodeship in the list filter.
    names = [city.name_pl for city in response.context["cl"].result_list]
    assert ("Lublin" in names) == (persona == "expert_lublin")


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:jury_juror_changelist",
        "admin:practices_award_changelist",
        "admin:auth_user_changelist",
    ],
)
def test_admin_other_models_are_closed_to_experts(client_for, expert_lublin, url_name):
    assert client_for(expert_lublin).get(reverse(url_name)).status_code == 403


def test_admin_historical_record_of_other_city_is_404(client_for, assignments, expert_warszawa, lublin):
    # django-simple-history would fall back to the historical record of an
    # object hidden from the expert; both history views must answer 404.
    practice = PracticeFactory(city=lublin, title_pl="Tajna praktyka", slug="tajna")
    record = practice.history.latest()
    client = client_for(expert_warszawa)
    with translation.override("pl"):
        history = reverse("admin:practices_practice_history", args=[practice.pk])
        version = reverse(
            "admin:practices_practice_simple_history", args=[practice.pk, record.history_id]
        )
    for url in (history, version):
        response = client.get(url)
        assert response.status_code == 404
        assert "Tajna praktyka" not in response.content.decode()


# Without JavaScript the city autocomplete is a plain select (otwarte/admin_widgets.py):
# it must offer exactly what the user may choose.
def _select_options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="[^"]+"[^>]*>([^<]*)</option>', select)


def test_expert_city_select_lists_only_assigned_cities(client_for, assignments, expert_lublin):
    html = client_for(expert_lublin).get(reverse("admin:reports_report_add")).content.decode()
    assert _select_options(html, "city") == ["Lublin"]
    assert 'class="admin-autocomplete' in html  # Select2 still takes over with JavaScript


def test_organiser_city_select_lists_every_city(client_for, assignments, organiser):
    html = client_for(organiser).get(reverse("admin:reports_report_add")).content.decode()
    assert sorted(_select_options(html, "city")) == ["Lublin", "Warszawa"]
