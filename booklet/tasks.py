"""Background rendering (Django's tasks framework; see docs/booklet.md for the worker)."""

from django.tasks import task


@task
def render_booklet_task(render_id):
    from .services import build_booklet

    build_booklet(render_id=render_id)
