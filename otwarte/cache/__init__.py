"""The public pages' caches, in three modules that share one invariant: everything
cached is stamped with the *content version* and is stale as soon as it changes.

- `version`: the content version (replaced by every save, delete or m2m change of a
  model shown on public pages, and by every deploy through the code fingerprint) and
  the signals that replace it; `bump_content_version()` for writes that bypass signals.
- `pages`: `PublicCacheMiddleware`, the response cache for anonymous visitors and
  their ETag / Cache-Control.
- `values`: `remember(name, build, *key)`, data-derived values kept per version and
  language (templates cache markup with `{% remembered %}`, public/templatetags).

docs/performance.md ("What makes a public page fresh or stale") tells the whole story. Nothing is
re-exported here: import the module a name lives in.
"""
