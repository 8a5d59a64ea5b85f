"""What each phase of an edition allows: the one policy of the cycle.

The phases and the actions are data (the table below, and the same table in
docs/permissions.md); services call `require(edition, Action.X)` before they
write, and predicates, views, forms and the admin ask `allows(edition, Action.X)`
or filter editions with `phases_allowing(Action.X)`. Nothing else compares an
edition's phase. Who may act (organiser, expert, juror) is the predicates' part
(`<app>/permissions.py`); the phase says only whether anybody may, now.

Moving between phases is `practices.services.change_phase`, which asks
`transition_problem()` here.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Phase

PREP, REPORTS, SCORING, DELIBERATION, PUBLISHED = (
    Phase.PREPARATION,
    Phase.EXPERT_REPORTS,
    Phase.JURY_SCORING,
    Phase.DELIBERATION,
    Phase.PUBLISHED,
)
ORDER = list(Phase)


class Action(models.TextChoices):
    """Something done to or within an edition, gated by its phase."""

    WRITE_REPORT = "write_report", _("write, change or submit an expert report")
    REVIEW_REPORT = "review_report", _("return or accept an expert report")
    EDIT_CRITERIA = "edit_criteria", _("add, change or remove scoring criteria")
    NOMINATE = "nominate", _("nominate a practice")
    SCORE = "score", _("score a nomination")
    DECLARE_CONFLICT = "declare_conflict", _("declare a conflict of interest")
    READ_TALLY = "read_tally", _("read the tally")
    DELIBERATE = "deliberate", _(
        "discuss nominations in deliberation threads and revise a score with a reason"
    )
    DECIDE = "decide", _("decide an award")
    CHECK_TEXT = "check_text", _("have cities check the draft text of their awards")
    PUBLISH = "publish", _("publish the awards")
    UNPUBLISH = "unpublish", _("take the awards offline")
    TRANSLATE = "translate", _("translate the edition's texts")
    EDIT_PUBLIC = "edit_public", _(
        "change what the edition will publish: itself, its panel, disclosed kinds of "
        "conflict, its awarded practices' texts"
    )
    VIEW_PUBLIC = "view_public", _("show the edition to the public")


# The table. Scoring has one more condition, the deadline (jury.permissions.scoring_open).
PHASES = {
    Action.WRITE_REPORT: {REPORTS},
    Action.REVIEW_REPORT: {REPORTS},
    # Scores hang on the criteria and their weights: fixed once scoring opens.
    Action.EDIT_CRITERIA: {PREP, REPORTS},
    Action.NOMINATE: {PREP, REPORTS, SCORING},
    Action.SCORE: {SCORING},
    Action.DECLARE_CONFLICT: {SCORING},
    Action.READ_TALLY: {SCORING, DELIBERATION, PUBLISHED},
    # Jurors talk over the flagged nominations once the scores are in, before the
    # awards are decided (docs/tally.md, "Deliberation").
    Action.DELIBERATE: {DELIBERATION},
    Action.DECIDE: {DELIBERATION},
    Action.CHECK_TEXT: {DELIBERATION},
    Action.PUBLISH: {DELIBERATION},
    Action.UNPUBLISH: {PUBLISHED},
    # A published text is rewritten only after the edition goes back to deliberation.
    Action.TRANSLATE: {PREP, REPORTS, SCORING, DELIBERATION},
    # What the public pages, the booklet and the methodology show: frozen while they
    # show it (unpublishing reopens it, with a reason, like the awards).
    Action.EDIT_PUBLIC: {PREP, REPORTS, SCORING, DELIBERATION},
    Action.VIEW_PUBLIC: {PUBLISHED},
}
PHASES = {action: frozenset(phases) for action, phases in PHASES.items()}
assert set(PHASES) == set(Action), "every action needs its phases"

# Why an action is refused, in the words of the people who try it.
REFUSALS = {
    Action.WRITE_REPORT: _(
        "Expert reports can be written, changed and submitted only while the edition is "
        "in the phase “Expert reports”."
    ),
    Action.REVIEW_REPORT: _(
        "Reports can be returned or accepted only while the edition is in the phase "
        "“Expert reports”."
    ),
    Action.EDIT_CRITERIA: _(
        "Criteria are set up before the jury starts scoring: scores depend on them."
    ),
    Action.NOMINATE: _("Nominations are closed once the jury has finished scoring."),
    Action.SCORE: _("Scoring is closed for this edition."),
    Action.DECLARE_CONFLICT: _("Conflicts of interest are declared while the jury is scoring."),
    Action.READ_TALLY: _("The tally exists once the jury has started scoring."),
    Action.DELIBERATE: _(
        "Nominations are discussed, and scores revised, while the edition is in deliberation."
    ),
    Action.DECIDE: _("Awards are decided while the edition is in deliberation."),
    Action.CHECK_TEXT: _(
        "Cities check the draft text of their awards while the edition is in deliberation."
    ),
    Action.PUBLISH: _("Only an edition in deliberation can be published."),
    Action.UNPUBLISH: _("Only a published edition can be taken offline."),
    Action.TRANSLATE: _(
        "The texts of a published edition change only after it is taken back to deliberation."
    ),
    Action.EDIT_PUBLIC: _(
        "What a published edition shows changes only after it is taken offline, back "
        "to deliberation, with a reason."
    ),
    Action.VIEW_PUBLIC: _("This edition is not published."),
}


class PhaseError(ValidationError):
    """The edition's phase does not allow the action (a ValidationError, so forms,
    the admin and views show its message like any other refusal)."""


def _phase(edition_or_phase):
    phase = getattr(edition_or_phase, "phase", edition_or_phase)
    return Phase(phase)


def allows(edition_or_phase, action):
    """True when the edition's phase (or the phase given) allows the action."""
    return _phase(edition_or_phase) in PHASES[Action(action)]


