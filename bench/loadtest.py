"""`make loadtest`: gunicorn + PostgreSQL on 127.0.0.1, locust headless, bounded in time.

Creates (or recreates) the database LOADTEST_DB, loads the 2015 edition, starts
gunicorn on 127.0.0.1 only, runs bench/locustfile.py for LOADTEST_SECONDS with
LOADTEST_USERS visitors, stops everything and prints requests, errors and
p50/p95 latency. Exits non-zero on any failed request.

Variables: LOADTEST_USERS (50), LOADTEST_SECONDS (60), LOADTEST_PORT (8790),
LOADTEST_WORKERS (3), LOADTEST_DB (postgres://postgres:postgres@127.0.0.1:5432/otwarte_loadtest).
"""

import csv
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BIN = Path(PY).parent

USERS = int(os.environ.get("LOADTEST_USERS", "50"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "60"))
PORT = int(os.environ.get("LOADTEST_PORT", "8790"))
WORKERS = int(os.environ.get("LOADTEST_WORKERS", "3"))
DB = os.environ.get(
    "LOADTEST_DB", "postgres://postgres:postgres@127.0.0.1:5432/otwarte_loadtest"
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


def main():
    workdir = Path(tempfile.mkdtemp(prefix="otwarte-loadtest-"))
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG"}},
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

    host = f"http://127.0.0.1:{PORT}"
    gunicorn = subprocess.Popen(
        [str(BIN / "gunicorn"), "otwarte.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
         "--workers", str(WORKERS), "--threads", "2", "--log-level", "warning",
         # Longer than a visitor's pause: otherwise the server closes an idle
         # keep-alive connection just as the client reuses it (nginx in front
         # of gunicorn does not reuse upstream connections by default).
         "--keep-alive", "10"],
        cwd=ROOT, env=env,
    )
    try:
        wait_until_up(f"{host}/pl/")
        prefix = workdir / "locust"
        result = subprocess.run(
            [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
             "--users", str(USERS), "--spawn-rate", str(max(1, USERS // 5)),
             "--run-time", f"{SECONDS}s", "--stop-timeout", "5", "--host", host,
             "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
            cwd=ROOT, env=env, timeout=SECONDS + 60,
        )
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)

    with open(f"{prefix}_stats.csv", newline="") as file:
        rows = {row["Name"]: row for row in csv.DictReader(file)}
    total = rows["Aggregated"]
    print()
    print(f"Load test: {USERS} visitors for {SECONDS} s against gunicorn ({WORKERS} workers) "
          "+ PostgreSQL on 127.0.0.1")
    for name, row in rows.items():
        print(f"  {name:<40} requests {row['Request Count']:>7}  failures {row['Failure Count']:>4}"
              f"  p50 {row['50%']:>5} ms  p95 {row['95%']:>5} ms")
    print(f"Requests: {total['Request Count']}, errors: {total['Failure Count']}, "
          f"p50 {total['50%']} ms, p95 {total['95%']} ms, {float(total['Requests/s']):.1f} req/s")
    with open(f"{prefix}_failures.csv", newline="") as file:
        for row in csv.DictReader(file):
            print(f"  FAILED {row['Occurrences']}x {row['Method']} {row['Name']}: {row['Error']}")
    failures = int(total["Failure Count"])
    sys.exit(1 if failures or result.returncode not in (0,) else 0)


if __name__ == "__main__":
    main()
