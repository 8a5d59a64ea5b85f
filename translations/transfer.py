"""Download a language's texts as a PO file or a spreadsheet (XLSX) and upload either
back (translations/po.py, sheets.py).
The download takes the worklist's filters; the upload writes only texts the user may
translate, all or nothing, and says what changed."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from otwarte.access import translator_required
from otwarte.spreadsheets import MEDIA_TYPES, XLSX

from . import po, services, sheets
from .models import LANGUAGE_CHOICES, TranslationStatus
from .views import filtered, with_texts


class UploadForm(forms.Form):
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=LANGUAGE_CHOICES)
    file = forms.FileField(label=gettext_lazy("PO or XLSX file"))


@translator_required
@require_safe
def download(request):
    form, statuses = filtered(request)
    if not form.is_valid():
        return render(request, "translations/upload.html",
                      {"form": UploadForm(), "filter_errors": form.errors}, status=400)
    language = form.cleaned_data["language"]
    edition = form.cleaned_data["edition"]
    rows = with_texts(list(statuses))
    name = f"otwarte-{edition.year if edition else 'all'}-{language}"
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(sheets.export_xlsx(rows=rows, language=language),
                                content_type=MEDIA_TYPES[XLSX])
        name += ".xlsx"
    else:
        response = HttpResponse(po.export_po(rows=rows, language=language),
                                content_type="text/x-gettext-translation; charset=utf-8")
        name += ".po"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@translator_required
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            content = form.cleaned_data["file"].read(po.MAX_PO_BYTES + 1)
            # An XLSX file is a zip archive; anything else is read as PO.
            reader = sheets.import_xlsx if content[:2] == b"PK" else po.import_po
            result = reader(
                content=content,
                language=form.cleaned_data["language"], user=request.user,
                visible=services.visible_to(request.user, TranslationStatus.objects.all()),
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _(
                "Changed: %(changed)s, unchanged: %(unchanged)s, of these with a changed "
                "Polish source (to review): %(stale)s, not found or not yours: %(unknown)s."
            ) % {"changed": result.changed, "unchanged": result.unchanged,
                 "stale": result.source_changed, "unknown": len(result.unknown)})
            return redirect("translations:worklist")
    return render(request, "translations/upload.html", {"form": form},
                  status=400 if form.errors else 200)
