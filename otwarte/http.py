"""Request helpers shared by the apps."""

import ipaddress

from django.conf import settings


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address):
    return any(address in network for network in settings.TRUSTED_PROXIES)


def client_ip(request):
    """The client's address: the rightmost address no trusted proxy vouches for.

    X-Forwarded-For is believed only from a peer in TRUSTED_PROXIES (anyone else
    may write it), and only from the right: each trusted proxy appends the address
    it saw, so walking leftwards over trusted hops reaches the address the first
    of them saw. Entries left of that were written by the client. Used by the
    login lockout (AXES_CLIENT_IP_CALLABLE) and every rate limit.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    peer = _address(remote)
    if peer is None or not _trusted(peer):
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            # Not written by a proxy of ours (they write addresses): stop at the last trusted one.
            break
        client = address
        if not _trusted(address):
            break
    return str(client)
