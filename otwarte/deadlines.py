"""Public deadlines, the dates the public may act by (the open call, an open survey),
gathered from the apps that own them for the iCalendar feed (public/calendar.py).

The calendar lives in `public`, and `public` may not import its siblings (surveys):
each app contributes its deadlines by answering the `public_deadlines` signal with
a list of `Deadline`, as the booklet answers `phase_changed`. Texts are in the
active language; `url` is a path (the calendar makes it absolute).
"""

import datetime
import logging
from dataclasses import dataclass

from django.dispatch import Signal

logger = logging.getLogger(__name__)

# Sent with sender=None; each receiver returns a list of Deadline.
public_deadlines = Signal()


@dataclass(frozen=True)
class Deadline:
    uid: str  # stable across requests and languages, e.g. "survey-city-2026"
    title: str
    # A date (all-day, from `starts` to `ends` inclusive) or a datetime (a moment:
    # `ends` is None).
    starts: datetime.date | datetime.datetime
    ends: datetime.date | None = None
    url: str = ""
    description: str = ""


def collect():
    """Every app's public deadlines, by start. A receiver that fails is logged and
    skipped: one app's bug does not take the calendar down."""
    found = []
    for receiver, result in public_deadlines.send_robust(sender=None):
        if isinstance(result, Exception):
            logger.error("public_deadlines receiver %r failed", receiver, exc_info=result)
            continue
        found.extend(result or [])
    return sorted(found, key=lambda d: (_as_datetime(d.starts), d.uid))


def _as_datetime(value):
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time.min, tzinfo=datetime.UTC)
