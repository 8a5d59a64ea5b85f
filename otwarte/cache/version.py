"""The content version: one value that stamps every cached public page, fragment
and ETag (pages.py, values.py), and the signals that replace it.

Saving, deleting or re-linking any model shown on public pages (DEFAULT_PUBLIC_MODELS,
settings.PUBLIC_CACHE_MODELS, register_public_model) replaces the version, so
everything cached under the old one is stale at once. Writes that bypass signals
(`QuerySet.update()`, `bulk_create()`, raw SQL) call `bump_content_version()`
themselves. The version carries a fingerprint of the code (`code_fingerprint()`),
so one release never serves another's pages, fragments or ETags.
"""

import contextvars
import hashlib
import logging
import os
import uuid
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save


logger = logging.getLogger(__name__)

VERSION_KEY = "otwarte:public:version"

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



def backend():
    return caches[getattr(settings, "PUBLIC_CACHE_ALIAS", "default")]



# Where the version lives must be shared by every process that serves pages or
# changes content (workers, the task worker, management commands):
# - "cache": in the cache itself, when that is shared (Redis, Memcached...): one
#   round trip, no database query on a hit;
# - "database": in otwarte.ContentVersion, when the cache is per process
#   (LocMem, the default): one indexed query per public request, read once per
#   request. The process's own cache holds a second, local part, bumped at once
#   so a change is visible in this process even inside its transaction.
_LOCAL_BACKENDS = ("LocMemCache", "DummyCache")



class RequestState:
    """What one request knows about the content: the version, read at most once,
    and the values remember() already returned (a dict lookup on the next use)."""

    __slots__ = ("version", "memo")

    def __init__(self, version=None):
        self.version = version
        self.memo = {}



# Set by PublicCacheMiddleware for the duration of each request; unset outside
# requests (commands, background tasks), where every call reads the cache.
request_state = contextvars.ContextVar("otwarte_request_state", default=None)



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
    cache = backend()
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
    state = request_state.get()
    if state is None:
        return _read_version(found)
    if state.version is None:
        state.version = _read_version(found)
    return state.version



def _replace_version():
    version = uuid.uuid4().hex
    try:
        backend().set(VERSION_KEY, version, None)
    except Exception:  # a cache outage must not break a save
        logger.exception("Could not bump the public cache content version")
        version = None
    state = request_state.get()
    if state is not None:  # the rest of this request sees its own change
        state.version = version if version_store() == "cache" else None
        state.memo.clear()



def _replace_database_version():
    from otwarte.models import ContentVersion

    try:
        ContentVersion.objects.update_or_create(pk=1, defaults={"value": uuid.uuid4().hex})
    except Exception:
        logger.exception("Could not bump the public content version in the database")
    state = request_state.get()
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
