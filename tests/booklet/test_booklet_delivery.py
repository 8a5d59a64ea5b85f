"""Where organisers and the public get the booklet: cache, task, view, admin, command."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError
from django.urls import reverse
from django.utils import translation

from booklet import render as booklet_render
from booklet import services
from booklet.enums import RenderStatus
from booklet.models import BookletRender
from practices.enums import Phase
from practices.models import Award
from tests.factories import AwardFactory, EditionFactory


def booklet_url(year, language="pl"):
    with translation.override(language):
        return reverse("booklet:pdf", args=[year])


@pytest.fixture
def count_renders(monkeypatch):
    """Counts the PDF layouts actually run."""
    calls = []
    real = services.html_to_pdf

    def counting(html, **kwargs):
        calls.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(services, "html_to_pdf", counting)
    return calls


@pytest.fixture
def small_edition(db):
    award = AwardFactory(edition=EditionFactory(phase=Phase.PUBLISHED))
    return award.edition


@pytest.fixture
def unpublished_edition(db):
    return AwardFactory(edition=EditionFactory(phase=Phase.DELIBERATION)).edition


def test_booklet_url_is_the_documented_route():
    assert booklet_url(2015) == "/pl/editions/2015/booklet.pdf"
    assert booklet_url(2015, "uk") == "/uk/editions/2015/booklet.pdf"


def test_booklet_view_serves_the_published_pdf(anonymous, small_edition):
    response = anonymous.get(booklet_url(small_edition.year, "en"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert f'filename="otwarte-{small_edition.year}-en.pdf"' in response["Content-Disposition"]


def test_booklet_view_is_404_for_unpublished_edition(anonymous, client_for, juror_a,
                                                     expert_lublin, unpublished_edition):
    url = booklet_url(unpublished_edition.year)
    for client in (anonymous, client_for(juror_a), client_for(expert_lublin)):
        assert client.get(url).status_code == 404
    assert not BookletRender.objects.exists()


def test_booklet_view_lets_organisers_fetch_unpublished(client_for, organiser,
                                                       unpublished_edition):
    response = client_for(organiser).get(booklet_url(unpublished_edition.year))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")


def test_booklet_view_is_404_for_unknown_year(anonymous, db):
    assert anonymous.get(booklet_url(2099)).status_code == 404


def test_booklet_is_cached_until_content_changes(anonymous, small_edition, count_renders):
    url = booklet_url(small_edition.year)
    first = anonymous.get(url).content
    assert anonymous.get(url).content == first
    assert len(count_renders) == 1

    award = Award.objects.get(edition=small_edition)
    award.recommendation_pl = "Nowa rekomendacja."
    award.save()
    anonymous.get(url)
    assert len(count_renders) == 2
    assert "Nowa rekomendacja." in count_renders[-1]
    # The superseded rendering is dropped; one per language remains.
    assert BookletRender.objects.filter(edition=small_edition).count() == 1


def test_booklet_is_cached_per_language(anonymous, small_edition, count_renders):
    anonymous.get(booklet_url(small_edition.year, "pl"))
    anonymous.get(booklet_url(small_edition.year, "ru"))
    anonymous.get(booklet_url(small_edition.year, "ru"))
    assert len(count_renders) == 2
    assert set(BookletRender.objects.values_list("language", flat=True)) == {"pl", "ru"}


def test_booklet_view_says_pending_while_the_task_waits(anonymous, small_edition, monkeypatch):
    monkeypatch.setattr(services, "_enqueue", lambda render: None)  # no worker yet
    response = anonymous.get(booklet_url(small_edition.year, "en"))
    assert response.status_code == 202
    assert response["Retry-After"] == "5"
    assert b"being prepared" in response.content
    assert BookletRender.objects.get().status == RenderStatus.QUEUED


def test_booklet_render_failure_is_recorded_and_retried(anonymous, small_edition, monkeypatch):
    def broken(html, **kwargs):
        raise RuntimeError("layout exploded")

    monkeypatch.setattr(services, "html_to_pdf", broken)
    response = anonymous.get(booklet_url(small_edition.year))
    assert response.status_code == 503
    booklet = BookletRender.objects.get()
    assert booklet.status == RenderStatus.FAILED
    assert "layout exploded" in booklet.error
    # Anonymous requests do not re-queue a failure; an organiser's retry does.
    anonymous.get(booklet_url(small_edition.year))
    assert BookletRender.objects.get().status == RenderStatus.FAILED
    monkeypatch.undo()
    booklet = services.request_booklet(edition=small_edition, language="pl", retry=True)
    assert booklet.status == RenderStatus.DONE
    assert booklet.progress == 100
    assert bytes(booklet.pdf).startswith(b"%PDF-")


def test_build_booklet_runs_a_queued_render_once(small_edition, count_renders, monkeypatch):
    monkeypatch.setattr(services, "_enqueue", lambda render: None)
    booklet = services.request_booklet(edition=small_edition, language="pl")
    services.build_booklet(render_id=booklet.pk)
    services.build_booklet(render_id=booklet.pk)
    assert len(count_renders) == 1
    booklet.refresh_from_db()
    assert (booklet.status, booklet.html) == (RenderStatus.DONE, "")
    assert booklet.started_at <= booklet.finished_at


def test_content_hash_follows_the_html():
    assert booklet_render.content_hash("<p>a</p>") == booklet_render.content_hash("<p>a</p>")
    assert booklet_render.content_hash("<p>a</p>") != booklet_render.content_hash("<p>b</p>")


def test_render_booklet_rejects_unknown_language(small_edition):
    with pytest.raises(ValueError):
        booklet_render.render_booklet(edition=small_edition, language="de")


def test_bookletrender_unique_content_constraint(small_edition):
    fields = {"edition": small_edition, "language": "pl", "content_hash": "x" * 64}
    BookletRender.objects.create(**fields)
    with pytest.raises(ValidationError) as error:
        BookletRender(**fields).validate_constraints()
    assert "already rendered for this language and content" in str(error.value)
    with pytest.raises(IntegrityError):
        BookletRender.objects.create(**fields)


# Admin


@pytest.fixture
def admin_organiser(organiser):
    """The organiser with the Edition admin rights (the foundation's groups carry none yet)."""
    from django.contrib.auth.models import Permission

    organiser.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="practices", codename__in=["view_edition", "change_edition"]
        )
    )
    return organiser


