"""Every page is valid HTML, checked by the W3C Nu HTML Checker (vnu.jar).

The checker comes from npm (`vnu-jar` in package.json, installed by `make test`'s
`npm ci`) and runs on the machine's Java. The pages are rendered with Django's test
client into files and validated in ONE batched run (the JVM takes seconds to start):
the public pages in Polish and English, and the pages of every logged-in role —
juror, organiser (cockpit, tally, award form, edition file import, city checks,
mail, the second-factor page), translator, and the expert's second-factor page. The
experts otherwise work in the Django admin, whose markup is Django's own: not
checked here.

Without Java the test is skipped with a message, except in CI (`CI=true`), where
it fails: a check that silently does not run is worse than none.
"""

import json
import os
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from jury.models import Nomination
from jury.services.city_checks import send_city_check
from practices.enums import Phase
from practices.models import Practice
from tests.factories import (
    AwardFactory,
    CityTargetFactory,
    EditionFactory,
    PracticeFactory,
    SurveyCriterionFactory,
    SurveyFactory,
)

VNU_JAR = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PUBLIC_LANGUAGES = ("pl", "en")


def _checker():
    """The command that runs vnu.jar, or None (with the reason) when it cannot run."""
    java = shutil.which("java")
    if java is None:
        return None, "java not found: install a Java runtime (apt-get install default-jre-headless)"
    if not VNU_JAR.exists():
        return None, f"{VNU_JAR} not found: run npm ci (make test does)"
    return [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout"], ""


def _world():
    """The demo (2015 published, 2016 in scoring, 2017 taking reports, one account
    per role) plus an edition in deliberation with an award, a city check link and
    an open survey: what every page below needs to show its full markup."""
    with override_settings(DEBUG=True):
        call_command("load_demo", verbosity=0)
    deliberation = EditionFactory(year=2018, phase=Phase.DELIBERATION)
    award = AwardFactory(
        edition=deliberation,
        practice=PracticeFactory(title_pl="Punkt informacyjny", description_pl="Opis."),
        recommendation_pl="Rekomendacja.",
    )
    _check, token = send_city_check(
        edition=deliberation,
        city=award.practice.city,
        contact_name="Anna Nowak",
        contact_email="anna@example.org",
        deadline=timezone.now() + timedelta(days=7),
    )
    survey = SurveyFactory(year=2026, title_pl="Ankieta miejska", results_published=True)
    SurveyCriterionFactory(survey=survey)
    survey.targets.add(CityTargetFactory())
    nomination = Nomination.objects.filter(edition__year=2016).order_by("pk").last()
    return {"award": award, "token": token, "survey": survey, "nomination": nomination}


def _public_urls(world):
    survey = world["survey"]
    names = [
        ("public:home", []),
        ("public:practice_list", []),
        ("public:city_list", []),
        ("public:edition_list", []),
        ("public:edition", [2015]),
        ("public:methodology", [2015]),
        ("public:propose", []),
        ("public:propose_thanks", []),
        ("public:login", []),
        ("public:city", ["lublin"]),
        ("public:city_check", [world["token"]]),
        ("api:docs", []),
        ("surveys:index", []),
        ("surveys:respond", [survey.kind, survey.year]),
        ("surveys:results", [survey.kind, survey.year]),
        ("password_reset_confirm", ["bad", "link"]),  # the invalid-link page
    ]
    practice = Practice.objects.published().select_related("city").order_by("pk").first()
    urls = []
    for language in PUBLIC_LANGUAGES:
        with translation.override(language):
            urls += [reverse(name, args=args) for name, args in names]
            urls.append(practice.get_absolute_url())
            urls.append(reverse("public:practice_list") + "?q=lublin&year=2015")
            urls.append(f"/{language}/no-such-page/")  # the 404 page
    return urls


def _logged_in_urls(world):
    """{username: [url, ...]} in Polish, the default language."""
    year, award, nomination = 2018, world["award"], world["nomination"]
    with translation.override("pl"):
        return {
            "juror": [
                reverse("jury:dashboard"),
                reverse("jury:nomination", args=[nomination.pk]),
                reverse("jury:conflict", args=[nomination.pk]),
            ],
            "organiser": [
                reverse("cockpit:index"),
                reverse("cockpit:edition", args=[2016]),
                reverse("cockpit:edition", args=[year]),
                reverse("cockpit:phase", args=[year, Phase.PUBLISHED]),
                reverse("cockpit:city_checks", args=[year]),
                reverse("cockpit:mail_failed"),
                reverse("exchange:import"),
                reverse("jury:organiser"),
                reverse("jury:tally", args=[2016]),
                reverse("jury:tally", args=[year]),
                reverse("jury:juror_scores", args=[year]),
                reverse("jury:award_edit", args=[year, award.pk]),
                reverse("translations:worklist"),
                reverse("two_step"),
            ],
            "translator": [reverse("translations:worklist")],
            # The experts work in Django's admin; their one page of ours:
            "expert": [reverse("two_step")],
        }


def _render_pages(world, folder):
    """Render every page into `folder`; {file name: URL}."""
    pages = {}

    def save(client, url, who):
        response = client.get(url)
        assert response.status_code in {200, 404}, f"{who} {url}: {response.status_code}"
        name = f"{len(pages):03d}.html"
        (folder / name).write_bytes(response.content)
        pages[name] = f"{who} {url}"

    anonymous = Client()
    for url in _public_urls(world):
        save(anonymous, url, "anonymous")
    users = get_user_model().objects
    for username, urls in _logged_in_urls(world).items():
        client = Client()
        client.force_login(users.get(username=username))
        for url in urls:
            save(client, url, username)
    return pages


def _messages(report, pages):
    """'who URL: line N: message' for every error (and fatal) the checker reports."""
    found = []
    for message in report["messages"]:
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        page = pages.get(os.path.basename(message.get("url", "")), message.get("url"))
        line = message.get("lastLine", "?")
        extract = message.get("extract", "").strip().replace("\n", " ")
        found.append(f"{page}: line {line}: {message['message']} [{extract[:120]}]")
    return found


def test_pages_are_valid_html(db, tmp_path):
    command, reason = _checker()
    if command is None:
        if os.environ.get("CI"):
            pytest.fail(f"The Nu HTML Checker cannot run in CI: {reason}")
        pytest.skip(f"The Nu HTML Checker cannot run: {reason}")
    pages = _render_pages(_world(), tmp_path)
    files = [str(tmp_path / name) for name in sorted(pages)]
    # vnu exits 1 when it finds errors: the report says which.
    result = subprocess.run(
        command + files, check=False, capture_output=True, text=True, timeout=600
    )
    assert result.stdout, f"vnu.jar wrote no report: {result.stderr[-2000:]}"
    report = json.loads(result.stdout)
    errors = _messages(report, pages)
    assert errors == [], f"{len(errors)} HTML errors on {len(pages)} pages:\n" + "\n".join(errors)
