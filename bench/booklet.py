"""Benchmark of the booklet renderer: our pipeline next to WeasyPrint alone.

    .venv/bin/python bench/booklet.py [--sizes 100 500] [--output bench/booklet_results.json]

Cases: the 2015 booklet (fixture) and synthetic editions of 100 and 500 awards, built in a
throwaway SQLite database. Each measurement runs in a fresh subprocess, so its peak
memory (ru_maxrss) is its own:

- "otwarte": `render_booklet(edition=..., language="pl")` — database reads, templates,
  the safe fetcher, WeasyPrint layout and PDF writing;
- "weasyprint": WeasyPrint alone on the very same HTML (with file:// URLs and its default
  fetcher), same PDF options.

The difference between the two is the overhead of our code. Results go to a table on
stdout and to bench/booklet_results.json.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(db_path):
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("SECRET_KEY", "bench-secret-not-for-production")
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django

    django.setup()


def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- database preparation (parent process) -------------------------------------------


def prepare_database(db_path, sizes):
    setup_django(db_path)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("loaddata", "reference", "edition_2015", verbosity=0)
    for index, size in enumerate(sizes):
        make_synthetic_edition(year=synthetic_year(index), awards=size)


def synthetic_year(index):
    return 2090 + index


LOREM = (
    "Urząd miasta prowadzi działania na rzecz integracji imigrantów we współpracy z "
    "organizacjami pozarządowymi, szkołami i instytucjami kultury. Program obejmuje "
    "kursy języka polskiego, doradztwo zawodowe, punkt informacyjny oraz spotkania "
    "sąsiedzkie, które zbliżają nowych i dawnych mieszkańców dzielnicy. "
)


def make_synthetic_edition(*, year, awards):
    from jury.models import Juror, JurorQuote
    from practices.enums import Phase
    from practices.models import Award, Category, City, Edition, Practice, SimilarAction

    base = Edition.objects.get(year=2015)
    edition = Edition.objects.create(
        year=year,
        phase=Phase.PUBLISHED,
        title_pl="Miasta Otwarte",
        introduction_pl=base.introduction_pl,
        selection_pl=base.selection_pl,
        organiser=base.organiser,
        partners=base.partners,
        funders=base.funders,
        ceremony_at=base.ceremony_at,
        ceremony_place_pl=base.ceremony_place_pl,
        ceremony_city=base.ceremony_city,
    )
    edition.jurors.set(Juror.objects.all())
    cities = list(City.objects.all())
    categories = list(Category.objects.order_by("order"))
    practices = Practice.objects.bulk_create(
        Practice(
            city=cities[i % len(cities)],
            title_pl=f"Praktyka {year}-{i}: program integracji nr {i}",
            slug=f"bench-{year}-{i}",
            description_pl=LOREM * (1 + i % 3),
        )
        for i in range(awards)
    )
    # Awards follow the category order, as the booklet does.
    per_category = -(-awards // len(categories))
    award_objs = Award.objects.bulk_create(
        Award(
            edition=edition,
            category=categories[i // per_category],
            practice=practice,
            order=i + 1,
            recommendation_pl=(LOREM + "\n\n" + LOREM[:200]),
        )
        for i, practice in enumerate(practices)
    )
    SimilarAction.objects.bulk_create(
        SimilarAction(award=award, order=n, city=cities[(i + n) % len(cities)])
        for i, award in enumerate(award_objs)
        for n in (1, 2)
    )
    juror = Juror.objects.first()
    JurorQuote.objects.bulk_create(
        JurorQuote(award=award, order=1, juror=juror, text_pl="To działanie warto naśladować.")
        for award in award_objs[::10]
    )
    return edition


# --- one measurement (child process) --------------------------------------------------


def measure(db_path, year, mode, html_path, warm=False):
    setup_django(db_path)
    from booklet.render import PDF_OPTIONS, render_booklet, render_booklet_html
    from practices.models import Edition

    edition = Edition.objects.get(year=year)
    awards = edition.awards.count()
    if mode == "otwarte":
        before = rss_mib()
        start = time.perf_counter()
        pdf = render_booklet(edition=edition, language="pl")
        seconds = time.perf_counter() - start
        html = render_booklet_html(edition=edition, language="pl")
        Path(html_path).write_text(html, encoding="utf-8")
        peak = rss_mib()  # before the warm run, which may grow the heap
        if warm:
            # The same render again in this process: what a long-running worker pays
            # (imports, first-query compilation and template parsing already done).
            start = time.perf_counter()
            render_booklet(edition=edition, language="pl")
            warm = round(time.perf_counter() - start, 3)
    else:
        from weasyprint import HTML

        static_uri = (ROOT / "static").as_uri()
        html = Path(html_path).read_text(encoding="utf-8").replace('"/static/', f'"{static_uri}/')
        before = rss_mib()
        start = time.perf_counter()
        pdf = HTML(string=html, base_url=ROOT.as_uri() + "/").write_pdf(**PDF_OPTIONS)
        seconds = time.perf_counter() - start
        peak = rss_mib()
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return {
        "mode": mode,
        "year": year,
        "awards": awards,
        "pages": pages,
        "seconds": round(seconds, 3),
        "peak_rss_mib": round(peak, 1),
        "rss_before_mib": round(before, 1),
        "pdf_kib": len(pdf) // 1024,
        **({"warm_seconds": warm} if warm else {}),
    }


def median_run(runs):
    """The run with the median time (its own peak memory), with every run's seconds
    and the highest peak memory of all."""
    ordered = sorted(runs, key=lambda run: run["seconds"])
    middle = dict(ordered[(len(ordered) - 1) // 2])
    middle["all_seconds"] = [run["seconds"] for run in runs]
    middle["peak_rss_mib"] = max(run["peak_rss_mib"] for run in runs)
    warm = [run["warm_seconds"] for run in runs if "warm_seconds" in run]
    if warm:
        middle["warm_seconds"] = statistics.median(warm)
    return middle


def run_child(db_path, year, mode, html_path, warm=False):
    output = subprocess.run(
        [sys.executable, __file__, "--child", db_path, str(year), mode, html_path]
        + (["--warm"] if warm else []),
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        db_path, year, mode, html_path = sys.argv[2:6]
        print(json.dumps(measure(db_path, int(year), mode, html_path, "--warm" in sys.argv)))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 500])
    parser.add_argument("--output", default=str(ROOT / "bench" / "booklet_results.json"))
    parser.add_argument(
        "--repeat", type=int, default=5,
        help="fresh-process runs of each mode for the 2015 booklet (median reported)",
    )
    parser.add_argument(
        "--repeat-synthetic", type=int, default=1,
        help="the same for the synthetic editions (each run takes seconds to minutes)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="otwarte-bench-") as tmp:
        db_path = str(Path(tmp) / "bench.sqlite3")
        # Prepare in a child too, so the parent stays free of Django state.
        subprocess.run(
            [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
             f"from bench.booklet import prepare_database; "
             f"prepare_database({db_path!r}, {args.sizes!r})"],
            check=True,
            cwd=ROOT,
        )
        cases = [("2015 booklet", 2015)] + [
            (f"synthetic {size} awards", synthetic_year(i)) for i, size in enumerate(args.sizes)
        ]
        results = []
        for label, year in cases:
            html_path = str(Path(tmp) / f"{year}.html")
            repeat = args.repeat if year == 2015 else args.repeat_synthetic
            runs = {"otwarte": [], "weasyprint": []}
            # Alternating, each in a fresh process: one sample on a shared machine is
            # mostly noise (WeasyPrint alone on the 2015 booklet: 0.8-1.5 s).
            for _ in range(max(1, repeat)):
                runs["otwarte"].append(run_child(db_path, year, "otwarte", html_path,
                                                 warm=repeat > 1))  # fmt: skip
                runs["weasyprint"].append(run_child(db_path, year, "weasyprint", html_path))
            ours, alone = (median_run(runs[mode]) for mode in ("otwarte", "weasyprint"))
            results.append({"case": label, "otwarte": ours, "weasyprint": alone,
                            "runs": runs})  # fmt: skip
            print(f"done: {label}", file=sys.stderr)

    header = (
        f"{'case':<24}{'awards':>7}{'pages':>7}{'otwarte s':>11}{'weasy s':>9}"
        f"{'overhead s':>12}{'overhead':>10}{'otwarte MiB':>13}{'weasy MiB':>11}"
        f"{'warm s':>8}  runs (otwarte / weasy s)"
    )
    print(header)
    print("-" * len(header))
    for row in results:
        ours, alone = row["otwarte"], row["weasyprint"]
        print(
            f"{row['case']:<24}{ours['awards']:>7}{ours['pages']:>7}{ours['seconds']:>11.2f}"
            f"{alone['seconds']:>9.2f}{ours['seconds'] - alone['seconds']:>12.2f}"
            f"{100 * (ours['seconds'] / alone['seconds'] - 1):>9.1f}%"
            f"{ours['peak_rss_mib']:>13.0f}{alone['peak_rss_mib']:>11.0f}"
            f"{ours.get('warm_seconds', float('nan')):>8.2f}  "
            f"{' '.join(map(str, ours['all_seconds']))} / "
            f"{' '.join(map(str, alone['all_seconds']))}"
        )
    print("\nPeak memory is the process's maximum RSS (Python, Django and WeasyPrint included).")
    print("Seconds: the median of the fresh-process runs; warm s: our render again in the same")
    print("process (what a long-running worker pays).")
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"Results written to {args.output}")


if __name__ == "__main__":
    main()
