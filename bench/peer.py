"""The peer in `make bench`: pretalx 2026.2.1 next to Otwarte, page for page.

pretalx is the closest open-source Django application to Otwarte's public side: a
conference's talks (our practices), speakers (our cities), a public JSON API and a
review form scored by several reviewers at once (our jurors). This module installs
it into its own virtual environment (bench/.peer-venv: pretalx needs Python >= 3.13
and pins its own Django), seeds one event with as many confirmed, scheduled talks as
the Otwarte bench database has published awards, serves it like Otwarte (gunicorn,
2 sync workers, PostgreSQL, Redis), and loads each pair of pages interleaved with
Otwarte's (Otwarte, pretalx, Otwarte, pretalx: BENCH_PEER_ROUNDS rounds of
BENCH_SECONDS / rounds each), both with their bare view measured in the same rounds.

`bench/run.py` calls `compare()` after its own scales (BENCH_PEER=0 skips it);
`python bench/peer.py` (`make bench-peer`) seeds Otwarte's realistic scale and runs
only the comparison. Nothing of pretalx is committed: bench/.peer-venv and
bench/.peer-data (config, static files, logs) are git-ignored.

Environment: BENCH_PEER (1), BENCH_PEER_SCALES (realistic), BENCH_PEER_ROUNDS (2),
BENCH_PEER_PYTHON (a Python >= 3.13; else python3.13 on PATH, else pyenv's), and
run.py's BENCH_SECONDS, BENCH_PG_URL, BENCH_DB_PREFIX (pretalx's database is
<prefix>_pretalx).
"""

