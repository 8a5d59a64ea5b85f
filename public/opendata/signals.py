"""Freeze an open-data release when an edition is published.

Like the booklet, the public app listens to `practices.signals.phase_changed`
(sent after the commit) rather than practices calling up into it.
"""

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from practices.models import Edition
from practices.phases import Action, allows
from practices.signals import describe_effect, phase_changed


@receiver(phase_changed, sender=Edition, dispatch_uid="public-opendata-release")
def _freeze_release_on_publish(sender, edition, old, new, **kwargs):
    if allows(new, Action.VIEW_PUBLIC) and not allows(old, Action.VIEW_PUBLIC):
        from .tasks import freeze_release_task

        freeze_release_task.enqueue(edition.pk)


describe_effect(
    action=Action.VIEW_PUBLIC,
    text=_("A citable open-data release of %(year)s is frozen (a zip with checksums)."),
)
