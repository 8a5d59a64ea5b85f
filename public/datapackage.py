"""The open data as a Frictionless Data Package (datapackage.json).

One table is published, the awards, as a CSV download per language
(`/<lang>/practices/export.csv`, views.practice_export). The fields below are
the CSV's columns, in order: the export writes its header from them, so the
description cannot drift from the file, and tests/public/test_datapackage.py
validates the package and its CSVs with the `frictionless` library.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from practices.enums import FollowUpStatus
from practices.models import Edition

# The licence the foundation publishes its open data under (also in the OpenAPI document).
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
PUBLISHER = "Fundacja „Inna Przestrzeń”"

# Name, Table Schema type and extra properties of each CSV column, in order.
AWARD_FIELDS = [
    {"name": "year", "type": "integer", "description": "Edition (year) of the award.",
     "constraints": {"required": True}},
    {"name": "category", "type": "string", "description": "Award category, in the file's language."},
    {"name": "city", "type": "string", "description": "City whose government runs the practice."},
    {"name": "practice", "type": "string",
     "description": "Title of the practice; empty when the award names only the city."},
    {"name": "description", "type": "string", "description": "What the practice is."},
    {"name": "recommendation", "type": "string",
     "description": "The jury's recommendation for other cities."},
    {"name": "similar_actions", "type": "string",
     "description": "Similar actions elsewhere, `City: practice` (or only `City`), "
                    "separated by ` | `."},
    {"name": "url", "type": "string", "format": "uri", "description": "The practice's page.",
     "constraints": {"required": True}},
    {"name": "follow_up_status", "type": "string",
     "description": "How the practice is carried on, from the experts' follow-up reports.",
     "constraints": {"required": True, "enum": FollowUpStatus.values}},
    {"name": "follow_up_year", "type": "integer",
     "description": "Year of the latest follow-up; empty when none."},
]  # fmt: skip
EXPORT_HEADER = [field["name"] for field in AWARD_FIELDS]
SIMILAR_ACTIONS_SEPARATOR = " | "


def _absolute(request, path):
    return request.build_absolute_uri(path)


def describe(request):
    """datapackage.json: the awards table in every language, licence, provenance."""
    editions = list(Edition.objects.published().order_by("year"))
    languages = [code for code, _name in settings.LANGUAGES]
    resources = []
    for code in languages:
        with translation.override(code):
            path = _absolute(request, reverse("public:export_csv"))
            page = _absolute(request, reverse("public:practice_list"))
        resources.append(
            {
                "name": f"awards-{code}",
                "profile": "tabular-data-resource",
                "title": f"Miasta Otwarte awards ({code})",
                "description": (
                    "One row per award (practice × category × edition) of the published "
                    f"editions; translated fields in `{code}`, falling back to Polish. "
                    f"The same filters as {page} apply to the download."
                ),
                "path": path,
                "format": "csv",
                "mediatype": "text/csv",
                # The file starts with a byte-order mark so that spreadsheets read it as UTF-8.
                "encoding": "utf-8-sig",
                "languages": [code] if code == "pl" else [code, "pl"],
                "licenses": [LICENSE],
                "schema": {"fields": AWARD_FIELDS, "missingValues": [""]},
            }
        )
    latest = max((e.published_at for e in editions if e.published_at), default=None)
    return {
        "profile": "tabular-data-package",
        "name": "miasta-otwarte-awards",
        "title": "Miasta Otwarte (Open Cities): awarded city practices for immigrant integration",
        "description": (
            "Practices of Polish city governments that the Miasta Otwarte jury awarded, "
            "as published on this site. Texts are written in Polish and translated into "
            "English, Ukrainian and Russian; an untranslated field is given in Polish. "
            "A CSV value starting with =, +, - or @ is prefixed with an apostrophe so that "
            "spreadsheets do not run it as a formula."
        ),
        "homepage": _absolute(request, reverse("public:home")),
        # The newest published edition and when it was published.
        "version": str(editions[-1].year) if editions else "0",
        **({"created": latest.isoformat()} if latest else {}),
        "languages": languages,
        "licenses": [LICENSE],
        "sources": [
            {
                "title": (
                    f"Miasta Otwarte {e.year}: experts' city reports and the jury's decisions"
                ),
                "path": _absolute(request, reverse("public:edition", args=[e.year])),
            }
            for e in editions
        ],
        "contributors": [{"title": PUBLISHER, "role": "publisher"}],
        # Provenance: which editions the tables come from, and when each was published.
        "editions": [
            {
                "year": e.year,
                "published_at": e.published_at.isoformat() if e.published_at else None,
                "api_url": _absolute(request, reverse("api:edition", args=[e.year])),
            }
            for e in editions
        ],
        "resources": resources,
    }
