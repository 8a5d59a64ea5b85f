"""`remember(name, build, *key)`: values that depend only on published data (choice
lists, counts, a page's own object, a booklet's fingerprint), kept per content version
and language."""

import functools
import hashlib
import logging

from django.conf import settings
from django.utils.translation import get_language

from .version import backend, content_version, request_state


logger = logging.getLogger(__name__)

REMEMBER_KEY_PREFIX = "otwarte:remember"

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
    state = request_state.get()
    local_key = (name, version, language, *key)
    if state is not None and state.version == version:
        value = state.memo.get(local_key, _MISSING)
        if value is not _MISSING:
            return value
    raw = repr((version, language, *key)).encode()
    cache_key = (
        f"{REMEMBER_KEY_PREFIX}:{name}:{hashlib.md5(raw, usedforsecurity=False).hexdigest()}"
    )
    cache = backend()
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


def lazy(build):
    """`build()`, called the first time a template reads the value (Django calls a
    callable context variable) and at most once per request: inside a
    `{% remembered %}` block (otwarte/templatetags/remembered.py) it is never called
    while the fragment is remembered, so its queries do not run."""
    return functools.cache(build)
