"""User-written text on the jury's pages and in the tally CSV: escaped, never executed."""

import csv
import io

import pytest
from django.urls import reverse

from jury.forms import field_name

HOSTILE = 'Rada <b>Imigrantów</b> <script>alert("x")</script>'


@pytest.fixture
def hostile(scoring):
    nomination = scoring.nominations[0]
    nomination.practice.title_pl = HOSTILE
    nomination.practice.save()
    nomination.justification = "<img src=x onerror=alert(1)>"
    nomination.save()
    return nomination


def test_nomination_page_escapes_practice_and_justification(hostile, client_for, juror_a):
    body = client_for(juror_a).get(reverse("jury:nomination", args=[hostile.pk])).content.decode()
    assert "<script>alert" not in body and "<b>Imigrantów</b>" not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body
    assert "<img src=x" not in body
    dashboard = client_for(juror_a).get(reverse("jury:dashboard")).content.decode()
    assert "<script>alert" not in dashboard and "&lt;b&gt;Imigrantów&lt;/b&gt;" in dashboard


def test_tally_page_escapes_practice_title(hostile, scoring, client_for, organiser):
    body = client_for(organiser).get(reverse("jury:tally", args=[scoring.edition.year]))
    assert "<script>alert" not in body.content.decode()


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t"])
def test_tally_csv_neutralises_formulas(scoring, client_for, juror_a, organiser, prefix):
    nomination = scoring.nominations[0]
    nomination.practice.title_pl = f'{prefix}HYPERLINK("http://evil")'
    nomination.practice.save()
    client_for(juror_a).post(
        reverse("jury:nomination", args=[nomination.pk]),
        {field_name(scoring.engagement): "4", field_name(scoring.durability): "4"},
    )
    response = client_for(organiser).get(reverse("jury:tally_csv", args=[scoring.edition.year]))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    titles = [row[2] for row in rows[1:]]
    assert f"'{prefix}HYPERLINK(\"http://evil\")" in titles
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for row in rows for cell in row
                   if cell and not cell.lstrip("-").replace(".", "").isdigit())
