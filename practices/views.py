from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from jury.models import JurorQuote

from .models import Award, Practice
from .services import latest_published_edition


def _awards_with_details(queryset):
    return queryset.for_listing().prefetch_related(
        Prefetch("quotes", queryset=JurorQuote.objects.select_related("juror"))
    )


def group_by_category(awards):
    """[(category, [award, ...]), ...] in the order of each category's first award."""
    groups = {}
    for award in awards:
        groups.setdefault(award.category, []).append(award)
    return list(groups.items())


def home(request):
    edition = latest_published_edition()
    groups = []
    if edition is not None:
        awards = _awards_with_details(Award.objects.filter(edition=edition).order_by("order"))
        groups = group_by_category(awards)
    return render(request, "practices/home.html", {"edition": edition, "groups": groups})


def practice_detail(request, city_slug, slug):
    practice = get_object_or_404(
        Practice.objects.published().select_related("city"), city__slug=city_slug, slug=slug
    )
    awards = _awards_with_details(
        Award.objects.published().filter(practice=practice).order_by("-edition__year", "order")
    )
    return render(
        request, "practices/practice_detail.html", {"practice": practice, "awards": awards}
    )
