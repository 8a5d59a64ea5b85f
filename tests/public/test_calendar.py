"""The iCalendar of public deadlines (public/calendar.py, otwarte/deadlines.py)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from otwarte.deadlines import public_deadlines
from practices.enums import Phase
from tests.factories import EditionFactory, SurveyFactory

pytestmark = pytest.mark.django_db


def events(client, path="/en/deadlines.ics"):
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_calendar_has_the_open_call_and_open_surveys(client):
    deadline = (timezone.now() + timedelta(days=20)).replace(microsecond=0)
    EditionFactory(year=2030, phase=Phase.EXPERT_REPORTS, reports_deadline=deadline)
    today = timezone.localdate()
    SurveyFactory(year=2030, title_pl="Ankieta", title_en="City survey", opens_on=today,
                  closes_on=today + timedelta(days=9))  # fmt: skip
    found = events(client)
    assert sorted(found) == ["open-call-2030@testserver", "survey-city-2030@testserver"]
    call = found["open-call-2030@testserver"]
    assert call.decoded("DTSTART") == deadline
    assert str(call["URL"]) == "http://testserver/en/propose/"
    survey = found["survey-city-2030@testserver"]
    assert str(survey["SUMMARY"]) == "Survey open: City survey"
    assert survey.decoded("DTSTART") == today
    # DTEND of an all-day event is exclusive: the day after the last day.
    assert survey.decoded("DTEND") == today + timedelta(days=10)
    assert str(survey["URL"]) == "http://testserver/en/surveys/city/2030/"


def test_calendar_leaves_out_surveys_not_open_and_published_editions(client, edition_2015):
    today = timezone.localdate()
    SurveyFactory(year=2031, opens_on=today + timedelta(days=1))
    SurveyFactory(year=2032, opens_on=today - timedelta(days=9), closes_on=today - timedelta(1))
    assert events(client, "/pl/deadlines.ics") == {}


def test_calendar_survives_a_failing_contributor(client):
    def broken(sender, **kwargs):
        raise RuntimeError("boom")

    public_deadlines.connect(broken, dispatch_uid="test-broken")
    try:
        SurveyFactory(year=2033)
        assert list(events(client)) == ["survey-city-2033@testserver"]
    finally:
        public_deadlines.disconnect(dispatch_uid="test-broken")
