import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from jury.models import Conflict, Score, ScoreChange
from jury.services.decisions import decide_award, publish_edition
from jury.services.scoring import submit_scores
from practices.enums import Phase
from practices.services import change_phase
from tests.conftest import PASSWORD
from tests.factories import CriterionFactory, NominationFactory, PracticeFactory

pytestmark = pytest.mark.django_db

SECRET = "Komentarz-jurora-B-tajny"


def form_data(s, engagement, durability, action="save", comment=""):
    return {f"criterion_{s.engagement.pk}": engagement,
            f"criterion_{s.durability.pk}": durability,
            "comment": comment, "action": action}


def juror_urls(s):
    pk = s.nominations[0].pk
    return [reverse("jury:dashboard"), reverse("jury:nomination", args=[pk]),
            reverse("jury:conflict", args=[pk])]


def organiser_urls(s):
    year = s.edition.year
    return [reverse("jury:organiser"), reverse("jury:tally", args=[year]),
            reverse("jury:tally_csv", args=[year])]


@pytest.mark.parametrize(
    ("persona", "juror_status", "organiser_status"),
    [
        ("anonymous", 302, 302),
        ("expert_lublin", 403, 403),
        ("organiser", 403, 200),
        ("juror_a", 200, 403),
    ],
)
def test_every_jury_url_by_role(scoring, request, client_for, persona, juror_status,
                                organiser_status):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    client = client_for(user)
    for url in juror_urls(scoring):
        response = client.get(url)
        assert response.status_code == juror_status, url
        if juror_status == 302:
            assert response["Location"].startswith(reverse("public:login"))
    for url in organiser_urls(scoring):
        response = client.get(url)
        assert response.status_code == organiser_status, url


def test_anonymous_post_scores_redirects_to_login(scoring, anonymous):
    url = reverse("jury:nomination", args=[scoring.nominations[0].pk])
    response = anonymous.post(url, form_data(scoring, 3, 3))
    assert response.status_code == 302
    assert Score.objects.count() == 0


def test_organiser_post_scores_forbidden(scoring, client_for, organiser):
    url = reverse("jury:nomination", args=[scoring.nominations[0].pk])
    assert client_for(organiser).post(url, form_data(scoring, 3, 3)).status_code == 403
    assert Score.objects.count() == 0


def test_juror_saves_scores_and_comment(scoring, client_for, juror_a):
    nomination = scoring.nominations[0]
    url = reverse("jury:nomination", args=[nomination.pk])
    response = client_for(juror_a).post(url, form_data(scoring, 4, 2, comment="Ok"))
    assert response.status_code == 302
    assert response["Location"] == url
    assert dict(Score.objects.filter(juror=scoring.ja).values_list("criterion__code", "value")) == {
        "engagement": 4, "durability": 2}
    assert ScoreChange.objects.filter(changed_by=juror_a).count() == 2


def test_save_and_next_goes_to_next_open_nomination(scoring, client_for, juror_a):
    first, second, _third = scoring.nominations
    response = client_for(juror_a).post(
        reverse("jury:nomination", args=[first.pk]), form_data(scoring, 4, 2, "save_next"))
    assert response["Location"] == reverse("jury:nomination", args=[second.pk])


def test_save_and_next_on_last_goes_to_dashboard(scoring, client_for, juror_a):
    for nomination in scoring.nominations[1:]:
        submit_scores(juror=scoring.ja, nomination=nomination,
                      values={scoring.engagement.pk: 3, scoring.durability.pk: 3})
    response = client_for(juror_a).post(
        reverse("jury:nomination", args=[scoring.nominations[0].pk]),
        form_data(scoring, 4, 2, "save_next"))
    assert response["Location"] == reverse("jury:dashboard")


def test_value_outside_scale_shows_clear_message(scoring, client_for, juror_a):
    url = reverse("jury:nomination", args=[scoring.nominations[0].pk])
    response = client_for(juror_a).post(url, form_data(scoring, 9, 2))
    assert response.status_code == 200
    assert "A score for “Zaangażowanie” must be a whole number from 1 to 5." in response.content.decode()
    assert Score.objects.count() == 0


