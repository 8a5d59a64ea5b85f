"""What the public views share: the columns a page shows, how awards are grouped,
a page's own object remembered per content version."""

from django.db.models import Q
from django.http import Http404

from otwarte.cache.values import remember
from otwarte.i18n import active_language
from practices.models import Award
from practices.phases import Action, phases_allowing


PUBLISHED_AWARD = Q(practices__awards__edition__phase__in=phases_allowing(Action.VIEW_PUBLIC))


def shown(*names):
    """`only()` names for the columns a page shows.

    A name ending in "*" is a translated field: it stands for its Polish column
    (the fallback) and the active language's column, and skips the others —
    each translated field has five columns (the original and four languages),
    and long texts such as descriptions dominate a row's width.
    """
    language = active_language()
    columns = []
    for name in names:
        if name.endswith("*"):
            base = name[:-1]
            columns += {f"{base}_pl", f"{base}_{language}"}
        else:
            columns.append(name)
    return columns


PRACTICE_NAME = ("practice__slug", "practice__title*", "practice__city__slug",
                 "practice__city__name*")  # fmt: skip


AWARD_BADGE = ("edition__year", "category__code", "category__order", "category__name*")


def group_by_category(awards):
    """[(category, [award, ...]), ...] in the order of each category's first award."""
    groups = {}
    for award in awards:
        groups.setdefault(award.category, []).append(award)
    return list(groups.items())


def remembered_or_404(name, lookup, *key):
    """The object `lookup()` finds (None: a 404), remembered per content version,
    language and `key`: a page's own object costs no query while nothing changes.
    Misses are not remembered (remember() keeps no None)."""
    found = remember(name, lookup, *key)
    if found is None:
        raise Http404
    return found


def edition_awards(edition):
    """The edition's awards with what listings show (category, practice name and link)."""
    return list(
        Award.objects.filter(edition=edition)
        .select_related("category", "practice__city")
        .only("edition_id", "order", *shown(*AWARD_BADGE[1:], *PRACTICE_NAME))
        .order_by("order")
    )

