"""`make run`'s data: loaded into an empty database only; a restart keeps edits."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from jury.models import Conflict, Juror
from practices.enums import Phase
from practices.models import Edition
from reports.models import Report

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_demo_loads_every_role_and_restart_keeps_edits():
    call_command("load_demo", verbosity=0)
    demo = Edition.objects.get(year=2016)
    assert demo.phase == Phase.JURY_SCORING
    assert demo.criteria.count() == 2 and demo.nominations.count() == 3
    assert Juror.objects.filter(editions=demo).count() == 5
    assert Conflict.objects.filter(nomination__edition=demo).count() == 1
    assert Report.objects.filter(edition__year=2017, created_by__username="expert").exists()
    edition_2015 = Edition.objects.get(year=2015)
    edition_2015.title_pl = "Poprawiony tytuł"
    edition_2015.save()
    call_command("load_demo", verbosity=0)
    assert Edition.objects.get(year=2015).title_pl == "Poprawiony tytuł"
    assert Edition.objects.filter(year=2016).count() == 1


def test_demo_refuses_to_run_without_debug():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_demo", verbosity=0)
    assert not Edition.objects.exists()


@override_settings(DEBUG=True)
def test_demo_has_a_translator_with_2015_to_review(capsys):
    from django.contrib.auth import get_user_model

    from otwarte.roles import Role
    from translations.enums import TranslationState
    from translations.models import TranslationStatus

    call_command("load_demo")
    assert "translator" in capsys.readouterr().out
    translator = get_user_model().objects.get(username="translator")
    assert list(translator.groups.values_list("name", flat=True)) == [Role.TRANSLATOR]
    assert not translator.is_staff
    assert TranslationStatus.objects.filter(status=TranslationState.NEEDS_REVIEW).exists()
    assert not TranslationStatus.objects.filter(status=TranslationState.REVIEWED).exists()


@override_settings(DEBUG=True, SITE_URL="http://127.0.0.1:8123")
def test_demo_prints_the_address_make_run_serves(capsys):
    # make run passes SITE_URL=http://127.0.0.1:$(PORT); the logins must name that port.
    call_command("load_demo")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8123/" in out
    assert ":8000" not in out
@override_settings(DEBUG=True)
def test_demo_has_a_release_of_2015_and_publishing_2016_freezes_the_next(
    django_capture_on_commit_callbacks, monkeypatch
):
    from booklet import services as booklet_services
    from practices.models import Award
    from practices.services import change_phase
    from public.models import Release

    monkeypatch.setattr(booklet_services, "html_to_pdf", lambda html, **kwargs: b"%PDF-1.7")
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # a restart freezes nothing new
    assert list(Release.objects.values_list("version", flat=True)) == ["2015.1"]
    demo = Edition.objects.get(year=2016)
    nomination = demo.nominations.first()
    Award.objects.create(edition=demo, category=nomination.category,
                         practice=nomination.practice, order=1)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        change_phase(edition=demo, phase=Phase.DELIBERATION)
        change_phase(edition=demo, phase=Phase.PUBLISHED)
    assert list(Release.objects.order_by("pk").values_list("version", flat=True)) == [
        "2015.1", "2016.1"
    ]  # fmt: skip
    assert "Compared with release 2015.1" in Release.objects.get(version="2016.1").changelog
