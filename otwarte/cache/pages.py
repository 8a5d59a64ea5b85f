"""The response cache for anonymous visitors of the public pages, and their HTTP
validators (ETag from the content version, Cache-Control).

A full response is kept under a key of scheme, host, language and full path,
stamped with the content version (version.py). `If-None-Match` is answered with a
304 before the view runs, without a query. `Cache-Control: public, max-age=0,
s-maxage=N` lets a shared cache (nginx, a CDN) answer for N seconds; a response to
credentials or setting a cookie is `private`. A miss takes a lock per page and
version, so a burst right after a change renders the page once.

The middleware sits right after Security and WhiteNoise, *before* sessions: a
hit loads no session, user, CSRF, messages or locale. So "anonymous" means "sends
no session or messages cookie and no Authorization header". On the way out it
is outermost, stores the *final* response, and refuses what became
session-dependent: a response that sets a cookie, varies on Cookie or on anything
but Accept-Language, is not a 200, or says private/no-store/no-cache.
"""

import hashlib
import logging
import re
import time
from functools import lru_cache

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language_from_request

from .version import VERSION_KEY, RequestState, backend, content_version, request_state


logger = logging.getLogger(__name__)

PAGE_KEY_PREFIX = "otwarte:public:page"

# Under a language prefix, everything but these is public.
DEFAULT_EXCLUDED_SECTIONS = (
    "admin", "jury", "accounts", "login", "logout", "reports", "city-check",
)

_ALLOWED_VARY = {"accept-language"}

_COMMA = re.compile(r"\s*,\s*")

_UNCACHEABLE_CONTROL = re.compile(r"\b(private|no-store|no-cache)\b", re.IGNORECASE)



def is_enabled():
    return getattr(settings, "PUBLIC_CACHE", True)



@lru_cache(maxsize=1)
def _path_patterns(languages, excluded, extra_prefixes):
    langs = "|".join(re.escape(code) for code, _name in languages)
    sections = "|".join(re.escape(s) for s in excluded)
    included = re.compile(rf"^/(?:{langs})/")
    excluded_re = re.compile(rf"^/(?:{langs})/(?:{sections})(?:/|$)") if sections else None
    prefixes = tuple(extra_prefixes)
    return included, excluded_re, prefixes



def is_public_path(path):
    included, excluded, prefixes = _path_patterns(
        tuple(settings.LANGUAGES),
        tuple(getattr(settings, "PUBLIC_CACHE_EXCLUDED_SECTIONS", DEFAULT_EXCLUDED_SECTIONS)),
        tuple(getattr(settings, "PUBLIC_CACHE_EXTRA_PREFIXES", ("/api/v1/",))),
    )
    if path.startswith(prefixes):
        return True
    return bool(included.match(path)) and not (excluded and excluded.match(path))



def _request_is_cacheable(request):
    if request.method not in {"GET", "HEAD"} or not is_public_path(request.path_info):
        return False
    return not _has_credentials(request)



def _response_is_shareable(response):
    """A response every anonymous visitor of this URL and language gets alike."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if _UNCACHEABLE_CONTROL.search(response.get("Cache-Control", "")):
        return False
    vary = {h.strip().lower() for h in _COMMA.split(response.get("Vary", "")) if h.strip()}
    return vary <= _ALLOWED_VARY



def _fits(response):
    return len(response.content) <= getattr(settings, "PUBLIC_CACHE_MAX_BYTES", 2 * 1024 * 1024)



def _response_is_cacheable(response):
    """Shareable and small enough to keep in the cache."""
    return _response_is_shareable(response) and _fits(response)



def _request_key(request):
    """The cache key of a cacheable request's page."""
    language = get_language_from_request(request, check_path=True)
    # Scheme and host are in the key: templates print absolute hreflang URLs.
    raw = "\n".join(
        [request.scheme, request.get_host(), language, request.get_full_path()]
    ).encode()
    return f"{PAGE_KEY_PREFIX}:{hashlib.md5(raw, usedforsecurity=False).hexdigest()}"



def _version_etag(version, key):
    """The ETag of a page under a content version: a new version, a new ETag,
    known before the view runs (so If-None-Match is answered without a query)."""
    raw = f"{version}\n{key}".encode()
    return f'"{hashlib.md5(raw, usedforsecurity=False).hexdigest()}"'



def _mark_public(response, etag):
    response["ETag"] = etag
    if "Cache-Control" in response:
        return
    # Browsers revalidate every time (ETag → 304, cheap): a saved change shows
    # on their next request. A shared cache (nginx, a CDN) may answer for
    # PUBLIC_CACHE_SHARED_SECONDS without asking, so many servers behind it
    # render each page at most once per that time.
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=getattr(settings, "PUBLIC_CACHE_SHARED_SECONDS", 10),
    )



