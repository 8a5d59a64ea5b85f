"""HTML and PDF of the yearly booklet "Opis wyróżnionych praktyk miejskich"."""

import hashlib

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import CSS, HTML

from .content import booklet_context
from .fetcher import BASE_URL, SafeURLFetcher

# Bump when the renderer changes in a way that the HTML does not show (options, fonts),
# so cached booklets are rebuilt.
RENDERER_VERSION = "1"
STYLESHEET = "css/booklet.css"
PDF_OPTIONS = {
    # Tagged PDF with the PDF/UA-1 identification (WeasyPrint's support for it).
    "pdf_variant": "pdf/ua-1",
    "pdf_tags": True,
}


def check_language(language):
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown booklet language: {language!r}")
    return language


def render_booklet_html(*, edition, language):
    """The booklet as HTML in `language`; untranslated content falls back to Polish."""
    with translation.override(check_language(language)):
        return render_to_string("booklet/booklet.html", booklet_context(edition=edition))


def content_hash(html):
    """A fingerprint of everything that shapes the PDF: HTML, stylesheet, renderer."""
    digest = hashlib.sha256(RENDERER_VERSION.encode())
    digest.update(html.encode("utf-8"))
    stylesheet = finders.find(STYLESHEET)
    if stylesheet:
        with open(stylesheet, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


def html_to_pdf(html, *, on_progress=None):
    """Lay out and write the PDF of booklet HTML with the safe fetcher only."""
    fetcher = SafeURLFetcher()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    # No user stylesheet comes from elsewhere; the template links booklet.css itself.
    # An explicit empty CSS keeps WeasyPrint from building a default fetcher for one.
    empty = CSS(string="", base_url=BASE_URL, url_fetcher=fetcher)
    if on_progress:
        on_progress(20)
    laid_out = document.render(stylesheets=[empty], **PDF_OPTIONS)
    if on_progress:
        on_progress(80)
    return laid_out.write_pdf(**PDF_OPTIONS)


def render_booklet(*, edition, language, on_progress=None) -> bytes:
    """The booklet of `edition` as a PDF in `language` (pl, en, uk or ru).

    `on_progress(percent)` is called as rendering advances (for the background task).
    """
    html = render_booklet_html(edition=edition, language=language)
    return html_to_pdf(html, on_progress=on_progress)
