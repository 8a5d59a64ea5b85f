"""A fixed-window counter in Django's cache, for the pages anyone may call.

`hit(key, limit=..., window=...)` counts one request and says whether the key is
over its limit for the current window (the window starts with the key's first
request). Per process with the default LocMemCache; a shared cache (Redis)
makes the limit global. Used by the open call (practices.services), the
surveys (surveys.services) and the city-check links (public.city_check).
"""

from django.core.cache import cache


def count(key, window):
    """Count one use of `key`; the number of uses in the current window."""
    if cache.add(key, 1, window):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, window)
        return 1


def hit(key, *, limit, window):
    """Count one use; True when this use is over the limit."""
    return count(key, window) > limit
