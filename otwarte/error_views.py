"""Error views Django lets a project replace (settings.CSRF_FAILURE_VIEW)."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A refused form in the site's error layout, not Django's stock page (which has
    inline styles the Content-Security-Policy blocks and talks about DEBUG)."""
    return render(request, "403_csrf.html", status=403)
