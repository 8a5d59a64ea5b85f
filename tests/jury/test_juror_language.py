"""Jurors read in their language: the 2015 nominations on a Ukrainian juror's pages have
no Polish paragraph; a translated text keeps its Polish original one click away
(<details>); an untranslated one is marked lang="pl" with a note; the experts' notes per
criterion reach the juror."""

import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from jury.models import Criterion, Juror, Nomination
from practices.enums import Phase
from practices.models import Category, Edition, Practice
from reports.enums import ReportStatus
from reports.models import ReportPractice
from tests.factories import ReportFactory
from tests.polish_text import html_paragraphs, names_2015, polish_paragraphs

pytestmark = pytest.mark.django_db

NOMINATIONS = settings.BASE_DIR / "jury" / "data" / "nominations_2015.json"
ORIGINALS = re.compile(r'<details class="original">.*?</details>', re.DOTALL)


@pytest.fixture
def scoring_2015(edition_2015, juror_a):
    """The 2015 nominations back in scoring, juror_a as the Ukrainian juror."""
    for row in json.loads(NOMINATIONS.read_text(encoding="utf-8")):
        Nomination.objects.create(
            edition=edition_2015,
            practice=Practice.objects.get(city__slug=row["city"], slug=row["practice"]),
            category=Category.objects.get(code=row["category"]),
        )
    # A test set-up, not a cycle step: the published edition goes back to scoring.
    Edition.objects.filter(pk=edition_2015.pk).update(phase=Phase.JURY_SCORING)
    juror = Juror.objects.get(slug="edward-krajczynski")
    Juror.objects.filter(pk=juror.pk).update(user=juror_a, preferred_language="uk")
    return Edition.objects.get(pk=edition_2015.pk)


def juror_urls(language):
    with translation.override(language):
        return [reverse("jury:dashboard")] + [
            reverse("jury:nomination", args=[n.pk]) for n in Nomination.objects.all()
        ] + [reverse("jury:conflict", args=[Nomination.objects.first().pk])]


def test_juror_pages_2015_in_ukrainian_have_no_polish_paragraph(scoring_2015, client_for,
                                                                 juror_a):
    client = client_for(juror_a)
    names = names_2015(scoring_2015)
    urls = juror_urls("uk")
    assert len(urls) == 13
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        # The Polish originals behind <details> are Polish on purpose.
        markup = ORIGINALS.sub("", response.content.decode())
        assert polish_paragraphs(html_paragraphs(markup), names=names) == [], url


def test_juror_sees_the_polish_original_one_click_away(scoring_2015, client_for, juror_a):
    nomination = Nomination.objects.get(category__code="strategy")
    with translation.override("uk"):
        html = client_for(juror_a).get(reverse("jury:nomination", args=[nomination.pk]))
    html = html.content.decode()
    practice = nomination.practice
    assert practice.description_uk in html
    assert (
        '<details class="original"><summary>Оригінал польською</summary>'
        f'<div lang="pl"><p>{practice.description_pl}</p></div></details>'
    ) in html
    criterion = Criterion.objects.get(edition=scoring_2015, code="engagement")
    assert criterion.name_uk in html
    assert f"<p><strong>{criterion.name_pl}</strong></p>" in html
    assert "<li>1 – bardzo słabo</li>" in html  # the default scale label, in Polish
    assert "дуже слабко" in html


def test_juror_sees_untranslated_text_marked_as_polish(scoring_2015, client_for, juror_a):
    nomination = Nomination.objects.get(category__code="strategy")
    practice = nomination.practice
    Practice.objects.filter(pk=practice.pk).update(description_uk="", title_uk="")
    Nomination.objects.filter(pk=nomination.pk).update(justification_pl="Bo warto.")
    with translation.override("uk"):
        html = client_for(juror_a).get(reverse("jury:nomination", args=[nomination.pk]))
    html = html.content.decode()
    assert f'<div class="description" lang="pl"><p>{practice.description_pl}</p></div>' in html
    assert f'<span lang="pl">{practice.title_pl}</span>' in html
    assert '<div class="justification" lang="pl"><p>Bo warto.</p></div>' in html
    assert html.count('<p class="fallback-note">') >= 2


def test_juror_reads_the_experts_notes_per_criterion(scoring_2015, client_for, juror_a):
    nomination = Nomination.objects.get(category__code="strategy")
    report = ReportFactory(edition=scoring_2015, city=nomination.practice.city)
    ReportPractice.objects.create(
        report=report, practice=nomination.practice,
        engagement_pl="Prezydent miasta osobiście prowadzi prace.",
        engagement_uk="Мер міста особисто керує роботою.",
        durability_pl="Zapisane w strategii.",
    )
    with translation.override("uk"):
        url = reverse("jury:nomination", args=[nomination.pk])
    client = client_for(juror_a)
    assert "Мер міста" not in client.get(url).content.decode()  # a draft: not for the jury
    type(report).objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)
    html = client.get(url).content.decode()
    assert '<div class="expert-note"><p>Мер міста особисто керує роботою.</p></div>' in html
    assert "<p>Prezydent miasta osobiście prowadzi prace.</p>" in html  # behind <details>
    assert '<div class="expert-note" lang="pl"><p>Zapisane w strategii.</p></div>' in html
