"""Django's RedisCache with one redis client per connection pool.

Django's RedisCacheClient builds a new `redis.Redis` for every operation; its
constructor registers ~170 response callbacks, about 1,000 Python calls, more
than the round trip itself. A redis client is thread-safe and only wraps the
connection pool (which handles forks), so one per pool is reused.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _ReusingClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusingClient
