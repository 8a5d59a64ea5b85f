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
(postgres://postgres:postgres@127.0.0.1:5432), BENCH_DB_PREFIX (otwarte_bench: the
databases are <prefix>_<scale>, dropped and re-created, so parallel runs need their
own), REDIS_URL (redis://127.0.0.1:6379/0; falls back to per-process LocMem when
Redis is not reachable), BENCH_PEER (1; 0 skips the side-by-side with pretalx,
bench/peer.py) and BENCH_PEER_SCALES (realistic).
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

import organisers  # bench/organisers.py: this script's own directory is on sys.path

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
# What a browser sends (pages may answer differently to */*), and an API client.
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
JSON_ACCEPT = "application/json"


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


def run_wrk(url, seconds, headers=None):
    extra = [arg for name, value in (headers or {}).items() for arg in ("-H", f"{name}: {value}")]
    out = subprocess.run(
        # --timeout: a response slower than wrk's default 2 s counts (and is counted
        # in the latency), not dropped as a socket error.
        ["wrk", "-t1", f"-c{CONCURRENCY}", f"-d{seconds}s", "--timeout", "30s", "--latency",
         "-s", str(ROOT / "bench" / "wrk_p95.lua"), *extra, url],  # fmt: skip
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
    p95 = re.search(r"^p95_us (\d+)$", out, re.M)
    return {
        "rps": rps,
        "p50_ms": pct(50),
        "p95_ms": int(p95[1]) / 1000 if p95 else None,
        "p99_ms": pct(99),
        "non_2xx": int(bad[1]) if bad else 0,
        "socket_errors": errors[1] if errors else "",
    }


def run_python_load(url, seconds, headers=None):
    """Fallback generator: CONCURRENCY threads, one connection per request
    (gunicorn's sync workers close it anyway). Slower than wrk: it shares the
    two cores with the server, so absolute figures are lower."""
    match = re.match(r"http://([^:/]+):(\d+)(.*)", url)
    host, port, path = match[1], int(match[2]), match[3]
    lines = "".join(f"{name}: {value}\r\n" for name, value in (headers or {}).items())
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{lines}Connection: close\r\n\r\n".encode()
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
        "p95_ms": q[94],
        "p99_ms": q[98],
        "non_2xx": bad[0],
        "socket_errors": "",
    }


def load(url, seconds, headers=None):
    generator = run_wrk if shutil.which("wrk") else run_python_load
    return generator(url, seconds, headers)


