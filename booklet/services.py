"""Cached, background rendering of the booklet: what views, admin and commands call."""

import logging
from collections import OrderedDict

from django.db import IntegrityError, transaction
from django.utils import timezone

from otwarte import cache as public_cache

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
    fingerprint = _remembered_fingerprint(edition=edition, language=language)
    if fingerprint is not None:
        lookup = {"edition": edition, "language": language, "content_hash": fingerprint}
        render = BookletRender.objects.filter(**lookup).first()
        if render is not None and not (retry and render.status == RenderStatus.FAILED):
            return render
    html = render_booklet_html(edition=edition, language=language)
    fingerprint = content_hash(html)
    _remember_fingerprint(edition=edition, language=language, fingerprint=fingerprint)
    lookup = {"edition": edition, "language": language, "content_hash": fingerprint}
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


# The fingerprint needs the booklet's HTML (~0.1 s to render for a real edition).
# Everything the booklet shows is a public model, so the public cache's content
# version (otwarte/cache.py, replaced on every relevant save) tells when it can
# have changed: remember the fingerprint per (version, edition, language), in this
# process only (templates and stylesheet change only with a deploy, i.e. a restart).
# Only while the public cache is on: its invalidation is what makes this safe
# (with several processes that needs a shared cache backend, as the pages do).
_FINGERPRINTS = OrderedDict()
_FINGERPRINTS_MAX = 256


def _fingerprint_key(*, edition, language):
    if not public_cache.is_enabled():
        return None
    try:
        return (public_cache.content_version(), edition.pk, language)
    except Exception:  # a cache outage: just render
        logger.exception("Could not read the public content version")
        return None


def _remembered_fingerprint(*, edition, language):
    key = _fingerprint_key(edition=edition, language=language)
    return _FINGERPRINTS.get(key) if key else None


def _remember_fingerprint(*, edition, language, fingerprint):
    key = _fingerprint_key(edition=edition, language=language)
    if key:
        _FINGERPRINTS[key] = fingerprint
        while len(_FINGERPRINTS) > _FINGERPRINTS_MAX:
            _FINGERPRINTS.popitem(last=False)


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


def latest_renders(*, edition):
    """{language: the most recent rendering} for the admin's status panel."""
    latest = {}
    for render in BookletRender.objects.filter(edition=edition).defer("pdf", "html"):
        latest.setdefault(render.language, render)
    return latest
