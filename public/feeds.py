"""The Atom feed of newly published awards, one per language (Django's syndication
framework), linked from every page's <head> (`<link rel="alternate">`).

An entry per award of a published edition, newest publication first: its date is
the edition's first publication (`Edition.published_at`), so a feed reader sees a
new edition's awards appear together, and a correction (unpublish, republish) does
not send them again. The entry links to the award's section of its practice page;
the title and summary are templates (templates/feeds/), in the active language,
falling back to Polish like the pages.
"""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from practices.models import Award

# Enough for a reader that polls rarely to see a whole edition (about 20 awards).
FEED_SIZE = 100


class AwardsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Miasta Otwarte: newly published awards")
    subtitle = _("Practices of Polish cities awarded for integrating immigrants.")
    author_name = "Miasta Otwarte"
    title_template = "feeds/award_title.html"
    description_template = "feeds/award_summary.html"

    def link(self):
        return reverse("public:home")

    def feed_url(self):
        return reverse("public:awards_feed")

    def items(self):
        newest = F("edition__published_at").desc(nulls_last=True)
        awards = (
            Award.objects.published()
            .select_related("edition", "category", "practice__city")
            .order_by(newest, "-edition__year", "order")
        )
        return awards[:FEED_SIZE]

    def item_link(self, award):
        return f"{award.practice.get_absolute_url()}#award-{award.pk}"

    def item_pubdate(self, award):
        # Editions loaded as published (a fixture, an edition file) may have no stamp.
        return award.edition.published_at or award.edition.ceremony_at

    def item_updateddate(self, award):
        # Atom requires <updated> on every entry; what an entry says changes only
        # with a new publication, which keeps the first stamp.
        return self.item_pubdate(award)

    def item_categories(self, award):
        return [award.category.name, str(award.edition.year)]