def _mark_private(response):
    """Never let a shared cache keep a response to a logged-in visitor or one
    that sets a cookie, whatever the view said."""
    if "no-store" not in response.get("Cache-Control", ""):
        patch_cache_control(response, private=True)
    _drop_shared_max_age(response)



def _drop_shared_max_age(response):
    """Remove `s-maxage`, the one directive that lets a shared cache (nginx, a CDN)
    keep a response without asking again."""
    if response.has_header("Cache-Control"):
        response.headers["Cache-Control"] = ", ".join(
            part
            for part in _COMMA.split(response["Cache-Control"])
            if part and not part.startswith("s-maxage")
        )
    return response



def _rebuild(entry, request, label="hit"):
    _version, status, headers, content, _etag = entry
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response.headers[name] = value
    if request.method == "HEAD":
        response["Content-Length"] = str(len(content))
    response["X-Cache"] = label
    return response



def _has_credentials(request):
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )



class PublicCacheMiddleware:
    """Serve and store full public responses for anonymous visitors; answer their
    If-None-Match from the content version; one render per page and version."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_state.set(RequestState())
        try:
            response = self._respond(request)
        finally:
            request_state.reset(token)
        if response.cookies or _has_credentials(request):
            _mark_private(response)
        return response

    def _respond(self, request):
        if not is_enabled() or not _request_is_cacheable(request):
            return self.get_response(request)
        cache = backend()
        key = _request_key(request)
        try:
            # One round trip: the current version and the page's entry, which
            # is valid only if it was stored under that same version.
            found = cache.get_many([VERSION_KEY, key])
            version = content_version(found.get(VERSION_KEY))
        except Exception:
            logger.exception("Public cache unavailable; serving uncached")
            return self.get_response(request)
        request_state.get().version = version
        etag = _version_etag(version, key)
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            return get_conditional_response(
                request, etag=etag, response=_rebuild(entry, request)
            )
        headers = HttpResponse()
        _mark_public(headers, etag)
        not_modified = get_conditional_response(request, etag=etag, response=headers)
        if not_modified is not headers:
            return not_modified  # before the view: no query at all
        lock = f"{key}:render:{version}"
        try:
            rendering = cache.add(lock, 1, getattr(settings, "PUBLIC_CACHE_LOCK_SECONDS", 10))
        except Exception:
            rendering = True
        if not rendering:
            waited = self._wait_for_render(request, cache, key, lock, version, entry)
            if waited is not None:
                return waited
        try:
            response = self.get_response(request)
            shareable = _response_is_shareable(response)
            if shareable:
                # HEAD gets the validators GET gets; only a GET's body is kept.
                _mark_public(response, etag)
                if request.method == "GET" and _fits(response):
                    self._store(cache, key, version, response)
        finally:
            if rendering:
                try:
                    cache.delete(lock)
                except Exception:
                    logger.exception("Could not release a public page render lock")
        if shareable:
            response["X-Cache"] = "miss"
            return get_conditional_response(request, etag=etag, response=response)
        return response

    @staticmethod
    def _store(cache, key, version, response):
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "x-cache"]
        # Stored under the version read *before* rendering: if the content
        # changed meanwhile, the entry is already stale and will be replaced.
        entry = (version, response.status_code, headers, response.content, response["ETag"])
        try:
            cache.set(key, entry, getattr(settings, "PUBLIC_CACHE_SECONDS", 3600))
        except Exception:
            logger.exception("Could not store a public page in the cache")

    def _wait_for_render(self, request, cache, key, lock, version, stale):
        """Another request renders this page under this version. Serve the
        previous version while it lasts, else wait for the render (at most
        PUBLIC_CACHE_LOCK_WAIT seconds); None: render it here after all."""
        if stale is not None:
            # The previous version, served while the new one renders: a shared
            # cache must not keep it for another s-maxage (a change would show up
            # to twice as late); its `max-age=0` marks it stale at once.
            return _drop_shared_max_age(_rebuild(stale, request, "stale"))
        deadline = time.monotonic() + getattr(settings, "PUBLIC_CACHE_LOCK_WAIT", 3.0)
        while time.monotonic() < deadline:
            time.sleep(0.02)
            try:
                found = cache.get_many([key, lock])
            except Exception:
                return None
            entry = found.get(key)
            if entry is not None and entry[0] == version:
                response = _rebuild(entry, request)
                return get_conditional_response(request, etag=entry[4], response=response)
            if lock not in found:  # the render ended without storing (not a 200...)
                return None
        return None
