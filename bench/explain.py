"""EXPLAIN ANALYZE of the queries the public pages make, with and without the
candidate indexes for `practices` (created here in the bench database only,
then dropped). An index that the schema already has (practices migration 0004:
`practices_award_pract_ed_idx`, Award(practice, edition), the only candidate the
planner chose at the 20-year scale) is left alone."""

from django.db import connection
from django.db.models import Count, Q

# (name, table, columns): what the report recommends as Meta.indexes.
CANDIDATE_INDEXES = [
    ("practices_edition_phase_year_idx", "practices_edition", '"phase", "year" DESC'),
    ("practices_award_pract_ed_idx", "practices_award", '"practice_id", "edition_id"'),
    ("practices_award_category_edition_idx", "practices_award", '"category_id", "edition_id"'),
    ("practices_practice_city_title_idx", "practices_practice", '"city_id", "title"'),
    ("practices_city_name_idx", "practices_city", '"name"'),
    ("practices_category_order_idx", "practices_category", '"order", "code"'),
]


def _queries(values):
    from practices.models import Award, Category, City, Edition, Practice

    listing = Award.objects.published().select_related(
        "edition", "category", "practice__city"
    ).order_by("-edition__year", "order")
    published_awards = Q(practices__awards__edition__phase="published")
    return [
        ("awards of published editions, newest first, page 1", listing[:50]),
        ("… filtered by city", listing.filter(practice__city__slug=values["city"])[:50]),
        ("… filtered by year", listing.filter(edition__year=values["year"])[:50]),
        ("… filtered by category", listing.filter(category__code=values["category"])[:50]),
        (
            "… filtered by city and category",
            listing.filter(
                practice__city__slug=values["city"], category__code=values["category"]
            )[:50],
        ),
        (
            "count of awards filtered by category (pagination)",
            Award.objects.published()
            .filter(category__code=values["category"])
            .values("edition__phase")
            .annotate(n=Count("pk")),
        ),
        (
            "published practices by city name and title, page 1",
            Practice.objects.published().select_related("city").order_by("city__name", "title")[
                :50
            ],
        ),
        (
            "published practices of one city (city page)",
            Practice.objects.published().filter(city__slug=values["city"]).order_by("title"),
        ),
        (
            "award counts per city",
            City.objects.annotate(n=Count("practices__awards", filter=published_awards))
            .filter(n__gt=0)
            .order_by("name"),
        ),
        (
            "awards of one practice (practice detail)",
            Award.objects.published()
            .filter(
                practice__city__slug=values["practice"].split("/")[0],
                practice__slug=values["practice"].split("/")[1],
            )
            .order_by("-edition__year", "order"),
        ),
        ("latest published edition", Edition.objects.published().order_by("-year")[:1]),
        ("edition by year", Edition.objects.published().filter(year=values["year"])),
        ("categories in order", Category.objects.order_by("order", "code")),
    ]


def _execution_ms(plan):
    found = [line for line in plan.splitlines() if line.startswith("Execution Time")]
    return float(found[0].split(":")[1].split()[0]) if found else None


def explain_all(values):
    if connection.vendor != "postgresql":
        return []
    queries = _queries(values)
    # Fair comparison: fresh statistics and warm buffers on both sides.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    for _name, qs in queries:
        qs.explain(analyze=True)
    before = {name: qs.explain(analyze=True) for name, qs in queries}
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes")
        existing = {row[0] for row in cursor.fetchall()}
        candidates = [c for c in CANDIDATE_INDEXES if c[0] not in existing]
        for name, table, columns in candidates:
            cursor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ({columns})')
        cursor.execute("ANALYZE")
    try:
        for _name, qs in queries:
            qs.explain(analyze=True)
        after = {name: qs.explain(analyze=True) for name, qs in queries}
    finally:
        with connection.cursor() as cursor:
            for name, _table, _columns in candidates:
                cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    return [
        {
            "name": name,
            "sql": str(qs.query),
            "ms_without_candidates": _execution_ms(before[name]),
            "ms_with_candidates": _execution_ms(after[name]),
            "plan": "-- without the candidate indexes\n"
            + before[name]
            + "\n-- with them\n"
            + after[name],
        }
        for name, qs in queries
    ]


def explain_pages(urls):
    """EXPLAIN ANALYZE of every SELECT the public pages really run (captured through
    the test client, cache off), with the indexes each plan uses."""
    import re

    from django.test import Client
    from django.test.utils import override_settings

    if connection.vendor != "postgresql":
        return []
    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((context["cursor"], sql, params))
        return execute(sql, params, many, context)

    client = Client()
    with override_settings(PUBLIC_CACHE=False), connection.execute_wrapper(capture):
        for url in urls:
            client.get(url)
    pages, seen = [], set()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        for _cursor, sql, params in captured:
            if not sql.lstrip().upper().startswith("SELECT") or sql in seen:
                continue
            seen.add(sql)
            cursor.execute("EXPLAIN (ANALYZE) " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            pages.append(
                {
                    "sql": sql[:300],
                    "ms": _execution_ms(plan),
                    "indexes": sorted(set(re.findall(r" using (\w+)", plan))),
                    "plan": plan,
                }
            )
    return pages
