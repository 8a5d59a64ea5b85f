"""The open-data package: Frictionless descriptors and the files they describe.

One resource per registered table (`otwarte.opendata.tables()`) and language,
named `<table>-<language>`, its foreign keys pointing at the same language's
resources. The CSV of a language uses that language's separators
(`otwarte.spreadsheets.csv_dialect`: "," and "." in English, ";" and "," in
Polish, Ukrainian and Russian), and its descriptor says so (`dialect`,
`decimalChar`), so frictionless reads each file as a spreadsheet user would.
The same rows are offered as XLSX and ODS, one file per table and one workbook
with every table as a sheet.
"""

from django.conf import settings
from django.utils import translation

from otwarte.opendata import tables
from otwarte.spreadsheets import CSV, Sheet, csv_dialect, write_table

from ..datapackage import LICENSE, PUBLISHER

LANGUAGES = [code for code, _name in settings.LANGUAGES]
NAME = "miasta-otwarte"
TITLE = "Miasta Otwarte (Open Cities): city practices for immigrant integration"
DESCRIPTION = (
    "The awards of the Miasta Otwarte action and the data around them: cities (with "
    "TERYT codes), categories, practices, similar actions, follow-ups, progress on "
    "recommendations, the jury's criteria and anonymised score profiles, and the "
    "aggregates of the migrants' civic audit. Texts are written in Polish and translated "
    "into English, Ukrainian and Russian; an untranslated text is given in Polish."
)


def table(name):
    return next((t for t in tables() if t.name == name), None)


def rows(table, *, language, years=None):
    with translation.override(language):
        return table.rows(years=years)


def sheet(table, *, language, years=None):
    return Sheet(table.name, table.header, rows(table, language=language, years=years))


def table_file(table, *, fmt, language, years=None):
    """The bytes of one table in one format and language."""
    return write_table(fmt=fmt, sheets=[sheet(table, language=language, years=years)],
                       language=language)  # fmt: skip


def workbook(*, fmt, language, years=None):
    """Every table as a sheet of one XLSX or ODS workbook."""
    sheets = [sheet(t, language=language, years=years) for t in tables()]
    return write_table(fmt=fmt, sheets=sheets, language=language)


def schema(table, language):
    _delimiter, decimal = csv_dialect(language)
    with translation.override(language):
        data = {
            "fields": [f.schema(decimal) for f in table.fields],
            "primaryKey": list(table.primary_key),
            "missingValues": [""],
        }
    if table.foreign_keys:
        data["foreignKeys"] = [
            {"fields": list(fk.fields),
             "reference": {"resource": f"{fk.resource}-{language}", "fields": list(fk.reference)}}
            for fk in table.foreign_keys
        ]  # fmt: skip
    return data


def resource(table, *, language, path):
    delimiter, _decimal = csv_dialect(language)
    with translation.override(language):
        title, description = str(table.title), str(table.description)
    return {
        "name": f"{table.name}-{language}",
        "profile": "tabular-data-resource",
        "title": title,
        "description": description,
        "path": path,
        "format": CSV,
        "mediatype": "text/csv",
        # Each CSV starts with a byte-order mark, so that spreadsheets read it as UTF-8.
        "encoding": "utf-8-sig",
        "dialect": {"delimiter": delimiter},
        "languages": [language] if language == "pl" else [language, "pl"],
        "licenses": [LICENSE],
        "schema": schema(table, language),
    }


def describe(*, languages, path, version, created=None, sources=(), homepage=""):
    """The datapackage.json: `path(table, language)` gives each CSV's path or URL."""
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        **({"homepage": homepage} if homepage else {}),
        "version": version,
        **({"created": created} if created else {}),
        "languages": list(languages),
        "licenses": [LICENSE],
        "contributors": [{"title": PUBLISHER, "role": "publisher"}],
        "sources": list(sources),
        "resources": [
            resource(t, language=language, path=path(t, language))
            for language in languages
            for t in tables()
        ],
    }