def drain(server):
    """Wait until gunicorn has answered what wrk left queued when it stopped (up to
    CONCURRENCY requests: with nothing remembered, seconds of work) before the next
    page is measured: as many bare requests at once come back when the queue is empty."""
    threads = [threading.Thread(target=server.get, args=(BARE,)) for _ in range(CONCURRENCY)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


# --- juror "save scores" through gunicorn -----------------------------------------

JUROR_SAVE_SECONDS = 10


class Session:
    """A browser-like HTTP session: cookies kept by hand (sent even if marked
    Secure: this is plain HTTP on 127.0.0.1), redirects not followed."""

    def __init__(self, host, port):
        self.host, self.port = host, port
        self.cookies = {}

    def request(self, method, path, data=None):
        from http.client import HTTPConnection
        from http.cookies import SimpleCookie
        from urllib.parse import urlencode

        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        connection = HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
            for header in response.headers.get_all("Set-Cookie") or []:
                for key, morsel in SimpleCookie(header).items():
                    self.cookies[key] = morsel.value
            return response.status, response.headers, content
        finally:
            connection.close()

    def csrf_token(self, path):
        status, _headers, content = self.request("GET", path)
        # Quoted (Otwarte) or minified without quotes (pretalx, bench/peer.py).
        match = re.search(
            rb'name="?csrfmiddlewaretoken"?(?: type="?hidden"?)? value="?([^"\s>]+)', content
        )
        if status != 200 or not match:
            raise RuntimeError(f"no CSRF token on {path} (status {status})")
        return match[1].decode()


def juror_save(base, plan, seconds, db_url):
    """Five jurors log in, then save scores concurrently for `seconds`: p50/p95 of
    the POST (it answers with a redirect), then a database check that every
    (juror, nomination, criterion) written holds exactly one score, with the
    value of that juror's last save."""
    import random

    match = re.match(r"http://([^:/]+):(\d+)", base)
    host, port = match[1], int(match[2])
    sessions = []
    for juror in plan["jurors"]:
        session = Session(host, port)
        token = session.csrf_token(plan["login"])
        status, headers, _ = session.request(
            "POST",
            plan["login"],
            {"username": juror["username"], "password": juror["password"],
             "csrfmiddlewaretoken": token},
        )  # fmt: skip
        if status != 302 or "sessionid" not in session.cookies:
            return f"n/a (login of {juror['username']} failed: status {status})"
        sessions.append((juror, session))
    # One CSRF token per session (from a scoring page), as a browser would have.
    tokens = [session.csrf_token(plan["nominations"][0]["url"]) for _j, session in sessions]
    deadline = time.monotonic() + seconds
    latencies, failures, last = [], [], {}
    lock = threading.Lock()

    def work(index):
        juror, session = sessions[index]
        rng = random.Random(index)
        forms = plan["nominations"][index::len(sessions)] + plan["nominations"]
        mine, mine_last, k = [], {}, 0
        while time.monotonic() < deadline:
            form = forms[k % len(forms)]
            k += 1
            values = {name: rng.randint(low, high) for name, (low, high) in form["fields"].items()}
            data = {**values, "comment": "", "action": "save",
                    "csrfmiddlewaretoken": tokens[index]}  # fmt: skip
            started = time.perf_counter()
            status, _headers, _content = session.request("POST", form["url"], data)
            elapsed = (time.perf_counter() - started) * 1000
            if status == 302:
                mine.append(elapsed)
                mine_last[form["pk"]] = values
                # The browser's next page shows (and so clears) the "saved" message;
                # kept, the messages cookie grows by one message per save and each
                # save pays for re-reading and re-signing all of them.
                session.cookies.pop("messages", None)
            else:
                failures.append(status)
        with lock:
            latencies.extend(mine)
            for pk, values in mine_last.items():
                last[(juror["pk"], pk)] = values

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(sessions))]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    if len(latencies) < 2:
        return f"n/a (no successful save; statuses {sorted(set(failures))})"
    q = statistics.quantiles(latencies, n=100)
    return {
        "jurors": len(sessions),
        "seconds": round(elapsed, 1),
        "saves": len(latencies),
        "saves_per_s": round(len(latencies) / elapsed, 1),
        "failed": len(failures),
        "p50_ms": round(q[49], 1),
        "p95_ms": round(q[94], 1),
        "check": check_scores(db_url, plan, last),
    }


def check_scores(db_url, plan, last):
    """Exactly one score row per (juror, nomination, criterion) written, holding the
    value of the juror's last successful save; no score anywhere else."""
    import psycopg

    with psycopg.connect(db_url) as conn:
        rows = conn.execute(
            "SELECT s.juror_id, s.nomination_id, s.criterion_id, s.value FROM jury_score s "
            "JOIN jury_nomination n ON n.id = s.nomination_id WHERE n.edition_id = %s",
            [plan["edition_id"]],
        ).fetchall()
    found = {}
    duplicates = 0
    for juror, nomination, criterion, value in rows:
        key = (juror, nomination, f"criterion_{criterion}")
        duplicates += key in found
        found[key] = value
    expected = {
        (juror, nomination, name): value
        for (juror, nomination), values in last.items()
        for name, value in values.items()
    }
    ok = duplicates == 0 and found == expected
    return {
        "ok": ok,
        "score_rows": len(rows),
        "expected_rows": len(expected),
        "duplicates": duplicates,
        "wrong_values": sum(1 for k, v in expected.items() if found.get(k) != v),
    }


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
        return self.wait_ready()

    def wait_ready(self):
        for _ in range(300):
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
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from otwarte.cache.version import bump_content_version
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
                # A new content version orphans every cached page and fragment;
                # never cache.clear(): on a shared Redis database that is FLUSHDB.
                bump_content_version()
                client.get(url)
                with CaptureQueriesContext(connection) as ctx:
                    client.get(url)
            page["queries_cache_hit"] = len(ctx.captured_queries)
        pages[name] = page
    result = {
        "pages": pages,
        "juror_save": juror_save_plan(),
        "organisers": organisers.plan(),
        "published_awards": Award.objects.published().count(),
    }
    if explain:
        from bench.explain import explain_all, explain_pages

        result["explain"] = explain_all(values)
        urls = [page["url"] for page in pages.values() if page["status"] == 200]
        result["explain_pages"] = explain_pages(urls)
    print(json.dumps(result))


