"""Background rendering (Django's tasks framework; see docs/booklet.md for the worker)."""

from django.tasks import task


@task
def render_booklet_task(render_id):
    from .services import build_booklet

    build_booklet(render_id=render_id)


@task
def queue_edition_booklets_task(edition_id):
    from practices.models import Edition

    from .services import queue_edition_booklets

    edition = Edition.objects.filter(pk=edition_id).first()
    if edition is not None:
        queue_edition_booklets(edition=edition)