def test_missing_required_score_shows_message(scoring, client_for, juror_a):
    url = reverse("jury:nomination", args=[scoring.nominations[0].pk])
    data = form_data(scoring, 3, 2)
    del data[f"criterion_{scoring.durability.pk}"]
    response = client_for(juror_a).post(url, data)
    assert "“Długofalowość” needs a score." in response.content.decode()


def test_scoring_after_deadline_refused(scoring, client_for, juror_a):
    scoring.edition.scoring_deadline = timezone.now() - timedelta(seconds=1)
    scoring.edition.save()
    url = reverse("jury:nomination", args=[scoring.nominations[0].pk])
    client = client_for(juror_a)
    assert "Scoring is closed for this nomination." in client.get(url).content.decode()
    response = client.post(url, form_data(scoring, 3, 3))
    assert response.status_code == 403
    assert Score.objects.count() == 0


@pytest.mark.parametrize("phase", [Phase.EXPERT_REPORTS, Phase.DELIBERATION])
def test_nominations_hidden_outside_scoring_phase(scoring, client_for, juror_a, phase):
    change_phase(edition=scoring.edition, phase=phase)
    client = client_for(juror_a)
    for url in juror_urls(scoring)[1:]:
        assert client.get(url).status_code == 404
    response = client.post(juror_urls(scoring)[1], form_data(scoring, 3, 3))
    assert response.status_code == 404
    assert Score.objects.count() == 0
    assert "There is nothing to score now." in client.get(reverse("jury:dashboard")).content.decode()


def test_nomination_of_another_edition_is_404(scoring, client_for, juror_a):
    other = NominationFactory()  # another edition in scoring, juror A not on its jury
    CriterionFactory(edition=other.edition)
    client = client_for(juror_a)
    assert client.get(reverse("jury:nomination", args=[other.pk])).status_code == 404
    assert client.post(reverse("jury:conflict", args=[other.pk]), {"reason": "x"}).status_code == 404
    assert other.practice.title not in client.get(reverse("jury:dashboard")).content.decode()


def test_juror_without_profile_is_forbidden(db, client_for, juror_a):
    assert client_for(juror_a).get(reverse("jury:dashboard")).status_code == 403


def test_other_jurors_scores_never_in_responses(scoring, client_for, juror_a, juror_b):
    nomination = scoring.nominations[0]
    submit_scores(juror=scoring.jb, nomination=nomination,
                  values={scoring.engagement.pk: 5, scoring.durability.pk: 1}, comment=SECRET)
    client = client_for(juror_a)
    for url in juror_urls(scoring):
        body = client.get(url).content.decode()
        assert SECRET not in body
        assert "checked" not in body
        assert "Juror B" not in body
    # Juror A's own save shows A's values only.
    client.post(juror_urls(scoring)[1], form_data(scoring, 2, 3))
    body = client.get(juror_urls(scoring)[1]).content.decode()
    assert body.count("checked") == 2
    assert re.findall(r"<input[^>]*checked>", body) == [
        f'<input type="radio" name="criterion_{scoring.engagement.pk}" value="2" '
        f'id="id_criterion_{scoring.engagement.pk}_1" required checked>',
        f'<input type="radio" name="criterion_{scoring.durability.pk}" value="3" '
        f'id="id_criterion_{scoring.durability.pk}_2" required checked>',
    ]
    assert SECRET not in body


def test_juror_b_cannot_change_juror_a_scores(scoring, client_for, juror_b):
    nomination = scoring.nominations[0]
    submit_scores(juror=scoring.ja, nomination=nomination,
                  values={scoring.engagement.pk: 5, scoring.durability.pk: 5})
    client_for(juror_b).post(reverse("jury:nomination", args=[nomination.pk]),
                             form_data(scoring, 1, 1))
    assert sorted(Score.objects.filter(juror=scoring.ja).values_list("value", flat=True)) == [5, 5]
    assert sorted(Score.objects.filter(juror=scoring.jb).values_list("value", flat=True)) == [1, 1]