def juror_save_plan():
    """What the juror "save scores" measurement needs, or why it cannot run.

    The newest edition of seed_synthetic is in jury scoring and its five jurors
    have accounts (jury/synthetic.py). Returns the login URL, each juror's
    credentials and the scoring form of every nomination (URL, criteria fields);
    `juror_save()` logs them in through gunicorn and saves concurrently.
    """
    from django.apps import apps
    from django.urls import NoReverseMatch, reverse
    from django.utils import translation

    if not (apps.is_installed("jury") and _has_model("jury", "Score")):
        return "n/a (jury scoring not available)"
    try:
        from jury.models import Criterion, Juror, Nomination
        from jury.synthetic import BENCH_JUROR_PASSWORD
    except ImportError:
        return "n/a (jury/synthetic.py has no bench juror accounts)"
    from practices.enums import Phase

    jurors = list(
        Juror.objects.filter(editions__phase=Phase.JURY_SCORING, user__isnull=False)
        .select_related("user")
        .order_by("pk")
    )
    if not jurors:
        return "n/a (no juror accounts in the edition being scored)"
    edition_id = jurors[0].editions.get(phase=Phase.JURY_SCORING).pk
    criteria = list(Criterion.objects.filter(edition_id=edition_id).order_by("order"))
    nominations = list(Nomination.objects.filter(edition_id=edition_id).order_by("pk"))
    try:
        with translation.override("pl"):
            login = reverse("public:login")
            forms = [
                {
                    "pk": n.pk,
                    "url": reverse("jury:nomination", kwargs={"pk": n.pk}),
                    "fields": {
                        f"criterion_{c.pk}": [c.scale_min, c.scale_max] for c in criteria
                    },
                }
                for n in nominations
            ]
    except NoReverseMatch as error:
        return f"n/a (jury URLs not found: {error})"
    return {
        "login": login,
        "edition_id": edition_id,
        "criteria": [c.pk for c in criteria],
        "jurors": [
            {"pk": j.pk, "username": j.user.username, "password": BENCH_JUROR_PASSWORD}
            for j in jurors[:5]
        ],
        "nominations": forms,
    }


def _has_model(app_label, model_name):
    from django.apps import apps

    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True


# --- the run -------------------------------------------------------------------


