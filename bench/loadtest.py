"""`make loadtest`: gunicorn + PostgreSQL on 127.0.0.1, locust headless, bounded in time.

Creates (or recreates) the database LOADTEST_DB, loads the 2015 edition, starts
gunicorn on 127.0.0.1 only and runs bench/locustfile.py up to three times:

1. Load (unless LOADTEST_LOAD=0): LOADTEST_USERS visitors browse the public site while
   LOADTEST_JURORS jurors (accounts made by bench/loadtest_jury.py on an edition in jury
   scoring) save scores through the jury pages, for LOADTEST_SECONDS. Must end with zero
   failed requests and the database holding exactly the scores the jurors saw acknowledged.
2. Faults (unless LOADTEST_FAULT=0): the same for LOADTEST_FAULT_SECONDS, with
   PostgreSQL restarted LOADTEST_FAULT_AT seconds in (LOADTEST_PG_RESTART, by default
   `pg_ctlcluster --skip-systemctl-redirect 15 main restart`), gunicorn left running.
   Requests may fail while the database is down; none may fail from
   LOADTEST_RECOVERY seconds after it is back, and no acknowledged score may be lost.
   Note: this restarts the machine's PostgreSQL for every database on it.
3. Proxy (unless LOADTEST_PROXY=0): the same for LOADTEST_PROXY_SECONDS through nginx
   (Debian's package; its own process and temporary directory, bench/proxy.py) caching
   in front of two gunicorn instances (LOADTEST_PROXY_WORKERS workers each) that share
   the database and Redis (LOADTEST_REDIS, keys under a fresh CACHE_KEY_PREFIX, deleted
   afterwards), with TRUSTED_PROXIES=127.0.0.1: the configuration docs/deploy.md documents
   (bench/nginx.conf.template). About LOADTEST_PROXY_CHANGE_AT seconds in, a practice's
   description is saved as an organiser's save does (signals bump the content version);
   a checker fetches that page in four languages every 0.2 s and the visitors note what
   they saw on it. Must end with zero failed requests, the right scores, no old text in
   any fetch started later than the documented bound (PUBLIC_CACHE_SHARED_SECONDS + 2 s)
   after the save, no response to a request with a session from nginx's cache (locust's
   X-Proxy-Cache and nginx's log), nothing private or setting a cookie in the cache
   directory, pages actually served from the cache, and both app servers used.

Prints requests, errors and p50/p95 latency per run (with the load average), scores
written vs expected, the errors around the restart, and for run 3 when the change was
first and last seen and what nginx served from its cache; exits non-zero when a check
fails.

Variables: LOADTEST_USERS (50), LOADTEST_SECONDS (60), LOADTEST_JURORS (5),
LOADTEST_PORT (8790), LOADTEST_WORKERS (3), LOADTEST_LOAD (1), LOADTEST_FAULT (1),
LOADTEST_FAULT_SECONDS (45), LOADTEST_FAULT_AT (15), LOADTEST_RECOVERY (10),
LOADTEST_PROXY (1), LOADTEST_PROXY_SECONDS (45), LOADTEST_PROXY_CHANGE_AT (15),
LOADTEST_PROXY_PORT (LOADTEST_PORT + 1; the app servers on the next two ports),
LOADTEST_PROXY_WORKERS (2), LOADTEST_REDIS (redis://127.0.0.1:6379/0), LOADTEST_NGINX
(nginx on PATH), PUBLIC_CACHE_SHARED_SECONDS (10),
LOADTEST_DB (postgres://postgres:postgres@127.0.0.1:5432/otwarte_loadtest).
"""

import csv
import json
import os
import re
import secrets
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["pl", "en", "uk", "ru"]
PRACTICE_LINK = re.compile(r'href="(/[a-z]{2}/practices/[^"/]+/[^"/]+/)"')  # as the visitors'
PY = sys.executable
BIN = Path(PY).parent

