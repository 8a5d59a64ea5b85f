"""Public pages, one module per page group: home, practices (list and page), exports,
cities, editions, proposals (the open call); `shared` holds what several use.

Everything shown comes through `Award.objects.published()` or
`Edition.objects.published()`; anything else is a 404. Each page reads in a
constant number of queries (select_related/prefetch_related; tested at 10 and
1,000 awards), and only once per content version: a page's object is remembered
(`otwarte.cache.values.remember`) and its sections are `{% remembered %}` fragments
in the templates, fed lazily (`otwarte.cache.values.lazy`), so a repeated request
reads nothing from the database (tests/public/test_fragments.py). Views pass data,
never rendered markup.

Nothing is re-exported here: import the module a view lives in.
"""
