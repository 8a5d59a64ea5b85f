"""The jury's receivers of `practices.signals.phase_changed` (connected in apps.py)."""

from django.utils.translation import gettext_lazy as _

from practices.phases import Action, allows
from practices.signals import describe_effect


def on_phase_changed(sender, edition, old, new, **kwargs):
    """A move from scoring that opens deliberation opens a thread on each flagged
    nomination and tells the jurors (docs/tally.md, "Deliberation"); taking a published
    edition back to deliberation to correct it does not."""
    if (allows(new, Action.DELIBERATE) and not allows(old, Action.DELIBERATE)
            and allows(old, Action.SCORE)):
        from .services.deliberation import open_flagged_threads

        open_flagged_threads(edition=edition)


describe_effect(
    action=Action.DELIBERATE,
    leaving=Action.SCORE,
    text=_("A deliberation thread opens on each flagged nomination of %(year)s, and each "
           "juror with an account is told by e-mail in their language."),
)
