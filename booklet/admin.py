"""Booklet controls on the Edition admin: an action, a status panel, render and download.

The Edition admin belongs to `practices`; this app comes after it in INSTALLED_APPS, so
when the admin autodiscovers this module the practices' EditionAdmin is registered: it is
subclassed (keeping anything registered before) and registered again in its place.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from otwarte.access import is_organiser
from practices.models import Edition

from .enums import RenderStatus
from .models import BookletRender
from .services import latest_renders, request_booklet
from .views import pdf_response

LANGUAGES = [code for code, _name in settings.LANGUAGES]
BaseEditionAdmin = type(admin.site.get_model_admin(Edition))


class BookletEditionAdmin(BaseEditionAdmin):
    actions = [*(BaseEditionAdmin.actions or []), "render_booklets"]
    readonly_fields = [*BaseEditionAdmin.readonly_fields, "booklet_status"]

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/booklet/<str:language>/",
                self.admin_site.admin_view(self.booklet_download),
                name="practices_edition_booklet",
            ),
            path(
                "<path:object_id>/booklet/<str:language>/render/",
                self.admin_site.admin_view(require_POST(self.booklet_render)),
                name="practices_edition_booklet_render",
            ),
        ]
        return own + super().get_urls()

    def _edition_for_booklet(self, request, object_id, language):
        if language not in LANGUAGES or not is_organiser(request.user):
            raise Http404
        return get_object_or_404(Edition, pk=object_id)

    def booklet_download(self, request, object_id, language):
        edition = self._edition_for_booklet(request, object_id, language)
        booklet = (
            BookletRender.objects.done()
            .filter(edition=edition, language=language)
            .order_by("-finished_at")
            .first()
        )
        if booklet is None:
            raise Http404
        return pdf_response(booklet, edition=edition)

    def booklet_render(self, request, object_id, language):
        edition = self._edition_for_booklet(request, object_id, language)
        booklet = request_booklet(
            edition=edition, language=language, user=request.user, retry=True
        )
        messages.info(request, _booklet_message(booklet))
        return redirect("admin:practices_edition_change", edition.pk)

    @admin.action(description=gettext_lazy("Render the booklet (all languages)"))
    def render_booklets(self, request, queryset):
        if not is_organiser(request.user):
            raise Http404
        for edition in queryset:
            for language in LANGUAGES:
                booklet = request_booklet(
                    edition=edition, language=language, user=request.user, retry=True
                )
                messages.info(request, f"{edition.year} [{language}]: {_booklet_message(booklet)}")

    @admin.display(description=gettext_lazy("Booklet (PDF)"))
    def booklet_status(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        renders = latest_renders(edition=obj)
        rows = []
        for language in LANGUAGES:
            booklet = renders.get(language)
            status = booklet.get_status_display() if booklet else _("Not rendered yet")
            if booklet and booklet.status in (RenderStatus.QUEUED, RenderStatus.RUNNING):
                status = f"{status} ({booklet.progress}%)"
            if booklet and booklet.status == RenderStatus.FAILED and booklet.error:
                status = f"{status}: {booklet.error[:200]}"
            rows.append(
                {
                    "language": language.upper(),
                    "status": status,
                    "size_kb": (
                        booklet.size // 1024
                        if booklet and booklet.status == RenderStatus.DONE
                        else None
                    ),
                    "download_url": reverse(
                        "admin:practices_edition_booklet", args=[obj.pk, language]
                    ),
                    "render_url": reverse(
                        "admin:practices_edition_booklet_render", args=[obj.pk, language]
                    ),
                }
            )
        return render_to_string("booklet/admin_booklet_status.html", {"rows": rows})


def _booklet_message(booklet):
    if booklet.status == RenderStatus.DONE:
        return _("The booklet is ready.")
    if booklet.status == RenderStatus.FAILED:
        return _("Rendering the booklet failed: %(error)s") % {"error": booklet.error[:200]}
    return _("The booklet is being rendered in the background.")


admin.site.unregister(Edition)
admin.site.register(Edition, BookletEditionAdmin)
