"""The translators' worklist: filter, read the Polish source beside the translation,
save as a draft or as reviewed. Thin: the rules are in translations.services."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jury.services.deliberation import posts_to_translate
from otwarte.access import translator_required
from otwarte.i18n import active_language

from . import services
from .enums import SaveAction, TranslationState
from .forms import TranslationForm, WorklistFilter
from .models import TARGET_LANGUAGES, TranslationStatus
from .registry import IN_EDITION

PAGE_SIZE = 20
FILTERS = ("language", "status", "edition", "page", "start")


def filters_of(data):
    """The worklist's own query string out of `data`, nothing else (the way back)."""
    kept = QueryDict(mutable=True)
    for name in FILTERS:
        value = data.get(name, "")
        if value and len(value) < 20:
            kept[name] = value
    return kept.urlencode()


def _worklist_url(query):
    return reverse("translations:worklist") + (f"?{query}" if query else "")


def with_texts(statuses):
    """Each status with its object, the Polish source and the translation (one query a model)."""
    by_model = {}
    for status in statuses:
        by_model.setdefault(status.content_type_id, []).append(status)
    for rows in by_model.values():
        model = rows[0].content_type.model_class()
        # What the rows' names read (a practice's city, a nomination's practice).
        objects = model._base_manager.select_related().in_bulk([row.object_id for row in rows])
        for row in rows:
            row.obj = objects.get(row.object_id)
            row.source = getattr(row.obj, row.source_column, "") if row.obj else ""
            row.text = getattr(row.obj, row.column, "") if row.obj else ""
            row.field_label = model._meta.get_field(row.field).verbose_name
            row.model_label = model._meta.verbose_name
    return statuses


def filtered(request):
    """(the filter form, the statuses it selects for this user, in a stable order) —
    shared by the worklist and the grid. Invalid filters select nothing."""
    language = active_language()
    data = request.GET.copy()
    data.setdefault("language", language if language in TARGET_LANGUAGES else "en")
    form = WorklistFilter(data)
    statuses = TranslationStatus.objects.none()
    if form.is_valid():
        statuses = services.visible_to(
            request.user,
            TranslationStatus.objects.filter(language=form.cleaned_data["language"]),
        )
        status = form.cleaned_data["status"]
        if status == "":
            statuses = statuses.exclude(status=TranslationState.REVIEWED)
        elif status != "all":
            statuses = statuses.filter(status=status)
        if form.cleaned_data["edition"] is not None:
            statuses = services.scoped(statuses, IN_EDITION, form.cleaned_data["edition"])
        statuses = statuses.select_related("content_type", "set_by").order_by(
            "content_type__app_label", "content_type__model", "object_id", "field"
        )
    return form, statuses


@translator_required
def worklist(request):
    form, statuses = filtered(request)
    page = Paginator(statuses, PAGE_SIZE).get_page(request.GET.get("page"))
    with_texts(page.object_list)
    query = filters_of(request.GET)
    pages = request.GET.copy()
    pages.pop("page", None)
    posts = []
    if form.is_valid():
        posts = list(posts_to_translate(language=form.cleaned_data["language"])[:PAGE_SIZE])
    return render(request, "translations/worklist.html", {
        "form": form, "page": page, "back": query, "page_query": filters_of(pages),
        "states": TranslationState, "posts": posts,
    })


@translator_required
def edit(request, pk):
    statuses = services.visible_to(request.user, TranslationStatus.objects.all())
    status = get_object_or_404(statuses.select_related("content_type"), pk=pk)
    [status] = with_texts([status])
    if status.obj is None:
        raise Http404  # its object is gone (statuses are removed with it)
    back = filters_of(request.GET)  # the form posts to this URL, filters included
    if request.method == "POST":
        form = TranslationForm(request.POST)
        if form.is_valid():
            try:
                services.save_translation(
                    status=status, text=form.cleaned_data["text"], user=request.user,
                    reviewed=form.cleaned_data["action"] == SaveAction.REVIEWED,
                )
            except ValidationError as error:
                form.add_error("text", error)
            else:
                messages.success(request, _("Translation saved."))
                return redirect(_worklist_url(back))
    else:
        form = TranslationForm(initial={"text": status.text})
    return render(request, "translations/edit.html", {
        "status": status, "form": form, "back": back, "back_url": _worklist_url(back),
        "actions": SaveAction,
    })
