"""The cockpit's pages: the edition page, the confirmation before a phase move,
unpublishing with the year and a reason."""

import pytest
from django.core import mail
from django.urls import reverse

from practices import services as practice_services
from practices.enums import Phase
from tests.factories import AwardFactory, EditionFactory, JurorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_edition_page_shows_timeline_checks_and_moves(client_for, organiser):
    edition = EditionFactory(phase=Phase.EXPERT_REPORTS)
    page = client_for(organiser).get(reverse("cockpit:edition", args=[edition.year]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'aria-current="step">Expert reports' in html
    assert reverse("cockpit:phase", args=[edition.year, Phase.JURY_SCORING]) in html
    assert 'data-check="criteria"' in html  # readiness for the next phase
    assert reverse("admin:practices_edition_change", args=[edition.pk]) in html


def test_juror_progress_counts_only_while_scoring_is_open(client_for, organiser):
    edition = EditionFactory(phase=Phase.JURY_SCORING)
    JurorFactory(name="Ola").editions.add(edition)
    client = client_for(organiser)
    assert "0 of 0" in client.get(reverse("cockpit:edition", args=[edition.year])).content.decode()
    edition.phase = Phase.DELIBERATION
    edition.save()
    html = client.get(reverse("cockpit:edition", args=[edition.year])).content.decode()
    assert "Ola" in html and "0 of 0" not in html


def test_confirmation_page_says_what_changes_and_changes_nothing(client_for, organiser):
    edition = EditionFactory(phase=Phase.DELIBERATION)
    AwardFactory(edition=edition)
    page = client_for(organiser).get(reverse("cockpit:phase", args=[edition.year, "published"]))
    assert "go online for the public" in page.content.decode()
    edition.refresh_from_db()
    assert edition.phase == Phase.DELIBERATION


def test_confirmed_move_to_scoring_tells_the_jurors(
    client_for, organiser, django_capture_on_commit_callbacks
):
    edition = EditionFactory(phase=Phase.EXPERT_REPORTS)
    juror = JurorFactory(user=UserFactory(email="olena@example.org"), preferred_language="uk")
    juror.editions.add(edition)
    client = client_for(organiser)
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail waits for the commit
        client.post(reverse("cockpit:phase", args=[edition.year, Phase.JURY_SCORING]))
    edition.refresh_from_db()
    assert edition.phase == Phase.JURY_SCORING
    assert [m.to for m in mail.outbox] == [["olena@example.org"]]
    assert "/uk/login/" in mail.outbox[0].body


@pytest.mark.skipif(
    not hasattr(practice_services, "unpublish_edition"),
    reason="needs practices.services.unpublish_edition (the lead's Policy commit)",
)
def test_unpublish_asks_for_the_year_and_a_reason(client_for, organiser, edition_2015):
    client = client_for(organiser)
    url = reverse("cockpit:phase", args=[2015, Phase.DELIBERATION])
    page = client.get(url)
    assert "The 2015 pages and booklets go offline for the public." in page.content.decode()
    wrong = client.post(url, {"year": "2016", "reason": "Błąd w nagrodzie"})
    assert wrong.status_code == 400
    edition_2015.refresh_from_db()
    assert edition_2015.phase == Phase.PUBLISHED
    client.post(url, {"year": "2015", "reason": "Błąd w nagrodzie"})
    edition_2015.refresh_from_db()
    assert edition_2015.phase == Phase.DELIBERATION


def test_cockpit_is_linked_from_the_admin(client_for, organiser):
    edition = EditionFactory()
    client = client_for(organiser)
    assert reverse("cockpit:index") in client.get(reverse("admin:index")).content.decode()
    change = client.get(reverse("admin:practices_edition_change", args=[edition.pk]))
    assert reverse("cockpit:edition", args=[edition.year]) in change.content.decode()


def test_tally_links_to_the_cockpit_and_has_no_phase_buttons(client_for, organiser):
    edition = EditionFactory(phase=Phase.JURY_SCORING)
    html = client_for(organiser).get(reverse("jury:tally", args=[edition.year])).content.decode()
    assert reverse("cockpit:edition", args=[edition.year]) in html
    assert 'name="phase"' not in html


def test_edition_page_links_to_nominating_while_nominations_are_open(client_for, organiser):
    edition = EditionFactory(phase=Phase.EXPERT_REPORTS)
    client = client_for(organiser)
    link = f'{reverse("admin:reports_nominate")}?edition={edition.pk}'
    assert link in client.get(reverse("cockpit:edition", args=[edition.year])).content.decode()
    edition.phase = Phase.DELIBERATION
    edition.save()
    assert link not in client.get(reverse("cockpit:edition", args=[edition.year])).content.decode()


def test_confirmation_page_derives_what_changes_from_the_phase_table(client_for, organiser):
    edition = EditionFactory(phase=Phase.EXPERT_REPORTS)
    page = client_for(organiser).get(reverse("cockpit:phase", args=[edition.year, "jury_scoring"]))
    assert page.context["consequences"] == [
        f"Each juror of {edition.year} with an account is told by e-mail that scoring is open "
        "(once per edition).",
        "Becomes possible: score a nomination; declare a conflict of interest; read the tally.",
        "No longer possible: write, change or submit an expert report; "
        "return or accept an expert report; add, change or remove scoring criteria.",
    ]


def test_confirmation_page_speaks_polish(client_for, organiser):
    from django.utils import translation

    edition = EditionFactory(phase=Phase.DELIBERATION)
    with translation.override("pl"):
        url = reverse("cockpit:phase", args=[edition.year, "published"])
    html = client_for(organiser).get(url).content.decode()
    assert f"Nagrody, strony i broszury {edition.year} stają się publiczne." in html
    assert ("Od teraz można: wycofywać wyróżnienia z publikacji; "
            "pokazywać edycję publicznie.") in html
    assert ("Nie można już: omawiać nominacje w wątkach obrad i zmieniać ocenę z podaniem "
            "powodu; przyznawać wyróżnienie; ") in html
