"""otwarte.http.client_ip: forwarded headers only from the configured proxies (issue 26)."""

import ipaddress

import pytest
from django.test import RequestFactory

from otwarte.http import client_ip


def _ip(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = (
        ipaddress.ip_network("127.0.0.1"), ipaddress.ip_network("10.0.0.0/8"),
    )


def test_without_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = ()
    assert _ip("198.51.100.1", "203.0.113.7") == "198.51.100.1"


def test_a_peer_that_is_not_a_proxy_cannot_forge_its_address(behind_nginx):
    assert _ip("198.51.100.1", "203.0.113.7") == "198.51.100.1"
    assert _ip("198.51.100.1", "127.0.0.1") == "198.51.100.1"


def test_the_proxy_vouches_for_the_address_it_appended(behind_nginx):
    assert _ip("127.0.0.1", "203.0.113.7") == "203.0.113.7"
    # What the client wrote to the left of it is not believed.
    assert _ip("127.0.0.1", "1.2.3.4, 203.0.113.7") == "203.0.113.7"


def test_trusted_hops_are_skipped_from_the_right(behind_nginx):
    assert _ip("127.0.0.1", "1.2.3.4, 203.0.113.7, 10.1.2.3") == "203.0.113.7"


def test_a_proxy_without_a_header_is_the_client(behind_nginx):
    assert _ip("127.0.0.1") == "127.0.0.1"
    assert _ip("127.0.0.1", "10.0.0.5") == "10.0.0.5"


def test_garbage_in_the_header_stops_at_the_last_trusted_hop(behind_nginx):
    assert _ip("127.0.0.1", "203.0.113.7, not-an-address") == "127.0.0.1"
    assert _ip("127.0.0.1", "not-an-address, 10.0.0.5") == "10.0.0.5"


def test_ipv6_networks(settings):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("::1"),)
    assert _ip("::1", "2001:db8::7") == "2001:db8::7"
    assert _ip("2001:db8::9", "2001:db8::7") == "2001:db8::9"
