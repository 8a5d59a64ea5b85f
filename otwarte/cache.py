"""A response cache for anonymous visitors of the public pages.

Public pages are read far more often than they change, so a full response is
kept in the cache under a key made of the scheme and host, the language and
the full path with its query string, stamped with the global *content
version* it was rendered under. Saving, deleting or re-linking (m2m) any
model shown on public pages replaces the content version, which makes every
cached page stale at once: a change is visible on the very next request, with
no per-page bookkeeping. One key per page, so stale entries are overwritten,
not piled up; a hit costs one cache round trip (version and page together).

Where the middleware sits (settings.MIDDLEWARE): right after Security and
WhiteNoise, *before* SessionMiddleware. A hit is served without loading the
session, the user, CSRF, messages or locale: that is what makes a hit nearly
as cheap as a bare view. It cannot ask `request.user` yet, so "anonymous"
means "sends no session cookie (and no messages cookie, no Authorization
header)": without a session nobody can be logged in, and such a visitor sees
exactly what every other visitor without a session sees. On the way out the
middleware is outside all the others, so it stores the *final* response and
can refuse what became session-dependent on the way: a response that sets a
cookie (a fresh CSRF token, a session), varies on Cookie (the session or the
CSRF token was used), varies on anything but Accept-Language (the language is
in the key), is not a 200, or says private/no-store/no-cache.

Writes that bypass signals (`QuerySet.update()`, `bulk_create()`, raw SQL,
`loaddata` is fine) must call `bump_content_version()` themselves.
"""

import hashlib
import logging
import re
import uuid
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language_from_request

logger = logging.getLogger(__name__)

VERSION_KEY = "otwarte:public:version"
PAGE_KEY_PREFIX = "otwarte:public:page"

# Models shown on public pages: changing one of them invalidates every cached
# page. Labels of models that do not exist (yet) are skipped, so an app can be
# named here before its models land ("reports.FollowUp").
DEFAULT_PUBLIC_MODELS = (
    "practices.*",
    "jury.Juror",
    "jury.Criterion",
    "jury.JurorQuote",
    "practices.Assignment",
)

# Under a language prefix, everything but these is public.
DEFAULT_EXCLUDED_SECTIONS = ("admin", "jury", "accounts", "login", "logout", "reports")

_ALLOWED_VARY = {"accept-language"}
_COMMA = re.compile(r"\s*,\s*")
_UNCACHEABLE_CONTROL = re.compile(r"\b(private|no-store|no-cache)\b", re.IGNORECASE)


def _cache():
    return caches[getattr(settings, "PUBLIC_CACHE_ALIAS", "default")]


def is_enabled():
    return getattr(settings, "PUBLIC_CACHE", True)


# --- content version -------------------------------------------------------


def content_version():
    """The current content version, created on first use (or after eviction).

    A fresh random value (never a counter restarting at 1) so that a version
    lost from the cache can never resurrect pages stored under an old one.
    """
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def _replace_version():
    try:
        _cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:  # a cache outage must not break a save
        logger.exception("Could not bump the public cache content version")


def bump_content_version():
    """Invalidate every cached public page.

    Bumped at once (so the change is visible even inside a long transaction,
    as in tests) and again after the commit: a page rendered by a concurrent
    request from the not-yet-committed state and stored under the first new
    version is orphaned by the second.
    """
    _replace_version()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_replace_version, robust=True)


def _on_change(sender, **kwargs):
    bump_content_version()


