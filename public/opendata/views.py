"""The open-data page, the live package and its files, and the frozen releases.

`?edition=<year>` keeps the rows of one published edition (an unknown or
unpublished year: 404; not a year: 400).
"""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from otwarte.spreadsheets import FORMATS, MEDIA_TYPES, ODS, XLSX
from practices.models import Edition

from ..models import Release
from . import package
from .releases import dataset_ld

# Escapes that keep JSON inside <script> inert (as django.utils.html.json_script's).
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


class BadEdition(Exception):
    pass


def _years(request):
    raw = request.GET.get("edition", "")
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 4:
        raise BadEdition(raw)
    get_object_or_404(Edition.objects.published(), year=int(raw))
    return [int(raw)]


def _bad_edition(raw):
    return HttpResponse(
        f"edition: not a year: {escape(raw)}\n", status=400,
        content_type="text/plain; charset=utf-8",
    )  # fmt: skip


def _attachment(content, fmt, filename):
    response = HttpResponse(content, content_type=MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def table_file(request, name, fmt):
    table = package.table(name)
    if table is None or fmt not in FORMATS:
        raise Http404
    try:
        years = _years(request)
    except BadEdition as error:
        return _bad_edition(str(error))
    language = get_language()
    content = package.table_file(table, fmt=fmt, language=language, years=years)
    return _attachment(content, fmt, f"{package.NAME}-{name}-{language}.{fmt}")


@require_safe
def workbook(request, fmt):
    if fmt not in (XLSX, ODS):
        raise Http404
    try:
        years = _years(request)
    except BadEdition as error:
        return _bad_edition(str(error))
    language = get_language()
    content = package.workbook(fmt=fmt, language=language, years=years)
    return _attachment(content, fmt, f"{package.NAME}-{language}.{fmt}")


@require_safe
def datapackage(request):
    """datapackage.json of the active language's tables (with `?edition=`)."""
    try:
        years = _years(request)
    except BadEdition as error:
        return _bad_edition(str(error))
    query = f"?edition={years[0]}" if years else ""

    def path(table, _language):
        url = reverse("public:opendata_table", args=[table.name, "csv"])
        return request.build_absolute_uri(url + query)

    editions = Edition.objects.published().order_by("year")
    if years:
        editions = editions.filter(year__in=years)
    descriptor = package.describe(
        languages=[get_language()], path=path,
        version=str(editions.last().year) if editions else "0",
        homepage=request.build_absolute_uri(reverse("public:opendata")),
        sources=[
            {"title": f"Miasta Otwarte {e.year}",
             "path": request.build_absolute_uri(reverse("public:edition", args=[e.year]))}
            for e in editions
        ],
    )  # fmt: skip
    response = HttpResponse(
        json.dumps(descriptor, ensure_ascii=False, indent=1),
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def open_data(request):
    releases = list(Release.objects.defer("archive", "row_digests", "changelog"))
    editions = list(Edition.objects.published().order_by("-year"))
    ld = json.dumps(dataset_ld(request, releases), ensure_ascii=False, indent=1)
    return render(request, "public/open_data.html", {
        "releases": releases,
        "editions": editions,
        "tables": package.tables(),
        "formats": FORMATS,
        "dataset_ld": mark_safe(ld.translate(_SCRIPT_ESCAPES)),  # escaped above
    })  # fmt: skip


@require_safe
def release_download(request, version):
    release = get_object_or_404(Release, version=version)
    response = HttpResponse(bytes(release.archive), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{release.filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response
