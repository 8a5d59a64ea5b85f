"""Prepare the booklets when an edition becomes published.

The booklet is above practices in the layers, so it listens to the edition's
saves instead of practices calling it. Queued after the commit: the worker
must see the published edition, and a rolled-back publish queues nothing.
"""

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from practices.enums import Phase
from practices.models import Edition


@receiver(pre_save, sender=Edition, dispatch_uid="booklet-edition-previous-phase")
def _remember_previous_phase(sender, instance, raw, **kwargs):
    if instance.pk and not raw:
        instance._booklet_previous_phase = (
            Edition.objects.filter(pk=instance.pk).values_list("phase", flat=True).first()
        )


@receiver(post_save, sender=Edition, dispatch_uid="booklet-edition-published")
def _queue_booklets_on_publish(sender, instance, raw, **kwargs):
    if raw or instance.phase != Phase.PUBLISHED:
        return
    previous = getattr(instance, "_booklet_previous_phase", None)
    if previous is None or previous == Phase.PUBLISHED:
        # Created published (an import) or saved again while published: the
        # booklet follows its content on the next request anyway.
        return
    edition_id = instance.pk
    transaction.on_commit(lambda: _enqueue(edition_id), robust=True)


def _enqueue(edition_id):
    from .tasks import queue_edition_booklets_task

    queue_edition_booklets_task.enqueue(edition_id)
