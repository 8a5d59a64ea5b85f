"""The organisers' import page in Chromium: upload an edition file, read the per-section
diff (nothing written yet), confirm, see the result; the pages are axe-clean."""

import json
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from practices.models import City, Edition
from tests.conftest import PASSWORD
from tests.e2e.conftest import describe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_upload_preview_confirm(page, live_server, organiser, tmp_path, axe_violations):
    call_command("loaddata", "reference", "edition_2015", verbosity=0)
    introduction = Edition.objects.get(year=2015).introduction_pl
    path = tmp_path / "partial.json"
    path.write_text(json.dumps({
        "format": "otwarte-edition",
        "version": 2,
        "edition": {"year": 2015},
        "cities": [{"slug": "lublin", "name": {"en": "Lublin (city)"}},
                   {"slug": "rzeszow", "name": {"pl": "Rzeszów"}, "voivodeship": "podkarpackie"}],
    }), encoding="utf-8")

    page.goto(f"{live_server.url}/en/login/")
    page.fill("input[name=username]", "organiser")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=re.compile("Log in")).click()
    page.get_by_role("link", name="Import an edition file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import an edition file")
    assert describe(axe_violations(page)) == []

    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Show what would change").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edition 2015")
    row = page.get_by_role("row", name=re.compile("^cities"))
    expect(row).to_contain_text("1")
    expect(page.get_by_text("new: cities[1] (rzeszow)")).to_be_visible()
    expect(page.get_by_text("cities[0] (lublin): name.en")).to_be_visible()
    assert describe(axe_violations(page)) == []
    assert not City.objects.filter(slug="rzeszow").exists()  # a preview writes nothing

    page.get_by_role("button", name="Import these changes").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Edition 2015 imported: 1 created, 1 changed, 1 unchanged.")
    assert City.objects.get(slug="rzeszow").name_pl == "Rzeszów"
    assert City.objects.get(slug="lublin").name_en == "Lublin (city)"
    edition = Edition.objects.get(year=2015)
    assert (edition.phase, edition.introduction_pl) == ("published", introduction)


def test_broken_file_is_refused_on_the_page(page, live_server, organiser, tmp_path):
    call_command("loaddata", "reference", verbosity=0)
    path = tmp_path / "broken.json"
    path.write_bytes('{"format": "otwarte-edition", "version": 2, "edition": {"year": 2015},'
                     ' "cities": [{"slug": "x", "name": {"pl": "RzeszĂłw"}}]}'.encode())
    page.goto(f"{live_server.url}/en/login/")
    page.fill("input[name=username]", "organiser")
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=re.compile("Log in")).click()
    page.goto(f"{live_server.url}/en/exchange/import/")
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Show what would change").click()
    expect(page.get_by_role("alert")).to_contain_text("cities[0] (x): “name.pl”")
    assert not Edition.objects.exists()
