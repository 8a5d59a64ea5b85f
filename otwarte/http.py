"""Request helpers shared by the apps."""

from django.conf import settings


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
