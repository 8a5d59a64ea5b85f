"""Random input to the response form and the link: never a 500, never a partial write.

"No partial write": after any request, every stored response is whole — it has
an answer to each required criterion, only values 1–5, and the counts of
responses move by at most one.
"""

import string
from urllib.parse import quote

import pytest
from django.core import signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys import services
from surveys.models import Answer, ContextAnswer, Response
from tests.surveys.conftest import EMAIL, answers, verified_by_email

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60)
small = st.one_of(
    text, st.integers(-10, 10).map(str), st.sampled_from(["", "1", "5", "6", "0", "on", "null"])
)


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def _whole(survey):
    required = set(survey.criteria.filter(required=True).values_list("pk", flat=True))
    for response in Response.objects.prefetch_related("answers"):
        answered = {a.criterion_id for a in response.answers.all()}
        assert required <= answered, response.pk
        assert all(1 <= a.value <= 5 for a in response.answers.all())
    assert not Answer.objects.exclude(response__survey=survey).exists()
    assert not ContextAnswer.objects.exclude(response__survey=survey).exists()


def _field_names(survey):
    names = ["target", "email", "code", "consent", "website", "comment"]
    names += [f"c_{c.code}" for c in survey.criteria.all()]
    names += [f"q_{q.code}" for q in survey.context_questions.all()]
    return names


@FUZZ
@given(data=st.data())
def test_response_form_with_random_input(client, pilot, kyiv, data):
    cache.clear()
    names = _field_names(pilot)
    form = data.draw(st.dictionaries(st.sampled_from(names) | text, small, max_size=12))
    if data.draw(st.booleans()):
        # Mostly valid, so that deeper paths run too.
        form = {
            "target": str(kyiv.pk),
            "consent": "on",
            "email": EMAIL,
            **{f"c_{c.code}": "3" for c in pilot.criteria.all()},
            **form,
        }
    before = Response.objects.count()
    response = client.post(reverse("surveys:respond", args=["consular", 2026]), form)
    assert response.status_code in {200, 302, 413, 429}
    assert Response.objects.count() - before in {0, 1}
    _whole(pilot)


@FUZZ
@given(
    token=st.text(alphabet=string.printable + "ąćęłńóśźżКиїв🙂", max_size=120),
    form=st.dictionaries(text, small, max_size=6),
)
def test_link_with_random_token(client, pilot, token, form):
    url = reverse("surveys:link", args=["consular", 2026, "T"]).replace(
        "/T/", f"/{quote(token, safe='')}/"
    )
    for method in (client.get, lambda u: client.post(u, form)):
        response = method(url)
        assert response.status_code in {200, 404}
    assert Response.objects.count() == 0


@FUZZ
@given(
    payload=st.one_of(
        st.dictionaries(
            st.sampled_from(["s", "h", "r", "x"]),
            st.one_of(st.integers(), text, st.none(), st.lists(st.integers(), max_size=2)),
            max_size=4,
        ),
        st.lists(st.integers(), max_size=3),
        st.integers(),
        text,
    )
)
def test_link_with_signed_random_payload(client, pilot, kyiv, payload):
    """Even a correctly signed token with a wrong payload is a 404, not a 500."""
    token = signing.dumps(payload, salt=services.LINK_SALT, compress=True)
    response = client.get(reverse("surveys:link", args=["consular", 2026, token]))
    assert response.status_code == 404


@FUZZ
@given(
    form=st.dictionaries(
        st.sampled_from(["target", "c_overall", "c_waiting", "q_visit", "comment"]) | text,
        small,
        max_size=8,
    )
)
def test_change_form_with_random_input(client, pilot, kyiv, form):
    cache.clear()
    response = Response.objects.first() or verified_by_email(pilot, kyiv, EMAIL)
    token = services.link_token(response=response)
    before = sorted(Answer.objects.values_list("criterion_id", "value"))
    page = client.post(reverse("surveys:link", args=["consular", 2026, token]), form)
    assert page.status_code == 200
    assert Response.objects.count() == 1
    _whole(pilot)
    if "errorlist" in page.content.decode() or "error-summary" in page.content.decode():
        assert sorted(Answer.objects.values_list("criterion_id", "value")) == before


def test_answers_helper_builds_a_valid_submission(pilot, kyiv):
    services.submit_by_email(survey=pilot, answers=answers(pilot, kyiv), email=EMAIL, language="pl")
    _whole(pilot)
