"""The iCalendar feed of public deadlines, one per language (`/<lang>/deadlines.ics`),
linked from every page's <head>: the open call's date for the expert reports of the
edition it collects for, and every open survey (contributed by the surveys app
through `otwarte.deadlines`). Written with `icalendar` (RFC 5545: folding,
escaping, UTC stamps), not by hand.
"""

import datetime

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from otwarte.deadlines import Deadline, collect
from practices.services import open_call_edition


def open_call_deadline():
    """The open call's deadline, or None: proposals sent before the expert reports
    of the edition it collects for close can be read by those experts."""
    edition = open_call_edition()
    if edition is None or edition.reports_deadline is None:
        return None
    return Deadline(
        uid=f"open-call-{edition.year}",
        title=_("Open call: proposals for the %(year)s expert reports") % {"year": edition.year},
        starts=edition.reports_deadline,
        url=reverse("public:propose"),
        description=_(
            "Practices proposed by this date can reach the experts' reports of the "
            "%(year)s edition. The open call stays open afterwards."
        )
        % {"year": edition.year},
    )


def public_deadlines():
    """The open call's deadline and every other app's (`otwarte.deadlines`)."""
    found = collect()
    open_call = open_call_deadline()
    return ([open_call] if open_call else []) + found


def _event(deadline, request, stamp):
    event = Event()
    event.add("uid", f"{deadline.uid}@{request.get_host()}")
    event.add("dtstamp", stamp)
    event.add("summary", deadline.title)
    if isinstance(deadline.starts, datetime.datetime):
        event.add("dtstart", deadline.starts)  # a moment: no DTEND (RFC 5545 3.6.1)
    else:
        event.add("dtstart", deadline.starts)
        # DTEND of an all-day event is exclusive: the day after the last one.
        event.add("dtend", (deadline.ends or deadline.starts) + datetime.timedelta(days=1))
    if deadline.description:
        event.add("description", deadline.description)
    if deadline.url:
        event.add("url", request.build_absolute_uri(deadline.url))
    return event


def calendar(*, deadlines, request):
    """The VCALENDAR of `deadlines`, as bytes."""
    cal = Calendar()
    cal.add("prodid", "-//Miasta Otwarte//Public deadlines//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", _("Miasta Otwarte: public deadlines"))
    stamp = timezone.now().replace(microsecond=0)
    for deadline in deadlines:
        cal.add_component(_event(deadline, request, stamp))
    return cal.to_ical()


@require_safe
def deadlines_calendar(request):
    response = HttpResponse(
        calendar(deadlines=public_deadlines(), request=request),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="otwarte-deadlines-{get_language()}.ics"'
    return response
