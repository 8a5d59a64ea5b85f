"""Settings for the test suite: production settings with a throwaway secret."""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-secret-not-for-production")

from otwarte.settings import *  # noqa: E402,F403

# Hashing dominates user-creating tests; the real hasher is not under test here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Booklet renders run in the test process.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Tests share one process-wide LocMem cache whatever the environment says.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The public response cache would outlive each test's rolled-back transaction
# (a rollback sends no signal, so the content version is not bumped): off for
# the suite, on in tests/otwarte/test_cache.py, which clears it per test.
PUBLIC_CACHE = False
PUBLIC_FRAGMENTS = False  # tests/public/test_fragments.py turns them on
# One process: the version in the (LocMem) cache keeps query counts those of a
# Redis deployment. tests/otwarte/test_cache.py and test_two_processes.py cover
# the database store, the default with a per-process cache.
PUBLIC_CACHE_VERSION_STORE = "cache"
