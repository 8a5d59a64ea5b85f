"""The organisers' pages at scale: the tally and the admin lists, timed through
gunicorn with one logged-in organiser (bench-organiser from seed_synthetic).

Requests go one after another (an organiser does not hammer their own tally):
each page is fetched ROUNDS times after one warm-up, and p50/p95/max of the
whole response are reported. Target (issue 20): p95 ≤ 200 ms at the 20-year
scale. Used by bench/run.py; `plan()` runs inside Django (the probe),
`measure()` outside it.
"""

import statistics
import time

ROUNDS = 30


def plan():
    """The login and the pages to time, or why they cannot be timed."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils import translation

    from jury.synthetic import BENCH_JUROR_PASSWORD, BENCH_ORGANISER_USERNAME
    from practices.enums import Phase
    from practices.models import Edition

    if not get_user_model().objects.filter(username=BENCH_ORGANISER_USERNAME).exists():
        return "n/a (seed_synthetic made no organiser account)"
    scoring = Edition.objects.filter(phase=Phase.JURY_SCORING).order_by("-year").first()
    with translation.override("pl"):
        pages = {
            "cockpit": reverse("cockpit:index"),
            "admin practices": reverse("admin:practices_practice_changelist"),
            "admin awards": reverse("admin:practices_award_changelist"),
            "admin nominations": reverse("admin:jury_nomination_changelist"),
            "admin scores": reverse("admin:jury_score_changelist"),
            "admin reports": reverse("admin:reports_report_changelist"),
            "admin cities": reverse("admin:practices_city_changelist"),
        }
        if scoring is not None:
            pages["tally"] = reverse("jury:tally", kwargs={"year": scoring.year})
            pages["cockpit edition"] = reverse("cockpit:edition", kwargs={"year": scoring.year})
        login = reverse("public:login")
    return {
        "login": login,
        "username": BENCH_ORGANISER_USERNAME,
        "password": BENCH_JUROR_PASSWORD,
        "nominations_scored": scoring.nominations.count() if scoring else 0,
        "pages": pages,
    }


def measure(session, plan, *, rounds=ROUNDS):
    """{page: {url, status, p50_ms, p95_ms, max_ms}}, through `session` (bench/run.py's
    Session on the server measured), logged in as the plan's organiser."""
    token = session.csrf_token(plan["login"])
    status, _headers, _body = session.request(
        "POST",
        plan["login"],
        {"username": plan["username"], "password": plan["password"],
         "csrfmiddlewaretoken": token},
    )  # fmt: skip
    if status != 302 or "sessionid" not in session.cookies:
        return f"n/a (organiser login failed: status {status})"
    results = {}
    for name, url in plan["pages"].items():
        status = session.request("GET", url)[0]  # warm-up
        if status != 200:
            results[name] = {"url": url, "status": status}
            continue
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            status = session.request("GET", url)[0]
            times.append((time.perf_counter() - started) * 1000)
        q = statistics.quantiles(times, n=100, method="inclusive")
        results[name] = {
            "url": url,
            "status": status,
            "p50_ms": round(q[49], 1),
            "p95_ms": round(q[94], 1),
            "max_ms": round(max(times), 1),
        }
    return results


def lines(scale, results):
    """Table rows for bench/run.py's printout."""
    if not isinstance(results, dict):
        return [f"{scale:<10} organisers: {results}"]
    out = [f"{scale:<10} organisers' pages, one organiser, {ROUNDS} requests each "
           "(target p95 ≤ 200 ms at 20y):"]  # fmt: skip
    for name, r in results.items():
        if "p95_ms" not in r:
            out.append(f"{scale:<10}   {name:<20} n/a ({r['status']}) {r['url']}")
            continue
        out.append(
            f"{scale:<10}   {name:<20} p50 {r['p50_ms']:>6.1f} ms  p95 {r['p95_ms']:>6.1f} ms  "
            f"max {r['max_ms']:>6.1f} ms  {r['url']}"
        )
    return out
