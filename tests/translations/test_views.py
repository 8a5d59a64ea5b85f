"""The translators' worklist and form."""

import re

import pytest
from django.urls import reverse

from practices.enums import Phase
from practices.models import Category, Edition
from tests.factories import (
    CategoryFactory,
    EditionFactory,
    NominationFactory,
    PracticeFactory,
)
from translations.enums import TranslationState as State
from translations.models import TranslationStatus

pytestmark = pytest.mark.django_db


def open_practice(**fields):
    """A practice the jury reads now (nominated in an edition being scored): translators
    see what the jury and the public read, in the phases that allow translating."""
    edition, _ = Edition.objects.get_or_create(year=2090,
                                               defaults={"phase": Phase.JURY_SCORING})
    category = Category.objects.first() or CategoryFactory()
    return NominationFactory(edition=edition, category=category, justification_pl="",
                             practice=PracticeFactory(**fields)).practice


def status_of(obj, field, language):
    return TranslationStatus.objects.for_object(obj).get(field=field, language=language)


def test_worklist_shows_source_beside_translation(client_for, translator):
    open_practice(title_pl="Punkt konsultacyjny", title_uk="Консультаційний пункт")
    response = client_for(translator).get(reverse("translations:worklist"),
                                          {"language": "uk", "status": "all"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<td lang="pl">Punkt konsultacyjny</td>' in html
    assert '<td lang="uk">Консультаційний пункт</td>' in html


def test_worklist_filters_by_status_language_and_edition(client_for, translator):
    edition = EditionFactory(phase=Phase.JURY_SCORING)
    nominated = NominationFactory(edition=edition, practice=PracticeFactory(title_pl="Wybrana"))
    PracticeFactory(title_pl="Inna")
    client = client_for(translator)
    response = client.get(reverse("translations:worklist"),
                          {"language": "ru", "status": "missing", "edition": edition.year})
    rows = list(response.context["page"].object_list)
    assert rows and {row.language for row in rows} == {"ru"}
    assert {row.status for row in rows} == {State.MISSING}
    practices = {row.obj.pk for row in rows if row.content_type.model == "practice"}
    assert practices == {nominated.practice.pk}


def test_worklist_paginates(client_for, translator):
    for n in range(25):
        open_practice(title_pl=f"Praktyka {n}", description_pl="")
    client = client_for(translator)
    url = reverse("translations:worklist")
    first = client.get(url, {"language": "en", "status": "missing"}).context["page"]
    second = client.get(url, {"language": "en", "status": "missing", "page": 2}).context["page"]
    assert first.paginator.num_pages >= 2
    assert not {r.pk for r in first.object_list} & {r.pk for r in second.object_list}


def test_worklist_reports_bad_filters_without_error(client_for, translator):
    response = client_for(translator).get(
        reverse("translations:worklist"), {"language": "xx", "edition": "1999", "page": "abc"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"language", "edition"}


def test_save_and_mark_reviewed_then_back_to_the_worklist(client_for, translator):
    practice = open_practice(title_pl="Punkt")
    status = status_of(practice, "title", "uk")
    url = reverse("translations:edit", args=[status.pk]) + "?language=uk&status=missing"
    response = client_for(translator).post(url, {"text": "Пункт", "action": "reviewed"})
    assert response.status_code == 302
    assert response["Location"] == reverse("translations:worklist") + "?language=uk&status=missing"
    practice.refresh_from_db()
    status.refresh_from_db()
    assert (practice.title_uk, status.status, status.set_by) == ("Пункт", State.REVIEWED,
                                                                 translator)


def test_save_as_draft(client_for, translator):
    practice = open_practice(title_pl="Punkt")
    status = status_of(practice, "title", "en")
    client_for(translator).post(reverse("translations:edit", args=[status.pk]),
                                {"text": "Point", "action": "draft"})
    status.refresh_from_db()
    assert status.status == State.DRAFT


def test_invalid_input_shows_the_form_again(client_for, translator):
    practice = open_practice(title_pl="Punkt")
    status = status_of(practice, "title", "en")
    client = client_for(translator)
    url = reverse("translations:edit", args=[status.pk])
    empty = client.post(url, {"text": "", "action": "reviewed"})
    too_long = client.post(url, {"text": "x" * 600, "action": "draft"})
    bad_action = client.post(url, {"text": "Point", "action": "publish"})
    assert [empty.status_code, too_long.status_code, bad_action.status_code] == [200, 200, 200]
    assert "cannot be marked reviewed" in empty.content.decode()
    practice.refresh_from_db()
    assert not practice.title_en


def test_edit_escapes_a_hostile_way_back(client_for, translator):
    practice = open_practice(title_pl="Punkt")
    status = status_of(practice, "title", "en")
    url = reverse("translations:edit", args=[status.pk]) + "?next=https://evil.example&language=en"
    response = client_for(translator).post(url, {"text": "Point", "action": "draft"})
    assert response["Location"] == reverse("translations:worklist") + "?language=en"


def test_translator_cannot_post_to_the_jury_or_the_admin(client_for, translator):
    client = client_for(translator)
    assert client.post(reverse("admin:practices_practice_add"), {}).status_code == 302
    assert client.get(reverse("jury:dashboard")).status_code == 403
    assert client.get(reverse("cockpit:index")).status_code == 403


def test_translator_lands_on_the_worklist_after_login(client, translator):
    from tests.conftest import PASSWORD

    response = client.post(reverse("public:login"),
                           {"username": "translator", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("translations:worklist")


def test_worklist_queries_do_not_grow_with_the_page(client_for, translator,
                                                    django_assert_max_num_queries):
    client = client_for(translator)
    url = reverse("translations:worklist")
    open_practice(title_pl="Jedna", description_pl="")
    client.get(url, {"language": "en"})  # warm the content-type cache and the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get(url, {"language": "en"})
    for n in range(19):
        open_practice(title_pl=f"Praktyka {n}", description_pl="")
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url, {"language": "en"})


def test_worklist_times_are_valid_html_datetimes(client_for, translator):
    # A datetime attribute takes at most three digits of a second; `|date:'c'` wrote six.
    open_practice(title_pl="Punkt konsultacyjny", title_uk="Консультаційний пункт")
    html = client_for(translator).get(
        reverse("translations:worklist"), {"language": "uk", "status": "all"}
    ).content.decode()
    stamps = re.findall(r'<time datetime="([^"]*)">', html)
    assert stamps
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}", s) for s in stamps)
