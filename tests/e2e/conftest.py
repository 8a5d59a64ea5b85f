"""Browser tests: Debian's Chromium driven by Playwright, against live_server.

Chromium is never downloaded (`playwright install` fails here); in CI a missing
browser is an error, elsewhere the browser tests are skipped with a reason.
"""

import os
from pathlib import Path

import pytest

# Sync Playwright runs an event loop in this thread; Django's ORM refuses that
# unless told it is safe (the test database is still used from one thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    missing = [str(p) for p in (CHROMIUM, AXE) if not p.exists()]
    if not missing:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"Browser tests need {', '.join(missing)} (see .ci/run).")
    skip = pytest.mark.skip(reason=f"missing {', '.join(missing)}: run `bash .ci/run` setup")
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def axe_violations():
    """axe_violations(page) -> the list of axe-core violations on the page."""

    def run(page):
        # Evaluated through the DevTools protocol, which the page's strict
        # Content-Security-Policy does not block (a <script> tag would be).
        if not page.evaluate("() => typeof axe !== 'undefined'"):
            page.evaluate(AXE.read_text(encoding="utf-8"))
        return page.evaluate("async () => (await axe.run(document)).violations")

    return run


def describe(violations):
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
