"""Login lockout (django-axes) adapted to Otwarte."""

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def failures_from_address(request):
    """Failed logins from the request's address within the cool-off, whatever the username.

    Summed over axes' own records, so a successful login (which resets only its
    own username's record) does not clear the count of the others it tried."""
    AxesProxyHandler.update_request(request)
    total = AccessAttempt.objects.filter(
        ip_address=request.axes_ip_address,
        attempt_time__gte=get_cool_off_threshold(request),
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


class LockoutBackend(AxesStandaloneBackend):
    """Refuses locked-out logins; authenticates nobody itself.

    Two limits: axes' own (AXES_FAILURE_LIMIT failures for one username from one
    address) and, against password spraying, AXES_IP_FAILURE_LIMIT failures from
    one address across every username.

    Axes needs the request to know the client address. Logins over HTTP always
    pass it; `authenticate()` without a request (shell, management commands,
    `Client.login()` in tests) has no address to lock and is let through to the
    next backend instead of crashing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        super().authenticate(request, username=username, password=password, **kwargs)
        if failures_from_address(request) >= settings.AXES_IP_FAILURE_LIMIT:
            # What axes' middleware turns into the 429 lockout page.
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("Too many failed logins from this address")
        return None
