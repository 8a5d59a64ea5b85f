"""Citable releases (public/opendata/releases.py): publishing an edition freezes a
zip whose checksums verify, whose codebook names every field in four languages and
whose package frictionless validates; a correction is a new release and leaves the
old one untouched."""

import hashlib
import io
import json
import zipfile

import frictionless
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from booklet import services as booklet_services
from otwarte.opendata import tables
from practices.enums import Phase
from practices.services import change_phase
from public.models import Release
from public.opendata.releases import freeze_release
from tests.factories import AwardFactory, EditionFactory

pytestmark = pytest.mark.django_db
LANGUAGES = ["pl", "en", "uk", "ru"]


@pytest.fixture(autouse=True)
def fake_pdf(monkeypatch):
    # Publishing also renders the booklets; WeasyPrint is not under test here.
    monkeypatch.setattr(booklet_services, "html_to_pdf", lambda html, **kwargs: b"%PDF-1.7 test")


def _files(release):
    with zipfile.ZipFile(io.BytesIO(bytes(release.archive))) as archive:
        folder = release.filename.removesuffix(".zip") + "/"
        return {name.removeprefix(folder): archive.read(name) for name in archive.namelist()}


def test_publishing_an_edition_freezes_a_release(django_capture_on_commit_callbacks):
    edition = AwardFactory(edition=EditionFactory(phase=Phase.DELIBERATION)).edition
    with django_capture_on_commit_callbacks(execute=True):
        change_phase(edition=edition, phase=Phase.PUBLISHED)
    release = Release.objects.get()
    assert (release.edition, release.version) == (edition, f"{edition.year}.1")
    assert release.sha256 == hashlib.sha256(bytes(release.archive)).hexdigest()


def test_a_rolled_back_publish_freezes_nothing():
    edition = AwardFactory(edition=EditionFactory(phase=Phase.DELIBERATION)).edition
    change_phase(edition=edition, phase=Phase.PUBLISHED)  # never committed
    assert Release.objects.count() == 0


def test_checksums_verify(edition_2015):
    files = _files(freeze_release(edition=edition_2015))
    lines = files.pop("SHA256SUMS").decode().splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in lines)
    assert set(listed) == set(files)
    assert all(hashlib.sha256(files[name]).hexdigest() == digest for name, digest in listed.items())
    for lang in LANGUAGES:
        assert {f"data/{lang}/awards.{fmt}" for fmt in ("csv", "xlsx", "ods")} <= set(files)
    assert {"CITATION.cff", "datacite.json", "CHANGELOG.md", "datapackage.json"} <= set(files)


def test_codebook_names_every_field_in_four_languages(edition_2015):
    files = _files(freeze_release(edition=edition_2015))
    for lang in LANGUAGES:
        codebook = files[f"codebook/codebook.{lang}.md"].decode()
        for table in tables():
            with translation.override(lang):
                assert f"`{table.name}`" in codebook
                for field in table.fields:
                    assert f"| `{field.name}` | {field.type} | {field.description}" in codebook


def test_frictionless_validates_the_package_inside_the_zip(edition_2015, tmp_path):
    release = freeze_release(edition=edition_2015)
    with zipfile.ZipFile(io.BytesIO(bytes(release.archive))) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / release.filename.removesuffix(".zip")
    report = frictionless.Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert len(report.tasks) == 4 * len(tables())


def test_a_correction_is_a_new_release_and_the_old_one_is_untouched(edition_2015):
    first = freeze_release(edition=edition_2015)
    archive, digest = bytes(first.archive), first.sha256
    award = edition_2015.awards.order_by("order").first()
    award.practice.title_pl = "Poprawiony tytuł"
    award.practice.save()
    call_command("freeze_data_release", "2015", reason="Tytuł poprawiony", stdout=io.StringIO())
    second = Release.objects.exclude(pk=first.pk).get()
    first.refresh_from_db()
    assert (bytes(first.archive), first.sha256) == (archive, digest)
    assert (second.version, second.reason) == ("2015.2", "Tytuł poprawiony")
    changelog = _files(second)["CHANGELOG.md"].decode()
    assert "Compared with release 2015.1" in changelog
    assert f"changed: {award.practice.city.slug}|{award.practice.slug}" in changelog
    meta = json.loads(_files(second)["datacite.json"])["data"]["attributes"]
    assert meta["version"] == "2015.2"
    assert meta["relatedIdentifiers"][0]["relationType"] == "IsNewVersionOf"
    assert "version: \"2015.2\"" in _files(second)["CITATION.cff"].decode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_open_data_page_lists_releases_with_checksums_and_dataset_json_ld(
    anonymous, edition_2015, lang
):
    release = freeze_release(edition=edition_2015)
    with translation.override(lang):
        page = anonymous.get(reverse("public:opendata"))
        download = reverse("public:opendata_release", args=[release.version])
    html = page.content.decode()
    assert page.status_code == 200
    assert release.sha256 in html and download in html
    ld = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(ld)
    assert (data["@type"], data["version"]) == ("Dataset", "2015.1")
    assert data["distribution"][0]["contentUrl"].endswith(download)
    response = anonymous.get(download)
    assert hashlib.sha256(response.content).hexdigest() == release.sha256


def test_a_new_release_shows_on_the_cached_open_data_page(anonymous, edition_2015, settings):
    from django.core.cache import cache

    settings.PUBLIC_CACHE = True
    cache.clear()
    url = reverse("public:opendata")
    assert "2015.1" not in anonymous.get(url).content.decode()
    release = freeze_release(edition=edition_2015)
    assert release.sha256 in anonymous.get(url).content.decode()


def test_polish_codebook_and_package_are_in_polish(edition_2015):
    files = _files(freeze_release(edition=edition_2015))
    assert "Kod TERYT miasta" in files["codebook/codebook.pl.md"].decode()
    assert "Код TERYT міста" in files["codebook/codebook.uk.md"].decode()
    descriptor = json.loads(files["datapackage.json"])
    cities_pl = next(r for r in descriptor["resources"] if r["name"] == "cities-pl")
    assert cities_pl["dialect"] == {"delimiter": ";"}
    latitude = next(f for f in cities_pl["schema"]["fields"] if f["name"] == "latitude")
    assert latitude["decimalChar"] == ","


def test_a_release_cannot_be_saved_again(edition_2015):
    release = freeze_release(edition=edition_2015)
    release.reason = "rewritten"
    with pytest.raises(ValueError):
        release.save()
    assert Release.objects.get().reason == ""
