"""What an edition file may hold: every section and field, and the JSON Schema built from it.

One description serves three readers: the published schema (exchange/schema/edition-v2.json,
rebuilt by `export_edition --schema` and checked by the tests), the importer (which field of
which model a name sets) and the documentation (docs/import-format.md lists the same names).
"""

import json
from pathlib import Path

from django.conf import settings

from practices.enums import FollowUpStatus, Initiator, Phase, ProposalStatus, Voivodeship
from reports.enums import ReportStatus

FORMAT = "otwarte-edition"
VERSION = 2
READABLE_VERSIONS = (1, 2)
LANGUAGES = [code for code, _name in settings.LANGUAGES]
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "edition-v2.json"
SCHEMA_ID = "https://otwarte.example.org/schema/edition-v2.json"

# ISO 8601 date-time, with or without an offset (without: read in the site's time zone).
DATETIME_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?"
    r"(Z|[+-][0-9]{2}:?[0-9]{2})?$"
)
DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"


class F:
    """One field of a record: its kind, whether null is allowed (null clears), and limits."""

    def __init__(self, kind, *, null=True, choices=None, minimum=None, maximum=None, of=None):
        self.kind = kind
        self.null = null
        self.choices = choices
        self.minimum = minimum
        self.maximum = maximum
        self.of = of  # the record kind of "record" and "records"


TEXT, TRANS, LINES, INT, BOOL, DECIMAL, DATETIME, CHOICE, SLUG, SLUGS = (
    "text", "translations", "lines", "int", "bool", "decimal", "datetime", "choice",
    "slug", "slugs",
)
RECORD, RECORDS = "record", "records"


class Record:
    def __init__(self, key, fields, description=""):
        self.key = key  # the natural key: required fields that find the stored record
        self.fields = fields
        self.description = description


ACCOUNT = {
    "username": F(TEXT, null=False),
    "email": F(TEXT),
    "first_name": F(TEXT),
    "last_name": F(TEXT),
}

