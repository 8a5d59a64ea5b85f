"""Login lockout (django-axes) adapted to Otwarte."""

from axes.backends import AxesStandaloneBackend


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
