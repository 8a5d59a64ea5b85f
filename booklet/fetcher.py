"""The only way the booklet renderer reaches files: static and media roots, and data: URLs.

WeasyPrint's own fetcher opens any URL it is given (file://, http://, ftp://) and
follows redirects, so content typed by an organiser (`<img src="file:///etc/passwd">`,
an `@import` of a local file, an image on an internal server) would be read into the
PDF or become a request from the server. `SafeURLFetcher` refuses all of that: it maps
the booklet's own base URL and `file://` URLs onto files *inside* the allowed roots
(after resolving symlinks and `..`), decodes `data:` URLs itself, and never opens a
socket. `HTML`, `CSS` and `Attachment` each build an unrestricted fetcher when none is
given, so `render.py` passes this one to every one of them.
"""

import base64
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# The base URL the booklet's HTML is rendered against. It names no real host: the
# fetcher answers it from disk, so `{% static %}` and `FileField.url` work unchanged.
BASE_URL = "https://booklet.otwarte.invalid/"
_BASE = urlsplit(BASE_URL)

# Big enough for photographs and fonts, small enough that content cannot exhaust memory.
MAX_BYTES = 20 * 1024 * 1024


class ForbiddenURL(ValueError):
    """A URL the booklet may not fetch. WeasyPrint logs it and leaves the resource out."""


def allowed_roots():
    """Directories whose files the renderer may read, resolved."""
    roots = [settings.STATIC_ROOT, settings.MEDIA_ROOT]
    for entry in settings.STATICFILES_DIRS:
        roots.append(entry[1] if isinstance(entry, (list, tuple)) else entry)
    return [Path(root).resolve() for root in roots if root]


def _inside_roots(path):
    resolved = Path(path).resolve()
    if any(resolved.is_relative_to(root) for root in allowed_roots()) and resolved.is_file():
        return resolved
    return None


def _static_file(name):
    """A static file by its name under STATIC_URL: collected first, then the finders."""
    if not name or name.startswith("/"):
        return None
    found = _inside_roots(Path(settings.STATIC_ROOT) / name)
    if found is None:
        # Finders cover the app and project static dirs (development, tests).
        candidate = finders.find(name)
        if candidate:
            found = _inside_roots(candidate)
    return found


def resolve_path(url):
    """The file on disk a booklet URL stands for, or raise ForbiddenURL."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "file":
        if parts.netloc not in ("", "localhost"):
            raise ForbiddenURL(f"File URL on another host: {url}")
        path = _inside_roots(url2pathname(parts.path))
    elif (scheme, parts.netloc) == (_BASE.scheme, _BASE.netloc):
        path_part = unquote(parts.path)
        if ".." in path_part.split("/"):
            raise ForbiddenURL(f"Relative path escape: {url}")
        path = None
        if path_part.startswith(settings.STATIC_URL):
            path = _static_file(path_part.removeprefix(settings.STATIC_URL))
        elif settings.MEDIA_URL and path_part.startswith(settings.MEDIA_URL):
            rel = path_part.removeprefix(settings.MEDIA_URL)
            path = _inside_roots(Path(settings.MEDIA_ROOT) / rel) if rel else None
    else:
        raise ForbiddenURL(f"Only static, media and data: URLs are allowed: {url[:80]}")
    if path is None:
        raise ForbiddenURL(f"Not a file under the static or media roots: {url[:200]}")
    return path


def _decode_data_url(url):
    header, _, payload = url[len("data:") :].partition(",")
    params = header.split(";")
    mime = params[0] or "text/plain"
    if "base64" in params[1:]:
        body = base64.b64decode(unquote(payload), validate=False)
    else:
        body = unquote(payload).encode("utf-8")
    if len(body) > MAX_BYTES:
        raise ForbiddenURL("data: URL too large")
    charset = next((p.split("=", 1)[1] for p in params[1:] if p.startswith("charset=")), None)
    headers = {"Content-Type": mime + (f"; charset={charset}" if charset else "")}
    return body, headers


class SafeURLFetcher(URLFetcher):
    """A WeasyPrint fetcher that reads only allowed local files and data: URLs.

    It never calls the parent's `fetch`, so no urllib handler (HTTP, FTP, file, proxy,
    redirect) is ever used; the parent is built with no protocols allowed and
    redirects off in case WeasyPrint reaches it some other way.
    """

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols=(), allow_redirects=False, timeout=1, **kwargs)

    def fetch(self, url, headers=None):
        if url.lower().startswith("data:"):
            body, response_headers = _decode_data_url(url)
            return URLFetcherResponse(url, body, response_headers)
        path = resolve_path(url)
        if path.stat().st_size > MAX_BYTES:
            raise ForbiddenURL(f"File too large for the booklet: {path.name}")
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        # Answer under the URL asked for, so relative URLs in CSS stay in the allowed space.
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    def open(self, url, data=None, timeout=None):
        raise ForbiddenURL("The booklet fetcher opens no network connections.")
