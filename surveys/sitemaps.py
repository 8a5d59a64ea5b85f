"""The audit's pages for sitemap.xml: the index, open survey forms and published rankings.

Registered by name in settings.EXTRA_SITEMAPS (public/root_urls.py builds the sitemap):
`public` and `surveys` do not import each other.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from .models import Survey


class SurveyPages(Sitemap):
    i18n = True
    alternates = True

    def items(self):
        today = timezone.localdate()
        pages = [("surveys:index", ())]
        for survey in Survey.objects.order_by("kind", "year"):
            if survey.is_open(today):
                pages.append(("surveys:respond", (survey.kind, survey.year)))
            if survey.results_published:
                pages.append(("surveys:results", (survey.kind, survey.year)))
        return pages

    def location(self, item):
        name, args = item
        return reverse(name, args=args)
