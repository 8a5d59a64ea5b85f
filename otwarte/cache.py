"""A response cache for anonymous visitors of the public pages, HTTP validators
derived from the content version, and `remember()` for data-derived fragments.

Public pages are read far more often than they change, so a full response is
kept under a key of scheme, host, language and full path, stamped with the
global *content version*. Saving, deleting or re-linking any model shown on
public pages replaces the version, so every cached page is stale at once: a
change shows on the very next request, with no per-page bookkeeping.

HTTP: a public page's ETag comes from the content version and the page key, so
`If-None-Match` is answered with a 304 before the view runs, without a query.
`Cache-Control: public, max-age=0, s-maxage=N` lets a shared cache (nginx, a
CDN) answer for N seconds; a response to credentials or setting a cookie is
`private`. A miss takes a lock per page and version, so a burst right after a
change renders the page once.

`remember(name, build, *key)` keeps values that depend only on published data
(choice lists, counts, fragments) per content version and language; the version
is read once per request (a contextvar the middleware sets).

The middleware sits right after Security and WhiteNoise, *before* sessions: a
hit loads no session, user, CSRF, messages or locale. So "anonymous" means "sends
no session or messages cookie and no Authorization header". On the way out it
is outermost, stores the *final* response, and refuses what became
session-dependent: a response that sets a cookie, varies on Cookie or on anything
but Accept-Language, is not a 200, or says private/no-store/no-cache.

Writes that bypass signals (`QuerySet.update()`, `bulk_create()`, raw SQL,
`loaddata` is fine) must call `bump_content_version()` themselves. A deploy
need not: the version carries a fingerprint of the code (`code_fingerprint()`),
so cached pages, fragments and ETags of one release are never served by
another, even while old and new servers run side by side.

Long because: one module of ~600 lines on purpose: the version, remember(),
the signals and the middleware share one invariant (what a content version
stamps), and reading them apart would hide it.
"""

import contextvars
import hashlib
import logging
import os
import re
import time
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
from django.utils.translation import get_language, get_language_from_request

logger = logging.getLogger(__name__)

VERSION_KEY = "otwarte:public:version"
PAGE_KEY_PREFIX = "otwarte:public:page"
REMEMBER_KEY_PREFIX = "otwarte:remember"

# Models shown on public pages: changing one of them invalidates every cached
# page. Labels of models that do not exist (yet) are skipped, so an app can be
# named here before its models land ("reports.FollowUp").
DEFAULT_PUBLIC_MODELS = (
    "practices.*",
    "jury.Juror",
    "jury.Criterion",
    "jury.JurorQuote",
    # The methodology page: nomination counts, the conflicts register.
    "jury.Nomination",
    "jury.Conflict",
    "jury.ConflictDisclosure",
    "practices.Assignment",
    # The city page's timeline of recommendations.
    "reports.RecommendationProgress",
)

# Under a language prefix, everything but these is public.
DEFAULT_EXCLUDED_SECTIONS = (
    "admin", "jury", "accounts", "login", "logout", "reports", "city-check",
)

_ALLOWED_VARY = {"accept-language"}
_COMMA = re.compile(r"\s*,\s*")
_UNCACHEABLE_CONTROL = re.compile(r"\b(private|no-store|no-cache)\b", re.IGNORECASE)


def _cache():
    return caches[getattr(settings, "PUBLIC_CACHE_ALIAS", "default")]


def is_enabled():
    return getattr(settings, "PUBLIC_CACHE", True)


# --- content version -------------------------------------------------------
#
# Where the version lives must be shared by every process that serves pages or
# changes content (workers, the task worker, management commands):
# - "cache": in the cache itself, when that is shared (Redis, Memcached...): one
#   round trip, no database query on a hit;
# - "database": in otwarte.ContentVersion, when the cache is per process
#   (LocMem, the default): one indexed query per public request, read once per
#   request. The process's own cache holds a second, local part, bumped at once
#   so a change is visible in this process even inside its transaction.

_LOCAL_BACKENDS = ("LocMemCache", "DummyCache")


class _RequestState:
    """What one request knows about the content: the version, read at most once,
    and the values remember() already returned (a dict lookup on the next use)."""

    __slots__ = ("version", "memo")

    def __init__(self, version=None):
        self.version = version
        self.memo = {}


# Set by PublicCacheMiddleware for the duration of each request; unset outside
# requests (commands, background tasks), where every call reads the cache.
_request_state = contextvars.ContextVar("otwarte_request_state", default=None)


def cache_is_shared(alias=None):
    """False for caches that live inside one process (every worker has its own)."""
    alias = alias or getattr(settings, "PUBLIC_CACHE_ALIAS", "default")
    return not settings.CACHES[alias]["BACKEND"].endswith(_LOCAL_BACKENDS)


def version_store():
    """"cache" or "database" (settings.PUBLIC_CACHE_VERSION_STORE, else by the cache)."""
    store = getattr(settings, "PUBLIC_CACHE_VERSION_STORE", "")
    if store:
        return store
    return "cache" if cache_is_shared() else "database"


def _cache_version(found=None):
    cache = _cache()
    version = found if found is not None else cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def _database_version():
    from otwarte.models import ContentVersion

    value = ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first()
    if value is None:
        value = ContentVersion.objects.get_or_create(
            pk=1, defaults={"value": uuid.uuid4().hex}
        )[0].value
    return value


# What a rendered page or fragment depends on besides the data: the code, the
# templates, the catalogues and the styles (their hashed names are in the pages).
_CODE_SUFFIXES = (".py", ".html", ".txt", ".svg", ".po", ".css", ".js")
_NOT_CODE = {".git", ".venv", "node_modules", "tests", "bench", "media", "staticfiles"}