def _on_m2m_change(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        bump_content_version()


def _resolve_models(labels):
    models = []
    for label in labels:
        app_label, _dot, model_name = label.partition(".")
        try:
            app_config = apps.get_app_config(app_label)
        except LookupError:
            continue
        if model_name == "*":
            models.extend(app_config.get_models())
            continue
        try:
            models.append(app_config.get_model(model_name))
        except LookupError:
            logger.debug("Public cache: %s does not exist (yet), not watched", label)
    return models


def connect_signals():
    """Watch the public models (settings.PUBLIC_CACHE_MODELS).

    Receivers are connected per sender, never globally: a global post_delete
    receiver would switch off Django's fast (single-query) deletes for every
    model in the project.
    """
    labels = getattr(settings, "PUBLIC_CACHE_MODELS", DEFAULT_PUBLIC_MODELS)
    for model in _resolve_models(labels):
        register_public_model(model)


def register_public_model(model):
    """Invalidate the public cache whenever `model` (or its m2m links) changes.

    For apps whose models appear on public pages later (expert follow-ups):
    call this from their AppConfig.ready(), or name them in PUBLIC_CACHE_MODELS.
    """
    uid = f"otwarte-public-cache-{model._meta.label}"
    post_save.connect(_on_change, sender=model, dispatch_uid=uid + "-save")
    post_delete.connect(_on_change, sender=model, dispatch_uid=uid + "-delete")
    for field in model._meta.local_many_to_many:
        through = field.remote_field.through
        m2m_changed.connect(
            _on_m2m_change, sender=through, dispatch_uid=f"{uid}-m2m-{field.name}"
        )


# --- which requests and responses ------------------------------------------


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
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or CookieStorage.cookie_name in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def _response_is_cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if _UNCACHEABLE_CONTROL.search(response.get("Cache-Control", "")):
        return False
    vary = {h.strip().lower() for h in _COMMA.split(response.get("Vary", "")) if h.strip()}
    if not vary <= _ALLOWED_VARY:
        return False
    max_bytes = getattr(settings, "PUBLIC_CACHE_MAX_BYTES", 2 * 1024 * 1024)
    return len(response.content) <= max_bytes


def _page_key(request):
    language = get_language_from_request(request, check_path=True)
    # Scheme and host are in the key: templates print absolute hreflang URLs.
    raw = "\n".join(
        [request.scheme, request.get_host(), language, request.get_full_path()]
    ).encode()
    return f"{PAGE_KEY_PREFIX}:{hashlib.md5(raw, usedforsecurity=False).hexdigest()}"


def _mark_public(response, etag):
    if "ETag" not in response:
        response["ETag"] = etag
    if "Cache-Control" not in response:
        # Browsers and proxies revalidate every time (ETag → 304): a saved
        # change must show on the next request, not after a max-age.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)


def _rebuild(entry, request):
    _version, status, headers, content, _etag = entry
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response.headers[name] = value
    if request.method == "HEAD":
        response["Content-Length"] = str(len(content))
    response["X-Cache"] = "hit"
    return response


class PublicCacheMiddleware:
    """Serve and store full public responses for anonymous visitors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_enabled() or not _request_is_cacheable(request):
            return self.get_response(request)
        cache = _cache()
        key = _page_key(request)
        try:
            # One round trip: the current version and the page's entry, which
            # is valid only if it was stored under that same version.
            found = cache.get_many([VERSION_KEY, key])
            version = found.get(VERSION_KEY) or content_version()
        except Exception:
            logger.exception("Public cache unavailable; serving uncached")
            return self.get_response(request)
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            response = _rebuild(entry, request)
            return get_conditional_response(request, etag=entry[4], response=response)

        response = self.get_response(request)
        if request.method != "GET" or not _response_is_cacheable(response):
            return response
        etag = f'"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        _mark_public(response, etag)
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "x-cache"]
        # Stored under the version read *before* rendering: if the content
        # changed meanwhile, the entry is already stale and will be replaced.
        entry = (version, response.status_code, headers, response.content, response["ETag"])
        try:
            cache.set(key, entry, getattr(settings, "PUBLIC_CACHE_SECONDS", 3600))
        except Exception:
            logger.exception("Could not store a public page in the cache")
        response["X-Cache"] = "miss"
        return get_conditional_response(request, etag=response["ETag"], response=response)