def test_declare_conflict_then_cannot_score(scoring, client_for, juror_a):
    nomination = scoring.nominations[0]
    client = client_for(juror_a)
    response = client.post(reverse("jury:conflict", args=[nomination.pk]),
                           {"reason": "Pracuję w tej organizacji."})
    assert response["Location"] == reverse("jury:dashboard")
    assert Conflict.objects.get().declared_by == juror_a
    response = client.post(reverse("jury:nomination", args=[nomination.pk]),
                           form_data(scoring, 3, 3))
    assert response.status_code == 403
    assert Score.objects.count() == 0
    assert "1 of 2 scored" not in client.get(reverse("jury:dashboard")).content.decode()
    assert "0 of 2 scored" in client.get(reverse("jury:dashboard")).content.decode()


def test_declare_conflict_requires_reason(scoring, client_for, juror_a):
    response = client_for(juror_a).post(
        reverse("jury:conflict", args=[scoring.nominations[0].pk]), {"reason": ""})
    assert response.status_code == 200
    assert Conflict.objects.count() == 0


def test_dashboard_shows_progress(scoring, client_for, juror_a):
    submit_scores(juror=scoring.ja, nomination=scoring.nominations[0],
                  values={scoring.engagement.pk: 3, scoring.durability.pk: 3})
    body = client_for(juror_a).get(reverse("jury:dashboard")).content.decode()
    assert "1 of 3 scored" in body


def test_dashboard_query_count_does_not_grow(scoring, client_for, juror_a,
                                             django_assert_max_num_queries):
    client = client_for(juror_a)
    client.get(reverse("jury:dashboard"))
    with django_assert_max_num_queries(12):
        client.get(reverse("jury:dashboard"))
    for _ in range(5):
        nomination = NominationFactory(edition=scoring.edition)
    with django_assert_max_num_queries(12):
        client.get(reverse("jury:dashboard"))


