"""Browser tests: Debian's Chromium driven by Playwright, against live_server.

Chromium is never downloaded (`playwright install` fails here); `make test`
installs axe-core (npm ci). In CI a missing browser or axe-core is an error,
elsewhere the browser tests are skipped with a reason.

Tests wait on conditions only: Playwright's auto-waiting actions and
`expect(...)` assertions, never sleeps or network-idle heuristics. The
timeouts below are generous so that a busy machine slows a test down instead
of failing it, and finite so that a real failure still ends.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

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

# Playwright's defaults (5 s for expect, 30 s for actions) fail under load.
EXPECT_TIMEOUT_MS = 20_000
ACTION_TIMEOUT_MS = 30_000
NAVIGATION_TIMEOUT_MS = 60_000
expect.set_options(timeout=EXPECT_TIMEOUT_MS)


def pytest_collection_modifyitems(config, items):
    missing = [str(p) for p in (CHROMIUM, AXE) if not p.exists()]
    if not missing:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"Browser tests need {', '.join(missing)} (see .ci/run).")
    skip = pytest.mark.skip(reason=f"missing {', '.join(missing)}: `make test` installs axe-core"
                            " (npm ci); Chromium comes from apt-get install chromium")
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def page(page):
    page.set_default_timeout(ACTION_TIMEOUT_MS)
    page.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    return page


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


# modeltranslation's admin language tabs (jQuery UI markup: focusable links
# inside role=tab items) and its unlabelled language <select>: third-party
# admin widgets, not our pages. Only admin checks may drop them.
MODELTRANSLATION_WIDGETS = ('li[aria-controls="tab_id_', ".ui-tabs-active", "#modeltranslation-main-switch")


def describe_admin(violations):
    """describe() without violations that only concern modeltranslation's widgets."""
    kept = []
    for rule, targets in describe(violations):
        ours = [t for t in targets if not str(t[0]).startswith(MODELTRANSLATION_WIDGETS)]
        if ours:
            kept.append((rule, ours))
    return kept
