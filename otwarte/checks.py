"""System checks for a deployment whose processes must agree (docs/deploy.md)."""

from django.conf import settings
from django.core import checks

from otwarte.cache.version import cache_is_shared, version_store


@checks.register()
def content_version_is_shared(app_configs, **kwargs):
    """Cached pages must be invalidated in every worker when content changes.

    The content version lives in the database whenever the cache is per process,
    so only forcing it into such a cache can break that; in production it is an
    error, since the documented deployment runs several workers.
    """
    store = version_store()
    if store not in {"cache", "database"}:
        return [
            checks.Error(
                f"PUBLIC_CACHE_VERSION_STORE must be 'cache' or 'database', got {store!r}.",
                id="otwarte.E002",
            )
        ]
    uses_version = getattr(settings, "PUBLIC_CACHE", True) or getattr(
        settings, "PUBLIC_FRAGMENTS", True
    )
    if (
        getattr(settings, "PRODUCTION", False)
        and uses_version
        and store == "cache"
        and not cache_is_shared()
    ):
        return [
            checks.Error(
                "The public content version is kept in a per-process cache: after a change, "
                "other workers and management commands would keep serving stale pages.",
                hint="Set REDIS_URL (a shared cache), or PUBLIC_CACHE_VERSION_STORE=database.",
                id="otwarte.E001",
            )
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def shared_cache_in_production(app_configs, **kwargs):
    """Rate limits count in the cache: a per-process cache gives each worker its own."""
    if getattr(settings, "PRODUCTION", False) and not cache_is_shared():
        return [
            checks.Warning(
                "The cache is per process (no REDIS_URL): the open-call rate limit counts "
                "separately in every worker, and each worker keeps its own copy of the pages.",
                hint="Set REDIS_URL=redis://… so all workers share one cache (docs/deploy.md).",
                id="otwarte.W001",
            )
        ]
    return []