USERS = int(os.environ.get("LOADTEST_USERS", "50"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
PORT = int(os.environ.get("LOADTEST_PORT", "8790"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "3"))
DB = os.environ.get(
    "LOADTEST_DB", "postgres://postgres:postgres@127.0.0.1:5432/otwarte_loadtest"
)
JURORS = int(os.environ.get("LOADTEST_JURORS", "5"))
FAULT = os.environ.get("LOADTEST_FAULT", "1") not in {"0", "", "false", "no"}
FAULT_SECONDS = int(os.environ.get("LOADTEST_FAULT_SECONDS", "45"))
FAULT_AT = int(os.environ.get("LOADTEST_FAULT_AT", "15"))
RECOVERY = int(os.environ.get("LOADTEST_RECOVERY", "10"))
LOAD = os.environ.get("LOADTEST_LOAD", "1") not in {"0", "", "false", "no"}
PROXY = os.environ.get("LOADTEST_PROXY", "1") not in {"0", "", "false", "no"}
PROXY_SECONDS = int(os.environ.get("LOADTEST_PROXY_SECONDS", "45"))
PROXY_CHANGE_AT = int(os.environ.get("LOADTEST_PROXY_CHANGE_AT", "15"))
PROXY_PORT = int(os.environ.get("LOADTEST_PROXY_PORT", str(PORT + 1)))
PROXY_WORKERS = int(os.environ.get("LOADTEST_PROXY_WORKERS", "2"))
REDIS = os.environ.get("LOADTEST_REDIS", "redis://127.0.0.1:6379/0")
# The app's PUBLIC_CACHE_SHARED_SECONDS (s-maxage) in run 3: how long nginx may
# answer for a public page without asking the app.
SHARED_SECONDS = int(os.environ.get("PUBLIC_CACHE_SHARED_SECONDS", "10"))
PG_RESTART = shlex.split(
    os.environ.get(
        "LOADTEST_PG_RESTART", "pg_ctlcluster --skip-systemctl-redirect 15 main restart"
    )
)


def run(*args, env):
    subprocess.run(args, cwd=ROOT, env=env, check=True)


def recreate_database(env):
    import psycopg

    base, name = DB.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def wait_until_up(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer on {url} within {timeout} s")


def run_locust(*, host, env, workdir, label, seconds, tag, fault_at=None, during=None,
               servers=None, locust_env=None):
    """One locust run with a fresh set of jurors; returns pass/fail and the timeline.

    `during(start)`: run in a thread while locust runs (start: its unix start time).
    """
    jury = workdir / f"jury-{label}.json"
    results = workdir / f"results-{label}.json"
    run(PY, str(ROOT / "bench" / "loadtest_jury.py"), "setup", str(tag), str(jury), env=env)
    locust_env = {**env, **(locust_env or {}), "LOADTEST_JURY": str(jury),
                  "LOADTEST_RESULTS": str(results)}
    prefix = workdir / f"locust-{label}"
    restart = {}

    def restart_postgres():
        time.sleep(fault_at)
        restart["start"] = time.time()
        done = subprocess.run(PG_RESTART, capture_output=True, text=True, timeout=120)
        restart["end"] = time.time()
        restart["returncode"] = done.returncode
        restart["output"] = (done.stdout + done.stderr).strip()

    users = USERS + JURORS
    process = subprocess.Popen(
        [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
         "--users", str(users), "--spawn-rate", str(max(1, users // 5)),
         "--run-time", f"{seconds}s", "--stop-timeout", "5", "--host", host,
         "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
        cwd=ROOT, env=locust_env,
    )
    started = time.time()
    thread = None
    if fault_at is not None:
        thread = threading.Thread(target=restart_postgres, daemon=True)
    elif during is not None:
        thread = threading.Thread(target=during, args=(started,), daemon=True)
    if thread is not None:
        thread.start()
    try:
        returncode = process.wait(timeout=seconds + 60)
    except subprocess.TimeoutExpired:
        process.kill()
        returncode = -1
    if thread is not None:
        thread.join(timeout=130)
    wait_until_up(f"{host}/pl/", timeout=30)  # the app answers again without a restart
    check = subprocess.run(
        [PY, str(ROOT / "bench" / "loadtest_jury.py"), "verify", str(jury), str(results)],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    )
    scores = json.loads(check.stdout.strip().splitlines()[-1])
    timeline = json.loads(results.read_text())
    timeline["started"] = started

    with open(f"{prefix}_stats.csv", newline="") as file:
        rows = {row["Name"]: row for row in csv.DictReader(file)}
    total = rows["Aggregated"]
    print()
    what = f"{USERS} visitors + {JURORS} jurors for {seconds} s"
    if fault_at is not None:
        what += f", PostgreSQL restarted at {fault_at} s"
    servers = servers or f"gunicorn ({WORKERS} workers) + PostgreSQL"
    print(f"Load test ({label}): {what}, {servers} on 127.0.0.1; load average "
          + "/".join(f"{value:.2f}" for value in os.getloadavg()))
    for name, row in rows.items():
        print(f"  {name:<44} requests {row['Request Count']:>7}  failures {row['Failure Count']:>4}"
              f"  p50 {row['50%']:>5} ms  p95 {row['95%']:>5} ms")
    print(f"Requests: {total['Request Count']}, errors: {total['Failure Count']}, "
          f"p50 {total['50%']} ms, p95 {total['95%']} ms, {float(total['Requests/s']):.1f} req/s")
    with open(f"{prefix}_failures.csv", newline="") as file:
        for row in csv.DictReader(file):
            print(f"  FAILED {row['Occurrences']}x {row['Method']} {row['Name']}: {row['Error']}")
    print(f"Scores: {scores['expected']} expected (last acknowledged values of "
          f"{scores['saves']} saves), {scores['written']} written; lost {scores['lost']}, "
          f"wrong {scores['wrong']}, extra {scores['extra']}, duplicated {scores['duplicated']}; "
          f"score log: {scores['score_changes']} changes ({scores['acknowledged_changes']} "
          f"acknowledged), last value mismatches {scores['log_mismatch']}; "
          f"unacknowledged at stop {scores['pending_at_stop']}")
    scores_ok = not (scores["lost"] or scores["wrong"] or scores["extra"] or scores["duplicated"]
                     or scores["log_mismatch"]) and scores["saves"] > 0
    failures = int(total["Failure Count"])
    if fault_at is None:
        ok = scores_ok and failures == 0 and returncode == 0
        if not scores["pending_at_stop"]:
            ok = ok and scores["score_changes"] == scores["acknowledged_changes"]
        return ok, timeline

    # The fault run: where did the errors fall?
    start, end = restart.get("start"), restart.get("end")
    print(f"PostgreSQL restart: `{shlex.join(PG_RESTART)}` exit {restart.get('returncode')}, "
          f"took {end - start:.1f} s" if start and end else "PostgreSQL restart did not run")
    if restart.get("returncode"):
        print("  " + restart.get("output", ""))
        return False, timeline
    fails = [when for when, _name, _error in timeline["failures"]]
    before = sum(when < start for when in fails)
    during = sum(start <= when < end + RECOVERY for when in fails)
    after = sum(when >= end + RECOVERY for when in fails)
    last = max((when for when in fails), default=None)
    served_after = sum(when >= end + RECOVERY for when in timeline["requests"])
    print(f"Errors: {before} before the restart, {during} from the restart to {RECOVERY} s "
          f"after it ended, {after} later ({served_after} requests served later)"
          + (f"; last error {last - end:+.1f} s after the restart ended" if last else ""))
    for when, name, error in timeline["failures"][:5]:
        print(f"  {when - start:+6.1f} s  {name}: {error}")
    return scores_ok and before == 0 and after == 0 and served_after > 0, timeline


def start_gunicorn(env, port, workers):
    return subprocess.Popen(
        [str(BIN / "gunicorn"), "otwarte.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", "2", "--log-level", "warning",
         # Longer than a visitor's pause and than nginx's upstream keepalive_timeout:
         # otherwise the server closes an idle keep-alive connection just as the
         # client reuses it.
         "--keep-alive", "10"],
        cwd=ROOT, env=env,
    )


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


# Run 3: a public text of a published practice changes as an organiser's save does
# (Model.save(), whose signals bump the content version). Started early (Django's
# start-up takes seconds under load), it saves when told on stdin and prints when
# the save had committed.
CHANGE = """
import os, sys, time
from practices.models import Practice
city, slug, marker = os.environ["LOADTEST_CHANGE"].split(" ", 2)
practice = Practice.objects.get(city__slug=city, slug=slug)
for language in ("pl", "en", "uk", "ru"):
    field = f"description_{language}"
    setattr(practice, field, (getattr(practice, field) or "") + "\\n\\n" + marker)
print("ready", flush=True)
sys.stdin.readline()
practice.save()
print(time.time(), flush=True)
"""


def fetch(url):
    """(status, body, X-Proxy-Cache) of an anonymous GET (no cookies)."""
    request = urllib.request.Request(url, headers={"User-Agent": "loadtest-checker"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), response.headers.get("X-Proxy-Cache", "")
    except urllib.error.HTTPError as error:
        return error.code, b"", error.headers.get("X-Proxy-Cache", "")
    except OSError as error:  # refused, reset, timed out: an error, not a stale page
        return 0, str(error).encode(), ""


def staleness(observations, changed_at, bound):
    """Figures of (start time, new?, cache status) observations of the changed page."""
    old = [when - changed_at for when, new, _c in observations if not new and when >= changed_at]
    new = [when - changed_at for when, new, _c in observations if new]
    late = [when for when in old if when >= bound]
    return {
        "count": len(observations),
        "first_new": min(new) if new else None,
        "last_old": max(old) if old else None,
        "late_old": len(late),
        "after_bound": sum(when - changed_at >= bound for when, _n, _c in observations),
        "early_new": sum(when < changed_at - 1 for when, new, _c in observations if new),
    }


def describe(figures):
    def seconds(value):
        return "none" if value is None else f"{value:+.2f} s"

    return (f"{figures['count']} fetches, first new page {seconds(figures['first_new'])}, "
            f"last old page {seconds(figures['last_old'])} after the change, "
            f"{figures['late_old']} old after the bound ({figures['after_bound']} fetches then)")


def run_proxy(env, workdir):
    """Run 3: nginx caching in front of two gunicorn instances (one PostgreSQL, one Redis)."""
    import redis

    from proxy import FROM_CACHE, Nginx, summarise, wait_for_port

    prefix = f"otwarte-loadtest-{secrets.token_hex(4)}"
    client = redis.Redis.from_url(REDIS, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        print(f"Run 3 (proxy) needs Redis at LOADTEST_REDIS={REDIS}: {error}")
        return False
    env = {**env, "REDIS_URL": REDIS, "CACHE_KEY_PREFIX": prefix, "TRUSTED_PROXIES": "127.0.0.1",
           "PUBLIC_CACHE_SHARED_SECONDS": str(SHARED_SECONDS)}
    # nginx counts expiry in whole seconds (+1 s), and a page already being rendered
    # when the change is saved can be stored just after it (+ its duration).
    bound = SHARED_SECONDS + 2
    apps = [PROXY_PORT + 1, PROXY_PORT + 2]
    host = f"http://127.0.0.1:{PROXY_PORT}"
    nginx = Nginx(workdir / "nginx", port=PROXY_PORT, upstreams=apps)
    servers = [start_gunicorn(env, port, PROXY_WORKERS) for port in apps]
    try:
        for port in apps:
            wait_until_up(f"http://127.0.0.1:{port}/pl/")
        nginx.start()
        wait_for_port(PROXY_PORT)
        wait_until_up(f"{host}/pl/")
        link = PRACTICE_LINK.search(fetch(f"{host}/pl/")[1].decode())
        if link is None:
            print("Run 3 (proxy): no practice linked from /pl/")
            return False
        _pl, _practices, city, slug = link.group(1).strip("/").split("/")
        paths = [f"/{language}/practices/{city}/{slug}/" for language in LANGUAGES]
        marker = f"Loadtest change {secrets.token_hex(4)}"
        change, watched = {}, []

        def change_and_watch(started):
            stop_at = started + PROXY_SECONDS - 2
            warm_until = started + PROXY_CHANGE_AT

            def watch():
                while time.time() < stop_at:
                    for path in paths:
                        when = time.time()
                        status, body, cache = fetch(host + path)
                        watched.append((when, status == 200 and marker.encode() in body, cache,
                                        status))
                    time.sleep(0.2)

            watcher = threading.Thread(target=watch, daemon=True)
            watcher.start()
            organiser = subprocess.Popen(
                [PY, "manage.py", "shell", "-c", CHANGE], cwd=ROOT,
                env={**env, "LOADTEST_CHANGE": f"{city} {slug} {marker}"},
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True,
            )
            ready = False  # the shell may print its automatic imports first
            for line in organiser.stdout:
                if line.strip() == "ready":
                    ready = True
                    break
            time.sleep(max(0.0, warm_until - time.time()))
            try:
                output, errors = organiser.communicate("save\n" if ready else "", timeout=60)
            except subprocess.TimeoutExpired:
                organiser.kill()
                output, errors = organiser.communicate()
            change["returncode"] = organiser.returncode
            change["output"] = (output + errors).strip()
            if ready and organiser.returncode == 0:
                change["at"] = float(output.strip().splitlines()[-1])
            watcher.join(timeout=PROXY_SECONDS + 30)

        watch_env = {"LOADTEST_WATCH": json.dumps({"paths": paths, "marker": marker})}
        ok, timeline = run_locust(
            host=host, env=env, workdir=workdir, label="proxy", seconds=PROXY_SECONDS, tag=2,
            during=change_and_watch, locust_env=watch_env,
            servers=(f"nginx (cache, s-maxage {SHARED_SECONDS} s) + 2 gunicorn "
                     f"({PROXY_WORKERS} workers each) + PostgreSQL + Redis"),
        )
    finally:
        nginx.stop()
        for server in servers:
            stop(server)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)

    if "at" not in change:
        print(f"Change failed (exit {change.get('returncode')}): {change.get('output')}")
        return False
    changed_at = change["at"]
    print(f"Change: the description of {paths[0]} saved {changed_at - timeline['started']:.1f} s "
          f"into the run; documented bound {bound} s (s-maxage {SHARED_SECONDS} s + 2 s)")
    errors = [row for row in watched if row[3] != 200]
    checker = staleness([row[:3] for row in watched], changed_at, bound)
    visitors = staleness([tuple(row) for row in timeline["watched"]], changed_at, bound)
    print(f"  checker (4 languages, every 0.2 s): {describe(checker)}; errors {len(errors)}")
    print(f"  visitors on that page: {describe(visitors)}")
    checked_ok = (
        not errors and checker["late_old"] == 0 and visitors["late_old"] == 0
        and checker["early_new"] == 0 and checker["after_bound"] >= len(paths)
        and checker["first_new"] is not None
    )

    rows = nginx.access_log()
    upstreams, statuses = summarise(rows)
    anonymous = sum(n for (session, _c), n in statuses.items() if session == "anonymous")
    from_cache = sum(n for (session, cache), n in statuses.items()
                     if session == "anonymous" and cache in FROM_CACHE)
    logged_in = {cache: n for (session, cache), n in statuses.items() if session == "session"}
    leaked = sum(n for cache, n in logged_in.items() if cache in FROM_CACHE)
    print(f"nginx: {len(rows)} requests; app servers "
          + ", ".join(f"{upstream} {n}" for upstream, n in sorted(upstreams.items()))
          + f"; anonymous {anonymous}, {from_cache} from the proxy cache "
          f"({100 * from_cache / max(anonymous, 1):.0f} %); with a session "
          + ", ".join(f"{cache} {n}" for cache, n in sorted(logged_in.items())))
    entries = nginx.cached_entries()
    private = [key for key, headers in entries
               if re.search(r"^(set-cookie:|cache-control:.*\b(private|no-store))", headers,
                            re.MULTILINE)
               or re.search(r"/(jury|login|accounts|admin|cockpit)/", key)]
    print(f"  logged-in responses from the proxy cache: {leaked} in nginx's log, "
          f"{len(timeline['proxy_leaks'])} seen by locust ({timeline['session_requests']} "
          f"requests with a session); cache holds {len(entries)} entries, "
          f"{len(private)} private or setting a cookie")
    for leak in timeline["proxy_leaks"][:5]:
        print(f"  LEAK {leak}")
    for key in private[:5]:
        print(f"  PRIVATE ENTRY {key}")
    proxy_ok = (
        leaked == 0 and not timeline["proxy_leaks"] and not private
        and timeline["session_requests"] > 0 and from_cache > 0 and len(upstreams) == 2
    )
    return ok and checked_ok and proxy_ok


def main():
    workdir = Path(tempfile.mkdtemp(prefix="otwarte-loadtest-"))
    env = {
        **{k: v for k, v in os.environ.items()
           if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "REDIS_URL", "CACHE_URL"}},
        "DATABASE_URL": DB,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(workdir / "static"),
        "STATIC_MANIFEST": "1",
        "LOG_LEVEL": "ERROR",  # not every expected 404
    }
    recreate_database(env)
    run(PY, "manage.py", "migrate", "--no-input", "-v0", env=env)
    run(PY, "manage.py", "loaddata", "reference", "edition_2015", "-v0", env=env)
    run(PY, "manage.py", "collectstatic", "--no-input", "-v0", env=env)

    ok = True
    if LOAD or FAULT:
        host = f"http://127.0.0.1:{PORT}"
        gunicorn = start_gunicorn(env, PORT, WORKERS)
        try:
            wait_until_up(f"{host}/pl/")
            if LOAD:
                ok, _timeline = run_locust(host=host, env=env, workdir=workdir, label="load",
                                           seconds=SECONDS, tag=0)
            if FAULT:
                pid = gunicorn.pid
                fault_ok, _timeline = run_locust(
                    host=host, env=env, workdir=workdir, label="fault",
                    seconds=FAULT_SECONDS, tag=1, fault_at=FAULT_AT,
                )
                alive = gunicorn.poll() is None and gunicorn.pid == pid
                print(f"gunicorn: same master process (pid {pid}) throughout: {alive}")
                ok = ok and fault_ok and alive
        finally:
            stop(gunicorn)
    if PROXY:
        ok = run_proxy(env, workdir) and ok
    print("\nLoad test " + ("passed" if ok else "FAILED"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