RECORDS_SPEC = {
    "edition": Record(
        ["year"],
        {
            "year": F(INT, null=False, minimum=2014, maximum=2100),
            "phase": F(CHOICE, null=False, choices=Phase.values),
            "title": F(TRANS),
            "introduction": F(TRANS),
            "selection": F(TRANS),
            "reports_deadline": F(DATETIME),
            "scoring_deadline": F(DATETIME),
            "ceremony_at": F(DATETIME),
            "ceremony_place": F(TRANS),
            "ceremony_city": F(SLUG),
            "ceremony_occasion": F(TRANS),
            "organiser": F(TEXT),
            "partners": F(TEXT),
            "funders": F(TRANS),
            "published_at": F(DATETIME),
            # The edition's own categories (codes). Absent or null: what the edition
            # has (a new one starts with the previous edition's); the categories the
            # file's rows name always join.
            "categories": F(SLUGS),
        },
        "The edition itself.",
    ),
    "cities": Record(
        ["slug"],
        {
            "slug": F(TEXT, null=False),
            "name": F(TRANS, null=False),
            "voivodeship": F(CHOICE, null=False, choices=Voivodeship.values),
            "teryt": F(TEXT),
            "latitude": F(DECIMAL),
            "longitude": F(DECIMAL),
        },
    ),
    "categories": Record(
        ["code"],
        {
            "code": F(TEXT, null=False),
            "order": F(INT, null=False, minimum=0),
            "name": F(TRANS, null=False),
            "description": F(TRANS),
        },
    ),
    "criteria": Record(
        ["code"],
        {
            "code": F(TEXT, null=False),
            "order": F(INT, null=False, minimum=0),
            "name": F(TRANS, null=False),
            "description": F(TRANS),
            "scale_min": F(INT, null=False, minimum=0),
            "scale_max": F(INT, null=False, minimum=0),
            "weight": F(DECIMAL, null=False),
            "required": F(BOOL, null=False),
            "scale_labels": F(LINES),
        },
    ),
    "experts": Record(
        ["username"],
        {
            **ACCOUNT,
            "cities": F(SLUGS, null=False),
            "order": F(INT, null=False, minimum=0),
            "group": F(TRANS),
        },
    ),
    "jurors": Record(
        ["slug"],
        {
            "slug": F(TEXT, null=False),
            "name": F(TEXT, null=False),
            "country_of_origin": F(TRANS),
            "city": F(SLUG),
            "preferred_language": F(CHOICE, null=False, choices=LANGUAGES),
            "account": F(RECORD, of="account"),
        },
    ),
    "practices": Record(
        ["city", "slug"],
        {
            "city": F(TEXT, null=False),
            "slug": F(TEXT, null=False),
            "title": F(TRANS),
            "description": F(TRANS),
            "categories": F(SLUGS, null=False),
            "initiator": F(CHOICE, null=False, choices=Initiator.values),
            "start_year": F(INT, minimum=1945, maximum=2100),
            "website": F(TEXT),
            "follow_up_status": F(CHOICE, null=False, choices=FollowUpStatus.values),
            "follow_up_year": F(INT, minimum=2014, maximum=2100),
        },
    ),
    "reports": Record(
        ["city"],
        {
            "city": F(TEXT, null=False),
            "status": F(CHOICE, null=False, choices=ReportStatus.values),
            "overview": F(TRANS),
            "review_comment": F(TEXT),
            "submitted_at": F(DATETIME),
            "accepted_at": F(DATETIME),
            "practices": F(RECORDS, null=False, of="report_practice"),
            "follow_ups": F(RECORDS, null=False, of="follow_up"),
            "proposals": F(RECORDS, null=False, of="proposal"),
        },
    ),
    "report_practice": Record(
        ["practice"],
        {
            "practice": F(TEXT, null=False),
            "category": F(SLUG),
            "engagement": F(TRANS),
            "durability": F(TRANS),
            "comprehensiveness": F(TRANS),
            "effectiveness": F(TRANS),
        },
    ),
    "follow_up": Record(
        ["practice"],
        {
            "practice": F(TEXT, null=False),
            "status": F(CHOICE, null=False, choices=FollowUpStatus.values),
            "note": F(TEXT),
            "evidence_url": F(TEXT),
        },
    ),
    "proposal": Record(
        ["practice", "category"],
        {
            "practice": F(TEXT, null=False),
            "category": F(TEXT, null=False),
            "justification": F(TRANS),
        },
    ),
    "open_call": Record(
        ["submitted_at", "contact_email"],
        {
            "submitted_at": F(DATETIME, null=False),
            "contact_email": F(TEXT, null=False),
            "city": F(SLUG),
            "city_name": F(TEXT),
            "title": F(TEXT, null=False),
            "description": F(TEXT, null=False),
            "category": F(SLUG),
            "proposer": F(TEXT),
            "status": F(CHOICE, null=False, choices=ProposalStatus.values),
            "decided_at": F(DATETIME),
            "practice": F(SLUG),
            "moderator_note": F(TEXT),
        },
    ),
    "nominations": Record(
        ["city", "practice", "category"],
        {
            "city": F(TEXT, null=False),
            "practice": F(TEXT, null=False),
            "category": F(TEXT, null=False),
            "justification": F(TRANS),
            "conflicts": F(RECORDS, null=False, of="conflict"),
            "scores": F(RECORDS, null=False, of="score"),
            "comments": F(RECORDS, null=False, of="comment"),
        },
    ),
    "conflict": Record(["juror"], {"juror": F(TEXT, null=False), "reason": F(TEXT, null=False)}),
    "score": Record(
        ["juror", "criterion"],
        {
            "juror": F(TEXT, null=False),
            "criterion": F(TEXT, null=False),
            "value": F(INT, null=False),
        },
    ),
    "comment": Record(["juror"], {"juror": F(TEXT, null=False), "text": F(TEXT)}),
    "awards": Record(
        ["category", "city", "practice"],
        {
            "order": F(INT, null=False, minimum=0),
            "category": F(TEXT, null=False),
            "city": F(TEXT, null=False),
            "practice": F(TEXT, null=False),
            "recommendation": F(TRANS),
            "similar_actions": F(RECORDS, null=False, of="similar_action"),
            "quotes": F(RECORDS, null=False, of="quote"),
        },
    ),
    "similar_action": Record(
        ["order"],
        {
            "order": F(INT, null=False, minimum=0),
            "city": F(TEXT, null=False),
            "practice": F(SLUG),
        },
    ),
    "quote": Record(
        ["order"],
        {"order": F(INT, null=False, minimum=0), "juror": F(SLUG), "text": F(TRANS)},
    ),
    "account": Record(["username"], ACCOUNT),
}

