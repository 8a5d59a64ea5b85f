"""sitemap.xml through django.contrib.sitemaps: every public page in every language,
each with its hreflang alternates. No x-default: it would be the unprefixed URL,
which only redirects (every page lives under its language prefix).

`lastmod` is when the editions a page shows last changed: a published edition's
texts are frozen (`edit_public`, `translate` closed) until it is taken offline, and
publishing it again is a save of the edition, kept in its history (audit). So the
newest historical row of each edition a page shows is when that page last changed
(an edition loaded as published, with no history, counts from `published_at`).
Reference data edited in place (a city's name) is not tracked."""

from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils.module_loading import import_string

from practices.models import Award, City, Edition, Practice, SimilarAction


def _latest(dates):
    return max(filter(None, dates), default=None)


class Changes:
    """When the published editions, and the pages showing them, last changed: read
    once per sitemap request (three queries), shared by its sections."""

    @cached_property
    def editions(self):
        """{published edition id: (year, when it last changed)}."""
        history = Edition.history.model.objects.filter(id=OuterRef("pk")).order_by()
        last = history.values("id").annotate(last=Max("history_date")).values("last")
        rows = Edition.objects.published().annotate(changed=Subquery(last))
        return {
            pk: (year, _latest((published_at, changed)))
            for pk, year, published_at, changed in rows.values_list(
                "pk", "year", "published_at", "changed"
            )
        }

    def _by(self, pairs):
        editions = {}
        for key, edition_id in pairs:
            editions.setdefault(key, set()).add(edition_id)
        return {
            key: _latest(self.editions[pk][1] for pk in ids if pk in self.editions)
            for key, ids in editions.items()
        }

    @cached_property
    def _awards(self):
        return list(
            Award.objects.published().values_list("practice_id", "practice__city_id", "edition_id")
        )

    @cached_property
    def practices(self):
        return self._by((practice, edition) for practice, _city, edition in self._awards)

    @cached_property
    def cities(self):
        mentions = SimilarAction.objects.filter(award__edition__in=list(self.editions))
        return self._by(
            [(city, edition) for _practice, city, edition in self._awards]
            + list(mentions.values_list("city_id", "award__edition_id"))
        )

    @cached_property
    def everything(self):
        return _latest(changed for _year, changed in self.editions.values())


class PublicSitemap(Sitemap):
    i18n = True
    alternates = True
    limit = 5000  # pages of the sitemap index stay well under the 50,000-URL maximum

    def __init__(self, changes=None):
        self.changes = changes or Changes()


class StaticPages(PublicSitemap):
    # Pages listing every published edition; the open call shows none.
    LISTINGS = frozenset({"home", "practice_list", "city_list", "edition_list"})

    def items(self):
        return ["home", "practice_list", "city_list", "edition_list", "propose"]

    def location(self, item):
        return reverse(f"public:{item}")

    def lastmod(self, item):
        return self.changes.everything if item in self.LISTINGS else None


class Practices(PublicSitemap):
    def items(self):
        return Practice.objects.published().select_related("city").order_by("city__slug", "slug")

    def lastmod(self, item):
        return self.changes.practices.get(item.pk)


class Cities(PublicSitemap):
    def items(self):
        return City.objects.public().order_by("slug")

    def location(self, item):
        return reverse("public:city", args=[item.slug])

    def lastmod(self, item):
        return self.changes.cities.get(item.pk)


class Editions(PublicSitemap):
    def items(self):
        return sorted(self.changes.editions.values())

    def location(self, item):
        return reverse("public:edition", args=[item[0]])

    def lastmod(self, item):
        return item[1]


SITEMAPS = {"pages": StaticPages, "practices": Practices, "cities": Cities, "editions": Editions}


def sitemap_xml(request):
    """django.contrib.sitemaps' view, its sections sharing one `Changes`, and other apps'
    sitemaps named in settings.EXTRA_SITEMAPS (this app imports none of them)."""
    changes = Changes()
    sections = {name: cls(changes) for name, cls in SITEMAPS.items()}
    for name, path in getattr(settings, "EXTRA_SITEMAPS", {}).items():
        sections[name] = import_string(path)()
    return sitemap(request, sections)
