"""Data-derived parts of public pages, remembered per content version.

Some parts of the public pages depend only on published data and the
language, not on the request: the filter choice lists (~300 cities), the map
markers and the edition chart. Each aggregates over every published award.
They are computed once per (public content version, language, key) in the
process and reused until the content version of `otwarte.cache` changes,
which happens on every save of a model the public pages show (and on
`bump_content_version()` for writes without signals) — the same invalidation
the page cache relies on, so with several processes the shared version needs
a shared cache backend (Redis), as for the pages.

Independent of the page cache (`PUBLIC_CACHE`): `PUBLIC_FRAGMENTS` (default
on) turns this off. The test suite runs with it off (a test's rollback sends no
signal, so a fragment computed in one test could outlive its data);
`tests/public/test_fragments.py` turns it on.
"""

import threading
from collections import OrderedDict

from django.conf import settings
from django.utils.translation import get_language

from otwarte import cache as public_cache

MAX_ENTRIES = 256

_entries = OrderedDict()
_lock = threading.Lock()
_seen = {"version": None}


def is_enabled():
    return getattr(settings, "PUBLIC_FRAGMENTS", True)


def clear():
    with _lock:
        _entries.clear()
        _seen["version"] = None


def remembered(name, build, *key):
    """`build()` for (name, *key) under the current content version and language.

    The value is shared between requests: callers must not modify it.
    """
    if not is_enabled():
        return build()
    try:
        version = public_cache.content_version()
    except Exception:  # a cache outage: compute, never fail the page
        return build()
    entry_key = (name, version, (get_language() or "pl"), *key)
    with _lock:
        if version != _seen["version"]:  # content changed: drop everything older
            _entries.clear()
            _seen["version"] = version
        if entry_key in _entries:
            _entries.move_to_end(entry_key)
            return _entries[entry_key]
    value = build()
    with _lock:
        if version == _seen["version"]:
            _entries[entry_key] = value
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value