@lru_cache(maxsize=1)
def code_fingerprint():
    """A hash of the project's source files, computed once per process: the same
    for every server of one release, different for the next release."""
    digest = hashlib.md5(usedforsecurity=False)
    for root, dirs, files in os.walk(settings.BASE_DIR):
        dirs[:] = sorted(d for d in dirs if d not in _NOT_CODE and not d.startswith("."))
        for name in sorted(files):
            if name.endswith(_CODE_SUFFIXES):
                path = os.path.join(root, name)
                digest.update(os.path.relpath(path, settings.BASE_DIR).encode())
                with open(path, "rb") as source:
                    digest.update(source.read())
    return digest.hexdigest()[:12]


def _read_version(found=None):
    local = _cache_version(found)
    if version_store() == "database":
        local = f"{_database_version()}.{local}"
    return f"{local}.{code_fingerprint()}"


def content_version(found=None):
    """The current content version, created on first use (or after eviction).

    A fresh random value (never a counter restarting at 1) so that a version
    lost from the cache can never resurrect pages stored under an old one.
    Read once per request: later calls in the same request reuse it.
    `found`: the cache's part if the caller already fetched it.
    """
    state = _request_state.get()
    if state is None:
        return _read_version(found)
    if state.version is None:
        state.version = _read_version(found)
    return state.version


def _replace_version():
    version = uuid.uuid4().hex
    try:
        _cache().set(VERSION_KEY, version, None)
    except Exception:  # a cache outage must not break a save
        logger.exception("Could not bump the public cache content version")
        version = None
    state = _request_state.get()
    if state is not None:  # the rest of this request sees its own change
        state.version = version if version_store() == "cache" else None
        state.memo.clear()


def _replace_database_version():
    from otwarte.models import ContentVersion

    try:
        ContentVersion.objects.update_or_create(pk=1, defaults={"value": uuid.uuid4().hex})
    except Exception:
        logger.exception("Could not bump the public content version in the database")
    state = _request_state.get()
    if state is not None:
        state.version = None
        state.memo.clear()


def bump_content_version():
    """Invalidate every cached public page and fragment, in every process.

    Bumped at once (so the change is visible even inside a long transaction,
    as in tests) and again after the commit: a page rendered by a concurrent
    request from the not-yet-committed state and stored under the first new
    version is orphaned by the second. The database part is written only after
    the commit (outside the writer's transaction: no lock held on the row while
    the transaction runs), which is also when other processes see the change.
    """
    _replace_version()
    in_transaction = transaction.get_connection().in_atomic_block
    if version_store() == "database":
        if in_transaction:
            transaction.on_commit(_replace_database_version, robust=True)
        else:
            _replace_database_version()
    if in_transaction:
        transaction.on_commit(_replace_version, robust=True)


# --- remembered values ------------------------------------------------------

_MISSING = object()


def remembering():
    """Whether remember() keeps values (settings.PUBLIC_FRAGMENTS, default on)."""
    return getattr(settings, "PUBLIC_FRAGMENTS", True)


def remember(name, build, *key):
    """`build()`, remembered per (content version, active language, name, *key).

    For what depends only on published data (choice lists, counts, rendered
    fragments such as the filter form, the map and the chart; a booklet's
    fingerprint): kept in Django's cache, shared by every process, for
    PUBLIC_REMEMBER_SECONDS, and orphaned at once by a new content version.
    Within one request a value is also kept in memory, so a helper called per
    row (URL pieces) pays one lookup per request. `key` items must have stable
    `repr()`s; the value must pickle and must not be modified by callers.
    None is never kept: a lookup that finds nothing (a 404 keyed by whatever a
    visitor typed into the URL) must not fill the shared cache.
    A cache outage computes the value, it never fails the page.
    """
    if not remembering():
        return build()
    try:
        version = content_version()
    except Exception:
        logger.exception("Could not read the public content version")
        return build()
    language = get_language() or ""
    state = _request_state.get()
    local_key = (name, version, language, *key)
    if state is not None and state.version == version:
        value = state.memo.get(local_key, _MISSING)
        if value is not _MISSING:
            return value
    raw = repr((version, language, *key)).encode()
    cache_key = (
        f"{REMEMBER_KEY_PREFIX}:{name}:{hashlib.md5(raw, usedforsecurity=False).hexdigest()}"
    )
    cache = _cache()
    try:
        value = cache.get(cache_key, _MISSING)
    except Exception:
        logger.exception("Public cache unavailable; computing %s", name)
        value = _MISSING
    if value is _MISSING:
        value = build()
        if value is None:
            return None
        try:
            cache.set(cache_key, value, getattr(settings, "PUBLIC_REMEMBER_SECONDS", 3600))
        except Exception:
            logger.exception("Could not remember %s", name)
    if state is not None and state.version == version:
        state.memo[local_key] = value
    return value


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
        token = _request_state.set(_RequestState())
        try:
            response = self._respond(request)
        finally:
            _request_state.reset(token)
        if response.cookies or _has_credentials(request):
            _mark_private(response)
        return response

    def _respond(self, request):
        if not is_enabled() or not _request_is_cacheable(request):
            return self.get_response(request)
        cache = _cache()
        key = _request_key(request)
        try:
            # One round trip: the current version and the page's entry, which
            # is valid only if it was stored under that same version.
            found = cache.get_many([VERSION_KEY, key])
            version = content_version(found.get(VERSION_KEY))
        except Exception:
            logger.exception("Public cache unavailable; serving uncached")
            return self.get_response(request)
        _request_state.get().version = version
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
