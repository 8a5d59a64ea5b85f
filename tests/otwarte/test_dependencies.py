"""The Python locks (`make lock`): production's and development's apart, every file
pinned by its hash, both in step with pyproject.toml and with each other."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = ROOT / "requirements.lock"
DEVELOPMENT = ROOT / "requirements-dev.lock"
LOCKS = [PRODUCTION, DEVELOPMENT]
# Test tools that must never reach a server, whatever pyproject.toml says later.
TEST_TOOLS = {
    "pytest", "pytest-django", "pytest-playwright", "pytest-xdist", "playwright",
    "schemathesis", "hypothesis", "frictionless", "factory-boy", "faker", "import-linter",
}
REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==(\S+)")


def _name(text):
    return re.split(r"[\[=<>!~ ;]", text.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _entries(lock):
    """One (requirement line, hashes) per locked package: continuation lines joined."""
    statements = re.sub(r"\\\n", " ", lock.read_text()).splitlines()
    entries = []
    for statement in statements:
        statement = statement.split(" #", 1)[0].strip()
        if not statement or statement.startswith("#"):
            continue
        requirement, *options = statement.split()
        entries.append((requirement, [o for o in options if o.startswith("--hash=")]))
    return entries


def _pins(lock):
    """{name: (version, hashes)} of a lock."""
    pins = {}
    for requirement, hashes in _entries(lock):
        match = REQUIREMENT.match(requirement)
        assert match, f"{lock.name}: not an exact pin: {requirement}"
        pins[_name(match[1])] = (match[3], sorted(hashes))
    return pins


def _project():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


@pytest.mark.parametrize("lock", LOCKS, ids=lambda lock: lock.name)
def test_every_lock_line_is_an_exact_pin_with_a_sha256_hash(lock):
    entries = _entries(lock)
    assert entries
    for requirement, hashes in entries:
        assert REQUIREMENT.match(requirement), f"{lock.name}: {requirement} is not pinned with =="
        assert hashes, f"{lock.name}: {requirement} has no hash (make lock: --generate-hashes)"
        assert all(h.startswith("--hash=sha256:") for h in hashes), requirement


def test_the_production_lock_holds_no_development_package():
    production = set(_pins(PRODUCTION))
    direct = {_name(requirement) for requirement in _project()["dependencies"]}
    dev_only = {_name(requirement) for requirement in _project()["optional-dependencies"]["dev"]}
    assert not (TEST_TOOLS | (dev_only - direct)) & production


def test_development_runs_production_packages_at_production_versions():
    """The dev lock is resolved with the production lock as its constraint (make lock)."""
    production, development = _pins(PRODUCTION), _pins(DEVELOPMENT)
    assert set(production) < set(development)
    for name, pin in production.items():
        assert development[name] == pin, name


@pytest.mark.parametrize(
    ("lock", "group"), [(PRODUCTION, "dependencies"), (DEVELOPMENT, "dev")],
    ids=["production", "dev"],
)
def test_the_locks_hold_what_pyproject_pins(lock, group):
    """A dependency added to pyproject.toml and not yet locked: run `make lock`."""
    project = _project()
    pinned = project["dependencies"] + (
        project["optional-dependencies"]["dev"] if group == "dev" else []
    )
    locked = _pins(lock)
    for requirement in pinned:
        name, version = _name(requirement), requirement.split("==")[1].split(";")[0].strip()
        assert locked.get(name, ("missing",))[0] == version, f"{requirement}: run make lock"


def test_production_installs_only_its_own_lock_and_checks_the_hashes():
    deploy = (ROOT / "docs" / "deploy.md").read_text()
    installs = re.findall(r"pip install [^\n`]*", deploy)
    assert any("--require-hashes -r requirements.lock" in line for line in installs)
    assert not any("requirements-dev.lock" in line for line in installs)
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes -r requirements-dev.lock" in makefile
