"""The bookkeeping of an import: the lookups by natural key, merging values into an
object (each change noted in the run's `Summary`), and saving only what changed.

`importing._Importer` walks the file's sections on top of `_Records`.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from jury.models import Criterion, Juror
from practices.models import Category, City, Practice

from .reading import EditionImportError, _at
from .spec import LANGUAGES, SECTIONS

# The record kinds of the sections whose rows summarise a record (for the preview).
SUMMARY_SECTIONS = ["edition", *SECTIONS]


# --- values from the file -------------------------------------------------------


def _datetime_value(value):
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        # The schema's pattern admits 2015-02-30 and hour 25; the calendar does not.
        raise EditionImportError(
            _("“%(value)s” is not a real date and time.") % {"value": value}
        ) from error
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

class _Records:
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
        try:
            value = convert(value) if convert is not None and value is not None else value
        except EditionImportError as error:
            raise EditionImportError(f"{name}: {error}") from error
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


def _assignment_order(assignment):
    return (assignment.order, assignment.city.slug)


def _validation_text(error):
    if hasattr(error, "error_dict"):
        return "; ".join(
            f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        )
    return " ".join(error.messages)