import glob
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (bench/run.py: load generation, Session, Otwarte's server)

BENCH = Path(__file__).resolve().parent
VENV = BENCH / ".peer-venv"
DATA = BENCH / ".peer-data"
PACKAGES = ("pretalx==2026.2.1", "gunicorn==27.0.1", "psycopg[binary]==3.3.9")
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
JSON_ACCEPT = "application/json"

# (pair, Otwarte page in run.PAGES or "bare", pretalx page in the seed's plan or
# "bare", Accept header). The list pages are three rows: pretalx's /talk/ is a shell
# whose talks a JavaScript component fetches as JSON (schedule/widgets/schedule.json,
# which pretalx caches server-side for 5 minutes per schedule version), and
# /schedule/nojs is the one page that renders every talk in HTML.
PAIRS = (
    ("bare view", "bare", "bare", BROWSER_ACCEPT),
    ("list: practices / talk list", "practice list", "talk list", BROWSER_ACCEPT),
    ("list: practices / talks no-JS", "practice list", "talk list no-JS", BROWSER_ACCEPT),
    ("list: practices / talks JSON", "practice list", "talk list data", BROWSER_ACCEPT),
    ("detail: practice / talk", "practice detail", "talk", BROWSER_ACCEPT),
    ("city / speaker", "city", "speaker", BROWSER_ACCEPT),
    ("API list (20 a page)", "api list", "api list", JSON_ACCEPT),
)


def log(message):
    run.log(f"   peer: {message}")


# --- installation ------------------------------------------------------------------


def find_python():
    """A Python >= 3.13: BENCH_PEER_PYTHON, python3.13 on PATH, then pyenv's (the
    Makefile looks the same way for Otwarte's 3.12)."""
    candidates = [os.environ.get("BENCH_PEER_PYTHON", "")]
    candidates += [shutil.which(name) or "" for name in ("python3.14", "python3.13")]
    pyenv_root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates += sorted(glob.glob(f"{pyenv_root}/versions/3.1[3-9]*/bin/python"), reverse=True)
    for candidate in filter(None, candidates):
        check = subprocess.run(
            [candidate, "-c", "import sys; sys.exit(sys.version_info < (3, 13))"],
            capture_output=True,
        )
        if check.returncode == 0:  # a pyenv shim without that version answers 127
            return candidate
    return None


def ensure_venv():
    """bench/.peer-venv with PACKAGES, reinstalled when the pins change. Returns the
    venv's python, or a reason why there is none."""
    python = VENV / "bin" / "python"
    marker = VENV / ".installed"
    wanted = "\n".join(PACKAGES)
    if python.exists() and marker.exists() and marker.read_text() == wanted:
        return str(python)
    interpreter = find_python()
    if not interpreter:
        return "n/a (needs Python >= 3.13: set BENCH_PEER_PYTHON or install python3.13)"
    if not python.exists():
        log(f"creating {VENV} with {interpreter}")
        subprocess.run([interpreter, "-m", "venv", str(VENV)], check=True)
    log("pip install " + " ".join(PACKAGES))
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", *PACKAGES],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        return f"n/a (pip install failed: {done.stderr.strip()[-300:]})"
    marker.write_text(wanted)
    return str(python)


# --- configuration -------------------------------------------------------------------


def write_config(pg_url, database):
    """bench/.peer-data/pretalx.cfg: pretalx's own config file (its docs' layout)."""
    DATA.mkdir(exist_ok=True)
    secret_file = DATA / ".bench-secret"
    if not secret_file.exists():
        secret_file.write_text(secrets.token_urlsafe(40))
    pg = urlparse(f"{pg_url}/{database}")
    config = f"""\
# Written by bench/peer.py for `make bench`; not a production configuration.
[site]
debug = False
url = http://127.0.0.1
secret = {secret_file.read_text()}

[filesystem]
data = {DATA}
static = {DATA / "static"}

[database]
backend = postgresql
name = {database}
user = {pg.username or ""}
password = {pg.password or ""}
host = {pg.hostname or ""}
port = {pg.port or ""}

[locale]
language_code = en
time_zone = Europe/Warsaw
"""
    path = DATA / "pretalx.cfg"
    path.write_text(config)
    return path


def peer_env(config, redis, site_url="http://127.0.0.1"):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PRETALX_", "DJANGO_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(
        {
            "PRETALX_CONFIG_FILE": str(config),
            "PRETALX_SITE_URL": site_url,
            "PRETALX_NO_INITIAL_LOG": "1",
            "DJANGO_SETTINGS_MODULE": "peer_site.settings",
            "PYTHONPATH": str(BENCH),
            "PEER_CACHE_PREFIX": f"pretalx-bench-{os.getpid()}",
        }
    )
    if redis:
        env["PRETALX_REDIS"] = redis
    else:
        env["PEER_LOCMEM"] = "1"
    return env


def prepare(python, pg_url, database, talks, redis):
    """A fresh database, pretalx's migrations and static files, the seed. Returns the
    seed's plan (URLs, reviewers) with the env to serve it."""
    run.recreate_database(pg_url, database)
    config = write_config(pg_url, database)
    env = peer_env(config, redis)

    def pretalx(*args):
        subprocess.run([python, "-m", "pretalx", *args], cwd=DATA, env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip

    log(f"migrate ({database})")
    pretalx("migrate", "--noinput")
    if not (DATA / "static" / "staticfiles.json").exists():
        log("rebuild (static files)")
        pretalx("rebuild", "--silent")
    log(f"seed: {talks} talks")
    out = subprocess.run(
        [python, "-m", "peer_site.seed", "--talks", str(talks)],
        cwd=DATA,
        env=env,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise RuntimeError(f"pretalx seed failed:\n{out.stderr[-3000:]}")
    plan = json.loads(out.stdout.strip().splitlines()[-1])
    import psycopg

    with psycopg.connect(f"{pg_url}/{database}", autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    pages = {name: [path, accept_for(name)] for name, path in plan["pages"].items()}
    pages["bare"] = [run.BARE, BROWSER_ACCEPT]
    out = subprocess.run(
        [python, "-m", "peer_site.probe"],
        input=json.dumps(pages),
        cwd=DATA,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    plan["queries"] = json.loads(out.stdout.strip().splitlines()[-1])
    return plan, env


def accept_for(page):
    return JSON_ACCEPT if page == "api list" else BROWSER_ACCEPT


class PeerServer(run.Server):
    """pretalx under gunicorn exactly as run.Server serves Otwarte."""

    def __init__(self, python, env):
        super().__init__(env)
        self.python = python
        self.env = {**env, "PRETALX_SITE_URL": self.base}

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                str(Path(self.python).parent / "gunicorn"),
                "pretalx.wsgi:application",
                f"--workers={run.WORKERS}",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
            ],
            cwd=DATA,
            env=self.env,
        )
        return self.wait_ready()


# --- review save ---------------------------------------------------------------------


def review_save(base, plan, seconds, db_url):
    """Five reviewers log in at /orga/login/, then save reviews (four scores each)
    concurrently for `seconds`, as run.juror_save does for Otwarte's jurors; then a
    database check that each (reviewer, proposal) written holds one review with the
    scores of that reviewer's last save."""
    import random

    match = re.match(r"http://([^:/]+):(\d+)", base)
    host, port = match[1], int(match[2])
    sessions = []
    for reviewer in plan["reviewers"]:
        session = run.Session(host, port)
        token = session.csrf_token(plan["login"])
        status, _headers, _ = session.request(
            "POST",
            plan["login"],
            {"login_email": reviewer["email"], "login_password": reviewer["password"],
             "csrfmiddlewaretoken": token},
        )  # fmt: skip
        if status != 302 or "pretalx_session" not in session.cookies:
            return f"n/a (login of {reviewer['email']} failed: status {status})"
        sessions.append((reviewer, session))
    tokens = [session.csrf_token(plan["forms"][0]["url"]) for _r, session in sessions]
    deadline = time.monotonic() + seconds
    latencies, failures, last = [], [], {}
    lock = threading.Lock()

    def work(index):
        reviewer, session = sessions[index]
        rng = random.Random(index)
        forms = plan["forms"][index :: len(sessions)] + plan["forms"]
        mine, mine_last, k = [], {}, 0
        while time.monotonic() < deadline:
            form = forms[k % len(forms)]
            k += 1
            values = {name: rng.choice(ids) for name, ids in form["fields"].items()}
            data = {**values, "text": "", "review_submit": "save",
                    "csrfmiddlewaretoken": tokens[index]}  # fmt: skip
            started = time.perf_counter()
            status, _headers, _content = session.request("POST", form["url"], data)
            elapsed = (time.perf_counter() - started) * 1000
            if status == 302:
                mine.append(elapsed)
                mine_last[form["pk"]] = values
            else:
                failures.append(status)
        with lock:
            latencies.extend(mine)
            for pk, values in mine_last.items():
                last[(reviewer["pk"], pk)] = values

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
        "reviewers": len(sessions),
        "seconds": round(elapsed, 1),
        "saves": len(latencies),
        "saves_per_s": round(len(latencies) / elapsed, 1),
        "failed": len(failures),
        "p50_ms": round(q[49], 1),
        "p95_ms": round(q[94], 1),
        "check": check_reviews(db_url, last),
    }


def check_reviews(db_url, last):
    """One review per (reviewer, proposal) written, holding the last saved scores."""
    import psycopg

    with psycopg.connect(db_url) as conn:
        rows = conn.execute(
            "SELECT r.user_id, r.submission_id, r.id FROM submission_review r"
        ).fetchall()
        scores = conn.execute(
            "SELECT review_id, reviewscore_id FROM submission_review_scores"
        ).fetchall()
    by_review = {}
    for review, score in scores:
        by_review.setdefault(review, set()).add(score)
    found, duplicates = {}, 0
    for user, submission, review in rows:
        duplicates += (user, submission) in found
        found[(user, submission)] = by_review.get(review, set())
    expected = {key: set(values.values()) for key, values in last.items()}
    wrong = sum(1 for key, value in expected.items() if found.get(key) != value)
    return {
        "ok": duplicates == 0 and wrong == 0 and set(found) == set(expected),
        "review_rows": len(rows),
        "expected_rows": len(expected),
        "duplicates": duplicates,
        "wrong_scores": wrong,
    }


def clear_saves(otwarte_db, edition_id, peer_db):
    """Before each round of saves: no score and no review left from the last one, so
    each round's database check covers exactly what that round wrote."""
    import psycopg

    with psycopg.connect(otwarte_db, autocommit=True) as conn:
        conn.execute(
            "DELETE FROM jury_score s USING jury_nomination n "
            "WHERE n.id = s.nomination_id AND n.edition_id = %s",
            [edition_id],
        )
    with psycopg.connect(peer_db, autocommit=True) as conn:
        conn.execute("DELETE FROM submission_review_scores")
        conn.execute("DELETE FROM submission_review")


# --- the comparison ------------------------------------------------------------------


def mean_runs(runs):
    """Rounds of equal length: the mean req/s is total requests / total time; the
    latency percentiles are the rounds' means (wrk gives no histogram to merge)."""
    keys = ("rps", "p50_ms", "p99_ms")
    merged = {key: round(statistics.fmean(r[key] for r in runs), 2) for key in keys}
    merged["non_2xx"] = sum(r["non_2xx"] for r in runs)
    merged["socket_errors"] = [r["socket_errors"] for r in runs if r["socket_errors"]]
    merged["rounds"] = [{key: r[key] for key in keys} for r in runs]
    return merged


def mean_saves(runs):
    good = [r for r in runs if isinstance(r, dict)]
    if not good:
        return runs[0] if runs else "n/a"
    merged = {
        "saves_per_s": round(statistics.fmean(r["saves_per_s"] for r in good), 1),
        "p50_ms": round(statistics.fmean(r["p50_ms"] for r in good), 1),
        "p95_ms": round(statistics.fmean(r["p95_ms"] for r in good), 1),
        "saves": sum(r["saves"] for r in good),
        "failed": sum(r["failed"] for r in good),
        "check_ok": all(r["check"]["ok"] for r in good),
        "checks": [r["check"] for r in good],
        "rounds": len(good),
    }
    return merged


def fetch(server, path, accept):
    """One GET with the pair's Accept header: (status, bytes)."""
    from http.client import HTTPConnection

    connection = HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request("GET", path, headers={"Accept": accept})
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def drain(server):
    """Wait until the server has answered what wrk left behind: when wrk stops, up to
    CONCURRENCY requests are still queued at gunicorn (with pretalx's no-JS list,
    seconds of work), which would otherwise slow the next page measured. As many bare
    requests at once, queued behind them, come back when the queue is empty."""
    threads = [
        threading.Thread(target=fetch, args=(server, run.BARE, BROWSER_ACCEPT))
        for _ in range(run.CONCURRENCY)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def compare(scale, data, pg_url, seconds, redis):
    """Seed pretalx for one Otwarte scale (`data`: run.prepare_scale's result) and
    measure the pairs interleaved. Returns the "peer" entry of results.json."""
    python = ensure_venv()
    if not python.startswith("/"):
        return python
    talks = data["published_awards"]
    prefix = os.environ.get("BENCH_DB_PREFIX", "otwarte_bench")
    database = f"{prefix}_pretalx"
    started = time.monotonic()
    plan, env = prepare(python, pg_url, database, talks, redis)
    seed_seconds = round(time.monotonic() - started, 1)
    rounds = max(1, int(os.environ.get("BENCH_PEER_ROUNDS", "2")))
    share = max(1, round(seconds / rounds))
    otwarte_env = {**data["env"], "PUBLIC_CACHE": "0", "PUBLIC_FRAGMENTS": "1"}
    pages = {name: page["url"] for name, page in data["pages"].items() if page["status"] == 200}
    pages["bare"] = run.BARE
    peer_pages = {**plan["pages"], "bare": run.BARE}
    load_average = os.getloadavg()
    result = {
        "scale": scale,
        "pretalx": PACKAGES[0],
        "database": database,
        "talks": plan["talks"],
        "speakers": plan["speakers"],
        "rooms": plan["rooms"],
        "setup_seconds": seed_seconds,
        "seed_seconds": plan["seed_seconds"],
        "rounds": rounds,
        "seconds_per_round": share,
        "load_average": load_average,
        "pages": {},
        "pairs": [],
    }
    with run.Server(otwarte_env) as ours, PeerServer(python, env) as theirs:
        sides = (("otwarte", ours, pages), ("pretalx", theirs, peer_pages))
        measured = {"otwarte": {}, "pretalx": {}}
        for side, server, urls in sides:
            for name, path in urls.items():
                accept = accept_for(name)
                for _ in range(3):  # warm up: imports, connections, caches
                    status, size = fetch(server, path, accept)
                queries = (
                    data["pages"].get(name, {}).get("queries", 0)
                    if side == "otwarte"
                    else plan["queries"].get(name)
                )
                result["pages"].setdefault(side, {})[name] = {
                    "url": path, "status": status, "bytes": size, "queries": queries}  # fmt: skip
            run.load(server.base + run.BARE, 1)
        for r in range(rounds):
            for pair, our_page, their_page, accept in PAIRS:
                for side, server, urls, page in (
                    ("otwarte", ours, pages, our_page),
                    ("pretalx", theirs, peer_pages, their_page),
                ):
                    if page not in urls or result["pages"][side][page]["status"] != 200:
                        continue
                    # A page shared by several pairs (the practice list) is loaded
                    # once a round, right before the first pretalx page it faces.
                    if len(measured[side].setdefault(page, [])) > r:
                        continue
                    log(f"round {r + 1}/{rounds}: {side} {page} {urls[page]}")
                    measured[side][page].append(
                        run.load(server.base + urls[page], share, headers={"Accept": accept})
                    )
                    drain(server)
            # The saves: Otwarte's five jurors, then pretalx's five reviewers.
            juror_plan = data.get("juror_plan")
            if isinstance(juror_plan, dict):
                clear_saves(data["env"]["DATABASE_URL"], juror_plan["edition_id"],
                            f"{pg_url}/{database}")  # fmt: skip
                log(f"round {r + 1}/{rounds}: otwarte juror save")
                measured["otwarte"].setdefault("save", []).append(
                    run.juror_save(ours.base, juror_plan, share, data["env"]["DATABASE_URL"])
                )
            log(f"round {r + 1}/{rounds}: pretalx review save")
            measured["pretalx"].setdefault("save", []).append(
                review_save(theirs.base, plan["review"], share, f"{pg_url}/{database}")
            )
    bare = {side: mean_runs(measured[side]["bare"]) for side in measured}
    for pair, our_page, their_page, accept in PAIRS:
        row = {"pair": pair, "accept": accept}
        for side, page in (("otwarte", our_page), ("pretalx", their_page)):
            if page in measured[side]:
                figures = mean_runs(measured[side][page])
                figures["pct_bare"] = round(100 * figures["rps"] / bare[side]["rps"], 1)
                figures["url"] = result["pages"][side][page]["url"]
                figures["bytes"] = result["pages"][side][page]["bytes"]
                figures["queries"] = result["pages"][side][page]["queries"]
                row[side] = figures
            else:
                page_info = result["pages"].get(side, {}).get(page)
                row[side] = f"n/a ({page_info['status'] if page_info else 'no page'})"
        if all(isinstance(row[side], dict) and row[side]["rps"] for side in measured):
            row["ratio"] = round(row["otwarte"]["rps"] / row["pretalx"]["rps"], 2)
        result["pairs"].append(row)
    saves = {side: mean_saves(measured[side].get("save", [])) for side in measured}
    for side, figures in saves.items():
        if isinstance(figures, dict):
            figures["pct_bare"] = round(100 * figures["saves_per_s"] / bare[side]["rps"], 1)
    row = {"pair": "save: juror scores / review", **saves}
    if all(isinstance(v, dict) and v["saves_per_s"] for v in saves.values()):
        row["ratio"] = round(saves["otwarte"]["saves_per_s"] / saves["pretalx"]["saves_per_s"], 2)
    result["pairs"].append(row)
    result["load_average_end"] = os.getloadavg()
    return result


def table_lines(peer):
    """The side-by-side section of `make bench`'s table."""
    if not isinstance(peer, dict):
        return [f"peer (pretalx): {peer}"]
    lines = [
        f"peer: {peer['pretalx']} at the {peer['scale']} scale ({peer['talks']} talks, "
        f"{peer['speakers']} speakers, {peer['rooms']} rooms; seeded in {peer['seed_seconds']} s, "
        f"{peer['setup_seconds']} s with migrate); "
        f"both cache off, interleaved: {peer['rounds']} rounds x {peer['seconds_per_round']} s "
        f"per page; load average {run.fmt_load(peer['load_average'])} -> "
        f"{run.fmt_load(peer.get('load_average_end'))}",
    ]
    head = (
        f"  {'pair (Otwarte / pretalx)':<32} {'SQL':>5} | {'Otwarte req/s':>13} {'%bare':>6} "
        f"{'p50/p99 ms':>13} | {'pretalx req/s':>13} {'%bare':>6} {'p50/p99 ms':>13} | "
        f"{'ratio':>5}"
    )
    lines += [head, "  " + "-" * (len(head) - 2)]

    def cell(figures, save=False):
        if not isinstance(figures, dict):
            return f"{str(figures)[:35]:>35}"
        if save:
            rate, tail = figures["saves_per_s"], figures["p95_ms"]
        else:
            rate, tail = figures["rps"], figures["p99_ms"]
        bad = " !" if any(figures.get(k) for k in ("non_2xx", "failed", "socket_errors")) else ""
        latency = f"{figures['p50_ms']:.1f}/{tail:.1f}"
        return f"{rate:>13.1f} {figures['pct_bare']:>5.1f}% {latency:>13}{bad}"

    for row in peer["pairs"]:
        save = row["pair"].startswith("save")
        ratio = f"{row['ratio']:>5.2f}" if "ratio" in row else "  n/a"
        sql = "/".join(
            str(row[side].get("queries", "?")) if isinstance(row[side], dict) else "?"
            for side in ("otwarte", "pretalx")
        )
        lines.append(
            f"  {row['pair']:<32} {'' if save else sql:>5} | {cell(row['otwarte'], save)} | "
            f"{cell(row['pretalx'], save)} | {ratio}"
        )
    save_row = peer["pairs"][-1]
    checks = [
        f"{side} {'OK' if save_row[side].get('check_ok') else 'CHECK FAILED'}"
        for side in ("otwarte", "pretalx")
        if isinstance(save_row[side], dict)
    ]
    lines.append(
        "  saves: 5 concurrent jurors / reviewers, saves/s and p50/p95; one row per "
        f"(person, item) with the last save's values: {', '.join(checks)}"
    )
    lines.append("  SQL = queries per page, Otwarte/pretalx (test client, anonymous, warm); "
                 "ratio = Otwarte req/s / pretalx req/s (above 1: Otwarte ahead); "
                 "'!' = non-2xx answers, socket errors or failed saves")  # fmt: skip
    return lines


def main():
    """`make bench-peer`: Otwarte's realistic scale seeded, then only the comparison."""
    seconds = int(os.environ.get("BENCH_SECONDS", "15"))
    pg_url = os.environ.get("BENCH_PG_URL", "postgres://postgres:postgres@127.0.0.1:5432")
    redis = run.redis_url()
    peer = {}
    for scale in os.environ.get("BENCH_PEER_SCALES", "realistic").split(","):
        data = run.prepare_scale(scale, pg_url, redis, explain=False)
        peer[scale] = compare(scale, data, pg_url, seconds, redis)
    lines = []
    for entry in peer.values():
        lines += table_lines(entry)
    text = "\n".join(lines)
    output = BENCH / "peer_results.json"
    output.write_text(json.dumps({"peer": peer, "table": text}, indent=2) + "\n")
    print(text)


if __name__ == "__main__":
    main()
