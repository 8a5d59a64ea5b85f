"""Prepare the booklets when an edition becomes public.

The booklet is above practices in the layers, so it listens to
`practices.signals.phase_changed` instead of practices calling it. That signal
comes after the commit (the worker sees the published edition, a rolled-back
publish queues nothing) and names the old phase, so no query is needed here.
"""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from practices.models import Edition
from practices.phases import Action, allows
from practices.signals import describe_effect, phase_changed


@receiver(phase_changed, sender=Edition, dispatch_uid="booklet-edition-published")
def _queue_booklets_on_publish(sender, edition, old, new, **kwargs):
    # Only a move into the public phase: an edition created published (an import)
    # or saved again while published gets its booklet on the next request anyway.
    if allows(new, Action.VIEW_PUBLIC) and not allows(old, Action.VIEW_PUBLIC):
        _enqueue(edition.pk)


describe_effect(
    action=Action.VIEW_PUBLIC,
    text=_("The %(year)s awards, pages and booklets go online for the public."),
)
describe_effect(
    action=Action.VIEW_PUBLIC,
    opens=False,
    text=_("The %(year)s pages and booklets go offline for the public."),
)


def _enqueue(edition_id):
    from .tasks import queue_edition_booklets_task

    queue_edition_booklets_task.enqueue(edition_id)
