"""The tables of the open-data package, and the registry that lets any app add one.

A `Table` says what a resource is (name, title, a description per field, its
primary and foreign keys, as in a Frictionless Table Schema) and how to read
its rows (`rows(years=…)` → lists in the order of `fields`, in the active
language). The public app registers the awards and the tables around them;
an app the public app may not import (the civic audit, `surveys`, which sits
beside it in the layers) registers its own from its `AppConfig.ready()`, and
the package, its downloads and its releases pick it up without knowing it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean, date
    description: object  # a (lazy) translatable string
    required: bool = False
    enum: tuple = ()
    format: str = ""

    def schema(self, decimal_char="."):
        """The Table Schema field, its description in the active language."""
        data = {"name": self.name, "type": self.type, "description": str(self.description)}
        if self.format:
            data["format"] = self.format
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            data["constraints"] = constraints
        if self.type == "number" and decimal_char != ".":
            data["decimalChar"] = decimal_char
        return data


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple
    resource: str
    reference: tuple


@dataclass(frozen=True)
class Table:
    name: str
    title: object
    description: object
    fields: tuple
    primary_key: tuple
    rows: object  # rows(*, years): [[value, …]] in the active language
    foreign_keys: tuple = ()
    order: int = 100

    @property
    def header(self):
        return [f.name for f in self.fields]


_REGISTRY = {}


def register(table):
    """Add `table` to the package (again under the same name: replaced)."""
    _REGISTRY[table.name] = table
    return table


def tables():
    """The registered tables, in the package's order."""
    return sorted(_REGISTRY.values(), key=lambda t: (t.order, t.name))


# Cities another table names (a scorecard's city, a survey's rated city) must be in the
# cities table for its foreign key to hold, though no published award names them:
# each app says which slugs it publishes; the cities table holds those and no others.
_CITY_SOURCES = []


def register_city_source(slugs):
    """`slugs(years=…)` → the slugs of the cities the caller's table publishes."""
    _CITY_SOURCES.append(slugs)
    return slugs


def referenced_city_slugs(*, years=None):
    found = set()
    for slugs in _CITY_SOURCES:
        found.update(slugs(years=years))
    return found
