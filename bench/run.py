"""`make bench`: public pages against Django's own ceiling, at two data scales.

For each scale (realistic, 20y) on PostgreSQL: a fresh `otwarte_bench_<scale>`
database, `migrate`, `seed_synthetic`; SQL queries per page through the test
client; then gunicorn (2 sync workers) on 127.0.0.1 is loaded by wrk (or a
small threaded Python generator) at concurrency 8, once with the public
response cache on and once with it off. Each page's requests/s and latency are
given as a ratio to a bare Django view (/bench/bare/, BENCH_BARE_VIEW=1)
measured by the same gunicorn in the same run. Prints one table and writes
bench/results.json. Not collected by pytest (lives outside tests/).

Environment: BENCH_SECONDS (15), BENCH_SCALES (realistic,20y), BENCH_PG_URL
(postgres://postgres:postgres@127.0.0.1:5432), REDIS_URL (redis://127.0.0.1:6379/0;
falls back to per-process LocMem when Redis is not reachable).
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CONCURRENCY = 8
WORKERS = 2

# The pages measured. Placeholders are filled from the seeded database:
# {city} a city with published awards, {practice} a published practice's
# "<city>/<slug>", {year} the newest published year, {category} a category code.
# A page answering 404 is reported as "n/a (404)".
PAGES = {
    "home": "/pl/",
    "practice list": "/pl/practices/",
    "practice list filtered": "/pl/practices/?city={city}&category={category}",
    "practice detail": "/pl/practices/{practice}/",
    "city": "/pl/cities/{city}/",
    "edition": "/pl/editions/{year}/",
    "api list": "/api/v1/practices/",
}
BARE = "/bench/bare/"


# --- helpers -----------------------------------------------------------------


def log(message):
    print(message, file=sys.stderr, flush=True)


def free_port(start=18000):
    for port in range(start, start + 1000):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port from 18000")


def redis_url():
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    match = re.match(r"redis://([^:/]+):?(\d+)?", url)
    try:
        with socket.create_connection((match[1], int(match[2] or 6379)), timeout=1):
            return url
    except (OSError, TypeError):
        return ""


def manage(env, *args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def recreate_database(pg_url, name):
    import psycopg

    with psycopg.connect(f"{pg_url}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# --- load generation -----------------------------------------------------------

WRK_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def run_wrk(url, seconds):
    out = subprocess.run(
        ["wrk", "-t1", f"-c{CONCURRENCY}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])

    def pct(p):
        value, unit = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * WRK_UNITS[unit]

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "rps": rps,
        "p50_ms": pct(50),
        "p99_ms": pct(99),
        "non_2xx": int(bad[1]) if bad else 0,
        "socket_errors": errors[1] if errors else "",
    }


def run_python_load(url, seconds):
    """Fallback generator: CONCURRENCY threads, one connection per request
    (gunicorn's sync workers close it anyway). Slower than wrk: it shares the
    two cores with the server, so absolute figures are lower."""
    match = re.match(r"http://([^:/]+):(\d+)(.*)", url)
    host, port, path = match[1], int(match[2]), match[3]
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
    deadline = time.monotonic() + seconds
    latencies, bad = [], [0]
    lock = threading.Lock()

    def worker():
        mine, errors = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            with socket.create_connection((host, port)) as s:
                s.sendall(request)
                chunks = []
                while chunk := s.recv(65536):
                    chunks.append(chunk)
            mine.append((time.perf_counter() - started) * 1000)
            if not b"".join(chunks[:1]).startswith(b"HTTP/1.1 2"):
                errors += 1
        with lock:
            latencies.extend(mine)
            bad[0] += errors

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    q = statistics.quantiles(latencies, n=100)
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": q[49],
        "p99_ms": q[98],
        "non_2xx": bad[0],
        "socket_errors": "",
    }


def load(url, seconds):
    return run_wrk(url, seconds) if shutil.which("wrk") else run_python_load(url, seconds)


# --- gunicorn ----------------------------------------------------------------


class Server:
    def __init__(self, env):
        self.env = env
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(Path(PY).parent / "gunicorn"),
                "otwarte.wsgi",
                f"--workers={WORKERS}",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        for _ in range(100):
            try:
                with urlopen(self.base + BARE, timeout=1) as response:
                    if response.status == 200:
                        return self
            except (URLError, ConnectionError, OSError):
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.process.terminate()  # only the process this harness started
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def get(self, path):
        try:
            with urlopen(self.base + path, timeout=30) as response:
                return response.status, response.headers.get("X-Cache", "")
        except HTTPError as error:
            return error.code, ""


# --- inside Django (run as a subprocess with the bench database) ----------------


def probe(explain):
    """Fill the page URLs from the database, count queries per page; JSON out."""
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "otwarte.settings")
    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from practices.models import Award, Practice

    award = (
        Award.objects.published()
        .select_related("edition", "category", "practice__city")
        .order_by("-edition__year", "order")
        .first()
    )
    practice = Practice.objects.published().select_related("city").order_by("pk").first()
    values = {
        "city": award.practice.city.slug,
        "category": award.category.code,
        "year": award.edition.year,
        "practice": f"{practice.city.slug}/{practice.slug}",
    }
    client = Client()
    pages = {}
    for name, template in PAGES.items():
        url = template.format(**values)
        with override_settings(PUBLIC_CACHE=False):
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
        page = {"url": url, "status": response.status_code, "queries": len(ctx.captured_queries)}
        if response.status_code == 200:
            with override_settings(PUBLIC_CACHE=True):
                cache.clear()
                client.get(url)
                with CaptureQueriesContext(connection) as ctx:
                    client.get(url)
            page["queries_cache_hit"] = len(ctx.captured_queries)
        pages[name] = page
    result = {"pages": pages, "juror_save": juror_save_plan()}
    if explain:
        from bench.explain import explain_all

        result["explain"] = explain_all(values)
    print(json.dumps(result))


def juror_save_plan():
    """What the juror "save scores" measurement needs, or why it cannot run.

    Wire-up point for the jury scoring branch: return {"url": ..., "posts":
    [{"cookies": {...}, "data": {...}}, ...]} for five jurors, and
    `juror_save()` below measures them concurrently.
    """
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse

    if not (apps.is_installed("jury") and _has_model("jury", "Score")):
        return "n/a (jury scoring not available)"
    for name in ("jury:score", "jury:scores", "jury:nomination"):
        try:
            reverse(name, kwargs={"pk": 1})
        except NoReverseMatch:
            continue
        return f"n/a (scoring URL {name} found; payload not wired in bench/run.py yet)"
    return "n/a (jury scoring not available)"


def _has_model(app_label, model_name):
    from django.apps import apps

    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True


# --- the run -------------------------------------------------------------------


def bench_scale(scale, pg_url, seconds, redis, explain):
    db = f"otwarte_bench_{scale}"
    log(f"== {scale}: database {db}")
    recreate_database(pg_url, db)
    env = {
        **os.environ,
        "DATABASE_URL": f"{pg_url}/{db}",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "BENCH_BARE_VIEW": "1",
        "CACHE_URL": redis,
        "CACHE_KEY_PREFIX": f"otwarte-bench-{scale}-{os.getpid()}",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        # WhiteNoise warns about a missing STATIC_ROOT; pages only link to CSS.
        "STATIC_ROOT": str(ROOT / "bench" / ".static"),
    }
    (ROOT / "bench" / ".static").mkdir(exist_ok=True)
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--no-input", "-v0")
    started = time.monotonic()
    manage(env, "seed_synthetic", "--scale", scale)
    seed_seconds = time.monotonic() - started

    out = subprocess.run(
        [PY, __file__, "--probe"] + (["--explain"] if explain else []),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    probed = json.loads(out.strip().splitlines()[-1])
    pages = probed["pages"]
    runs = {}
    for mode, flag in (("cache_on", "1"), ("cache_off", "0")):
        with Server({**env, "PUBLIC_CACHE": flag}) as server:
            for name, page in pages.items():  # warm up: imports, connections, cache
                if page["status"] == 200:
                    for _ in range(3):
                        server.get(page["url"])
            load(server.base + BARE, 1)  # warm up the generator and both workers
            log(f"   {mode}: bare view")
            result = {"bare": load(server.base + BARE, seconds)}
            for name, page in pages.items():
                if page["status"] != 200:
                    continue
                log(f"   {mode}: {name} {page['url']}")
                result[name] = load(server.base + page["url"], seconds)
                result[name]["x_cache"] = server.get(page["url"])[1]
            runs[mode] = result
    return {
        "database": db,
        "seed_seconds": round(seed_seconds, 1),
        "pages": pages,
        "runs": runs,
        "juror_save": probed["juror_save"],
        "explain": probed.get("explain"),
        "env": env,
    }


def booklet(env):
    script = ROOT / "bench" / "booklet.py"
    if not script.exists():
        return "n/a (bench/booklet.py not present)"
    started = time.monotonic()
    done = subprocess.run([PY, str(script)], cwd=ROOT, env=env, capture_output=True, text=True)
    return {
        "exit_code": done.returncode,
        "seconds": round(time.monotonic() - started, 1),
        "output": done.stdout[-4000:],
        "errors": done.stderr[-2000:],
    }


def test_time():
    started = time.monotonic()
    done = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    tail = done.stdout.strip().splitlines()[-1:] or [""]
    return {"seconds": round(time.monotonic() - started, 1), "exit_code": done.returncode,
            "summary": tail[0]}  # fmt: skip


def table(results):
    lines = []
    generator = "wrk" if shutil.which("wrk") else "python threads"
    lines.append(
        f"gunicorn {WORKERS} sync workers, {generator}, concurrency {CONCURRENCY}, "
        f"{results['seconds']} s per page; cache backend: {results['cache_backend']}"
    )
    head = (
        f"{'scale':<10} {'page':<24} {'SQL':>4} {'hit':>4} | "
        f"{'cache on: req/s':>16} {'%bare':>6} {'p50 ms':>7} {'p99 ms':>7} | "
        f"{'cache off: req/s':>16} {'%bare':>6} {'p50 ms':>7} {'p99 ms':>7}"
    )
    lines += [head, "-" * len(head)]
    for scale, data in results["scales"].items():
        on, off = data["runs"]["cache_on"], data["runs"]["cache_off"]
        rows = [("bare view", {"queries": 0, "queries_cache_hit": 0, "status": 200})]
        rows += list(data["pages"].items())
        for name, page in rows:
            key = "bare" if name == "bare view" else name
            if page["status"] != 200:
                lines.append(f"{scale:<10} {name:<24} n/a ({page['status']}) {page['url']}")
                continue

            def cell(run, bare):
                r = run[key]
                pct = 100 * r["rps"] / bare["rps"]
                return f"{r['rps']:>16.0f} {pct:>5.0f}% {r['p50_ms']:>7.1f} {r['p99_ms']:>7.1f}"

            lines.append(
                f"{scale:<10} {name:<24} {page['queries']:>4} "
                f"{page.get('queries_cache_hit', ''):>4} | "
                f"{cell(on, on['bare'])} | {cell(off, off['bare'])}"
            )
        lines.append(f"{scale:<10} juror save (5 concurrent): {data['juror_save']}")
        lines.append(f"{scale:<10} seed_synthetic: {data['seed_seconds']} s")
    booklet_result = results["booklet"]
    if isinstance(booklet_result, dict):
        lines.append(f"booklet: {booklet_result['seconds']} s, exit {booklet_result['exit_code']}")
        lines.append(booklet_result["output"].rstrip())
    else:
        lines.append(f"booklet: {booklet_result}")
    if results.get("make_test"):
        t = results["make_test"]
        lines.append(f"make test: {t['seconds']} s (exit {t['exit_code']}) {t['summary']}")
    else:
        lines.append("make test: not measured (--with-test-time)")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN the page queries (20y)")
    parser.add_argument("--with-test-time", action="store_true", help="also time `make test`")
    parser.add_argument(
        "--scales", default=os.environ.get("BENCH_SCALES", "realistic,20y"), help="comma list"
    )
    args = parser.parse_args()
    if args.probe:
        return probe(args.explain)

    seconds = int(os.environ.get("BENCH_SECONDS", "15"))
    pg_url = os.environ.get("BENCH_PG_URL", "postgres://postgres:postgres@127.0.0.1:5432")
    redis = redis_url()
    if not redis:
        log("Redis not reachable: cache on = LocMem per worker (fine: nothing writes during load)")
    results = {
        "seconds": seconds,
        "cache_backend": "redis" if redis else "locmem",
        "load_generator": "wrk" if shutil.which("wrk") else "python",
        "cpu_count": os.cpu_count(),
        "scales": {},
    }
    env = None
    for scale in args.scales.split(","):
        data = bench_scale(scale, pg_url, seconds, redis, args.explain or scale == "20y")
        env = data.pop("env")
        results["scales"][scale] = data
    results["booklet"] = booklet(env) if env else "n/a"
    results["make_test"] = test_time() if args.with_test_time else None
    text = table(results)
    results["table"] = text
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    explain = {s: d["explain"] for s, d in results["scales"].items() if d.get("explain")}
    if explain:
        lines = []
        for scale, entries in explain.items():
            for entry in entries:
                lines += [f"### {scale}: {entry['name']}", entry["sql"], entry["plan"], ""]
        (ROOT / "bench" / "explain.txt").write_text("\n".join(lines))
    print(text)


if __name__ == "__main__":
    main()
