"""The translation grid: a page of texts of one language at once — the Polish source,
the translation in a text box, "reviewed" ticked or not — saved together, then on to
the next texts. Same filters and visibility as the worklist (views.filtered); the rules
are translations.services' (save_translations: all or nothing)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import ngettext

from otwarte.access import translator_required

from . import services
from .enums import TranslationState
from .views import filtered, filters_of, with_texts

GRID_SIZE = 25
SAVE_AND_NEXT = "next"


def _start(value):
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0


def _grid_url(query, start):
    query = "&".join(part for part in (query, f"start={start}" if start else "") if part)
    return reverse("translations:grid") + (f"?{query}" if query else "")


def _changes(rows, data):
    """[(status, text, reviewed)] for the rows whose text or "reviewed" the form changed."""
    changes = []
    for row in rows:
        text = data.get(f"text-{row.pk}")
        if text is None:  # not on the submitted page
            continue
        text = text.replace("\r\n", "\n").strip()
        reviewed = f"reviewed-{row.pk}" in data
        if text != (row.text or "").strip() or reviewed != (row.status == TranslationState.REVIEWED):
            changes.append((row, text, reviewed))
    return changes


@translator_required
def grid(request):
    form, statuses = filtered(request)
    start = _start(request.GET.get("start"))
    total = statuses.count()
    if start >= total:
        start = max(0, total - GRID_SIZE)
    rows = with_texts(list(statuses[start:start + GRID_SIZE]))
    query = filters_of({k: v for k, v in request.GET.items() if k not in ("start", "page")})
    errors = {}
    if request.method == "POST":
        changes = _changes(rows, request.POST)
        try:
            services.save_translations(changes=changes, user=request.user)
        except ValidationError as error:
            errors = error.message_dict
            for row in rows:  # show what was typed, not what is stored
                row.text = request.POST.get(f"text-{row.pk}", row.text)
                row.reviewed = f"reviewed-{row.pk}" in request.POST
                row.errors = errors.get(row.pk, [])
        else:
            messages.success(request, ngettext(
                "%(n)d translation saved.", "%(n)d translations saved.", len(changes),
            ) % {"n": len(changes)})
            if request.POST.get("action") != SAVE_AND_NEXT:
                return redirect(_grid_url(query, start))
            # The rows saved here may have left the filter ("not yet reviewed"): the next
            # unseen text is after those of this page that are still in it.
            still_listed = statuses.filter(pk__in=[row.pk for row in rows]).count()
            return redirect(_grid_url(query, start + still_listed))
    for row in rows:
        row.reviewed = getattr(row, "reviewed", row.status == TranslationState.REVIEWED)
    context = {
        "form": form, "rows": rows, "total": total, "start": start,
        "end": start + len(rows), "query": query, "errors": errors,
        "previous": _grid_url(query, max(0, start - GRID_SIZE)) if start else "",
        "next": _grid_url(query, start + GRID_SIZE) if start + GRID_SIZE < total else "",
        "action_url": _grid_url(query, start), "save_and_next": SAVE_AND_NEXT,
    }
    return render(request, "translations/grid.html", context, status=400 if errors else 200)
