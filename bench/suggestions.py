"""Benchmark of the similar-practice suggestions at the 20-year synthetic scale.

    .venv/bin/python bench/suggestions.py [--scale 20y] [--queries 200]

A throwaway SQLite database, `migrate`, `seed_synthetic --scale <scale>`; then the
time to build the index (once per content version) and the time of one suggestion
for an award (`practices.suggestions.suggest_for_award`, top 5, the award's own
recommendation as extra text) over many awards: median, 95th percentile, max.
Measured, not asserted (target: under 100 ms per suggestion). Results go to
stdout and bench/suggestions_results.json.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="20y")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--output", default=str(ROOT / "bench" / "suggestions_results.json"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
        os.environ.setdefault("SECRET_KEY", "bench-secret-not-for-production")
        os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        started = time.perf_counter()
        call_command("seed_synthetic", scale=args.scale, verbosity=0)
        seeded = time.perf_counter() - started

        from practices.models import Award, Practice
        from practices.suggestions import index, suggest_for_award

        started = time.perf_counter()
        built = index()
        build = time.perf_counter() - started
        awards = list(
            Award.objects.select_related("practice", "category", "edition").order_by("?")[
                : args.queries
            ]
        )
        times = []
        for award in awards:
            started = time.perf_counter()
            suggest_for_award(
                practice=award.practice,
                category=award.category,
                edition=award.edition,
                text=award.recommendation_pl,
            )
            times.append((time.perf_counter() - started) * 1000)
        times.sort()
        result = {
            "scale": args.scale,
            "practices": Practice.objects.count(),
            "stems": len(built.postings),
            "seed_s": round(seeded, 1),
            "index_build_s": round(build, 2),
            "queries": len(times),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            "max_ms": round(times[-1], 1),
            "target_ms": 100,
        }
    print(json.dumps(result, indent=2))
    Path(args.output).write_text(json.dumps(result, indent=2) + "\n")


if __name__ == "__main__":
    main()
