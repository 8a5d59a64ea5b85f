"""One edition as one JSON file: `export_edition` and `import_edition`.

The format is documented in docs/import-format.md and published as a JSON Schema
(exchange/schema/edition-v2.json, built from exchange/spec.py). Reading checks the
encoding (UTF-8, a byte-order mark allowed, mojibake refused) and the schema before
anything is written; the import then merges in one transaction that any error rolls
back, so a bad file leaves the database as it was. Every error names the record.

Merging never loses data: records are found by their natural keys; a field absent
from a record leaves the stored value; only an explicit null clears it; records and
list entries missing from the file are left alone; an object is saved only when a
value really changes, so importing the same file twice writes nothing (no history
rows). A published edition's own record and its awards change only when the caller
allows it (`allow_published_changes`, `--allow-published-changes`).
"""

import codecs
import hashlib
import hmac
import json
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from jury.models import Conflict, Criterion, Juror, JurorQuote, Nomination, Score, ScoreComment
from otwarte import accounts
from otwarte.roles import Role
from practices import services as practice_services
from practices.phases import Action, allows
from practices.models import (
    Assignment,
    Award,
    Category,
    City,
    Edition,
    Panelist,
    Practice,
    PracticeProposal,
    SimilarAction,
)
from reports.models import FollowUp, ProposedNomination, Report, ReportPractice

from .spec import FORMAT, LANGUAGES, READABLE_VERSIONS, RECORDS_SPEC, SECTIONS, VERSION
from .spec import published_schema

# Nested lists: (record kind, field) → the record kind of its entries.
NESTED = {
    (name, fname): f.of
    for name, record in RECORDS_SPEC.items()
    for fname, f in record.fields.items()
    if f.kind == "records"
}
# The record kinds of the sections whose rows summarise a record (for the preview).
SUMMARY_SECTIONS = ["edition", *SECTIONS]


class EditionImportError(ValueError):
    """The file cannot be imported; the message says where and why (in the active language)."""


# --- reading: bytes → text → JSON ---------------------------------------------


def decode(raw):
    """The file's text: UTF-8, with or without a byte-order mark."""
    if isinstance(raw, str):
        return raw.removeprefix("\ufeff")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise EditionImportError(_("The file is UTF-16 text; save it as UTF-8 and try again."))
    raw = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise EditionImportError(
            _(
                "The file is not UTF-8 text (line %(line)d: byte 0x%(byte)02X). It was probably "
                "saved as Windows-1250 or ISO 8859-2; save it as UTF-8 and try again."
            )
            % {"line": line, "byte": raw[error.start]}
        ) from error


def _no_duplicate_keys(pairs):
    seen = set()
    for key, _value in pairs:
        if key in seen:
            raise EditionImportError(
                _("The key “%(key)s” appears twice in one JSON object.") % {"key": key}
            )
        seen.add(key)
    return dict(pairs)


def _integer(digits):
    # Python refuses to convert longer digit strings, with a ValueError json does not wrap.
    limit = sys.get_int_max_str_digits()
    if limit and len(digits.lstrip("-")) > limit:
        raise EditionImportError(
            _("The file holds a number of %(digits)d digits; no field takes a number that "
              "long.") % {"digits": len(digits.lstrip("-"))}
        )
    return int(digits)


def _lone_surrogate(value, path=()):
    """(path, code) of the first string or key holding half of a UTF-16 pair, or None."""
    texts = [value] if isinstance(value, str) else []
    if isinstance(value, dict):
        texts = list(value)
        items = value.items()
    else:
        items = enumerate(value) if isinstance(value, list) else []
    for text in texts:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            return path, ord(text[error.start])
    for key, item in items:
        found = _lone_surrogate(item, (*path, key))
        if found:
            return found
    return None


def _no_lone_surrogates(data):
    """A JSON escape such as \\ud800 without its pair parses to a string that no database
    and no UTF-8 encoder accepts: refuse it, naming where (printably)."""
    found = _lone_surrogate(data)
    if found is not None:
        path, code = found
        where = ".".join(
            str(p).encode("utf-8", "backslashreplace").decode("utf-8") for p in path
        )
        raise EditionImportError(
            _("%(where)s: the escape for U+%(code)04X is half of a character (a lone "
              "surrogate); write the whole character.")
            % {"where": where or _("the file"), "code": code}
        )


def loads(text):
    """Parse the file's text (str or bytes); duplicate keys in one JSON object, lone
    surrogate escapes and over-long integers are errors."""
    text = decode(text)
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise EditionImportError(
            _("Not valid JSON (line %(line)d, column %(column)d): %(message)s.")
            % {"line": error.lineno, "column": error.colno, "message": error.msg}
        ) from error
    except RecursionError as error:
        raise EditionImportError(_("The JSON is nested too deeply to be an edition file.")) from error
    _no_lone_surrogates(data)
    return data


# --- naming records -------------------------------------------------------------


def _key_text(kind, record):
    keys = RECORDS_SPEC[kind].key
    if isinstance(record, dict) and all(k in record for k in keys):
        return "/".join(str(record[k]) for k in keys)
    return None


def _label(kind, index, record, prefix=None):
    name = prefix or kind
    key = _key_text(kind, record)
    return f"{name}[{index}] ({key})" if key else f"{name}[{index}]"


def _where(data, path):
    """("practices[3] (lublin/foo)", "title.pl") for a path into the file."""
    path = list(path)
    if not path:
        return _("the file"), None
    head = path.pop(0)
    if head == "edition":
        return "edition", ".".join(str(p) for p in path) or None
    if head not in SECTIONS or not path or not isinstance(path[0], int):
        return _("the file"), ".".join(str(p) for p in [head, *path])
    index = path.pop(0)
    records = data.get(head) if isinstance(data, dict) else None
    record = records[index] if isinstance(records, list) and index < len(records) else None
    kind, where = head, _label(head, index, record)
    while len(path) >= 2 and (kind, path[0]) in NESTED and isinstance(path[1], int):
        name, index = path.pop(0), path.pop(0)
        child_kind = NESTED[(kind, name)]
        children = record.get(name) if isinstance(record, dict) else None
        record = (
            children[index] if isinstance(children, list) and index < len(children) else None
        )
        where = f"{where}.{_label(child_kind, index, record, prefix=name)}"
        kind = child_kind
    return where, ".".join(str(p) for p in path) or None


