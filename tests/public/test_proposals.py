import ipaddress

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from practices import services
from practices.enums import ProposalStatus
from practices.models import Practice, PracticeProposal
from tests.factories import PracticeProposalFactory

pytestmark = pytest.mark.django_db


def propose_url():
    with translation.override("pl"):
        return reverse("public:propose")


def form_data(**overrides):
    data = {
        "city": "",
        "city_name": "Olsztyn",
        "title": "Punkt informacyjny",
        "description": "Miasto prowadzi punkt dla cudzoziemców.",
        "category": "",
        "proposer": "Urząd Miasta Olsztyna",
        "contact_email": "urzad@example.org",
        "website": "",
    }
    data.update(overrides)
    return data


def test_proposal_is_stored_pending_and_thanked(client, db):
    response = client.post(propose_url(), form_data())
    assert response.status_code == 302
    assert response["Location"] == "/pl/propose/thanks/"
    proposal = PracticeProposal.objects.get()
    assert (proposal.status, proposal.city_name) == (ProposalStatus.PENDING, "Olsztyn")
    assert client.get(response["Location"]).status_code == 200


def test_proposal_with_a_public_city(client, edition_2015):
    from practices.models import City

    lublin = City.objects.get(slug="lublin")
    client.post(propose_url(), form_data(city=lublin.pk, city_name=""))
    assert PracticeProposal.objects.get().city == lublin


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"city_name": ""}, "city_name"),
        ({"contact_email": "nie-adres"}, "contact_email"),
        ({"title": ""}, "title"),
        ({"description": "x" * 5001}, "description"),
        ({"title": "x" * 301}, "title"),
        ({"title": "a\x00b"}, "title"),
    ],
)
def test_invalid_proposal_shows_errors(client, db, overrides, field):
    response = client.post(propose_url(), form_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'role="alert"' in response.content.decode()
    assert PracticeProposal.objects.count() == 0


def test_honeypot_stores_nothing(client, db):
    response = client.post(propose_url(), form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert PracticeProposal.objects.count() == 0


def test_rate_limit_per_address(client, db):
    for _ in range(services.OPEN_CALL_RATE_LIMIT):
        assert client.post(propose_url(), form_data()).status_code == 302
    response = client.post(propose_url(), form_data())
    assert response.status_code == 429
    assert PracticeProposal.objects.count() == services.OPEN_CALL_RATE_LIMIT
    other = client.post(propose_url(), form_data(), REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 302


def test_rate_limit_behind_a_proxy_counts_each_client(client, db, settings):
    # nginx (TRUSTED_PROXIES=127.0.0.1): REMOTE_ADDR is the proxy for everybody.
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1"),)
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    first = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(services.OPEN_CALL_RATE_LIMIT):
        assert client.post(propose_url(), form_data(), **first).status_code == 302
    assert client.post(propose_url(), form_data(), **first).status_code == 429
    # A forged first entry does not give the same client a fresh bucket.
    forged = {**proxy, "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.7"}
    assert client.post(propose_url(), form_data(), **forged).status_code == 429
    other = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
    assert client.post(propose_url(), form_data(), **other).status_code == 302


def test_rate_limit_straight_to_the_app_ignores_forwarded_headers(client, db, settings):
    # Issue 26: a peer that is not a configured proxy (gunicorn reached directly)
    # gets no fresh bucket per forged X-Forwarded-For.
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1"),)
    for i in range(services.OPEN_CALL_RATE_LIMIT):
        forged = {"REMOTE_ADDR": "198.51.100.20", "HTTP_X_FORWARDED_FOR": f"203.0.113.{i}"}
        assert client.post(propose_url(), form_data(), **forged).status_code == 302
    forged = {"REMOTE_ADDR": "198.51.100.20", "HTTP_X_FORWARDED_FOR": "203.0.113.99"}
    assert client.post(propose_url(), form_data(), **forged).status_code == 429


def test_there_is_one_client_ip():
    import otwarte.auth
    from otwarte.http import client_ip
    from public.views import proposals

    assert proposals.client_ip is client_ip
    assert not hasattr(otwarte.auth, "client_ip")


def test_oversized_body_is_refused(client, db):
    response = client.post(propose_url(), form_data(description="x" * 30_000))
    assert response.status_code == 413
    assert PracticeProposal.objects.count() == 0


def test_csrf_is_required(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(propose_url(), form_data())
    assert response.status_code == 403


def test_constraint_city_given_both_ways(db):
    proposal = PracticeProposalFactory.build(city=None, city_name="")
    with pytest.raises(ValidationError, match="Choose a city"):
        proposal.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        proposal.save()


def test_accept_creates_a_practice_that_stays_hidden(client, organiser):
    proposal = PracticeProposalFactory(title="Lekcje polskiego")
    practice = services.accept_proposal(proposal=proposal, user=organiser)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.practice == practice
    assert (practice.title_pl, practice.slug) == ("Lekcje polskiego", "lekcje-polskiego")
    assert Practice.objects.published().count() == 0
    with translation.override("pl"):
        assert client.get(practice.get_absolute_url()).status_code == 404
    with pytest.raises(ValidationError):
        services.reject_proposal(proposal=proposal, user=organiser)


def test_accept_needs_a_city(organiser):
    proposal = PracticeProposalFactory(city=None, city_name="Olsztyn")
    with pytest.raises(ValidationError):
        services.accept_proposal(proposal=proposal, user=organiser)


def test_reject_keeps_the_record(organiser):
    proposal = services.reject_proposal(proposal=PracticeProposalFactory(), user=organiser)
    assert proposal.status == ProposalStatus.REJECTED and proposal.decided_by == organiser
    assert PracticeProposal.objects.count() == 1


def test_admin_queue_accepts_for_organisers(client_for, organiser):
    proposal = PracticeProposalFactory()
    client = client_for(organiser)
    with translation.override("pl"):
        changelist = reverse("admin:practices_practiceproposal_changelist")
    assert client.get(changelist).status_code == 200
    client.post(changelist, {"action": "accept", "_selected_action": [proposal.pk]})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED


def test_admin_queue_hidden_from_experts(client_for, expert_lublin):
    PracticeProposalFactory()
    with translation.override("pl"):
        changelist = reverse("admin:practices_practiceproposal_changelist")
    assert client_for(expert_lublin).get(changelist).status_code == 403
