"""Cached, background rendering of the booklet: what views, admin and commands call."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from otwarte.cache.values import remember

from .enums import RenderStatus
from .models import BookletRender
from .render import content_hash, html_to_pdf, render_booklet_html

logger = logging.getLogger(__name__)


def booklet_filename(*, edition, language):
    return f"otwarte-{edition.year}-{language}.pdf"


def request_booklet(*, edition, language, user=None, retry=False) -> BookletRender:
    """The booklet rendering for the edition's current content, queued if it is new.

    An unchanged edition gets its stored rendering back; changed content (or a first
    request) creates a rendering and enqueues the background task. `retry` re-queues a
    failed rendering (organisers only). With the immediate task backend the returned
    rendering is already done.
    """
    # A rendering a crash left "running" counts as failed (and so can be retried).
    fail_interrupted_renders(edition=edition)
    rendered = {}
    fingerprint = _fingerprint(edition=edition, language=language, rendered=rendered)
    lookup = {"edition": edition, "language": language, "content_hash": fingerprint}
    render = BookletRender.objects.filter(**lookup).first()
    if render is not None and not (retry and render.status == RenderStatus.FAILED):
        return render
    html = rendered.get("html") or render_booklet_html(edition=edition, language=language)
    lookup["content_hash"] = content_hash(html)
    try:
        with transaction.atomic():
            render, created = BookletRender.objects.get_or_create(
                **lookup,
                defaults={"html": html, "requested_by": user if user and user.pk else None},
            )
    except IntegrityError:  # a concurrent request created it first
        render, created = BookletRender.objects.get(**lookup), False
    if not created:
        if not (retry and render.status == RenderStatus.FAILED):
            return render
        with transaction.atomic():
            updated = BookletRender.objects.filter(
                pk=render.pk, status=RenderStatus.FAILED
            ).update(status=RenderStatus.QUEUED, progress=0, error="", html=html)
        if not updated:
            return BookletRender.objects.get(pk=render.pk)
    _enqueue(render)
    return BookletRender.objects.get(pk=render.pk)


def _fingerprint(*, edition, language, rendered):
    """The content fingerprint of the booklet, which needs its HTML (~0.1 s for a
    real edition). Everything the booklet shows is a public model, so the content
    version (otwarte/cache/version.py, replaced on every relevant save) tells when it can
    have changed: remembered per (version, edition, language) in the shared cache,
    so the worker that prepared the booklets after publishing told every process.
    Templates and the stylesheet change only with a deploy. The HTML, when it had
    to be rendered, is left in `rendered`."""

    def build():
        rendered["html"] = render_booklet_html(edition=edition, language=language)
        return content_hash(rendered["html"])

    with translation.override(language):  # the same key in a worker and a request
        return remember("booklet-fingerprint", build, edition.pk, language)


def queue_edition_booklets(*, edition):
    """Prepare the booklet in every language (the edition was just published), so
    the first visitor gets the PDF, not the "being prepared" page."""
    for language, _name in settings.LANGUAGES:
        request_booklet(edition=edition, language=language)


def _enqueue(render):
    from .tasks import render_booklet_task

    try:
        render_booklet_task.enqueue(render.pk)
    except Exception as exc:  # the queue itself is down: say so on the record
        logger.exception("Could not enqueue booklet rendering %s", render.pk)
        BookletRender.objects.filter(pk=render.pk).update(
            status=RenderStatus.FAILED, error=f"Could not enqueue: {exc}"
        )


def build_booklet(*, render_id):
    """Render a queued booklet (the background task's body). Idempotent."""
    with transaction.atomic():
        render = (
            BookletRender.objects.select_for_update().filter(pk=render_id).first()
        )
        if render is None or render.status != RenderStatus.QUEUED:
            return
        render.status = RenderStatus.RUNNING
        render.started_at = timezone.now()
        render.progress = 5
        render.save(update_fields=["status", "started_at", "progress"])

    def on_progress(percent):
        BookletRender.objects.filter(pk=render_id).update(progress=percent)

    try:
        pdf = html_to_pdf(render.html, on_progress=on_progress)
    except Exception as exc:
        logger.exception("Booklet rendering %s failed", render_id)
        BookletRender.objects.filter(pk=render_id).update(
            status=RenderStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000],
            finished_at=timezone.now(),
        )
        return
    with transaction.atomic():
        BookletRender.objects.filter(pk=render_id).update(
            status=RenderStatus.DONE,
            progress=100,
            pdf=pdf,
            html="",
            finished_at=timezone.now(),
        )
        # Older content of the same booklet is never served again.
        BookletRender.objects.filter(edition=render.edition_id, language=render.language).exclude(
            pk=render_id
        ).exclude(status__in=[RenderStatus.QUEUED, RenderStatus.RUNNING]).delete()


TASK_PATH = "booklet.tasks.render_booklet_task"
UNFINISHED = [RenderStatus.QUEUED, RenderStatus.RUNNING]


def _live_render_ids():
    """Ids of renderings with a waiting or running task, or None when the task
    backend keeps no record of its tasks (the immediate backend runs them inline)."""
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if backend != "django_tasks_db.DatabaseBackend":
        return None
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        task_path=TASK_PATH, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).values_list("args_kwargs", flat=True)
    return {args[0] for args in ((row or {}).get("args") or [None] for row in rows)}


def fail_interrupted_renders(*, edition=None, now=None) -> int:
    """Mark renderings a crash interrupted as failed; returns how many.

    Interrupted: running with no waiting or running task for it (the worker
    died), or queued or running for longer than BOOKLET_RENDER_TIMEOUT seconds
    (a task record a killed worker left "running" too). Called before answering
    for a booklet, by the admin's status panel and by `sweep_booklet_renders`,
    which the worker's unit runs before `db_worker` starts (docs/deploy.md).
    """
    now = now or timezone.now()
    unfinished = BookletRender.objects.filter(status__in=UNFINISHED)
    if edition is not None:
        unfinished = unfinished.filter(edition=edition)
    rows = list(unfinished.values_list("pk", "status", "requested_at", "started_at"))
    if not rows:
        return 0
    limit = now - timedelta(seconds=settings.BOOKLET_RENDER_TIMEOUT)
    live = _live_render_ids()
    interrupted = [
        pk
        for pk, status, requested_at, started_at in rows
        if (started_at or requested_at) < limit
        or (status == RenderStatus.RUNNING and live is not None and pk not in live)
    ]
    if not interrupted:
        return 0
    count = BookletRender.objects.filter(pk__in=interrupted, status__in=UNFINISHED).update(
        status=RenderStatus.FAILED,
        # Like the other errors on the record (exception texts): for organisers, in English.
        error="Interrupted: the rendering stopped without finishing. Render it again.",
        finished_at=now,
    )
    if count:
        logger.warning("Marked %d interrupted booklet rendering(s) as failed", count)
    return count


def latest_renders(*, edition):
    """{language: the most recent rendering} for the admin's status panel."""
    fail_interrupted_renders(edition=edition)
    latest = {}
    for render in BookletRender.objects.filter(edition=edition).defer("pdf", "html"):
        latest.setdefault(render.language, render)
    return latest