def test_admin_edition_page_shows_booklet_status_and_renders(client_for, admin_organiser,
                                                            small_edition):
    client = client_for(admin_organiser)
    change = reverse("admin:practices_edition_change", args=[small_edition.pk])
    page = client.get(change)
    assert page.status_code == 200
    assert b"Not rendered yet" in page.content
    assert b"Render now" in page.content

    render_url = reverse("admin:practices_edition_booklet_render", args=[small_edition.pk, "uk"])
    assert client.get(render_url).status_code == 405
    response = client.post(render_url)
    assert response.status_code == 302
    assert BookletRender.objects.get().status == RenderStatus.DONE

    page = client.get(change)
    download = reverse("admin:practices_edition_booklet", args=[small_edition.pk, "uk"])
    assert download.encode() in page.content
    pdf = client.get(download)
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF-")


def test_admin_action_renders_all_languages(client_for, admin_organiser, unpublished_edition):
    response = client_for(admin_organiser).post(
        reverse("admin:practices_edition_changelist"),
        {"action": "render_booklets", "_selected_action": [unpublished_edition.pk]},
    )
    assert response.status_code == 302
    assert sorted(BookletRender.objects.values_list("language", "status")) == [
        ("en", "done"), ("pl", "done"), ("ru", "done"), ("uk", "done"),
    ]


def test_admin_booklet_urls_are_404_for_non_organisers(client_for, expert_lublin, small_edition):
    client = client_for(expert_lublin)
    download = reverse("admin:practices_edition_booklet", args=[small_edition.pk, "pl"])
    render_url = reverse("admin:practices_edition_booklet_render", args=[small_edition.pk, "pl"])
    assert client.get(download).status_code == 404
    assert client.post(render_url).status_code == 404
    assert not BookletRender.objects.exists()


def test_admin_booklet_download_is_404_before_rendering_or_for_bad_language(
    client_for, organiser, small_edition
):
    client = client_for(organiser)
    for language in ("pl", "xx"):
        url = reverse("admin:practices_edition_booklet", args=[small_edition.pk, language])
        assert client.get(url).status_code == 404


# Command


