"""Citable releases: the open data frozen in a zip when an edition is published.

A release holds, under `miasta-otwarte-<version>/`:

- `datapackage.json` and `data/<language>/<table>.csv|.xlsx|.ods` for the four
  languages, plus `data/<language>/miasta-otwarte.xlsx|.ods` (every table a sheet);
- `codebook/codebook.<language>.md`: every table and field named and described, in
  the four languages;
- `CHANGELOG.md`: rows added, removed and changed since the previous release, per
  table, by primary key;
- `CITATION.cff` and `datacite.json` (DataCite metadata, ready for a DOI);
- `SHA256SUMS`: the SHA-256 of every other file (`sha256sum -c SHA256SUMS`).

Versions are `<year>.<n>`: the first release of the 2015 edition is 2015.1, a
correction 2015.2. A release is never rewritten: `freeze_release` only creates.
"""

import hashlib
import io
import json
import zipfile

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from otwarte.spreadsheets import CSV, FORMATS, ODS, XLSX, write_table
from practices.models import Edition

from ..datapackage import LICENSE, PUBLISHER
from ..models import Release
from . import package

CHECKSUMS = "SHA256SUMS"


def _site(path=""):
    return (settings.SITE_URL or "") + path


def _digest(data):
    return hashlib.sha256(data).hexdigest()


def _row_key(table, row):
    return "|".join(str(row[table.header.index(name)]) for name in table.primary_key)


def _collect(years):
    """{language: {table: rows}} and {table: {key: digest over the languages}}."""
    data = {lang: {t.name: package.rows(t, language=lang, years=years) for t in package.tables()}
            for lang in package.LANGUAGES}  # fmt: skip
    digests = {}
    for table in package.tables():
        by_key = {}
        for lang in package.LANGUAGES:
            for row in data[lang][table.name]:
                by_key.setdefault(_row_key(table, row), []).append([str(v) for v in row])
        digests[table.name] = {
            key: _digest(json.dumps(value, ensure_ascii=False).encode()) for key, value in by_key.items()
        }
    return data, digests


def changes(previous, digests):
    """[(table, added, removed, changed)] against the previous release's digests."""
    before_all = previous.row_digests if previous else {}
    result = []
    for table in package.tables():
        before, after = before_all.get(table.name, {}), digests.get(table.name, {})
        added = sorted(set(after) - set(before))
        removed = sorted(set(before) - set(after))
        changed = sorted(k for k in set(after) & set(before) if after[k] != before[k])
        result.append((table.name, added, removed, changed))
    return result


def _texts(release, previous, table_changes, years):
    context = {
        "release": release, "previous": previous, "changes": table_changes,
        "publisher": PUBLISHER, "license": LICENSE, "title": package.TITLE,
        "description": package.DESCRIPTION, "url": _site(reverse("public:opendata")),
        "editions": years,
    }  # fmt: skip
    # CITATION.cff is YAML: its free texts are written as JSON strings, which YAML reads.
    context["cff"] = {key: json.dumps(str(context[key]), ensure_ascii=False)
                      for key in ("title", "description", "publisher", "url")}
    files = {
        "CHANGELOG.md": render_to_string("public/opendata/CHANGELOG.md", context),
        "CITATION.cff": render_to_string("public/opendata/CITATION.cff", context),
        "datacite.json": json.dumps(datacite(release, previous, years), ensure_ascii=False,
                                    indent=1),
    }  # fmt: skip
    for lang in package.LANGUAGES:
        with translation.override(lang):
            files[f"codebook/codebook.{lang}.md"] = render_to_string(
                "public/opendata/codebook.md",
                {**context, "language": lang, "tables": package.tables()},
            )
    return {name: text.encode("utf-8") for name, text in files.items()}


def _files(release, previous, years):
    """{path in the zip: bytes} of everything but the checksums; and the digests."""
    data, digests = _collect(years)
    files = {}
    for lang in package.LANGUAGES:
        for table in package.tables():
            sheet = [(table.name, table.header, data[lang][table.name])]
            for fmt in FORMATS:
                files[f"data/{lang}/{table.name}.{fmt}"] = write_table(
                    fmt=fmt, sheets=sheet, language=lang
                )
        sheets = [(t.name, t.header, data[lang][t.name]) for t in package.tables()]
        for fmt in (XLSX, ODS):
            files[f"data/{lang}/{package.NAME}.{fmt}"] = write_table(
                fmt=fmt, sheets=sheets, language=lang
            )
    descriptor = package.describe(
        languages=package.LANGUAGES, path=lambda t, lang: f"data/{lang}/{t.name}.{CSV}",
        version=release.version, created=release.created_at.isoformat(),
        homepage=_site(reverse("public:opendata")),
        sources=[{"title": f"Miasta Otwarte {year}",
                  "path": _site(reverse("public:edition", args=[year]))} for year in years],
    )  # fmt: skip
    files["datapackage.json"] = json.dumps(descriptor, ensure_ascii=False, indent=1).encode()
    table_changes = changes(previous, digests)
    files.update(_texts(release, previous, table_changes, years))
    return files, digests, table_changes


