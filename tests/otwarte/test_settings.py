import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env):
    environ = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environ, capture_output=True, text=True
    )


def test_production_without_secret_key_fails_fast():
    result = run_check(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_runs_without_secret_key():
    result = run_check(DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_bad_boolean_is_refused():
    result = run_check(DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG must be true/false" in result.stderr


def session_engine(**env):
    environ = {k: v for k, v in os.environ.items()
               if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "CACHE_URL", "REDIS_URL"}}
    environ.update(DEBUG="1", **env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from django.conf import settings; print(settings.SESSION_ENGINE)"],
        cwd=ROOT, env=environ, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_sessions_are_cached_only_in_a_shared_cache():
    # Redis is shared by every worker: sessions are read from it.
    assert session_engine(REDIS_URL="redis://127.0.0.1:6379/0") == (
        "django.contrib.sessions.backends.cached_db")
    assert session_engine(CACHE_URL="unix:///run/redis.sock") == (
        "django.contrib.sessions.backends.cached_db")
    # LocMem is per process: a logout in one worker would not reach the others.
    assert session_engine() == "django.contrib.sessions.backends.db"
    assert session_engine(CACHE_URL="locmem://") == "django.contrib.sessions.backends.db"
