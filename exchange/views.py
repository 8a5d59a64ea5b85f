"""The organisers' import page: upload an edition file, read the diff of what it would
create and change per section (a dry run), then confirm; the import is one transaction."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from otwarte.access import organiser_required

from .forms import ConfirmForm, UploadForm
from .importing import import_edition
from .reading import EditionImportError, decode, loads

SECTION_TITLES = {
    "edition": "edition", "cities": "cities", "categories": "categories",
    "criteria": "criteria", "experts": "experts", "jurors": "jurors",
    "practices": "practices", "reports": "reports", "open_call": "open call",
    "nominations": "nominations", "awards": "awards",
}


@organiser_required
@require_http_methods(["GET", "POST"])
def import_page(request):
    upload = UploadForm()
    if request.method == "POST" and "confirm" in request.POST:
        confirm = ConfirmForm(request.POST)
        if confirm.is_valid():
            try:
                summary = import_edition(
                    data=loads(confirm.cleaned_data["content"]),
                    allow_published_changes=confirm.cleaned_data["allow_published_changes"],
                )
            except EditionImportError as error:
                messages.error(request, _("Nothing was imported: %(error)s") % {"error": error})
                return redirect("exchange:import")
            counts = summary.counts()
            messages.success(
                request,
                _("Edition %(year)s imported: %(created)d created, %(changed)d changed, "
                  "%(unchanged)d unchanged.") % {"year": summary.year, **counts},
            )
            return redirect("exchange:import")
    elif request.method == "POST":
        upload = UploadForm(request.POST, request.FILES)
        if upload.is_valid():
            allow = upload.cleaned_data["allow_published_changes"]
            try:
                text = decode(upload.cleaned_data["file"])
                summary = import_edition(
                    data=loads(text), dry_run=True, allow_published_changes=allow
                )
            except EditionImportError as error:
                upload.add_error("file", str(error))
            else:
                confirm = ConfirmForm(initial={"content": text, "allow_published_changes": allow})
                return render(
                    request,
                    "exchange/preview.html",
                    {
                        "summary": summary,
                        "sections": [
                            (SECTION_TITLES.get(name, name), states)
                            for name, states in summary.sections()
                        ],
                        "counts": summary.counts(),
                        "confirm": confirm,
                        "file_name": request.FILES["file"].name,
                    },
                )
    return render(request, "exchange/import.html", {"form": upload})
