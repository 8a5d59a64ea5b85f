"""Background freezing of open-data releases (Django's tasks framework)."""

from django.tasks import task


@task
def freeze_release_task(edition_id, reason=""):
    from practices.models import Edition

    from .releases import freeze_release

    edition = Edition.objects.published().filter(pk=edition_id).first()
    if edition is not None:  # unpublished again before the worker ran: nothing to freeze
        freeze_release(edition=edition, reason=reason)
