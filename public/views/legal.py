"""The pages the law and readers expect: contact, privacy notice and the accessibility
statement (deklaracja dostępności) in the form of the Polish act on the digital
accessibility of public bodies' websites (Ustawa z 4 kwietnia 2019 r. o dostępności
cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych, art. 10, and the
Minister's template): who, when published and updated, how compliant and what is not,
how it was checked, contact, the request-and-complaint procedure.

The facts the statement claims about its own check live here, beside the code; a test
keeps the axe-core version in step with the one `make test` runs."""

from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

# The last accessibility check: axe-core (tests/e2e, every public, juror and respondent
# page, zero violations is a test failure otherwise) plus keyboard-only and no-JavaScript
# tests. Update the date when the check is repeated by hand (docs/accessibility.md).
CHECKED_ON = date(2026, 12, 7)
PUBLISHED_ON = date(2015, 5, 14)  # the 2015 awards, the first published edition
CHECK_TOOL = "axe-core"
CHECK_TOOL_VERSION = "4.14.1"
CHECK_STANDARD = "WCAG 2.1 AA"


def _contact():
    return {
        "owner": settings.SITE_OWNER,
        "email": settings.CONTACT_EMAIL,
        "phone": settings.CONTACT_PHONE,
        "address": settings.CONTACT_ADDRESS,
    }


@require_safe
def contact(request):
    return render(request, "public/contact.html", {"contact": _contact()})


@require_safe
def privacy(request):
    return render(request, "public/privacy.html", {"contact": _contact()})


@require_safe
def accessibility(request):
    return render(request, "public/accessibility.html", {
        "contact": _contact(),
        "checked_on": CHECKED_ON,
        "published_on": PUBLISHED_ON,
        "tool": f"{CHECK_TOOL} {CHECK_TOOL_VERSION}",
        "standard": CHECK_STANDARD,
    })
