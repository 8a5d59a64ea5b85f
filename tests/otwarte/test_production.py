"""The production profile, checked in a subprocess with the documented variables."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# The variables docs/deploy.md documents for production.
PRODUCTION_ENV = {
    "PRODUCTION": "1",
    "DEBUG": "0",
    "SECRET_KEY": "k7Qp2vX9mN4rT8wY1zA6bC3dE5fG0hJ2kL7nP9qR4sU6vW8xZ1yB3cD5eF7gH9",
    "ALLOWED_HOSTS": "otwarte.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://otwarte.example.org",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "STATIC_MANIFEST": "1",
    "SMTP_HOST": "smtp.example.org",
    # A shared cache for the workers' rate limits and pages (no connection at check time).
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}
# The e2e conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; no deployment has it.
CLEARED = {
    "SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS", "PRODUCTION",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def manage(*args, **env):
    environ = {k: v for k, v in os.environ.items() if k not in CLEARED}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True
    )


def test_check_deploy_passes_with_production_variables():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_production_profile():
    env = {**PRODUCTION_ENV, "PRODUCTION": "0"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr  # no HSTS


def test_check_deploy_warns_about_a_per_process_cache_in_production():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_URL"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0
    assert "otwarte.W001" in result.stderr


def test_production_refuses_a_content_version_only_one_process_sees():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_URL"}
    result = manage("check", PUBLIC_CACHE_VERSION_STORE="cache", **env)
    assert result.returncode != 0
    assert "otwarte.E001" in result.stderr
    # The default keeps the version in the database: a plain start works.
    assert manage("check", **env).returncode == 0


def test_production_with_short_secret_key_fails_fast():
    result = manage("check", **{**PRODUCTION_ENV, "SECRET_KEY": "short-secret"})
    assert result.returncode != 0
    assert "SECRET_KEY is too short for production" in result.stderr


def test_production_without_allowed_hosts_fails_fast():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "ALLOWED_HOSTS"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_settings_values():
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = manage("shell", "-c", code, **PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https')"
    )
