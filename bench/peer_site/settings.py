"""pretalx's own settings (pretalx.settings, configured by the PRETALX_* variables and
the config file bench/peer.py writes), with three changes for the benchmark:

- ROOT_URLCONF adds /bench/bare/ (peer_site.urls), the analogue of Otwarte's bare view;
- the cache gets a key prefix of our own (the Redis database is shared: pretalx's
  default would be unprefixed keys), or LocMem when Redis is not reachable;
- mail is never sent (the seed accepts and confirms talks, which queues mails).
"""

import os

from pretalx.settings import *  # noqa: F403
from pretalx.settings import CACHES

ROOT_URLCONF = "peer_site.urls"

_prefix = os.environ.get("PEER_CACHE_PREFIX", "pretalx-bench")
if os.environ.get("PEER_LOCMEM"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    for _cache in CACHES.values():
        _cache["KEY_PREFIX"] = _prefix

EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
