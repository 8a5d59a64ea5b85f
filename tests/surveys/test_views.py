"""The public survey pages: answering, the link, abuse limits, the ranking and its data."""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from surveys import services
from surveys.enums import CommentStatus, ResponseState
from surveys.models import Response
from tests.surveys.conftest import EMAIL, answers, verified_by_email


def _url(name, survey, *args, lang="uk"):
    with translation.override(lang):
        return reverse(f"surveys:{name}", args=[survey.kind, survey.year, *args])


def _form(survey, target, value="4", **extra):
    data = {"target": target.pk, "consent": "on", **extra}
    for criterion in survey.criteria.all():
        data[f"c_{criterion.code}"] = value
    return data


def _mailed_link():
    return re.search(r"https?://\S+", mail.outbox[-1].body).group(0)


def test_respond_page_in_ukrainian(client, pilot):
    response = client.get(_url("respond", pilot))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Пілотний рейтинг консульського обслуговування" in text
    assert "Київ" in text and "Ввічливість персоналу" in text
    assert 'name="website"' in text  # the honeypot
    assert "no-store" in response["Cache-Control"]


def test_answer_by_email_then_confirm_and_change(client, pilot, kyiv, lviv):
    response = client.post(_url("respond", pilot), _form(pilot, kyiv, email=EMAIL))
    assert response.status_code == 302
    assert response["Location"] == _url("check_email", pilot)
    assert Response.objects.get().state == ResponseState.PENDING
    assert mail.outbox[-1].to == [EMAIL]
    assert "/uk/surveys/consular/2026/r/" in _mailed_link()

    page = client.get(_mailed_link())
    assert page.status_code == 200
    assert Response.objects.get().state == ResponseState.VERIFIED
    assert re.search(r'name="c_overall" value="4"[^>]*checked', page.content.decode())

    changed = client.post(_mailed_link(), _form(pilot, lviv, value="2"))
    assert changed.status_code == 200
    assert Response.objects.counted().get().target == lviv
    assert set(Response.objects.get().answers.values_list("value", flat=True)) == {2}


def test_answer_by_code_counts_at_once(client, pilot, kyiv):
    code = services.generate_code_batch(survey=pilot, label="x", size=1).codes.get()
    response = client.post(
        _url("respond", pilot), _form(pilot, kyiv, code=services.format_code(code.code).lower())
    )
    assert response.status_code == 302 and "/r/" in response["Location"]
    assert Response.objects.counted().count() == 1
    assert client.get(response["Location"]).status_code == 200
    # The same code again replaces.
    client.post(_url("respond", pilot), _form(pilot, kyiv, value="1", code=code.code))
    assert Response.objects.count() == 1
    assert set(Response.objects.get().answers.values_list("value", flat=True)) == {1}


@pytest.mark.parametrize(
    "extra, error",
    [
        ({}, "e-mail"),
        ({"email": EMAIL, "code": "ABCD-EFGH-JKMN"}, "e-mail"),
        ({"code": "NOPE"}, "not valid"),
        ({"email": "not-an-address"}, "valid email"),
    ],
)
def test_proof_errors_are_shown(client, pilot, kyiv, extra, error):
    with translation.override("en"):
        response = client.post(_url("respond", pilot, lang="en"), _form(pilot, kyiv, **extra))
    assert response.status_code == 200
    assert error in response.content.decode().lower()
    assert Response.objects.count() == 0


def test_consent_is_required(client, pilot, kyiv):
    data = _form(pilot, kyiv, email=EMAIL)
    del data["consent"]
    assert client.post(_url("respond", pilot), data).status_code == 200
    assert Response.objects.count() == 0 and mail.outbox == []


def test_honeypot_stores_nothing(client, pilot, kyiv):
    response = client.post(_url("respond", pilot), _form(pilot, kyiv, email=EMAIL, website="x"))
    assert response.status_code == 302
    assert Response.objects.count() == 0 and mail.outbox == []


def test_rate_limit_per_address(client, pilot, kyiv, settings):
    settings.SURVEYS_RATE_LIMIT = 3
    for i in range(3):
        client.post(_url("respond", pilot), _form(pilot, kyiv, email=f"p{i}@example.org"))
    response = client.post(_url("respond", pilot), _form(pilot, kyiv, email="late@example.org"))
    assert response.status_code == 429
    assert Response.objects.count() == 3
    other = client.post(
        _url("respond", pilot), _form(pilot, kyiv, email="o@example.org"), REMOTE_ADDR="10.1.1.1"
    )
    assert other.status_code == 302


