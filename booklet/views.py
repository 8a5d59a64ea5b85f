from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_safe

from practices.models import Edition
from practices.permissions import can_view_unpublished

from .enums import RenderStatus
from .services import booklet_filename, request_booklet


def pdf_response(booklet, *, edition):
    response = HttpResponse(bytes(booklet.pdf), content_type="application/pdf")
    filename = booklet_filename(edition=edition, language=booklet.language)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def booklet_pdf(request, year):
    """The edition's booklet in the page's language; 404 until the edition is published
    (organisers may fetch it earlier). While it renders, a page says so (202)."""
    editions = Edition.objects.all()
    if not can_view_unpublished(request.user):
        editions = editions.published()
    edition = get_object_or_404(editions, year=year)
    booklet = request_booklet(
        edition=edition, language=translation.get_language(), user=request.user
    )
    if booklet.status == RenderStatus.DONE:
        return pdf_response(booklet, edition=edition)
    failed = booklet.status == RenderStatus.FAILED
    response = render(
        request,
        "booklet/booklet_pending.html",
        {"edition": edition, "booklet": booklet, "failed": failed},
        status=503 if failed else 202,
    )
    response["Retry-After"] = "30" if failed else "5"
    return response
