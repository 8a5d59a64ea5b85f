"""Settings for the test suite: production settings with a throwaway secret."""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-secret-not-for-production")

from otwarte.settings import *  # noqa: E402,F403

# Hashing dominates user-creating tests; the real hasher is not under test here.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Booklet renders run in the test process.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
