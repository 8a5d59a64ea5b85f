"""Browser code comes from npm's lock, not from copies in the repository
(otwarte/vendor.py), and only the listed files are served and collected."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

from otwarte import vendor

ROOT = Path(__file__).resolve().parents[2]


def _package(source_dir):
    return source_dir.split("/")[0]


def test_every_served_package_is_an_exact_runtime_dependency_in_the_npm_lock():
    package = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    for _, source_dir, _ in vendor.FILES:
        name = _package(source_dir)
        version = package["dependencies"][name]
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name}: pin an exact version"
        locked = lock[f"node_modules/{name}"]
        assert locked["version"] == version
        assert not locked.get("dev"), f"{name} must not be a devDependency (npm ci --omit=dev)"
        assert locked["integrity"].startswith("sha512-")


def test_no_third_party_code_is_copied_into_static():
    static = ROOT / "static"
    assert not (static / "vendor").exists()
    assert not [p for p in static.rglob("*") if p.suffix in {".js", ".mjs"}]


def test_the_admin_jquery_ui_is_found_in_node_modules():
    found = finders.find(settings.JQUERY_UI_URL)
    assert Path(found) == ROOT / "node_modules" / "jquery-ui" / "dist" / "jquery-ui.min.js"


def test_only_the_listed_files_are_collected():
    finder = vendor.NpmFinder()
    collected = sorted(f"{storage.prefix}/{path}" for path, storage in finder.list(None))
    assert collected == [
        "vendor/jquery-ui/LICENSE.txt",
        "vendor/jquery-ui/jquery-ui.min.js",
    ]
    assert not finder.find("vendor/jquery-ui/themes/base/theme.css")
    assert finder.find("vendor/jquery-ui/jquery-ui.min.js", find_all=True) == [
        str(ROOT / "node_modules" / "jquery-ui" / "dist" / "jquery-ui.min.js")
    ]
    assert finder.check() == []


def test_a_missing_npm_install_is_a_warning_not_a_crash(settings, tmp_path):
    settings.NODE_MODULES = tmp_path
    finder = vendor.NpmFinder()
    assert [w.id for w in finder.check()] == ["otwarte.W002"]
    assert list(finder.list(None)) == []
    assert not finder.find(settings.JQUERY_UI_URL)
