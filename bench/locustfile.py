"""Load test scenario (run by `make loadtest`, see bench/loadtest.py).

- PublicVisitor: visitors browsing the public site.
- JurorScorer: jurors (accounts made by bench/loadtest_jury.py, listed in the JSON file
  named by LOADTEST_JURY) saving scores through the real jury pages: GET the nomination
  page, POST the form, expect the redirect. Each juror walks the nominations in turn with
  values that change every round; a save that fails is retried with the same values, so
  the last acknowledged values are what the database must hold at the end. The acknowledged
  saves and a timeline of failed requests go to LOADTEST_RESULTS when the run stops.
  Jurors also open public pages while logged in.

Behind nginx (run 3): every response to a request with a session cookie whose
X-Proxy-Cache says it came from nginx's cache is recorded as a leak, and visits of the
page named in LOADTEST_WATCH note whether they saw its new text.
"""

import itertools
import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from locust import HttpUser, between, events, task

LANGUAGES = ["pl", "en", "uk", "ru"]
PRACTICE_LINK = re.compile(r'href="(/[a-z]{2}/practices/[^"/]+/[^"/]+/)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

JURY = json.loads(Path(os.environ["LOADTEST_JURY"]).read_text()) if os.environ.get(
    "LOADTEST_JURY"
) else None
RESULTS = os.environ.get("LOADTEST_RESULTS")
# Run 3 (nginx in front): the page whose text changes mid-run, and the new text.
WATCH = json.loads(os.environ["LOADTEST_WATCH"]) if os.environ.get("LOADTEST_WATCH") else None
WATCHED = []  # (unix start time, new text seen, X-Proxy-Cache) per visit of that page
# Answered by nginx from its cache without asking the app: never for a session.
FROM_PROXY_CACHE = {"HIT", "STALE", "UPDATING", "REVALIDATED"}
PROXY_LEAKS = []  # (request, X-Proxy-Cache) of responses to a session served from the cache
SESSION = {"requests": 0}
ACKNOWLEDGED = {}  # (juror, nomination) -> {criterion: value}
PENDING = {}  # (juror, nomination) -> {criterion: value}, sent but not acknowledged
STATS = {"saves": 0, "acknowledged_changes": 0}
FAILURES = []  # (unix time, request name, error)
REQUESTS = []  # unix time of every request
_juror_numbers = itertools.count()


@events.request.add_listener
def _on_request(request_type, name, response_time, response_length, exception=None, **kwargs):
    now = time.time()
    REQUESTS.append(now)
    if exception is not None:
        FAILURES.append((now, f"{request_type} {name}", str(exception)[:200]))
    response = kwargs.get("response")
    # Redirects followed: each hop went through the proxy with its own cookies.
    for hop in [*getattr(response, "history", ()), response] if response is not None else ():
        request = getattr(hop, "request", None)
        if request is None or "sessionid=" not in (request.headers.get("Cookie") or ""):
            continue
        SESSION["requests"] += 1
        status = hop.headers.get("X-Proxy-Cache", "")
        if status in FROM_PROXY_CACHE:
            PROXY_LEAKS.append((f"{request.method} {request.path_url}", status))


@events.test_stop.add_listener
def _write_results(**kwargs):
    if not RESULTS:
        return

    def rows(mapping):
        return [
            {"juror": juror, "nomination": nomination, "values": values}
            for (juror, nomination), values in mapping.items()
        ]

    Path(RESULTS).write_text(
        json.dumps(
            {
                "acknowledged": rows(ACKNOWLEDGED),
                "pending": rows(PENDING),
                "failures": FAILURES,
                "requests": REQUESTS,
                "watched": WATCHED,
                "proxy_leaks": PROXY_LEAKS,
                "session_requests": SESSION["requests"],
                **STATS,
            }
        )
    )


class PublicVisitor(HttpUser):
    wait_time = between(0.5, 2)
    weight = 10

    def on_start(self):
        self.language = random.choice(LANGUAGES)
        response = self.client.get(f"/{self.language}/", name="/<lang>/")
        self.practices = sorted(set(PRACTICE_LINK.findall(response.text))) or [None]

    @task(3)
    def home(self):
        self.client.get(f"/{random.choice(LANGUAGES)}/", name="/<lang>/")

    @task(6)
    def practice(self):
        url = random.choice(self.practices)
        if url:
            started = time.time()
            response = self.client.get(url, name="/<lang>/practices/<city>/<slug>/")
            if WATCH and url in WATCH["paths"] and response.status_code == 200:
                WATCHED.append((started, WATCH["marker"] in response.text,
                                response.headers.get("X-Proxy-Cache", "")))

    @task(1)
    def stylesheet(self):
        self.client.get("/static/css/site.css", name="/static/css/site.css")

    @task(1)
    def missing_page(self):
        with self.client.get(
            f"/{self.language}/practices/nie-ma/takiej-praktyki/",
            name="404",
            catch_response=True,
        ) as response:
            if response.status_code == 404:
                response.success()
            else:
                response.failure(f"expected 404, got {response.status_code}")


class JurorScorer(HttpUser):
    """One of the jurors of the load-test edition, scoring through the jury pages."""

    wait_time = between(0.2, 1)
    fixed_count = len(JURY["jurors"]) if JURY else 0

    def on_start(self):
        self.number = next(_juror_numbers) % len(JURY["jurors"])
        self.username = JURY["jurors"][self.number]
        self.logged_in = False
        self.step = 0
        self.current = None  # (nomination, values) being saved until acknowledged

    def _token(self, response):
        match = CSRF.search(response.text)
        return match.group(1) if match else None

    def _login(self):
        page = self.client.get("/pl/login/", name="/<lang>/login/ [GET]")
        token = self._token(page)
        if token is None:
            return
        with self.client.post(
            "/pl/login/",
            {"username": self.username, "password": JURY["password"],
             "csrfmiddlewaretoken": token},
            name="/<lang>/login/ [POST]",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # Logged in: a redirect to the juror's start page, not back to a login.
            if response.status_code == 302 and "/login/" not in response.headers.get(
                "Location", ""
            ):
                self.logged_in = True
            else:
                response.failure(f"login: {response.status_code}")

    def _next_save(self):
        nominations = JURY["nominations"]
        index, rounds = self.step % len(nominations), self.step // len(nominations)
        self.step += 1
        values = {
            str(criterion): 1 + (self.number * 7 + index * 3 + c + rounds) % 5
            for c, criterion in enumerate(JURY["criteria"])
        }
        return nominations[index], values

    @task(1)
    def public_page(self):
        """A logged-in juror on a public page: never a copy a shared cache kept."""
        if self.logged_in:
            self.client.get(f"/{random.choice(LANGUAGES)}/", name="/<lang>/ [logged in]")

    @task(5)
    def score(self):
        if not self.logged_in:
            self._login()
            return
        if self.current is None:
            self.current = self._next_save()
        nomination, values = self.current
        url = f"/pl/jury/nominations/{nomination}/"
        page = self.client.get(url, name="/<lang>/jury/nominations/<pk>/ [GET]")
        token = self._token(page) if page.status_code == 200 else None
        if token is None:
            return  # the failure is recorded; retry the same save next time
        data = {f"criterion_{criterion}": value for criterion, value in values.items()}
        data.update({"csrfmiddlewaretoken": token, "comment": "", "action": "save"})
        key = (self.username, nomination)
        PENDING[key] = values
        with self.client.post(
            url, data, name="/<lang>/jury/nominations/<pk>/ [POST]", allow_redirects=False,
            catch_response=True,
        ) as response:
            # Saved: back to the same page. A redirect to the login ends with the
            # page in its ?next= and is no acknowledgement.
            if response.status_code == 302 and urlsplit(
                response.headers.get("Location", "")
            ).path == url:
                previous = ACKNOWLEDGED.get(key, {})
                STATS["saves"] += 1
                STATS["acknowledged_changes"] += sum(
                    previous.get(c) != v for c, v in values.items()
                )
                ACKNOWLEDGED[key] = values
                del PENDING[key]
                self.current = None
            else:
                response.failure(f"save: {response.status_code}")
