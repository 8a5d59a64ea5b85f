import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate limits and remembered fragments live in the cache; every test starts afresh."""
    cache.clear()
    yield
    cache.clear()