def test_export_booklet_command_writes_the_pdf(edition_2015, tmp_path):
    target = tmp_path / "booklet.pdf"
    call_command("export_booklet", "2015", "--lang", "en", "--output", str(target), stdout=None)
    assert target.read_bytes().startswith(b"%PDF-")


def test_export_booklet_command_unknown_year(db, tmp_path):
    with pytest.raises(CommandError, match="no edition for 2099"):
        call_command("export_booklet", "2099", "--output", str(tmp_path / "x.pdf"))


@pytest.fixture
def public_cache_on(settings):
    from django.core.cache import cache

    settings.PUBLIC_CACHE = True
    settings.PUBLIC_FRAGMENTS = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def count_html(monkeypatch):
    calls = []
    real = services.render_booklet_html

    def counting(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(services, "render_booklet_html", counting)
    return calls


def test_booklet_fingerprint_is_remembered_until_content_changes(
    anonymous, small_edition, count_renders, count_html, public_cache_on
):
    url = booklet_url(small_edition.year)
    first = anonymous.get(url).content
    assert anonymous.get(url).content == first
    assert len(count_html) == 1  # the second request did not render the HTML again
    assert len(count_renders) == 1

    award = Award.objects.get(edition=small_edition)
    award.recommendation_pl = "Zmieniona rekomendacja."
    award.save()  # replaces the public content version
    anonymous.get(url)
    assert len(count_html) == 2
    assert "Zmieniona rekomendacja." in count_renders[-1]


def test_booklet_fingerprint_is_not_remembered_with_remembering_off(
    anonymous, small_edition, count_html, settings
):
    settings.PUBLIC_FRAGMENTS = False
    url = booklet_url(small_edition.year)
    anonymous.get(url)
    anonymous.get(url)
    assert len(count_html) == 2


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def crashed_render(edition, monkeypatch, *, started_ago=0):
    """A rendering a killed worker left "running"."""
    from datetime import timedelta

    from django.utils import timezone

    monkeypatch.setattr(services, "_enqueue", lambda render: None)
    booklet = services.request_booklet(edition=edition, language="pl")
    BookletRender.objects.filter(pk=booklet.pk).update(
        status=RenderStatus.RUNNING,
        started_at=timezone.now() - timedelta(seconds=started_ago),
        progress=40,
    )
    monkeypatch.undo()
    return booklet


def test_running_render_without_a_live_task_counts_as_failed(
    anonymous, small_edition, monkeypatch, settings
):
    booklet = crashed_render(small_edition, monkeypatch)
    settings.TASKS = DB_TASKS  # the worker's queue, holding no task for it
    response = anonymous.get(booklet_url(small_edition.year))
    assert response.status_code == 503
    booklet.refresh_from_db()
    assert booklet.status == RenderStatus.FAILED
    assert "Interrupted" in booklet.error


def test_running_render_with_a_live_task_keeps_running(
    anonymous, small_edition, monkeypatch, settings
):
    from django.tasks import TaskResultStatus
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    booklet = crashed_render(small_edition, monkeypatch)
    settings.TASKS = DB_TASKS
    DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        args_kwargs={"args": [booklet.pk], "kwargs": {}},
        task_path=services.TASK_PATH,
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
        priority=0,
    )
    assert anonymous.get(booklet_url(small_edition.year)).status_code == 202
    booklet.refresh_from_db()
    assert booklet.status == RenderStatus.RUNNING


def test_render_running_longer_than_the_limit_is_failed_and_retry_requeues_it(
    small_edition, monkeypatch, settings
):
    booklet = crashed_render(
        small_edition, monkeypatch, started_ago=settings.BOOKLET_RENDER_TIMEOUT + 1
    )
    again = services.request_booklet(edition=small_edition, language="pl")
    assert (again.pk, again.status) == (booklet.pk, RenderStatus.FAILED)
    retried = services.request_booklet(edition=small_edition, language="pl", retry=True)
    assert (retried.pk, retried.status) == (booklet.pk, RenderStatus.DONE)


def test_sweep_command_fails_interrupted_renders(small_edition, monkeypatch, settings):
    from io import StringIO

    booklet = crashed_render(small_edition, monkeypatch)
    settings.TASKS = DB_TASKS
    out = StringIO()
    call_command("sweep_booklet_renders", stdout=out)
    assert "marked as failed: 1." in out.getvalue()
    booklet.refresh_from_db()
    assert booklet.status == RenderStatus.FAILED