# Top-level sections in the order they are written and imported (references point back).
SECTIONS = [
    "cities",
    "categories",
    "criteria",
    "experts",
    "jurors",
    "practices",
    "reports",
    "open_call",
    "nominations",
    "awards",
]


def _field_schema(field):
    kind = field.kind
    if kind == TEXT:
        schema = {"type": "string"}
    elif kind == TRANS:
        schema = {"$ref": "#/$defs/translations"}
    elif kind == LINES:
        schema = {"$ref": "#/$defs/lines"}
    elif kind == INT:
        schema = {"type": "integer"}
    elif kind == BOOL:
        schema = {"type": "boolean"}
    elif kind == DECIMAL:
        schema = {"type": "string", "pattern": DECIMAL_PATTERN}
    elif kind == DATETIME:
        schema = {"type": "string", "pattern": DATETIME_PATTERN}
    elif kind == CHOICE:
        schema = {"enum": list(field.choices)}
    elif kind == SLUG:
        schema = {"type": "string"}
    elif kind == SLUGS:
        schema = {"type": "array", "items": {"type": "string"}, "uniqueItems": True}
    elif kind == RECORD:  # inline, so that null or the record's own errors are reported
        schema = _record_schema(RECORDS_SPEC[field.of])
    elif kind == RECORDS:
        schema = {"type": "array", "items": {"$ref": f"#/$defs/{field.of}"}}
    else:  # pragma: no cover - a spec error
        raise ValueError(kind)
    if field.minimum is not None:
        schema["minimum"] = field.minimum
    if field.maximum is not None:
        schema["maximum"] = field.maximum
    if field.null and kind not in (TRANS, LINES):
        if "enum" in schema:
            schema["enum"].append(None)
        else:
            schema["type"] = [schema["type"], "null"]
    return schema


def _record_schema(record):
    return {
        "type": "object",
        "required": list(record.key),
        "additionalProperties": False,
        "properties": {name: _field_schema(field) for name, field in record.fields.items()},
    }


def build_schema():
    """The JSON Schema (draft 2020-12) of format version 2, as a dict."""
    defs = {
        "translations": {
            "description": "Text per language; a missing language is left as stored, "
            "null clears it (the whole object null clears every language).",
            "type": ["object", "null"],
            "additionalProperties": False,
            "properties": {lang: {"type": ["string", "null"]} for lang in LANGUAGES},
        },
        "lines": {
            "description": "A list of labels per language (the lowest score's first).",
            "type": ["object", "null"],
            "additionalProperties": False,
            "properties": {
                lang: {"type": ["array", "null"], "items": {"type": "string"}}
                for lang in LANGUAGES
            },
        },
    }
    for name, record in RECORDS_SPEC.items():
        defs[name] = _record_schema(record)
    properties = {
        "format": {"const": FORMAT},
        "version": {"enum": list(READABLE_VERSIONS)},
        "anonymised": {"type": "boolean"},
        "edition": {"$ref": "#/$defs/edition"},
    }
    for section in SECTIONS:
        properties[section] = {"type": "array", "items": {"$ref": f"#/$defs/{section}"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Otwarte edition file, version 2",
        "description": "One edition of Miasta Otwarte (docs/import-format.md). A field absent "
        "from a record leaves the stored value; null clears it.",
        "type": "object",
        "required": ["format", "version", "edition"],
        "additionalProperties": False,
        "properties": properties,
        "$defs": defs,
    }


def schema_text():
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


def published_schema():
    """The schema as published in exchange/schema/edition-v2.json."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
