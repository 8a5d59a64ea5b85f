"""Reading an edition file: bytes → text → JSON → a validated edition (format v2).

The format is documented in docs/import-format.md and published as a JSON Schema
(exchange/schema/edition-v2.json, built from exchange/spec.py). Reading checks the
encoding (UTF-8, a byte-order mark allowed, mojibake refused), the schema and duplicate
keys before anything is written; every error names the record (`EditionImportError`).
"""

import codecs
import json
import sys

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from jsonschema import Draft202012Validator

from .spec import FORMAT, READABLE_VERSIONS, RECORDS_SPEC, SECTIONS, published_schema

# Nested lists: (record kind, field) → the record kind of its entries.
NESTED = {
    (name, fname): f.of
    for name, record in RECORDS_SPEC.items()
    for fname, f in record.fields.items()
    if f.kind == "records"
}


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
            ngettext(
                "The file holds a number of %(digits)d digit; no field takes a number that long.",
                "The file holds a number of %(digits)d digits; no field takes a number that "
                "long.",
                len(digits.lstrip("-")),
            ) % {"digits": len(digits.lstrip("-"))}
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
