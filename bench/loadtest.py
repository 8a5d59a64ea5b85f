"""`make loadtest`: gunicorn + PostgreSQL on 127.0.0.1, locust headless, bounded in time.

Creates (or recreates) the database LOADTEST_DB, loads the 2015 edition, starts
gunicorn on 127.0.0.1 only and runs bench/locustfile.py twice:

1. Load: LOADTEST_USERS visitors browse the public site while LOADTEST_JURORS jurors
   (accounts made by bench/loadtest_jury.py on an edition in jury scoring) save scores
   through the jury pages, for LOADTEST_SECONDS. Must end with zero failed requests and
   the database holding exactly the scores the jurors saw acknowledged.
2. Faults (unless LOADTEST_FAULT=0): the same for LOADTEST_FAULT_SECONDS, with
   PostgreSQL restarted LOADTEST_FAULT_AT seconds in (LOADTEST_PG_RESTART, by default
   `pg_ctlcluster --skip-systemctl-redirect 15 main restart`), gunicorn left running.
   Requests may fail while the database is down; none may fail from
   LOADTEST_RECOVERY seconds after it is back, and no acknowledged score may be lost.
   Note: this restarts the machine's PostgreSQL for every database on it.

Prints requests, errors and p50/p95 latency per run, scores written vs expected and
the errors around the restart; exits non-zero when a check fails.

Variables: LOADTEST_USERS (50), LOADTEST_SECONDS (60), LOADTEST_JURORS (5),
LOADTEST_PORT (8790), LOADTEST_WORKERS (3), LOADTEST_FAULT (1), LOADTEST_FAULT_SECONDS (45),
LOADTEST_FAULT_AT (15), LOADTEST_RECOVERY (10),
LOADTEST_DB (postgres://postgres:postgres@127.0.0.1:5432/otwarte_loadtest).
"""

import csv
import json
import os
import secrets
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
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
JURORS = int(os.environ.get("LOADTEST_JURORS", "5"))
FAULT = os.environ.get("LOADTEST_FAULT", "1") not in {"0", "", "false", "no"}
FAULT_SECONDS = int(os.environ.get("LOADTEST_FAULT_SECONDS", "45"))
FAULT_AT = int(os.environ.get("LOADTEST_FAULT_AT", "15"))
RECOVERY = int(os.environ.get("LOADTEST_RECOVERY", "10"))
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


def run_locust(*, host, env, workdir, label, seconds, tag, fault_at=None):
    """One locust run with a fresh set of jurors; returns its figures and pass/fail."""
    jury = workdir / f"jury-{label}.json"
    results = workdir / f"results-{label}.json"
    run(PY, str(ROOT / "bench" / "loadtest_jury.py"), "setup", str(tag), str(jury), env=env)
    locust_env = {**env, "LOADTEST_JURY": str(jury), "LOADTEST_RESULTS": str(results)}
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
    thread = None
    if fault_at is not None:
        thread = threading.Thread(target=restart_postgres, daemon=True)
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

    with open(f"{prefix}_stats.csv", newline="") as file:
        rows = {row["Name"]: row for row in csv.DictReader(file)}
    total = rows["Aggregated"]
    print()
    what = f"{USERS} visitors + {JURORS} jurors for {seconds} s"
    if fault_at is not None:
        what += f", PostgreSQL restarted at {fault_at} s"
    print(f"Load test ({label}): {what}, gunicorn ({WORKERS} workers) + PostgreSQL on 127.0.0.1")
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
        return ok

    # The fault run: where did the errors fall?
    start, end = restart.get("start"), restart.get("end")
    print(f"PostgreSQL restart: `{shlex.join(PG_RESTART)}` exit {restart.get('returncode')}, "
          f"took {end - start:.1f} s" if start and end else "PostgreSQL restart did not run")
    if restart.get("returncode"):
        print("  " + restart.get("output", ""))
        return False
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
    return scores_ok and before == 0 and after == 0 and served_after > 0


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
        ok = run_locust(host=host, env=env, workdir=workdir, label="load", seconds=SECONDS, tag=0)
        if FAULT:
            pid = gunicorn.pid
            fault_ok = run_locust(host=host, env=env, workdir=workdir, label="fault",
                                  seconds=FAULT_SECONDS, tag=1, fault_at=FAULT_AT)
            alive = gunicorn.poll() is None and gunicorn.pid == pid
            print(f"gunicorn: same master process (pid {pid}) throughout: {alive}")
            ok = ok and fault_ok and alive
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    print("\nLoad test " + ("passed" if ok else "FAILED"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