def prepare_scale(scale, pg_url, redis, explain):
    """A fresh, seeded, analysed `<prefix>_<scale>` database and the probe's findings:
    the page URLs with their query counts, the juror-save plan, EXPLAIN plans."""
    db = f"{os.environ.get('BENCH_DB_PREFIX', 'otwarte_bench')}_{scale}"
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
    # Planner statistics and the visibility map now, as autovacuum would do a
    # little later: plans and timings of a freshly bulk-loaded database (whose
    # practices were also updated once for their stored sort key) are not
    # representative without them (an index-only count read every heap page).
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")

    out = subprocess.run(
        [PY, __file__, "--probe"] + (["--explain"] if explain else []),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    probed = json.loads(out.strip().splitlines()[-1])
    return {
        "database": db,
        "env": env,
        "seed_seconds": round(seed_seconds, 1),
        "pages": probed["pages"],
        "published_awards": probed["published_awards"],
        "juror_plan": probed["juror_save"],
        "organisers_plan": probed["organisers"],
        "explain": probed.get("explain"),
        "explain_pages": probed.get("explain_pages"),
    }


def bench_scale(scale, pg_url, seconds, redis, explain, juror_only=False):
    prepared = prepare_scale(scale, pg_url, redis, explain)
    env, pages = prepared["env"], prepared["pages"]
    juror = prepared["juror_plan"]
    runs = {}
    organisers_result = prepared["organisers_plan"]
    load_average = os.getloadavg()
    # cache_off: the response cache off, the fragments remembered per content
    # version (otwarte.cache.values.remember) still on; no_memo: both off, every part
    # of every page computed per request.
    modes = (
        (("cache_off", "0", "1"),)
        if juror_only
        else (("cache_on", "1", "1"), ("cache_off", "0", "1"), ("no_memo", "0", "0"))
    )
    for mode, flag, fragments in modes:
        server_env = {**env, "PUBLIC_CACHE": flag, "PUBLIC_FRAGMENTS": fragments}
        with Server(server_env) as server:
            if juror_only:
                for _ in range(3):
                    server.get(BARE)
                pages = {}
            for name, page in pages.items():  # warm up: imports, connections, cache
                if page["status"] == 200:
                    for _ in range(3):
                        server.get(page["url"])
            result = {}
            if not juror_only:
                load(server.base + BARE, 1)  # warm up the generator and both workers
                log(f"   {mode}: bare view")
                result["bare"] = load(server.base + BARE, seconds)
            for name, page in pages.items():
                if page["status"] != 200:
                    continue
                log(f"   {mode}: {name} {page['url']}")
                accept = JSON_ACCEPT if page["url"].startswith("/api/") else BROWSER_ACCEPT
                result[name] = load(server.base + page["url"], seconds, {"Accept": accept})
                result[name]["x_cache"] = server.get(page["url"])[1]
                drain(server)
            runs[mode] = result
            if mode == "cache_off" and isinstance(prepared["juror_plan"], dict):
                log(f"   juror save: {len(juror['jurors'])} jurors, {JUROR_SAVE_SECONDS} s")
                juror = juror_save(server.base, juror, JUROR_SAVE_SECONDS, env["DATABASE_URL"])
            if mode == "cache_off" and isinstance(prepared["organisers_plan"], dict):
                log("   organisers' pages")
                organisers_result = organisers.measure(
                    Session("127.0.0.1", server.port), prepared["organisers_plan"]
                )
    # env and juror_plan are for the peer comparison (bench/peer.py), not results.json.
    return {**prepared, "load_average": load_average, "runs": runs, "juror_save": juror,
            "organisers": organisers_result}  # fmt: skip


def booklet(env):
    """bench/booklet.py (2015, 100 and 500 awards; ours next to WeasyPrint alone), its
    rows read back from its own results file. BENCH_BOOKLET=0 skips it (~4 minutes)."""
    script = ROOT / "bench" / "booklet.py"
    if os.environ.get("BENCH_BOOKLET", "1") == "0":
        return "skipped (BENCH_BOOKLET=0)"
    if not script.exists():
        return "n/a (bench/booklet.py not present)"
    output = ROOT / "bench" / "booklet_results.json"
    started = time.monotonic()
    done = subprocess.run(
        [PY, str(script), "--output", str(output)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    result = {
        "exit_code": done.returncode,
        "seconds": round(time.monotonic() - started, 1),
        "errors": done.stderr[-2000:] if done.returncode else "",
        "rows": [],
    }
    if done.returncode == 0 and output.exists():
        for case in json.loads(output.read_text()):
            ours, weasy = case["otwarte"], case["weasyprint"]
            result["rows"].append(
                {
                    "case": case["case"],
                    "awards": ours["awards"],
                    "pages": ours["pages"],
                    "otwarte_s": ours["seconds"],
                    "weasyprint_s": weasy["seconds"],
                    "overhead_pct": round(100 * (ours["seconds"] / weasy["seconds"] - 1), 1),
                    "otwarte_peak_mib": ours["peak_rss_mib"],
                    "weasyprint_peak_mib": weasy["peak_rss_mib"],
                }
            )
    return result


def booklet_lines(result):
    if not isinstance(result, dict):
        return [f"booklet: {result}"]
    lines = [f"booklet ({result['seconds']} s in all, exit {result['exit_code']}; "
             "each render in a fresh process, peak = max RSS):"]  # fmt: skip
    if result.get("errors"):
        lines.append(result["errors"].rstrip())
    lines.append(
        f"  {'case':<22} {'awards':>6} {'pages':>5} | {'ours s':>7} {'weasy s':>7} "
        f"{'overhead':>8} | {'ours MiB':>8} {'weasy MiB':>9}"
    )
    for row in result["rows"]:
        lines.append(
            f"  {row['case']:<22} {row['awards']:>6} {row['pages']:>5} | "
            f"{row['otwarte_s']:>7.2f} {row['weasyprint_s']:>7.2f} {row['overhead_pct']:>7.1f}% | "
            f"{row['otwarte_peak_mib']:>8.0f} {row['weasyprint_peak_mib']:>9.0f}"
        )
    return lines


def test_time():
    started = time.monotonic()
    done = subprocess.run(["make", "test"], cwd=ROOT, capture_output=True, text=True)
    tail = done.stdout.strip().splitlines()[-1:] or [""]
    return {"seconds": round(time.monotonic() - started, 1), "exit_code": done.returncode,
            "summary": tail[0]}  # fmt: skip


def peer_lines(peer):
    if not isinstance(peer, dict):
        return [f"peer (pretalx): {peer}"]
    import peer as peer_module

    return [line for entry in peer.values() for line in peer_module.table_lines(entry)]


def fmt_load(load):
    return "/".join(f"{x:.1f}" for x in load) if load else "?"


def juror_save_line(result):
    if not isinstance(result, dict):
        return str(result)
    check = result["check"]
    verdict = (
        f"one score per (juror, nomination, criterion) written: {check['score_rows']} rows, OK"
        if check["ok"]
        else f"CHECK FAILED {check}"
    )
    return (
        f"{result['jurors']} jurors concurrently for {result['seconds']} s: "
        f"{result['saves']} saves ({result['saves_per_s']}/s, {result['failed']} failed), "
        f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms; {verdict}"
    )


def table(results):
    lines = []
    generator = "wrk" if shutil.which("wrk") else "python threads"
    lines.append(
        f"gunicorn {WORKERS} sync workers, {generator}, concurrency {CONCURRENCY}, "
        f"{results['seconds']} s per page; cache backend: {results['cache_backend']}; "
        f"load average (1/5/15 min) at start {fmt_load(results.get('load_average_start'))}"
        + (
            f", at end {fmt_load(results['load_average_end'])}"
            if "load_average_end" in results
            else ""
        )
    )
    head = (
        f"{'scale':<10} {'page':<24} {'SQL':>4} {'hit':>4} | "
        f"{'cache on: req/s':>16} {'%bare':>6} {'p50 ms':>7} {'p95 ms':>7} | "
        f"{'cache off: req/s':>16} {'%bare':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} | "
        f"{'nothing remembered: req/s':>25} {'%bare':>6} {'p50 ms':>7}"
    )
    lines += [head, "-" * len(head)]
    for scale, data in results["scales"].items():
        on, off = data["runs"]["cache_on"], data["runs"]["cache_off"]
        bare_memo = data["runs"].get("no_memo")
        rows = [("bare view", {"queries": 0, "queries_cache_hit": 0, "status": 200})]
        rows += list(data["pages"].items())
        for name, page in rows:
            key = "bare" if name == "bare view" else name
            if page["status"] != 200:
                lines.append(f"{scale:<10} {name:<24} n/a ({page['status']}) {page['url']}")
                continue

            def cell(run, bare, p99=False):
                r = run[key]
                pct = 100 * r["rps"] / bare["rps"]
                p95 = f"{r['p95_ms']:>7.1f}" if r.get("p95_ms") is not None else f"{'?':>7}"
                tail = f" {r['p99_ms']:>7.1f}" if p99 else ""
                return f"{r['rps']:>16.0f} {pct:>5.0f}% {r['p50_ms']:>7.1f} {p95}{tail}"

            memo = ""
            if bare_memo and key in bare_memo:
                r = bare_memo[key]
                pct = 100 * r["rps"] / bare_memo["bare"]["rps"]
                memo = f" | {r['rps']:>25.0f} {pct:>5.0f}% {r['p50_ms']:>7.1f}"
            lines.append(
                f"{scale:<10} {name:<24} {page['queries']:>4} "
                f"{page.get('queries_cache_hit', ''):>4} | "
                f"{cell(on, on['bare'])} | {cell(off, off['bare'], p99=True)}{memo}"
            )
        lines.append(f"{scale:<10} juror save: {juror_save_line(data['juror_save'])}")
        lines += organisers.lines(scale, data.get("organisers"))
        lines.append(f"{scale:<10} seed_synthetic: {data['seed_seconds']} s; load average before "
                     f"the load runs: {fmt_load(data.get('load_average'))}")  # fmt: skip
    lines += peer_lines(results.get("peer"))
    lines += booklet_lines(results["booklet"])
    if results.get("make_test"):
        t = results["make_test"]
        lines.append(f"make test: {t['seconds']} s (exit {t['exit_code']}) {t['summary']}")
    else:
        lines.append("make test: not measured (--without-test-time / BENCH_TEST_TIME=0)")
    return "\n".join(lines)


def peer_comparison(scales, peer_scales, pg_url, seconds, redis):
    """pretalx next to Otwarte (bench/peer.py) at each peer scale also benched here;
    BENCH_PEER=0 skips it."""
    if os.environ.get("BENCH_PEER", "1") == "0":
        return "skipped (BENCH_PEER=0)"
    import peer

    done = {}
    for scale in peer_scales:
        if scale in scales:
            done[scale] = peer.compare(scale, scales[scale], pg_url, seconds, redis)
    return done or f"n/a (no benched scale among BENCH_PEER_SCALES={','.join(peer_scales)})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--explain", action="store_true", help="EXPLAIN the page queries (20y)")
    parser.add_argument(
        "--without-test-time",
        action="store_true",
        default=os.environ.get("BENCH_TEST_TIME", "1") == "0",
        help="do not time `make test` (also BENCH_TEST_TIME=0)",
    )
    parser.add_argument(
        "--juror-only",
        action="store_true",
        help="only the juror save (no page loads, no booklet); prints one line per scale",
    )
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
        "load_average_start": os.getloadavg(),
        "seconds": seconds,
        "cache_backend": "redis" if redis else "locmem",
        "load_generator": "wrk" if shutil.which("wrk") else "python",
        "cpu_count": os.cpu_count(),
        "scales": {},
    }
    if args.juror_only:
        for scale in args.scales.split(","):
            data = bench_scale(scale, pg_url, seconds, redis, False, juror_only=True)
            print(f"{scale:<10} juror save: {juror_save_line(data['juror_save'])}; "
                  f"load average {fmt_load(os.getloadavg())}")  # fmt: skip
        return None
    env = None
    peer_scales = os.environ.get("BENCH_PEER_SCALES", "realistic").split(",")
    peer_data = {}
    for scale in args.scales.split(","):
        data = bench_scale(scale, pg_url, seconds, redis, args.explain or scale == "20y")
        peer_data[scale] = {**data}
        env = data.pop("env")
        data.pop("juror_plan")
        results["scales"][scale] = data
    results["peer"] = peer_comparison(peer_data, peer_scales, pg_url, seconds, redis)
    results["booklet"] = booklet(env) if env else "n/a"
    results["make_test"] = None if args.without_test_time else test_time()
    results["load_average_end"] = os.getloadavg()
    text = table(results)
    results["table"] = text
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    explain = {s: d for s, d in results["scales"].items() if d.get("explain")}
    if explain:
        lines = []
        for scale, data in explain.items():
            for entry in data.get("explain_pages") or []:
                used = ", ".join(entry["indexes"]) or "none"
                heading = f"### {scale}: page query ({entry['ms']} ms, indexes: {used})"
                lines += [heading, entry["sql"], entry["plan"], ""]
            for entry in data["explain"]:
                lines += [f"### {scale}: {entry['name']}", entry["sql"], entry["plan"], ""]
        (ROOT / "bench" / "explain.txt").write_text("\n".join(lines))
    print(text)


if __name__ == "__main__":
    main()
