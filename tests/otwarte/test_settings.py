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


def test_bad_integer_is_refused_with_its_name():
    result = run_check(DEBUG="1", AXES_FAILURE_LIMIT="five")
    assert result.returncode != 0
    assert "ImproperlyConfigured: AXES_FAILURE_LIMIT must be a whole number, got 'five'." in result.stderr


def test_negative_integer_is_refused_with_its_name():
    result = run_check(DEBUG="1", AXES_FAILURE_LIMIT="0")
    assert result.returncode != 0
    assert "AXES_FAILURE_LIMIT must be at least 1, got 0." in result.stderr


def test_bad_trusted_proxy_is_refused_with_its_name():
    result = run_check(DEBUG="1", TRUSTED_PROXIES="127.0.0.1, nginx")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES must list IP addresses or networks" in result.stderr
    assert "got 'nginx'" in result.stderr


def test_trusted_proxies_accept_addresses_and_networks():
    result = run_check(DEBUG="1", TRUSTED_PROXIES="127.0.0.1,10.0.0.0/8,::1")
    assert result.returncode == 0, result.stderr


def test_the_old_proxy_count_is_refused():
    # It believed X-Forwarded-For from any peer (issue 26).
    result = run_check(DEBUG="1", TRUSTED_PROXY_COUNT="1")
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT is replaced by TRUSTED_PROXIES" in result.stderr


def test_sessions_stay_in_the_database_whatever_the_cache():
    """cached_db would break logins during a Redis outage (see settings.py)."""
    environ = {k: v for k, v in os.environ.items()
               if k not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "CACHE_URL", "REDIS_URL"}}
    for cache_url in ("", "locmem://", "redis://127.0.0.1:6379/0"):
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             "from django.conf import settings; print(settings.SESSION_ENGINE)"],
            cwd=ROOT, env={**environ, "DEBUG": "1", "CACHE_URL": cache_url},
            capture_output=True, text=True,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines()[-1] == "django.contrib.sessions.backends.db"


def test_survey_integer_is_refused_with_its_name():
    result = run_check(DEBUG="1", SURVEYS_MIN_RESPONSES="ten")
    assert result.returncode != 0
    assert "SURVEYS_MIN_RESPONSES must be a whole number, got 'ten'." in result.stderr


def test_every_number_or_flag_is_read_through_the_helpers():
    # A bare int()/bool() of os.environ fails with a traceback and no name (issue 33).
    source = (ROOT / "otwarte" / "settings.py").read_text()
    assert "int(os.environ" not in source
    assert "bool(os.environ" not in source


REDIS_URL = os.environ.get("OTWARTE_TEST_REDIS_URL", "redis://127.0.0.1:6379/4")


def _shared_cache(monkeypatch):
    """settings.cache_from_url's Redis backend, under a key prefix of its own, counting
    the redis clients it builds."""
    import redis
    from django.core.cache import CacheHandler

    from otwarte.settings import cache_from_url

    built = []
    original = redis.Redis.__init__

    def counting(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting)
    monkeypatch.setenv("CACHE_KEY_PREFIX", f"otwarte-test-{os.getpid()}-{id(built)}")
    return CacheHandler({"default": cache_from_url(REDIS_URL)})["default"], built


def test_a_redis_url_gets_a_public_backend_that_keeps_one_client(monkeypatch):
    """Django's RedisCache builds a redis client per operation; django-redis keeps one."""
    cache, built = _shared_cache(monkeypatch)
    assert type(cache).__module__ == "django_redis.cache"
    first = cache.client.get_client(write=True)
    assert cache.client.get_client(write=False) is first
    assert len(built) == 1


def test_the_shared_cache_counts_and_expires_as_the_rate_limit_needs(monkeypatch):
    """Against a real Redis (OTWARTE_TEST_REDIS_URL): what otwarte/ratelimit.py and
    otwarte/cache/ asks of the cache, with no client built after the first."""
    import pytest
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        pytest.skip(f"needs Redis at {REDIS_URL}: {error}")
    cache, built = _shared_cache(monkeypatch)
    built.clear()
    keys = ["hits", "version", "missing"]
    try:
        assert cache.add("hits", 1, 60) is True
        assert cache.add("hits", 1, 60) is False
        assert cache.incr("hits") == 2
        with pytest.raises(ValueError):
            cache.incr("missing")
        cache.set("version", {"v": "abc"}, None)
        assert cache.get_many(["version", "hits", "missing"]) == {"version": {"v": "abc"}, "hits": 2}
        assert cache.ttl("hits") <= 60 and cache.ttl("version") is None
        assert len(built) == 1
    finally:
        cache.delete_many(keys)
