"""Real server processes for tests that need more than one (not a test module).

Each server is its own process with its own memory, as the workers of a
deployment are: what one process caches, another cannot see unless it is shared.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 90  # a deadline for a condition, not a timed assertion

BASE_ENV = {
    "DJANGO_SETTINGS_MODULE": "otwarte.settings",
    "SECRET_KEY": "two-process-test-secret-not-for-production-0123456789",
    "DEBUG": "0",
    "PRODUCTION": "0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "PUBLIC_CACHE": "1",
    "PUBLIC_FRAGMENTS": "1",
    "TASKS_BACKEND": "immediate",
    "CONN_MAX_AGE": "0",
}
CLEARED = {"DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL", "REDIS_URL", "DATABASE_URL"}


def environment(**extra):
    env = {k: v for k, v in os.environ.items() if k not in CLEARED}
    env.update(BASE_ENV)
    env.update(extra)
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def request(url, *, data=None, headers=None):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with _opener.open(req, timeout=30) as response:
            return Response(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Response(error.code, error.headers, error.read())


class Server:
    """gunicorn with one worker on a free port; `stop()` ends only this process."""

    def __init__(self, env, log_dir):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(Path(log_dir) / f"gunicorn-{self.port}.log", "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "otwarte.wsgi:application",
             "--bind", f"127.0.0.1:{self.port}", "--workers", "1", "--threads", "2"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )

    def wait_until_up(self):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn on {self.port} exited: see {self.log.name}")
            try:
                if request(self.base + "/pl/").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"gunicorn on {self.port} did not answer within {STARTUP_SECONDS} s")

    def get(self, path, **kwargs):
        return request(self.base + path, **kwargs)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Browser:
    """One visitor: cookies (session, CSRF) kept across requests and across servers
    on 127.0.0.1, as a browser behind one load balancer would send them."""

    def __init__(self):
        import http.cookiejar

        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect
        )

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def open(self, url, data=None):
        import urllib.parse

        if data is not None:
            data = urllib.parse.urlencode(
                {**data, "csrfmiddlewaretoken": self.cookie("csrftoken") or ""}
            ).encode()
        req = urllib.request.Request(url, data=data)
        try:
            with self.opener.open(req, timeout=30) as response:
                return Response(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())
