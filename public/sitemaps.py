"""sitemap.xml through django.contrib.sitemaps: every public page in every language,
each with its hreflang alternates. No x-default: it would be the unprefixed URL,
which only redirects (every page lives under its language prefix)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from practices.models import City, Edition, Practice


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    limit = 5000  # pages of the sitemap index stay well under the 50,000-URL maximum


class StaticPages(PublicSitemap):
    def items(self):
        return ["home", "practice_list", "city_list", "edition_list", "propose"]

    def location(self, item):
        return reverse(f"public:{item}")


class Practices(PublicSitemap):
    def items(self):
        return Practice.objects.published().select_related("city").order_by("city__slug", "slug")


class Cities(PublicSitemap):
    def items(self):
        return City.objects.public().order_by("slug")

    def location(self, item):
        return reverse("public:city", args=[item.slug])


class Editions(PublicSitemap):
    def items(self):
        return list(Edition.objects.published().order_by("year").values_list("year", flat=True))

    def location(self, item):
        return reverse("public:edition", args=[item])


SITEMAPS = {"pages": StaticPages, "practices": Practices, "cities": Cities, "editions": Editions}