def _at(where, field_name=None):
    return f"{where}: “{field_name}”" if field_name else where


# --- mojibake -------------------------------------------------------------------


def _repaired(text):
    """The text as it was before a UTF-8 file was read through cp1250/cp1252/latin-1, or None."""
    if text.isascii():
        return None
    for encoding in ("cp1250", "cp1252", "latin-1"):
        try:
            original = text.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
        if original != text:
            return original
    return None


def _strings(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def check_mojibake(data):
    for path, text in _strings(data):
        original = _repaired(text)
        if original is not None:
            where, field_name = _where(data, path)
            raise EditionImportError(
                _(
                    "%(where)s: “%(text)s” looks like “%(original)s” read in the wrong "
                    "encoding (UTF-8 text decoded as Windows-1250 or Latin-1). Nothing was "
                    "repaired: export the file again as UTF-8."
                )
                % {"where": _at(where, field_name), "text": text[:80], "original": original[:80]}
            )


# --- validation -----------------------------------------------------------------

_VALIDATOR = None


def _validator():
    global _VALIDATOR
    if _VALIDATOR is None:
        _VALIDATOR = Draft202012Validator(published_schema())
    return _VALIDATOR


def _type_names():
    return {
        "string": _("a string"),
        "integer": _("a whole number"),
        "number": _("a number"),
        "object": _("an object"),
        "array": _("a list"),
        "boolean": _("true or false"),
        "null": _("null"),
    }


def _json_type(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    return {str: "string", dict: "object", list: "array", float: "number"}.get(type(value), "?")


def _schema_message(data, error):
    path = list(error.absolute_path)
    names = _type_names()
    if error.validator == "required":
        where, _field = _where(data, path)
        missing = next(k for k in error.validator_value if k not in error.instance)
        return _("%(where)s: “%(field)s” is missing.") % {"where": where, "field": missing}
    if error.validator == "additionalProperties":
        where, field_name = _where(data, path)
        allowed = set(error.schema.get("properties", {}))
        unknown = sorted(k for k in error.instance if k not in allowed)[0]
        if not path:
            return _("Unknown section “%(section)s”.") % {"section": unknown}
        return _("%(where)s: unknown field “%(field)s”.") % {
            "where": _at(where, field_name),
            "field": unknown,
        }
    where, field_name = _where(data, path)
    at = _at(where, field_name)
    if error.validator == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        return _("%(where)s must be %(expected)s, not %(actual)s.") % {
            "where": at,
            "expected": _(" or ").join(str(names[t]) for t in expected),
            "actual": names.get(_json_type(error.instance), "?"),
        }
    if error.validator == "enum":
        return _("%(where)s is %(value)s; expected one of %(choices)s.") % {
            "where": at,
            "value": json.dumps(error.instance, ensure_ascii=False),
            "choices": ", ".join(json.dumps(c) for c in error.validator_value if c is not None),
        }
    if error.validator == "const":
        return _("%(where)s must be %(value)s.") % {
            "where": at,
            "value": json.dumps(error.validator_value),
        }
    if error.validator in ("minimum", "maximum"):
        template = (
            _("%(where)s is %(value)s; the lowest allowed is %(limit)s.")
            if error.validator == "minimum"
            else _("%(where)s is %(value)s; the highest allowed is %(limit)s.")
        )
        return template % {"where": at, "value": error.instance, "limit": error.validator_value}
    if error.validator == "pattern":
        return _("%(where)s is not in the expected form: %(value)s.") % {
            "where": at,
            "value": json.dumps(error.instance, ensure_ascii=False),
        }
    if error.validator == "uniqueItems":
        return _("%(where)s lists a value twice.") % {"where": at}
    return f"{at}: {error.message}"


def _upgrade(data):
    """A version 1 file read as version 2: its funders were one text (Polish)."""
    if data.get("version") == 1:
        edition = data.get("edition")
        if isinstance(edition, dict) and isinstance(edition.get("funders"), str):
            edition["funders"] = {"pl": edition["funders"]}
    return data


def validate(data):
    """Check the file against the schema and for duplicates; raise EditionImportError."""
    if not isinstance(data, dict):
        raise EditionImportError(_("The file must hold one JSON object."))
    if data.get("format") != FORMAT or data.get("version") not in READABLE_VERSIONS:
        raise EditionImportError(
            _("This is not an Otwarte edition file: expected “format”: %(format)s and "
              "“version”: %(versions)s.")
            % {
                "format": json.dumps(FORMAT),
                "versions": _(" or ").join(map(str, READABLE_VERSIONS)),
            }
        )
    check_mojibake(data)
    data = _upgrade(data)
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        # The deepest error of the first record: the most precise message.
        first = min(errors, key=lambda e: (_sort_path(e.absolute_path), -len(e.absolute_path)))
        raise EditionImportError(_schema_message(data, first))
    if data.get("anonymised") and any(
        n.get("scores") or n.get("comments") for n in data.get("nominations", [])
    ):
        raise EditionImportError(
            _("This file was exported anonymised: its scores and comments name no juror. "
              "Remove them (the “scores” and “comments” of each nomination) to import the rest.")
        )
    for section in SECTIONS:
        _no_duplicate_records(data, section, data.get(section, []))
    orders = {}
    for index, award in enumerate(data.get("awards", [])):
        if "order" in award:
            where = _label("awards", index, award)
            if award["order"] in orders:
                raise EditionImportError(
                    _("%(where)s: order %(order)s is already used by %(other)s.")
                    % {"where": where, "order": award["order"], "other": orders[award["order"]]}
                )
            orders[award["order"]] = where
    return data


def _sort_path(path):
    return [(0, p) if isinstance(p, int) else (1, str(p)) for p in path]


def _no_duplicate_records(data, kind, records, prefix=None, parent=""):
    seen = {}
    for index, record in enumerate(records):
        where = _label(kind, index, record, prefix=prefix)
        where = f"{parent}.{where}" if parent else where
        key = tuple(json.dumps(record[k]) for k in RECORDS_SPEC[kind].key)
        if key in seen:
            raise EditionImportError(
                _("%(where)s: a second record with the same key as %(other)s.")
                % {"where": where, "other": seen[key]}
            )
        seen[key] = where
        for (parent_kind, name), child in NESTED.items():
            if parent_kind == kind and name in record:
                _no_duplicate_records(data, child, record[name], prefix=name, parent=where)


# --- values from the file -------------------------------------------------------


def _datetime_value(value):
    if value is None:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _same(old, new):
    if old in (None, "") and new in (None, ""):
        return True
    return old == new


# --- the summary of a run (the preview's diff) ------------------------------------


@dataclass
class Entry:
    section: str
    label: str
    created: bool = False
    fields: list = field(default_factory=list)

    @property
    def state(self):
        if self.created:
            return "created"
        return "changed" if self.fields else "unchanged"


@dataclass
class Summary:
    year: int = None
    written: bool = False
    entries: list = field(default_factory=list)

    def sections(self):
        """[(section, {"created": [...], "changed": [...], "unchanged": [...]})] in file order."""
        result = []
        for section in SUMMARY_SECTIONS:
            rows = [e for e in self.entries if e.section == section]
            if rows:
                by_state = {"created": [], "changed": [], "unchanged": []}
                for row in rows:
                    by_state[row.state].append(row)
                result.append((section, by_state))
        return result

    def counts(self):
        counts = {"created": 0, "changed": 0, "unchanged": 0}
        for entry in self.entries:
            counts[entry.state] += 1
        return counts

    @property
    def changes_anything(self):
        return any(e.state != "unchanged" for e in self.entries)

    def as_text(self):
        lines = []
        for section, by_state in self.sections():
            lines.append(
                f"{section}: "
                + ", ".join(f"{len(by_state[s])} {s}" for s in ("created", "changed", "unchanged"))
            )
            for entry in by_state["created"]:
                lines.append(f"  + {entry.label}")
            for entry in by_state["changed"]:
                lines.append(f"  ~ {entry.label}: {', '.join(entry.fields)}")
        return "\n".join(lines)


# --- the import -------------------------------------------------------------------


class _Importer:
    def __init__(self, data, *, allow_published_changes):
        self.data = data
        self.allow_published_changes = allow_published_changes
        self.summary = Summary()
        self.cities, self.categories, self.practices, self.jurors = {}, {}, {}, {}
        self.criteria = {}
        self.entry = None
        self.protected = False  # the edition was published before the import
        self.phase = None  # the phase the file moves an existing edition to

    # lookups: from the file or the database; an unknown key is an error naming the record

    def city(self, where, slug, field_name="city"):
        if slug is None:
            return None
        if slug not in self.cities:
            self.cities[slug] = City.objects.filter(slug=slug).first()
        if self.cities[slug] is None:
            raise EditionImportError(
                _("%(where)s: unknown city “%(slug)s”.") % {"where": _at(where, field_name),
                                                           "slug": slug}
            )
        return self.cities[slug]

    def category(self, where, code, field_name="category"):
        if code is None:
            return None
        if code not in self.categories:
            self.categories[code] = Category.objects.filter(code=code).first()
        if self.categories[code] is None:
            raise EditionImportError(
                _("%(where)s: unknown category “%(code)s”.") % {"where": _at(where, field_name),
                                                               "code": code}
            )
        return self.categories[code]

    def practice(self, where, city_slug, slug, field_name="practice"):
        if slug is None:
            return None
        city = self.city(where, city_slug)
        key = (city_slug, slug)
        if key not in self.practices:
            self.practices[key] = Practice.objects.filter(city=city, slug=slug).first()
        if self.practices[key] is None:
            raise EditionImportError(
                _("%(where)s: unknown practice “%(practice)s” of %(city)s.")
                % {"where": _at(where, field_name), "practice": slug, "city": city_slug}
            )
        return self.practices[key]

    def juror(self, where, slug, field_name="juror"):
        if slug is None:
            return None
        if slug not in self.jurors:
            self.jurors[slug] = Juror.objects.filter(slug=slug).first()
        if self.jurors[slug] is None:
            raise EditionImportError(
                _("%(where)s: unknown juror “%(slug)s”.") % {"where": _at(where, field_name),
                                                            "slug": slug}
            )
        return self.jurors[slug]

    def criterion(self, where, code):
        if code not in self.criteria:
            self.criteria[code] = Criterion.objects.filter(edition=self.edition, code=code).first()
        if self.criteria[code] is None:
            raise EditionImportError(
                _("%(where)s: unknown criterion “%(code)s” of edition %(year)s.")
                % {"where": _at(where, "criterion"), "code": code, "year": self.edition.year}
            )
        return self.criteria[code]

    # merging values into an object; each change is noted against the current entry

    def begin(self, section, where, created):
        self.entry = Entry(section=section, label=where, created=created)
        self.summary.entries.append(self.entry)
        return self.entry

    def note(self, name):
        if name not in self.entry.fields:
            self.entry.fields.append(name)

    def set(self, obj, attr, record, name=None, convert=None, empty=""):
        """obj.attr = record[name] (converted) if the file gives it; null clears."""
        name = name or attr
        if name not in record:
            return
        value = record[name]
        value = convert(value) if convert is not None and value is not None else value
        if value is None:
            value = empty
        if not _same(getattr(obj, attr), value):
            setattr(obj, attr, value)
            self.note(name)

    def set_fk(self, obj, attr, target, record, name=None):
        name = name or attr
        if name not in record:
            return
        if getattr(obj, f"{attr}_id") != (target.pk if target else None):
            setattr(obj, attr, target)
            self.note(name)

    def set_translations(self, obj, attr, record, name=None, join_lines=False):
        name = name or attr
        if name not in record:
            return
        values = record[name]
        empty = None if obj._meta.get_field(attr).null else ""
        for lang in LANGUAGES:
            if values is not None and lang not in values:
                continue
            text = None if values is None else values[lang]
            if join_lines and text is not None:
                text = "\n".join(text)
            text = text if text else empty
            column = f"{attr}_{lang}"
            if not _same(getattr(obj, column), text):
                setattr(obj, column, text)
                self.note(f"{name}.{lang}")

    def save(self, obj, where, *, created, protected=False, before=None, deferred=()):
        """Validate and save `obj` if it is new or something changed since `before`.
        `deferred`: changed fields written later by a service (they count for the
        published check, but do not save `obj` on their own)."""
        changed = self.entry.fields if before is None else self.entry.fields[before:]
        if not created and not changed:
            return obj
        if protected and self.protected and not self.allow_published_changes:
            raise EditionImportError(
                _(
                    "%(where)s: edition %(year)s is published; the file would change "
                    "%(fields)s. Import with --allow-published-changes (in the admin: "
                    "“Allow changes to a published edition”) if this is intended."
                )
                % {
                    "where": where,
                    "year": self.edition.year,
                    "fields": ", ".join(changed) or _("(a new record)"),
                }
            )
        if not created and set(changed) <= set(deferred):
            return obj
        try:
            obj.full_clean()
        except ValidationError as error:
            raise EditionImportError(f"{where}: {_validation_text(error)}") from error
        obj.save()
        return obj

    def child(self, where, name, created):
        """Note a nested record's change against its parent entry; return the mark."""
        if created:
            self.note(f"{name} +")
        return len(self.entry.fields)

    # the sections

    def run(self):
        data = self.data
        for index, row in enumerate(data.get("cities", [])):
            self.import_city(_label("cities", index, row), row)
        for index, row in enumerate(data.get("categories", [])):
            self.import_category(_label("categories", index, row), row)
        self.import_edition(data["edition"])
        for index, row in enumerate(data.get("criteria", [])):
            self.import_criterion(_label("criteria", index, row), row)
        for index, row in enumerate(data.get("experts", [])):
            self.import_expert(_label("experts", index, row), row)
        for index, row in enumerate(data.get("jurors", [])):
            self.import_juror(_label("jurors", index, row), row)
        for index, row in enumerate(data.get("practices", [])):
            self.import_practice(_label("practices", index, row), row)
        for index, row in enumerate(data.get("reports", [])):
            self.import_report(_label("reports", index, row), row)
        for index, row in enumerate(data.get("open_call", [])):
            self.import_open_call(_label("open_call", index, row), row)
        for index, row in enumerate(data.get("nominations", [])):
            self.import_nomination(_label("nominations", index, row), row)
        self.import_awards(data.get("awards", []))
        self.move_edition()
        self.summary.year = self.edition.year
        return self.summary

    def import_city(self, where, row):
        city = City.objects.filter(slug=row["slug"]).first()
        created = city is None
        city = city or City(slug=row["slug"])
        self.begin("cities", where, created)
        self.set_translations(city, "name", row)
        self.set(city, "voivodeship", row)
        self.set(city, "teryt", row)
        self.set(city, "latitude", row, convert=Decimal, empty=None)
        self.set(city, "longitude", row, convert=Decimal, empty=None)
        self.cities[city.slug] = self.save(city, where, created=created)

    def import_category(self, where, row):
        category = Category.objects.filter(code=row["code"]).first()
        created = category is None
        category = category or Category(code=row["code"])
        self.begin("categories", where, created)
        self.set(category, "order", row)
        self.set_translations(category, "name", row)
        self.set_translations(category, "description", row)
        self.categories[category.code] = self.save(category, where, created=created)

    def import_edition(self, row):
        edition = Edition.objects.filter(year=row["year"]).first()
        created = edition is None
        self.protected = not created and allows(edition, Action.VIEW_PUBLIC)
        edition = edition or Edition(year=row["year"])
        self.edition = edition
        self.begin("edition", "edition", created)
        # The file states where the edition is. A new edition is made in it; an
        # existing one moves there at the end of the run (its awards imported),
        # through change_phase, with the effects of any move (restoring: a file
        # may skip steps of the cycle).
        if created:
            self.set(edition, "phase", row)
        elif row.get("phase") not in (None, edition.phase):
            self.phase = row["phase"]
            self.note("phase")
        for name in ("title", "introduction", "selection", "ceremony_place", "ceremony_occasion",
                     "funders"):
            self.set_translations(edition, name, row)
        for name in ("reports_deadline", "scoring_deadline", "ceremony_at", "published_at"):
            self.set(edition, name, row, convert=_datetime_value, empty=None)
        self.set(edition, "organiser", row)
        self.set(edition, "partners", row)
        if "ceremony_city" in row:
            self.set_fk(edition, "ceremony_city",
                        self.city("edition", row["ceremony_city"], "ceremony_city"), row)
        if created and not edition.title_pl:
            edition.title_pl = "Miasta Otwarte"
        self.save(edition, "edition", created=created, protected=True, deferred={"phase"})
        self.import_edition_categories(row)

    def move_edition(self):
        """The phase the file states, through the one door of phase changes."""
        if self.phase is None:
            return
        try:
            self.edition = practice_services.change_phase(
                edition=self.edition, phase=self.phase, restoring=True,
                reason=_("Phase set by an edition file import."),
            )
        except ValidationError as error:
            raise EditionImportError(f"edition: {_validation_text(error)}") from error

    def import_edition_categories(self, row):
        """The edition's categories: the file's list (or what the edition has), plus
        every category the file's rows name: an import restores a state, and a row
        in a category foreign to its edition would be refused."""
        listed = row.get("categories")
        if listed is None:
            codes = set(self.edition.categories.values_list("code", flat=True))
        else:
            codes = set(listed)
        codes |= _categories_named(self.data)
        wanted = [self.category("edition", code, "categories") for code in sorted(codes)]
        if {c.pk for c in wanted} == set(self.edition.categories.values_list("pk", flat=True)):
            return
        self.note("categories")
        self.save(self.edition, "edition", created=False, protected=True)
        try:
            practice_services.set_edition_categories(edition=self.edition, categories=wanted)
        except ValidationError as error:
            raise EditionImportError(f"edition: {_validation_text(error)}") from error

    def import_criterion(self, where, row):
        criterion = Criterion.objects.filter(edition=self.edition, code=row["code"]).first()
        created = criterion is None
        criterion = criterion or Criterion(edition=self.edition, code=row["code"])
        self.begin("criteria", where, created)
        for name in ("order", "scale_min", "scale_max", "required"):
            self.set(criterion, name, row)
        self.set(criterion, "weight", row, convert=Decimal)
        self.set_translations(criterion, "name", row)
        self.set_translations(criterion, "description", row)
        self.set_translations(criterion, "scale_labels", row, join_lines=True)
        self.criteria[criterion.code] = self.save(criterion, where, created=created)

    def account(self, where, row, role):
        """The person's account, by `otwarte.accounts.account_for_import`: found by username
        (else by e-mail) and only given the role, or created without a password. A row
        naming a privileged account, or one that would change an existing account, is
        refused and the whole file with it."""
        try:
            return accounts.account_for_import(
                username=row["username"], role=role, email=row.get("email"),
                first_name=row.get("first_name"), last_name=row.get("last_name"),
            )
        except ValidationError as error:
            raise EditionImportError(f"{where}: {_validation_text(error)}") from error

    def import_expert(self, where, row):
        user, created, changed = self.account(where, row, Role.EXPERT)
        self.begin("experts", where, created)
        for name in changed:
            self.note(name)
        seat = Panelist.objects.filter(edition=self.edition, expert=user).first()
        assigned = list(
            Assignment.objects.filter(edition=self.edition, expert=user).select_related("city")
        )
        wants_seat = (
            "order" in row or "group" in row or (not assigned and not row.get("cities"))
        )
        if seat is not None or wants_seat:
            seat_created = seat is None
            seat = seat or Panelist(edition=self.edition, expert=user)
            mark = self.child(where, "order", False)
            self.set(seat, "order", row)
            self.set_translations(seat, "group", row)
            if seat_created and "panel" not in self.entry.fields:
                self.note("panel")
            self.save(seat, where, created=seat_created, before=mark)
        if "cities" in row:
            by_slug = {a.city.slug: a for a in assigned}
            for slug in row["cities"]:
                if slug not in by_slug:
                    assignment = Assignment(
                        edition=self.edition, expert=user, city=self.city(where, slug, "cities")
                    )
                    assignment.order = len(by_slug)
                    by_slug[slug] = self.save(assignment, where, created=True)
                    self.note(f"cities +{slug}")
            current = [a.city.slug for a in sorted(by_slug.values(), key=_assignment_order)]
            listed = [s for s in current if s in row["cities"]]
            if listed != row["cities"]:
                # The file's order of its cities; cities it does not list keep theirs.
                for position, slug in enumerate(row["cities"]):
                    Assignment.objects.filter(pk=by_slug[slug].pk).update(order=position)
                self.note("cities (order)")

    def import_juror(self, where, row):
        juror = Juror.objects.filter(slug=row["slug"]).first()
        created = juror is None
        juror = juror or Juror(slug=row["slug"])
        self.begin("jurors", where, created)
        self.set(juror, "name", row)
        self.set_translations(juror, "country_of_origin", row)
        if "city" in row:
            self.set_fk(juror, "city", self.city(where, row["city"]), row)
        self.set(juror, "preferred_language", row)
        if "account" in row:
            user = None
            if row["account"] is not None:
                user, _created, changed = self.account(f"{where}.account", row["account"],
                                                      Role.JUROR)
                for name in changed:
                    self.note(f"account.{name}")
            self.set_fk(juror, "user", user, row, name="account")
        self.jurors[juror.slug] = self.save(juror, where, created=created)
        if not juror.editions.filter(pk=self.edition.pk).exists():
            juror.editions.add(self.edition)
            self.note("editions")

    def import_practice(self, where, row):
        city = self.city(where, row["city"])
        practice = Practice.objects.filter(city=city, slug=row["slug"]).first()
        created = practice is None
        practice = practice or Practice(city=city, slug=row["slug"])
        self.begin("practices", where, created)
        self.set_translations(practice, "title", row)
        self.set_translations(practice, "description", row)
        for name in ("initiator", "website", "follow_up_status"):
            self.set(practice, name, row)
        for name in ("start_year", "follow_up_year"):
            self.set(practice, name, row, empty=None)
        self.save(practice, where, created=created)
        if "categories" in row:
            wanted = [self.category(where, code, "categories") for code in row["categories"]]
            current = set() if created else set(practice.categories.values_list("pk", flat=True))
            if current != {c.pk for c in wanted}:
                practice.categories.set(wanted)
                if not created:
                    self.note("categories")
        self.practices[(row["city"], row["slug"])] = practice

    def import_report(self, where, row):
        city = self.city(where, row["city"])
        report = Report.objects.filter(edition=self.edition, city=city).first()
        created = report is None
        report = report or Report(edition=self.edition, city=city)
        self.begin("reports", where, created)
        self.set(report, "status", row)
        self.set_translations(report, "overview", row)
        self.set(report, "review_comment", row)
        self.set(report, "submitted_at", row, convert=_datetime_value, empty=None)
        self.set(report, "accepted_at", row, convert=_datetime_value, empty=None)
        self.save(report, where, created=created)
        parts = (
            ("practices", "report_practice", ReportPractice),
            ("follow_ups", "follow_up", FollowUp),
            ("proposals", "proposal", ProposedNomination),
        )
        for name, kind, model in parts:
            for index, part in enumerate(row.get(name, [])):
                part_where = f"{where}.{_label(kind, index, part, prefix=name)}"
                practice = self.practice(part_where, row["city"], part["practice"])
                lookup = {"report": report, "practice": practice}
                if kind == "proposal":
                    lookup["category"] = self.category(part_where, part["category"])
                obj = None if created else model.objects.filter(**lookup).first()
                part_created = obj is None
                obj = obj or model(**lookup)
                mark = self.child(part_where, f"{name}[{index}]", part_created)
                if kind == "report_practice":
                    if "category" in part:
                        self.set_fk(obj, "category",
                                    self.category(part_where, part["category"]), part)
                    for text in ("engagement", "durability", "comprehensiveness",
                                 "effectiveness"):
                        self.set_translations(obj, text, part)
                elif kind == "follow_up":
                    for text in ("status", "note", "evidence_url"):
                        self.set(obj, text, part)
                else:
                    self.set_translations(obj, "justification", part)
                self.save(obj, part_where, created=part_created, before=mark)

    def import_open_call(self, where, row):
        submitted_at = _datetime_value(row["submitted_at"])
        proposal = PracticeProposal.objects.filter(
            submitted_at=submitted_at, contact_email=row["contact_email"]
        ).first()
        created = proposal is None
        proposal = proposal or PracticeProposal(contact_email=row["contact_email"])
        self.begin("open_call", where, created)
        if "city" in row:
            self.set_fk(proposal, "city", self.city(where, row["city"]), row)
        if "category" in row:
            self.set_fk(proposal, "category", self.category(where, row["category"]), row)
        for name in ("city_name", "title", "description", "proposer", "status", "moderator_note"):
            self.set(proposal, name, row)
        self.set(proposal, "decided_at", row, convert=_datetime_value, empty=None)
        if "practice" in row:
            city_slug = row.get("city") or (proposal.city.slug if proposal.city_id else None)
            practice = (
                self.practice(where, city_slug, row["practice"]) if row["practice"] else None
            )
            self.set_fk(proposal, "practice", practice, row)
        self.save(proposal, where, created=created)
        if created:  # submitted_at is set on creation (auto_now_add): restore the file's
            PracticeProposal.objects.filter(pk=proposal.pk).update(submitted_at=submitted_at)

    def import_nomination(self, where, row):
        practice = self.practice(where, row["city"], row["practice"])
        category = self.category(where, row["category"])
        lookup = {"edition": self.edition, "practice": practice, "category": category}
        nomination = Nomination.objects.filter(**lookup).first()
        created = nomination is None
        nomination = nomination or Nomination(**lookup)
        self.begin("nominations", where, created)
        # An import restores a state: the phase rule of jury.services.create_nomination
        # ("no new nominations after scoring") does not apply.
        self.set_translations(nomination, "justification", row)
        self.save(nomination, where, created=created)
        for index, part in enumerate(row.get("conflicts", [])):
            part_where = f"{where}.{_label('conflict', index, part, prefix='conflicts')}"
            juror = self.juror(part_where, part["juror"])
            obj = Conflict.objects.filter(nomination=nomination, juror=juror).first()
            part_created = obj is None
            obj = obj or Conflict(nomination=nomination, juror=juror)
            mark = self.child(part_where, f"conflicts[{index}]", part_created)
            self.set(obj, "reason", part)
            self.save(obj, part_where, created=part_created, before=mark)
        for index, part in enumerate(row.get("scores", [])):
            part_where = f"{where}.{_label('score', index, part, prefix='scores')}"
            juror = self.juror(part_where, part["juror"])
            criterion = self.criterion(part_where, part["criterion"])
            obj = Score.objects.filter(
                nomination=nomination, juror=juror, criterion=criterion
            ).first()
            part_created = obj is None
            obj = obj or Score(nomination=nomination, juror=juror, criterion=criterion)
            mark = self.child(part_where, f"scores[{index}]", part_created)
            self.set(obj, "value", part)
            self.save(obj, part_where, created=part_created, before=mark)
        for index, part in enumerate(row.get("comments", [])):
            part_where = f"{where}.{_label('comment', index, part, prefix='comments')}"
            juror = self.juror(part_where, part["juror"])
            obj = ScoreComment.objects.filter(nomination=nomination, juror=juror).first()
            part_created = obj is None
            obj = obj or ScoreComment(nomination=nomination, juror=juror)
            mark = self.child(part_where, f"comments[{index}]", part_created)
            self.set(obj, "text", part)
            self.save(obj, part_where, created=part_created, before=mark)

    def import_awards(self, rows):
        found = []
        for index, row in enumerate(rows):
            where = _label("awards", index, row)
            practice = self.practice(where, row["city"], row["practice"])
            category = self.category(where, row["category"])
            award = Award.objects.filter(
                edition=self.edition, category=category, practice=practice
            ).first()
            found.append((where, row, practice, category, award))
        # Orders may be swapped by the file: move the awards whose order changes out
        # of the way first, so the unique (edition, order) constraint holds throughout.
        moving = [
            a.pk for _w, row, _p, _c, a in found if a and "order" in row and a.order != row["order"]
        ]
        if moving and not (self.protected and not self.allow_published_changes):
            Award.objects.filter(pk__in=moving).update(order=10000 + F("order"))
        for where, row, practice, category, award in found:
            created = award is None
            if award is None:
                award = Award(edition=self.edition, category=category, practice=practice)
            self.begin("awards", where, created)
            if created and "order" not in row:
                raise EditionImportError(_("%(where)s: “order” is missing.") % {"where": where})
            self.set(award, "order", row)
            self.set_translations(award, "recommendation", row)
            self.save(award, where, created=created, protected=True)
            for index, part in enumerate(row.get("similar_actions", [])):
                part_where = f"{where}.{_label('similar_action', index, part, 'similar_actions')}"
                obj = None if created else SimilarAction.objects.filter(
                    award=award, order=part["order"]
                ).first()
                part_created = obj is None
                obj = obj or SimilarAction(award=award, order=part["order"])
                mark = self.child(part_where, f"similar_actions[{index}]", part_created)
                city_slug = part.get("city") or (obj.city.slug if obj.city_id else None)
                if "city" in part:
                    self.set_fk(obj, "city", self.city(part_where, part["city"]), part)
                if "practice" in part:
                    target = self.practice(part_where, city_slug, part["practice"])
                    self.set_fk(obj, "practice", target, part)
                self.save(obj, part_where, created=part_created, protected=True, before=mark)
            for index, part in enumerate(row.get("quotes", [])):
                part_where = f"{where}.{_label('quote', index, part, 'quotes')}"
                obj = None if created else JurorQuote.objects.filter(
                    award=award, order=part["order"]
                ).first()
                part_created = obj is None
                obj = obj or JurorQuote(award=award, order=part["order"])
                mark = self.child(part_where, f"quotes[{index}]", part_created)
                if "juror" in part:
                    self.set_fk(obj, "juror", self.juror(part_where, part["juror"]), part)
                self.set_translations(obj, "text", part)
                self.save(obj, part_where, created=part_created, protected=True, before=mark)


def _assignment_order(assignment):
    return (assignment.order, assignment.city.slug)


def _validation_text(error):
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def _categories_named(data):
    """The category codes the file's rows use (nominations, awards, reports, open call)."""
    rows = [*data.get("nominations", []), *data.get("awards", []), *data.get("open_call", [])]
    for report in data.get("reports", []):
        rows += [*report.get("practices", []), *report.get("proposals", [])]
    return {row["category"] for row in rows if row.get("category")}


def import_edition(*, data, dry_run=False, allow_published_changes=False):
    """Merge the file (parsed JSON) into the database; return a `Summary` of what was
    created, changed and left alone. Raises EditionImportError, naming the record, and
    writes nothing when the file is invalid. `dry_run`: compute the summary, write nothing.
    """
    data = validate(data)
    importer = _Importer(data, allow_published_changes=allow_published_changes)
    try:
        with transaction.atomic():
            summary = importer.run()
            if dry_run:
                transaction.set_rollback(True)
    except DatabaseError as error:
        raise EditionImportError(
            _("The database refused the file: %(error)s") % {"error": error}
        ) from error
    summary.written = not dry_run and summary.changes_anything
    return summary


# --- export ------------------------------------------------------------------


def _translations(obj, name):
    return {lang: getattr(obj, f"{name}_{lang}") or "" for lang in LANGUAGES}


def _lines(obj, name):
    return {
        lang: [line.strip() for line in (getattr(obj, f"{name}_{lang}") or "").splitlines()
               if line.strip()]
        for lang in LANGUAGES
    }


def _datetime(value):
    return value.astimezone(UTC).isoformat() if value else None


def _decimal(value):
    return None if value is None else str(value)


def _account(user):
    return {
        "username": user.get_username(),
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
    }


def _anonymous_names(jurors):
    """Juror slug → "juror-N", in an order that does not follow names (keyed by SECRET_KEY)."""
    key = settings.SECRET_KEY.encode()
    ranked = sorted(jurors, key=lambda slug: hmac.new(key, slug.encode(), hashlib.sha256).digest())
    return {slug: f"juror-{index}" for index, slug in enumerate(ranked, start=1)}


def export_edition(*, year, anonymise=False):
    """The edition of `year` in format version 2 (a dict); Edition.DoesNotExist if none.
    `anonymise`: scores and comments name "juror-1"… instead of the jurors."""
    edition = Edition.objects.select_related("ceremony_city").get(year=year)
    awards = list(
        edition.awards.select_related("category", "practice__city")
        .prefetch_related("similar_actions__city", "similar_actions__practice", "quotes__juror")
        .order_by("order")
    )
    nominations = sorted(
        Nomination.objects.filter(edition=edition)
        .select_related("practice__city", "category")
        .prefetch_related("conflicts__juror", "scores__juror", "scores__criterion",
                          "comments__juror"),
        key=lambda n: (n.practice.city.slug, n.practice.slug, n.category.code),
    )
    reports = list(
        Report.objects.filter(edition=edition)
        .select_related("city")
        .prefetch_related("practices__practice", "practices__category", "follow_ups__practice",
                          "proposals__practice", "proposals__category")
        .order_by("city__slug")
    )
    open_call = list(
        PracticeProposal.objects.filter(submitted_at__year=year)
        .select_related("city", "category", "practice")
        .order_by("submitted_at", "contact_email")
    )
    jurors = list(edition.jurors.select_related("city", "user").order_by("slug"))
    criteria = list(Criterion.objects.filter(edition=edition).order_by("order", "code"))

    practice_ids = {a.practice_id for a in awards} | {n.practice_id for n in nominations}
    practice_ids |= {s.practice_id for a in awards for s in a.similar_actions.all()}
    for report in reports:
        for part in [*report.practices.all(), *report.follow_ups.all(), *report.proposals.all()]:
            practice_ids.add(part.practice_id)
    practice_ids |= {p.practice_id for p in open_call}
    practice_ids.discard(None)
    practices = sorted(
        Practice.objects.filter(pk__in=practice_ids)
        .select_related("city")
        .prefetch_related("categories"),
        key=lambda p: (p.city.slug, p.slug),
    )

    User = get_user_model()
    seats = {s.expert_id: s for s in Panelist.objects.filter(edition=edition)}
    assignments = {}
    for a in Assignment.objects.filter(edition=edition).select_related("city"):
        assignments.setdefault(a.expert_id, []).append(a)
    expert_ids = set(seats) | set(assignments)
    unseated = max((s.order for s in seats.values()), default=0) + 1
    experts = sorted(
        User.objects.filter(pk__in=expert_ids),
        key=lambda u: (
            seats[u.pk].order if u.pk in seats else unseated,
            u.pk not in seats,
            u.get_username(),
        ),
    )

    city_ids = {p.city_id for p in practices} | {r.city_id for r in reports}
    city_ids |= {s.city_id for a in awards for s in a.similar_actions.all()}
    city_ids |= {a.city_id for rows in assignments.values() for a in rows}
    city_ids |= {j.city_id for j in jurors} | {p.city_id for p in open_call}
    city_ids.add(edition.ceremony_city_id)
    city_ids.discard(None)
    category_ids = {c.pk for p in practices for c in p.categories.all()}
    category_ids |= {a.category_id for a in awards} | {n.category_id for n in nominations}
    for report in reports:
        category_ids |= {p.category_id for p in report.practices.all()}
        category_ids |= {p.category_id for p in report.proposals.all()}
    category_ids |= {p.category_id for p in open_call}
    category_ids |= set(edition.categories.values_list("pk", flat=True))
    category_ids.discard(None)

    names = _anonymous_names(
        {s.juror.slug for n in nominations for s in [*n.scores.all(), *n.comments.all()]}
    ) if anonymise else {}

    def scorer(juror):
        return names.get(juror.slug, juror.slug)

    def expert(user):
        row = _account(user)
        row["cities"] = [
            a.city.slug for a in sorted(assignments.get(user.pk, []), key=_assignment_order)
        ]
        if user.pk in seats:
            row["order"] = seats[user.pk].order
            row["group"] = _translations(seats[user.pk], "group")
        return row

    e = edition
    data = {"format": FORMAT, "version": VERSION}
    if anonymise:
        data["anonymised"] = True
    data["edition"] = {
        "year": e.year,
        "phase": e.phase,
        "title": _translations(e, "title"),
        "introduction": _translations(e, "introduction"),
        "selection": _translations(e, "selection"),
        "reports_deadline": _datetime(e.reports_deadline),
        "scoring_deadline": _datetime(e.scoring_deadline),
        "ceremony_at": _datetime(e.ceremony_at),
        "ceremony_place": _translations(e, "ceremony_place"),
        "ceremony_city": e.ceremony_city.slug if e.ceremony_city else None,
        "ceremony_occasion": _translations(e, "ceremony_occasion"),
        "organiser": e.organiser,
        "partners": e.partners,
        "funders": _translations(e, "funders"),
        "published_at": _datetime(e.published_at),
        "categories": sorted(e.categories.values_list("code", flat=True)),
    }
    data["cities"] = [
        {
            "slug": c.slug,
            "name": _translations(c, "name"),
            "voivodeship": c.voivodeship,
            "teryt": c.teryt,
            "latitude": _decimal(c.latitude),
            "longitude": _decimal(c.longitude),
        }
        for c in City.objects.filter(pk__in=city_ids).order_by("slug")
    ]
    data["categories"] = [
        {
            "code": c.code,
            "order": c.order,
            "name": _translations(c, "name"),
            "description": _translations(c, "description"),
        }
        for c in Category.objects.filter(pk__in=category_ids).order_by("order", "code")
    ]
    data["criteria"] = [
        {
            "code": c.code,
            "order": c.order,
            "name": _translations(c, "name"),
            "description": _translations(c, "description"),
            "scale_min": c.scale_min,
            "scale_max": c.scale_max,
            "weight": _decimal(c.weight),
            "required": c.required,
            "scale_labels": _lines(c, "scale_labels"),
        }
        for c in criteria
    ]
    data["experts"] = [expert(user) for user in experts]
    data["jurors"] = [
        {
            "slug": j.slug,
            "name": j.name,
            "country_of_origin": _translations(j, "country_of_origin"),
            "city": j.city.slug if j.city else None,
            "preferred_language": j.preferred_language,
            "account": _account(j.user) if j.user else None,
        }
        for j in jurors
    ]
    data["practices"] = [
        {
            "city": p.city.slug,
            "slug": p.slug,
            "title": _translations(p, "title"),
            "description": _translations(p, "description"),
            "categories": sorted(c.code for c in p.categories.all()),
            "initiator": p.initiator,
            "start_year": p.start_year,
            "website": p.website,
            "follow_up_status": p.follow_up_status,
            "follow_up_year": p.follow_up_year,
        }
        for p in practices
    ]
    data["reports"] = [
        {
            "city": r.city.slug,
            "status": r.status,
            "overview": _translations(r, "overview"),
            "review_comment": r.review_comment,
            "submitted_at": _datetime(r.submitted_at),
            "accepted_at": _datetime(r.accepted_at),
            "practices": [
                {
                    "practice": p.practice.slug,
                    "category": p.category.code if p.category_id else None,
                    "engagement": _translations(p, "engagement"),
                    "durability": _translations(p, "durability"),
                    "comprehensiveness": _translations(p, "comprehensiveness"),
                    "effectiveness": _translations(p, "effectiveness"),
                }
                for p in sorted(r.practices.all(), key=lambda p: p.practice.slug)
            ],
            "follow_ups": [
                {
                    "practice": f.practice.slug,
                    "status": f.status,
                    "note": f.note,
                    "evidence_url": f.evidence_url,
                }
                for f in sorted(r.follow_ups.all(), key=lambda f: f.practice.slug)
            ],
            "proposals": [
                {
                    "practice": p.practice.slug,
                    "category": p.category.code,
                    "justification": _translations(p, "justification"),
                }
                for p in sorted(r.proposals.all(), key=lambda p: (p.practice.slug, p.category.code))
            ],
        }
        for r in reports
    ]
    data["open_call"] = [
        {
            "submitted_at": _datetime(p.submitted_at),
            "contact_email": p.contact_email,
            "city": p.city.slug if p.city_id else None,
            "city_name": p.city_name,
            "title": p.title,
            "description": p.description,
            "category": p.category.code if p.category_id else None,
            "proposer": p.proposer,
            "status": p.status,
            "decided_at": _datetime(p.decided_at),
            "practice": p.practice.slug if p.practice_id else None,
            "moderator_note": p.moderator_note,
        }
        for p in open_call
    ]
    data["nominations"] = [
        {
            "city": n.practice.city.slug,
            "practice": n.practice.slug,
            "category": n.category.code,
            "justification": _translations(n, "justification"),
            "conflicts": [
                {"juror": c.juror.slug, "reason": c.reason}
                for c in sorted(n.conflicts.all(), key=lambda c: c.juror.slug)
            ],
            "scores": sorted(
                (
                    {"juror": scorer(s.juror), "criterion": s.criterion.code, "value": s.value}
                    for s in n.scores.all()
                ),
                key=lambda s: (s["juror"], s["criterion"]),
            ),
            "comments": sorted(
                ({"juror": scorer(c.juror), "text": c.text} for c in n.comments.all()),
                key=lambda c: c["juror"],
            ),
        }
        for n in nominations
    ]
    data["awards"] = [
        {
            "order": a.order,
            "category": a.category.code,
            "city": a.practice.city.slug,
            "practice": a.practice.slug,
            "recommendation": _translations(a, "recommendation"),
            "similar_actions": [
                {
                    "order": s.order,
                    "city": s.city.slug,
                    "practice": s.practice.slug if s.practice_id else None,
                }
                for s in sorted(a.similar_actions.all(), key=lambda s: s.order)
            ],
            "quotes": [
                {
                    "order": q.order,
                    "juror": q.juror.slug if q.juror_id else None,
                    "text": _translations(q, "text"),
                }
                for q in sorted(a.quotes.all(), key=lambda q: q.order)
            ],
        }
        for a in awards
    ]
    return data


def dumps(data):
    """The file's text: stable key order, UTF-8 kept readable, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
