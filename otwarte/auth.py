"""Login lockout (django-axes) adapted to Otwarte."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings


class LockoutBackend(AxesStandaloneBackend):
    """Refuses locked-out logins; authenticates nobody itself.

    Axes needs the request to know the client address. Logins over HTTP always
    pass it; `authenticate()` without a request (shell, management commands,
    `Client.login()` in tests) has no address to lock and is let through to the
    next backend instead of crashing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request):
    """The client's address, taking TRUSTED_PROXY_COUNT reverse proxies into account.

    Each trusted proxy appends the address it saw to X-Forwarded-For, so the
    client is the entry TRUSTED_PROXY_COUNT places from the end; anything before
    it was written by the client and is not trusted.
    """
    count = settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "")
    if count <= 0:
        return remote
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    ]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) >= count:
        return forwarded[-count]
    return remote