def require(edition_or_phase, action):
    """Raise PhaseError with the action's refusal unless the phase allows it."""
    if not allows(edition_or_phase, action):
        raise PhaseError(REFUSALS[Action(action)], code=f"phase_{action}")


def phases_allowing(action):
    """The phases allowing the action, for querysets: `phase__in=phases_allowing(...)`."""
    return sorted(PHASES[Action(action)], key=ORDER.index)


# Moving between phases: forward one step, back one step to reopen (returning
# from deliberation to scoring when a conflict is found late). Leaving
# *published* is taking the awards offline: only through `unpublish_edition`,
# with a reason.
def is_in(edition_or_phase, phase):
    """True when the edition is in `phase` (a move to it would change nothing)."""
    return _phase(edition_or_phase) == Phase(phase)


def timeline(edition_or_phase):
    """[(phase, is_current), ...] in the cycle's order, for showing where an edition is."""
    return [(phase, is_in(edition_or_phase, phase)) for phase in ORDER]


def can_move(edition_or_phase, phase):
    """True when `phase` is one step from the edition's (see `next_phases`)."""
    return Phase(phase) in next_phases(edition_or_phase)


def next_phases(edition_or_phase):
    """The phases an edition can move to from its phase, in the cycle's order."""
    i = ORDER.index(_phase(edition_or_phase))
    return [ORDER[j] for j in (i - 1, i + 1) if 0 <= j < len(ORDER)]


def next_phase_forward(edition_or_phase):
    """The phase the cycle moves on to from the edition's (None once published)."""
    i = ORDER.index(_phase(edition_or_phase))
    return ORDER[i + 1] if i + 1 < len(ORDER) else None


def transition_problem(*, edition, phase, has_awards, unpublishing=False, restoring=False):
    """Why the edition cannot move to `phase` now (a message), or None when it can.

    `restoring`: an edition file states where the edition is, so any phase may
    follow any other (the other conditions hold all the same)."""
    current = _phase(edition)
    phase = Phase(phase)
    if not restoring and phase not in next_phases(current):
        return _("An edition cannot go from “%(old)s” to “%(new)s”.") % {
            "old": current.label,
            "new": phase.label,
        }
    if phase == PUBLISHED and not has_awards:
        return _("Decide at least one award before publishing.")
    if current == PUBLISHED and not unpublishing:
        return _(
            "A published edition is taken offline only through “Unpublish”, with a reason."
        )
    return None


# What a move changes, read from the table: the actions it opens and those it
# closes (the cockpit says so before the organisers confirm; the receivers of
# `practices.signals.phase_changed` act on the same difference).
def opened_and_closed(old, new):
    """([actions the move from `old` to `new` allows anew], [actions it stops]),
    each in the order of `Action`."""
    old, new = _phase(old), _phase(new)
    opened = [a for a in Action if new in PHASES[a] and old not in PHASES[a]]
    closed = [a for a in Action if old in PHASES[a] and new not in PHASES[a]]
    return opened, closed