def _zip(folder, files, when):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return out.getvalue()


def checksums(files):
    return "".join(f"{_digest(files[name])}  {name}\n" for name in sorted(files)).encode()


def freeze_release(*, edition, reason=""):
    """A new Release of the open data for `edition` (published), with the next number.

    Holds every published edition's rows (a release is the whole package as it
    stood); its changelog compares with the newest earlier release of any edition.
    """
    with transaction.atomic():
        Edition.objects.select_for_update().get(pk=edition.pk)
        number = (edition.data_releases.aggregate(n=Max("number"))["n"] or 0) + 1
        previous = Release.objects.defer("archive").order_by("-created_at", "-pk").first()
        release = Release(
            edition=edition, number=number, version=f"{edition.year}.{number}",
            created_at=timezone.now(), reason=reason,
        )  # fmt: skip
        years = list(Edition.objects.published().order_by("year").values_list("year", flat=True))
        files, digests, _changes = _files(release, previous, years)
        files[CHECKSUMS] = checksums(files)
        release.archive = _zip(release.filename.removesuffix(".zip"), files, release.created_at)
        release.size = len(release.archive)
        release.sha256 = _digest(release.archive)
        release.row_digests = digests
        release.changelog = files["CHANGELOG.md"].decode()
        release.save()
    return release


def datacite(release, previous, years):
    """DataCite metadata (REST API `attributes`), ready for a DOI to be minted."""
    related = []
    if previous is not None:
        related.append({
            "relatedIdentifier": _site(reverse("public:opendata_release", args=[previous.version])),
            "relatedIdentifierType": "URL", "relationType": "IsNewVersionOf",
        })  # fmt: skip
    return {"data": {"type": "dois", "attributes": {
        "titles": [{"title": package.TITLE, "lang": "en"}],
        "creators": [{"name": PUBLISHER, "nameType": "Organizational"}],
        "publisher": {"name": PUBLISHER},
        "publicationYear": release.created_at.year,
        "types": {"resourceTypeGeneral": "Dataset", "resourceType": "Tabular data package"},
        "version": release.version,
        "language": "pl",
        "subjects": [{"subject": s} for s in ("immigrant integration", "local government",
                                              "Poland", "city practices")],
        "dates": [{"date": release.created_at.date().isoformat(), "dateType": "Issued"}] + (
            [{"date": f"{years[0]}/{years[-1]}", "dateType": "Coverage"}] if years else []),
        "formats": ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "application/vnd.oasis.opendocument.spreadsheet"],
        "sizes": [f"{len(package.tables())} tables", "4 languages"],
        "rightsList": [{"rights": LICENSE["title"], "rightsUri": LICENSE["path"],
                        "rightsIdentifier": LICENSE["name"].lower()}],
        "descriptions": [{"description": package.DESCRIPTION, "descriptionType": "Abstract"}],
        "geoLocations": [{"geoLocationPlace": "Poland"}],
        "relatedIdentifiers": related,
        "url": _site(reverse("public:opendata")),
    }}}  # fmt: skip


def dataset_ld(request, releases):
    """schema.org Dataset of the open data, for the open-data page's JSON-LD."""
    page = request.build_absolute_uri(reverse("public:opendata"))
    latest = releases[0] if releases else None
    distribution = [
        {"@type": "DataDownload", "encodingFormat": "application/zip",
         "contentUrl": request.build_absolute_uri(
             reverse("public:opendata_release", args=[r.version])), "name": r.version}
        for r in releases
    ] + [{"@type": "DataDownload", "encodingFormat": "application/json",
          "contentUrl": request.build_absolute_uri(reverse("public:opendata_package"))}]
    return {
        "@context": "https://schema.org", "@type": "Dataset", "name": package.TITLE,
        "description": package.DESCRIPTION, "url": page, "license": LICENSE["path"],
        "creator": {"@type": "Organization", "name": PUBLISHER},
        "publisher": {"@type": "Organization", "name": PUBLISHER},
        "inLanguage": package.LANGUAGES, "isAccessibleForFree": True,
        "spatialCoverage": {"@type": "Place", "name": "Poland"},
        "keywords": ["immigrant integration", "cities", "Poland", "awards"],
        **({"version": latest.version, "datePublished": latest.created_at.date().isoformat()}
           if latest else {}),
        "distribution": distribution,
    }  # fmt: skip
