"""The surveys' public deadlines: every survey open today, answered until its last
day (an entry of the public calendar, `otwarte.deadlines`)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from otwarte.deadlines import Deadline

from .models import Survey


def open_surveys(sender, **kwargs):
    """What the surveys' index lists as open, as all-day deadlines."""
    today = timezone.localdate()
    surveys = Survey.objects.filter(opens_on__lte=today, closes_on__gte=today)
    return [
        Deadline(
            uid=f"survey-{survey.kind}-{survey.year}",
            title=_("Survey open: %(title)s") % {"title": survey.title},
            starts=survey.opens_on,
            ends=survey.closes_on,
            url=reverse("surveys:respond", args=[survey.kind, survey.year]),
            description=_("Answers are accepted until %(day)s, the survey's last day.")
            % {"day": survey.closes_on.isoformat()},
        )
        for survey in surveys
    ]
