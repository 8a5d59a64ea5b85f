"""The web's conventions outside the pages: /robots.txt pointing to the sitemap.

(The pages' own conventions, canonical links, the favicon and Open Graph, are in
templates/base.html and includes/open_graph.html, fed by otwarte/context_processors.py;
the feeds are public/feeds.py and public/calendar.py.)
"""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

# Sections under each language prefix that are not for search engines: staff and
# personal pages (a city's check link, a survey respondent's link, accounts).
PRIVATE_SECTIONS = (
    "admin/", "jury/", "cockpit/", "exchange/", "translations/", "account/",
    "city-check/", "login/", "logout/",
)  # fmt: skip


@require_safe
def robots_txt(request):
    context = {
        "sitemap_url": request.build_absolute_uri(reverse("sitemap")),
        "private_paths": [
            f"/{code}/{section}" for code, _name in settings.LANGUAGES
            for section in PRIVATE_SECTIONS
        ] + [f"/{code}/surveys/*/r/" for code, _name in settings.LANGUAGES],
    }  # fmt: skip
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