def test_rate_limit_per_code_batch(client, pilot, kyiv, settings):
    settings.SURVEYS_BATCH_RATE_LIMIT = 2
    codes = list(services.generate_code_batch(survey=pilot, label="x", size=3).codes.all())
    for i, code in enumerate(codes[:2]):
        client.post(
            _url("respond", pilot), _form(pilot, kyiv, code=code.code), REMOTE_ADDR=f"10.0.0.{i}"
        )
    response = client.post(
        _url("respond", pilot), _form(pilot, kyiv, code=codes[2].code), REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429
    assert Response.objects.count() == 2


def test_bursts_are_flagged_not_refused(client, pilot, kyiv, settings):
    settings.SURVEYS_BURST_LIMIT = 2
    for i in range(3):
        client.post(_url("respond", pilot), _form(pilot, kyiv, email=f"p{i}@example.org"))
    # The burst is held back whole (issue 27), the earlier two included.
    assert list(Response.objects.order_by("pk").values_list("flagged", flat=True)) == [
        True,
        True,
        True,
    ]


def test_closed_survey_shows_no_form(client, pilot):
    pilot.opens_on = timezone.localdate() - timedelta(days=10)
    pilot.closes_on = timezone.localdate() - timedelta(days=1)
    pilot.save()
    response = client.get(_url("respond", pilot))
    assert response.status_code == 200 and "<form" not in response.content.decode()
    assert client.post(_url("respond", pilot), {}).status_code == 200
    assert Response.objects.count() == 0


@pytest.mark.parametrize("token", ["x", "a" * 600, "eyJ:1:2", "%00", "🙂"])
def test_bad_links_are_404(client, pilot, token):
    assert client.get(_url("link", pilot, token)).status_code == 404
    assert client.post(_url("link", pilot, token), {"target": "1"}).status_code == 404


def test_results_hidden_until_published(client, client_for, pilot, organiser):
    assert client.get(_url("results", pilot)).status_code == 404
    assert client.get(_url("results_csv", pilot)).status_code == 404
    assert client.get(reverse("surveys_api:survey", args=["consular", 2026])).status_code == 404
    assert client_for(organiser).get(_url("results", pilot)).status_code == 200


@pytest.fixture
def published(pilot, kyiv, lviv):
    """Ten Kyiv responses (one comment approved); one Lviv response with a comment."""
    for i in range(10):
        response = verified_by_email(
            pilot,
            kyiv,
            f"kyiv{i}@example.org",
            value=3 + i % 2,
            comment="Kyiv komentarz" if i == 0 else "",
        )
        if i == 0:
            services.moderate_comment(response=response, approve=True, by=None)
    lonely = verified_by_email(pilot, lviv, "lonely@example.org", value=1, comment="Lviv sam")
    services.moderate_comment(response=lonely, approve=True, by=None)
    # Identical answers within minutes: an organiser has reviewed them.
    services.review_responses(responses=Response.objects.all(), by=None)
    pilot.results_published = True
    pilot.save()
    return pilot


def _everything_public(client, survey):
    pages = [
        client.get(_url("results", survey)),
        client.get(_url("results", survey, lang="pl")),
        client.get(_url("results_csv", survey)),
        client.get(reverse("surveys_api:survey", args=[survey.kind, survey.year])),
        client.get(reverse("surveys_api:index")),
        client.get(reverse("surveys:index")),
    ]
    assert [p.status_code for p in pages] == [200] * 6
    return "\n".join(p.content.decode("utf-8-sig") for p in pages)


def test_no_public_output_shows_an_address_or_a_single_response(client, published):
    text = _everything_public(client, published)
    assert "example.org" not in text
    for identity in Response.objects.values_list("identity_hash", flat=True):
        assert identity not in text
    # Lviv has one response: its count only, no mean, and its comment stays unpublished.
    assert "Lviv sam" not in text
    assert "Kyiv komentarz" in text
    data = json.loads(client.get(reverse("surveys_api:survey", args=["consular", 2026])).content)
    overall = next(c for c in data["criteria"] if c["code"] == "overall")
    cells = {c["target"]: c for c in overall["cells"]}
    assert cells["lviv"] == {
        "target": "lviv",
        "target_name": "Lwów",
        "n": 1,
        "state": "too_few",
        "mean": None,
        "ci_low": None,
        "ci_high": None,
        "place": None,
        "group": None,
        "change": None,
        "rank_low": None,
        "rank_high": None,
        "responses": 1,
        "by_code": 0,
        "by_email": 1,
        "held_back": 0,
    }
    assert (cells["kyiv"]["n"], cells["kyiv"]["mean"], cells["kyiv"]["state"]) == (
        10,
        3.5,
        "ranked",
    )


def test_results_page_has_a_chart_and_too_few(client, published):
    text = client.get(_url("results", published)).content.decode()
    assert text.count("<svg") == published.criteria.count()
    assert "замало відповідей" in text


def test_csv_is_aggregates(client, published):
    response = client.get(_url("results_csv", published))
    lines = response.content.decode("utf-8-sig").splitlines()
    assert (
        lines[0]
        == "year,kind,criterion,target,target_name,n,state,mean,ci_low,ci_high,place,group,change,"
        "rank_low,rank_high,responses,by_code,by_email,held_back"
    )
    assert len(lines) == 1 + published.criteria.count() * published.targets.count()


def test_api_language(client, published):
    url = reverse("surveys_api:survey", args=["consular", 2026])
    data = json.loads(client.get(url, {"lang": "uk"}).content)
    assert data["title"] == "Пілотний рейтинг консульського обслуговування"
    assert client.get(url, {"lang": "xx"}).status_code == 400
    index = json.loads(client.get(reverse("surveys_api:index")).content)
    assert [s["year"] for s in index["surveys"]] == [2026]


def test_unverified_response_counts_nowhere_on_the_page(client, published, lviv):
    before = _everything_public(client, published)
    services.submit_by_email(
        survey=published,
        answers=answers(published, lviv, value=5, comment="pending"),
        email="p@example.org",
        language="uk",
    )
    assert _everything_public(client, published) == before
    assert Response.objects.filter(comment_status=CommentStatus.PENDING).count() == 1


def test_stored_copy_of_the_link_email_holds_no_link_and_no_address(client, pilot, kyiv):
    from otwarte.enums import MessageStatus
    from otwarte.models import SentMessage

    client.post(_url("respond", pilot), _form(pilot, kyiv, email=EMAIL))
    (record,) = SentMessage.objects.filter(kind="survey_link")
    assert record.status == MessageStatus.SENT
    assert record.recipient == ""
    assert EMAIL.lower() not in f"{record.subject} {record.body}".lower()
    assert "/r/" not in record.body
    assert "[посилання видалено після надсилання]" in record.body
    # The e-mail itself carries the working link.
    assert client.get(_mailed_link()).status_code == 200
    assert Response.objects.get().state == ResponseState.VERIFIED


def test_queued_link_email_stores_no_token(client, pilot, kyiv, settings):
    from otwarte import mail as otwarte_mail
    from otwarte.models import SentMessage

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.post(_url("respond", pilot), _form(pilot, kyiv, email=EMAIL))
    assert mail.outbox == []
    record = SentMessage.objects.get(kind="survey_link")
    link = re.search(r"https?://\S+", record.body).group(0)
    assert link.endswith(f"/r/{otwarte_mail.SECRET}/")
    assert client.get(link).status_code == 404
    assert Response.objects.get().state == ResponseState.PENDING


def test_method_text_comes_from_the_constants_the_code_uses(client, published, monkeypatch):
    from scipy import stats

    from surveys import ranking, ranksets

    monkeypatch.setattr(ranking, "LEVEL", 0.9)
    monkeypatch.setattr(ranksets, "DRAWS", 1234)
    published.min_responses = 7
    published.save()
    text = client.get(_url("results", published, lang="en")).content.decode()
    explained = ranking.explanation(published)
    assert (explained["level_percent"], explained["min_n"]) == (90, 7)
    assert "its 90 % confidence interval" in text and "95 %" not in text
    assert "fewer than 7 independent respondents" in text
    assert "(1234 seeded draws" in text
    assert f"at least {ranking.MIN_SD}" in text
    # ...and the numbers on the page were computed at that level.
    kyiv = [3, 4] * 5
    half = stats.t.ppf(0.95, 9) * stats.tstd(kyiv) / 10**0.5
    assert f"{3.5 - half:.2f}–{3.5 + half:.2f}" in text


def _attack(client, survey, target, count=12):
    """Issue 27: aliases of one mailbox, one client, under the rate limit, each confirmed."""
    for i in range(count):
        client.post(
            _url("respond", survey),
            _form(survey, target, value="5", email=f"Stuffer+{i}@Example.org"),
            REMOTE_ADDR="203.0.113.7",
        )
        client.get(_mailed_link())


def test_twelve_alias_attack_leaves_the_published_ranking_unchanged(client, pilot, kyiv, lviv):
    from surveys.models import Target

    odesa = Target.objects.get(kind="consular", slug="odesa")
    values = {kyiv: [2, 3, 3, 4] * 3, lviv: [4, 5, 4, 3] * 3, odesa: [3, 4, 3, 4] * 3}
    codes = iter(services.generate_code_batch(survey=pilot, label="x", size=36).codes.all())
    for target, answered in values.items():
        for i, value in enumerate(answered):
            client.post(
                _url("respond", pilot),
                _form(pilot, target, value=str(value), code=next(codes).code),
                REMOTE_ADDR=f"198.51.100.{len(answered) * target.pk % 50 + i}",
            )
    services.review_responses(responses=Response.objects.all(), by=None)
    pilot.results_published = True
    pilot.save()
    api = reverse("surveys_api:survey", args=["consular", 2026])
    before = json.loads(client.get(api).content)
    _attack(client, pilot, kyiv)
    after = json.loads(client.get(api).content)
    # One mailbox is one fingerprint; its burst is held back until reviewed.
    assert Response.objects.filter(proof="email", state=ResponseState.VERIFIED).count() == 1
    assert Response.objects.get(proof="email").flagged
    for old, new in zip(before["criteria"], after["criteria"], strict=True):
        assert [
            (c["target"], c["n"], c["mean"], c["ci_low"], c["ci_high"], c["rank_low"], c["state"])
            for c in old["cells"]
        ] == [
            (c["target"], c["n"], c["mean"], c["ci_low"], c["ci_high"], c["rank_low"], c["state"])
            for c in new["cells"]
        ]
    kyiv_cell = next(c for c in after["criteria"][0]["cells"] if c["target"] == "kyiv")
    assert (kyiv_cell["by_email"], kyiv_cell["held_back"], kyiv_cell["n"]) == (1, 1, 12)


def test_burst_from_one_client_counts_once_and_is_held_back_whole(client, pilot, kyiv):
    codes = list(services.generate_code_batch(survey=pilot, label="x", size=5).codes.all())
    for i, code in enumerate(codes[:3]):
        client.post(
            _url("respond", pilot),
            _form(pilot, kyiv, value=str(2 + i), code=code.code),
            REMOTE_ADDR="203.0.113.9",
        )
    from surveys.independence import independent_answers

    units, counts = independent_answers(pilot)
    assert (len(units[kyiv.pk]), counts[kyiv.pk].merged, counts[kyiv.pk].held) == (1, 2, 0)
    client.post(
        _url("respond", pilot), _form(pilot, kyiv, code=codes[3].code), REMOTE_ADDR="203.0.113.9"
    )
    units, counts = independent_answers(pilot)
    assert (units.get(kyiv.pk), counts[kyiv.pk].held) == (None, 4)
    services.review_responses(responses=Response.objects.all(), by=None)
    units, counts = independent_answers(pilot)
    assert (len(units[kyiv.pk]), counts[kyiv.pk].held, counts[kyiv.pk].by_code) == (4, 0, 4)


def test_russian_form_marks_polish_fallbacks(client, pilot):
    from surveys.models import Target

    only_polish = Target.objects.create(
        kind="consular", slug="lwow-2", name_pl="Łuck II", country="UA"
    )
    pilot.targets.add(only_polish)
    criterion = pilot.criteria.first()
    criterion.name_ru = ""
    criterion.description_ru = ""
    criterion.save()
    pilot.introduction_ru = ""
    pilot.save()
    text = client.get(_url("respond", pilot, lang="ru")).content.decode()
    mark = '<span class="fallback-mark">(по-польски)</span>'
    assert f'<span lang="pl">{criterion.name_pl}</span> {mark}' in text
    assert f'lang="pl">Łuck II (по-польски)</option>' in text
    assert '<div class="lead" lang="pl">' in text
    assert "Пилотный рейтинг консульского обслуживания" in text  # translated: no mark
    assert ">Киев</option>" in text
