"""nginx for `make loadtest` (run 3): its configuration, its own process, and what it did.

The configuration is bench/nginx.conf.template (the caching part is the one
docs/deploy.md documents). nginx runs in the foreground as a child of the load test
with everything (pid, logs, cache, temp files) in one temporary directory, so it
touches no system nginx and stops with the test.
"""

import os
import pwd
import shutil
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
# What nginx answered from its cache, without asking the app (REVALIDATED: the app
# said 304 and nginx sent its own copy).
FROM_CACHE = {"HIT", "STALE", "UPDATING", "REVALIDATED"}


def render_config(directory, *, port, upstreams):
    """The template filled in for an nginx at 127.0.0.1:port in front of two ports."""
    first, second = upstreams
    values = {
        "@USER@": pwd.getpwuid(os.geteuid()).pw_name,  # workers can read the temp dir
        "@DIR@": str(directory),
        "@PORT@": str(port),
        "@APP1@": str(first),
        "@APP2@": str(second),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(name, value)
    return text


def nginx_binary():
    return os.environ.get("LOADTEST_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"


class Nginx:
    """One nginx master (foreground, `daemon off`) with its workers, stopped by its pid."""

    def __init__(self, directory, *, port, upstreams):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.config = self.directory / "nginx.conf"
        self.config.write_text(render_config(self.directory, port=port, upstreams=upstreams))
        self.process = None

    def _command(self, *extra):
        return [nginx_binary(), "-p", str(self.directory), "-c", str(self.config), *extra]

    def start(self):
        checked = subprocess.run(self._command("-t", "-q"), capture_output=True, text=True)
        if checked.returncode:
            raise SystemExit(f"nginx -t failed:\n{checked.stderr}")
        self.process = subprocess.Popen(
            self._command("-g", "daemon off;"), stdout=subprocess.DEVNULL,
            stderr=open(self.directory / "stderr.log", "w"),
        )
        return self

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGQUIT)  # graceful: the master stops its workers
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=15)

    def access_log(self):
        """(unix time, upstream, cache status, HTTP status, anonymous|session, method, uri)."""
        rows = []
        path = self.directory / "access.log"
        if not path.exists():
            return rows
        for line in path.read_text().splitlines():
            parts = line.split(" ", 6)
            if len(parts) == 7:
                when, upstream, cache, status, session, method, uri = parts
                rows.append((float(when), upstream, cache, status, session, method, uri))
        return rows

    def cached_entries(self):
        """(cache key, response headers) of every entry in the proxy cache directory."""
        entries = []
        for path in (self.directory / "cache").rglob("*"):
            if not path.is_file():
                continue
            head = path.read_bytes()[:16384]
            key_at = head.find(b"\nKEY: ")
            if key_at < 0:
                continue
            key_end = head.find(b"\n", key_at + 6)
            headers_end = head.find(b"\r\n\r\n", key_end)
            key = head[key_at + 6:key_end].decode("utf-8", "replace")
            headers = head[key_end + 1:headers_end].decode("latin-1").lower()
            entries.append((key, headers))
        return entries


def summarise(rows):
    """Counts per app server and per (session, cache status) from the access log."""
    upstreams = Counter(upstream for _w, upstream, *_rest in rows if upstream != "-")
    statuses = Counter((session, cache if cache != "-" else "none")
                       for _w, _u, cache, _s, session, _m, _uri in rows)
    return upstreams, statuses


def wait_for_port(port, timeout=15):
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit(f"nginx did not listen on 127.0.0.1:{port} within {timeout} s")