def test_login_redirects_juror_to_preferred_language(scoring, client, juror_a):
    response = client.post(reverse("public:login"), {"username": "juror_a", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/uk/jury/"


def test_login_keeps_next_but_switches_language(scoring, client, juror_a):
    url = reverse("jury:nomination", args=[scoring.nominations[0].pk])
    response = client.post(reverse("public:login") + f"?next={url}",
                           {"username": "juror_a", "password": PASSWORD, "next": url})
    assert response["Location"] == url.replace("/en/", "/uk/").replace("/pl/", "/uk/")


def test_login_sends_organiser_to_the_cockpit(client, organiser):
    response = client.post(reverse("public:login"), {"username": "organiser", "password": PASSWORD})
    assert response["Location"] == reverse("cockpit:index")


def test_login_sends_expert_to_their_reports(client, expert_lublin):
    response = client.post(
        reverse("public:login"), {"username": "expert_lublin", "password": PASSWORD}
    )
    assert response["Location"] == reverse("admin:reports_report_changelist")


def test_old_jury_login_goes_on_to_the_site_login(client):
    response = client.get(reverse("jury:login") + "?next=/pl/jury/")
    assert response["Location"] == reverse("public:login") + "?next=/pl/jury/"


def test_login_wrong_password_stays(client, juror_a):
    response = client.post(reverse("public:login"), {"username": "juror_a", "password": "nope"})
    assert response.status_code == 200


def test_logout_needs_post(scoring, client_for, juror_a):
    client = client_for(juror_a)
    response = client.post(reverse("public:logout"))
    assert response["Location"] == reverse("public:login")
    assert client.get(reverse("jury:dashboard")).status_code == 302


def test_tally_page_and_csv_for_organiser(scoring, client_for, organiser):
    submit_scores(juror=scoring.ja, nomination=scoring.nominations[0],
                  values={scoring.engagement.pk: 4, scoring.durability.pk: 1})
    client = client_for(organiser)
    body = client.get(reverse("jury:tally", args=[scoring.edition.year])).content.decode()
    assert "3.00" in body
    with translation.override("en"):
        response = client.get(reverse("jury:tally_csv", args=[scoring.edition.year]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "3.00" in response.content.decode("utf-8-sig")
    # In Polish: the CSV Polish Excel reads (";" and a decimal comma), issue 29.
    with translation.override("pl"):
        polish = client.get(reverse("jury:tally_csv", args=[scoring.edition.year]))
    text = polish.content.decode("utf-8-sig")
    assert "3,00" in text and text.splitlines()[0].count(";") > 5


def test_tally_as_a_spreadsheet_has_numbers_as_numbers(scoring, client_for, organiser):
    import io

    from odf.opendocument import load
    from openpyxl import load_workbook

    submit_scores(juror=scoring.ja, nomination=scoring.nominations[0],
                  values={scoring.engagement.pk: 4, scoring.durability.pk: 1})
    client = client_for(organiser)
    with translation.override("en"):
        url = reverse("jury:tally_xlsx", args=[scoring.edition.year])
    book = load_workbook(io.BytesIO(client.get(url).content))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    total = header.index("Weighted total")
    values = [row[total].value for row in sheet.iter_rows(min_row=2) if row[total].value]
    assert 3 in values or 3.0 in values
    assert all(isinstance(value, (int, float)) for value in values)
    ods = client.get(reverse("jury:tally_ods", args=[scoring.edition.year]))
    assert ods.status_code == 200
    load(io.BytesIO(ods.content))  # a readable OpenDocument spreadsheet


def test_organiser_decides_and_publishes(scoring, client_for, organiser):
    change_phase(edition=scoring.edition, phase=Phase.DELIBERATION)
    client = client_for(organiser)
    year = scoring.edition.year
    response = client.post(reverse("jury:decide", args=[year]), {
        "nomination": scoring.nominations[0].pk, "recommendation": "Polecamy.",
        "quote_juror": scoring.ja.pk, "quote_text": "Brawo."})
    assert response.status_code == 302
    response = client.post(reverse("cockpit:phase", args=[year, Phase.PUBLISHED]))
    scoring.edition.refresh_from_db()
    assert scoring.edition.phase == Phase.PUBLISHED
    home = client.get(reverse("public:home")).content.decode()
    assert scoring.nominations[0].practice.title in home


def test_organiser_decision_form_errors_are_400(scoring, client_for, organiser):
    change_phase(edition=scoring.edition, phase=Phase.DELIBERATION)
    response = client_for(organiser).post(reverse("jury:decide", args=[scoring.edition.year]),
                                          {"nomination": "abc"})
    assert response.status_code == 400


def test_juror_cannot_publish_or_decide(scoring, client_for, juror_a):
    year = scoring.edition.year
    client = client_for(juror_a)
    assert client.post(reverse("cockpit:phase", args=[year, "published"])).status_code == 403
    assert client.post(reverse("jury:decide", args=[year]), {}).status_code == 403
    assert client.post(reverse("cockpit:phase", args=[year, "deliberation"])).status_code == 403


def test_organiser_moves_phase(scoring, client_for, organiser):
    client = client_for(organiser)
    year = scoring.edition.year
    client.post(reverse("cockpit:phase", args=[year, "deliberation"]))
    scoring.edition.refresh_from_db()
    assert scoring.edition.phase == Phase.DELIBERATION
    assert client.post(reverse("cockpit:phase", args=[year, "bogus"])).status_code == 404
    client.post(reverse("cockpit:phase", args=[year, "published"]))  # no awards yet
    scoring.edition.refresh_from_db()
    assert scoring.edition.phase == Phase.DELIBERATION


def test_nomination_page_shows_what_a_juror_needs(scoring, client_for, juror_a):
    from tests.factories import AwardFactory

    nomination = scoring.nominations[0]
    practice = nomination.practice
    practice.website = "https://example.org/praktyka"
    practice.save()
    AwardFactory(practice=practice, edition__year=2015, edition__phase=Phase.PUBLISHED)
    body = client_for(juror_a).get(reverse("jury:nomination", args=[nomination.pk])).content.decode()
    for text in (practice.city.name_pl, nomination.category.name_pl, practice.description_pl,
                 "Uzasadnienie ekspertów.", "https://example.org/praktyka", "Awarded in 2015",
                 "1 – very weak", "Save and next"):
        assert text in body, text


def test_saving_scores_takes_a_fixed_small_number_of_queries(scoring, client_for, juror_a,
                                                            django_assert_max_num_queries):
    """The save is the hot path before a deadline: session, user, the juror with
    their role (one query), nomination, criteria, then in one transaction the
    locks and checks, the existing scores and one write each of scores, score
    log, audit trail and comment (the savepoints are the test's own transaction)."""
    client = client_for(juror_a)
    url = reverse("jury:nomination", args=[scoring.nominations[0].pk])
    with django_assert_max_num_queries(13):
        assert client.post(url, form_data(scoring, 4, 2, comment="a")).status_code == 302
    before = Score.objects.get(juror=scoring.ja, criterion=scoring.engagement).updated_at
    for order in range(3, 9):
        CriterionFactory(edition=scoring.edition, order=order, required=False)
    with django_assert_max_num_queries(13):  # revising, more criteria: not more queries
        assert client.post(url, form_data(scoring, 3, 5, comment="b")).status_code == 302
    assert dict(Score.objects.filter(juror=scoring.ja).values_list("criterion__code", "value")) == {
        "engagement": 3, "durability": 5}
    assert ScoreChange.objects.filter(juror=scoring.ja).count() == 4
    assert Score.objects.get(juror=scoring.ja, criterion=scoring.engagement).updated_at > before


@pytest.mark.parametrize("pk", ["0", "99999999999999999999"])
def test_saving_scores_of_an_unknown_nomination_is_404(scoring, client_for, juror_a, pk):
    response = client_for(juror_a).post(f"/pl/jury/nominations/{pk}/", form_data(scoring, 3, 3))
    assert response.status_code == 404
    assert Score.objects.count() == 0


def test_saving_scores_of_another_editions_nomination_is_404(scoring, client_for, juror_a):
    """The criteria are read through the nominations the juror may see: another
    edition's nomination (with its own criteria) is not found, nothing is saved."""
    other = NominationFactory()  # another edition in scoring, juror A not on its jury
    criterion = CriterionFactory(edition=other.edition)
    response = client_for(juror_a).post(
        reverse("jury:nomination", args=[other.pk]), {f"criterion_{criterion.pk}": 3})
    assert response.status_code == 404
    assert Score.objects.count() == 0


def test_invalid_scores_after_the_deadline_are_refused(scoring, client_for, juror_a):
    scoring.edition.scoring_deadline = timezone.now() - timedelta(seconds=1)
    scoring.edition.save()
    url = reverse("jury:nomination", args=[scoring.nominations[0].pk])
    response = client_for(juror_a).post(url, form_data(scoring, 9, 3))
    assert response.status_code == 403
    assert "Scoring is closed for this nomination." in response.content.decode()
    assert Score.objects.count() == 0


def test_invalid_scores_while_open_show_the_form_again(scoring, client_for, juror_a):
    url = reverse("jury:nomination", args=[scoring.nominations[0].pk])
    response = client_for(juror_a).post(url, form_data(scoring, 9, 3, comment="keep me"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "keep me" in body and "Scoring is closed" not in body
    assert Score.objects.count() == 0


def test_edition_without_criteria_saves_the_comment(scoring, client_for, juror_a):
    scoring.edition.criteria.all().delete()
    url = reverse("jury:nomination", args=[scoring.nominations[0].pk])
    response = client_for(juror_a).post(url, {"comment": "no criteria yet", "action": "save"})
    assert response.status_code == 302
    assert scoring.ja.comments.get().text == "no criteria yet"


# --- deliberation: the award form, edit and withdraw, each juror's scores ---

from practices.models import Award, SimilarAction  # noqa: E402


def _deliberate(scoring):
    for juror, value in ((scoring.ja, 5), (scoring.jb, 1), (scoring.jc, 3)):
        submit_scores(juror=juror, nomination=scoring.nominations[0],
                      values={scoring.engagement.pk: value, scoring.durability.pk: 4})
    change_phase(edition=scoring.edition, phase=Phase.DELIBERATION)


def test_tally_flags_spread_sorts_and_says_whether_a_juror_decides(scoring, client_for,
                                                                  organiser):
    _deliberate(scoring)
    client = client_for(organiser)
    url = reverse("jury:tally", args=[scoring.edition.year])
    body = client.get(url).content.decode()
    assert "to discuss" in body and "Jurors disagree on" in body
    assert "weight 2" in body
    assert "The winner does not depend on any single juror." in body
    assert client.get(url, {"sort": "spread"}).status_code == 200
    assert client.get(url, {"sort": "<script>"}).status_code == 200


def test_decide_searches_without_javascript_and_saves_city_only_and_four_languages(
        scoring, client_for, organiser):
    _deliberate(scoring)
    client = client_for(organiser)
    url = reverse("jury:decide", args=[scoring.edition.year])
    other = PracticeFactory(title_pl="Punkt konsultacyjny")
    data = {"nomination": scoring.nominations[0].pk, "similar_search": "konsultacyjny",
            "recommendation_pl": "Polecamy.", "search": "1"}
    page = client.post(url, data)
    assert page.status_code == 200
    body = page.content.decode()
    assert f'value="p{other.pk}"' in body
    assert "Polecamy." in body  # what was typed stays
    city = other.city
    del data["search"]
    data.update(similar=[f"p{other.pk}", f"c{city.pk}"], recommendation_en="We recommend.",
                recommendation_uk="Рекомендуємо.", recommendation_ru="Рекомендуем.")
    assert client.post(url, data).status_code == 302
    award = Award.objects.get(practice=scoring.nominations[0].practice)
    assert (award.recommendation_pl, award.recommendation_en, award.recommendation_uk,
            award.recommendation_ru) == ("Polecamy.", "We recommend.", "Рекомендуємо.",
                                         "Рекомендуем.")
    assert [(s.city, s.practice) for s in award.similar_actions.all()] == [
        (city, other), (city, None)]


def test_decide_rejects_unknown_similar_action(scoring, client_for, organiser):
    _deliberate(scoring)
    response = client_for(organiser).post(
        reverse("jury:decide", args=[scoring.edition.year]),
        {"nomination": scoring.nominations[0].pk, "similar": ["p999999", "x", "c"]})
    assert response.status_code == 400
    assert not Award.objects.exists()


def test_award_edit_and_withdraw_until_published(scoring, client_for, organiser):
    _deliberate(scoring)
    award = decide_award(nomination=scoring.nominations[0], recommendation="Stare.")
    client = client_for(organiser)
    year = scoring.edition.year
    edit = reverse("jury:award_edit", args=[year, award.pk])
    assert client.get(edit).status_code == 200
    city = PracticeFactory().city
    response = client.post(edit, {"recommendation_pl": "Nowe.", "recommendation_en": "New.",
                                  "similar": [f"c{city.pk}"]})
    assert response.status_code == 302
    award.refresh_from_db()
    assert (award.recommendation_pl, award.recommendation_en) == ("Nowe.", "New.")
    assert list(SimilarAction.objects.values_list("city", "practice")) == [(city.pk, None)]
    assert client.post(reverse("jury:award_withdraw", args=[year, award.pk])).status_code == 302
    assert not Award.objects.exists()
    award = decide_award(nomination=scoring.nominations[0])
    publish_edition(edition=scoring.edition)
    client.post(reverse("jury:award_withdraw", args=[year, award.pk]))
    assert Award.objects.filter(pk=award.pk).exists()


def test_juror_scores_only_after_scoring_closes(scoring, client_for, organiser):
    submit_scores(juror=scoring.ja, nomination=scoring.nominations[0],
                  values={scoring.engagement.pk: 5, scoring.durability.pk: 2})
    client = client_for(organiser)
    url = reverse("jury:juror_scores", args=[scoring.edition.year])
    assert client.get(url).status_code == 302
    change_phase(edition=scoring.edition, phase=Phase.DELIBERATION)
    body = client.get(url).content.decode()
    assert "Juror A" in body and "Juror C" in body
