"""The OpenAPI 3.1 description of /api/v1/ (api.py), kept next to the views.

The API stays plain Django views; this module says what they answer, and
tests/public/test_openapi.py holds the two together: every route is
documented, every documented response validates (schemathesis against the
live server), and the schemas forbid undocumented fields, so a field added
to a view without its schema fails the suite.

The filter parameters (`city`, `year`, `category`) list the values that exist
now, read from the same choices as the filters themselves: a client sees what
it may ask for, and a value outside them is a documented 400.
"""

from django.conf import settings
from django.urls import reverse

from practices.enums import FollowUpStatus, Initiator, Voivodeship

from .datapackage import LICENSE
from .filters import (
    DEFAULT_SORT,
    SEARCH_MAX_LENGTH,
    SORT_CHOICES,
    _category_choices,
    _city_choices,
    _year_choices,
)

# The API's limits (api.py reads them from here, so the description cannot drift).
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
TRANSLATED_FIELDS = [
    "title",
    "description",
    "recommendation",
    "introduction",
    "selection",
    "ceremony_place",
    "ceremony_occasion",
]
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _object(properties, *, required=None):
    """A closed object: every property required unless named, nothing undocumented."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


STRING = {"type": "string"}
URI = {"type": "string", "format": "uri"}
INTEGER = {"type": "integer"}
NULLABLE_INTEGER = {"type": ["integer", "null"]}
NULLABLE_STRING = {"type": ["string", "null"]}
UNTRANSLATED = {
    "type": "array",
    "items": {"type": "string", "enum": TRANSLATED_FIELDS},
    "description": "Fields given in Polish for lack of a translation into `language`.",
}


def _schemas():
    """The OpenAPI component schemas of the public API.

    Long because: one declarative literal, the API's whole contract in one place;
    cut into functions it would read as code, not as the schema it is."""
    return {
        "Error": _object(
            {
                "errors": {
                    "type": "object",
                    "description": "The messages per parameter.",
                    "additionalProperties": {
                        "type": "array",
                        "items": _object({"message": STRING, "code": STRING}),
                    },
                }
            }
        ),
        "Index": _object({name: URI for name in ("practices", "awards", "cities", "editions", "openapi")}),
        "CityRef": _object({"slug": STRING, "name": STRING, "url": URI, "api_url": URI}),
        "Category": _object({"code": STRING, "name": STRING}),
        "AwardRef": _object({"year": INTEGER, "category": _ref("Category")}),
        "Practice": _object(
            {
                "city": _ref("CityRef"),
                "slug": STRING,
                "title": {"type": "string", "description": "May be empty: some awards name only the city."},
                "description": STRING,
                "initiator": {"type": "string", "enum": Initiator.values},
                "start_year": NULLABLE_INTEGER,
                "website": {"type": ["string", "null"], "format": "uri"},
                "follow_up": _object(
                    {
                        "status": {"type": "string", "enum": FollowUpStatus.values},
                        "year": NULLABLE_INTEGER,
                    }
                ),
                "awards": {"type": "array", "items": _ref("AwardRef")},
                "url": URI,
                "api_url": URI,
                "untranslated": UNTRANSLATED,
            }
        ),
        "Award": _object(
            {
                "id": INTEGER,
                "year": INTEGER,
                "order": INTEGER,
                "category": _ref("Category"),
                "practice": _object(
                    {"city": _ref("CityRef"), "slug": STRING, "title": STRING, "url": URI}
                ),
                "recommendation": STRING,
                "similar_actions": {
                    "type": "array",
                    "items": _object({"city": _ref("CityRef"), "practice": NULLABLE_STRING}),
                },
                "untranslated": UNTRANSLATED,
            }
        ),
        "City": _object(
            {
                "slug": STRING,
                "name": STRING,
                "url": URI,
                "api_url": URI,
                "voivodeship": {"type": "string", "enum": Voivodeship.values},
                "teryt": {"type": ["string", "null"], "pattern": r"^[0-9]{7}$"},
                "latitude": {"type": ["number", "null"], "minimum": -90, "maximum": 90},
                "longitude": {"type": ["number", "null"], "minimum": -180, "maximum": 180},
                "award_count": {"type": "integer", "minimum": 0},
            }
        ),
        "Edition": _object(
            {
                "year": INTEGER,
                "title": STRING,
                "award_count": {"type": "integer", "minimum": 0},
                "url": URI,
                "api_url": URI,
                "untranslated": UNTRANSLATED,
            }
        ),
        "EditionDetail": _object(
            {
                "year": INTEGER,
                "title": STRING,
                "award_count": {"type": "integer", "minimum": 0},
                "url": URI,
                "api_url": URI,
                "introduction": STRING,
                "selection": STRING,
                "ceremony": _object(
                    {
                        "at": {"type": ["string", "null"], "format": "date-time"},
                        "place": STRING,
                        "city": NULLABLE_STRING,
                        "occasion": STRING,
                    }
                ),
                "jurors": {
                    "type": "array",
                    "items": _object(
                        {"name": STRING, "country_of_origin": STRING, "city": NULLABLE_STRING}
                    ),
                },
                "criteria": {
                    "type": "array",
                    "items": _object({"code": STRING, "name": STRING, "description": STRING}),
                },
                "awards_api_url": URI,
                "untranslated": UNTRANSLATED,
            }
        ),
        **{f"{name}Page": _page(name) for name in ("Practice", "Award", "City", "Edition")},
    }


def _page(item):
    return _object(
        {
            "count": {"type": "integer", "minimum": 0},
            "page": {"type": "integer", "minimum": 1},
            "num_pages": {"type": "integer", "minimum": 1},
            "page_size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            "next": {"type": ["string", "null"], "format": "uri"},
            "previous": {"type": ["string", "null"], "format": "uri"},
            "language": {"type": "string", "enum": LANGUAGE_CODES},
            "results": {"type": "array", "items": _ref(item)},
        }
    )


def _query(name, schema, description):
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}  # fmt: skip


def _path(name, schema, description):
    return {"name": name, "in": "path", "required": True, "schema": schema,
            "description": description}  # fmt: skip


LANG = _query(
    "lang",
    {"type": "string", "enum": LANGUAGE_CODES, "default": settings.LANGUAGE_CODE},
    "Content language; untranslated fields fall back to Polish and are named in `untranslated`.",
)
PAGING = [
    _query("page", {"type": "integer", "minimum": 1, "default": 1},
           "Page number; past the last page the answer is 404."),  # fmt: skip
    _query(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
        "Items per page.",
    ),
]


def _filters():
    """The list filters; an empty value means "all", as the public form sends it."""

    def values(choices):
        return ["", *(value for value, _label in choices())]

    years = [int(year) for year in values(_year_choices)[1:]]
    return [
        _query("city", {"type": "string", "enum": values(_city_choices)},
               "City slug (cities with a published award)."),  # fmt: skip
        _query("year", {"oneOf": [{"type": "integer", "enum": years}, {"const": ""}]},
               "Edition year (published editions)."),  # fmt: skip
        _query("category", {"type": "string", "enum": values(_category_choices)},
               "Category code."),  # fmt: skip
        _query("q", {"type": "string", "maxLength": SEARCH_MAX_LENGTH},
               "Free text; every word must match, in Polish or in `lang`."),  # fmt: skip
        _query("sort", {"type": "string", "enum": ["", *(v for v, _l in SORT_CHOICES)],
                        "default": DEFAULT_SORT},
               "Order (`title` applies to practices; empty: the default)."),  # fmt: skip
    ]


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


BAD_REQUEST = _json(_ref("Error"), "Invalid parameters, with the errors per parameter.")
NOT_FOUND = _json(_ref("Error"), "Not published, or no such page.")


def _operation(operation_id, summary, parameters, schema, *, description="", not_found=True):
    responses = {"200": _json(_ref(schema), "OK"), "400": BAD_REQUEST}
    if not_found:
        responses["404"] = NOT_FOUND
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "description": description,
            "parameters": [*parameters, LANG],
            "responses": responses,
        }
    }


# Sample values that survive reverse() (an <int:year> needs digits), replaced by {name}.
_SAMPLES = {"city_slug": "city-slug-sample", "slug": "slug-sample", "year": 1}


def _documented_path(name, *params):
    path = reverse(f"api:{name}", kwargs={p: _SAMPLES[p] for p in params})
    for param in params:
        path = path.replace(f"/{_SAMPLES[param]}/", "/{" + param + "}/", 1)
    return path


def document(request):
    """The OpenAPI 3.1 document, with absolute server URL from the request."""
    filters = _filters()
    slug = {"type": "string", "pattern": SLUG_PATTERN}
    paths = {
        _documented_path("index"): _operation(
            "index", "Links to the lists", [], "Index", not_found=False
        ),
        _documented_path("practices"): _operation(
            "listPractices",
            "Awarded practices",
            [*filters, *PAGING],
            "PracticePage",
            description="Each practice with all its published awards; filtered by its awards.",
        ),
        _documented_path("practice", "city_slug", "slug"): _operation(
            "getPractice",
            "One awarded practice",
            [_path("city_slug", slug, "City slug."), _path("slug", slug, "Practice slug.")],
            "Practice",
        ),
        _documented_path("awards"): _operation(
            "listAwards",
            "Awards (practice × category × edition)",
            [*filters, *PAGING],
            "AwardPage",
            description="With the jury's recommendation and the similar actions.",
        ),
        _documented_path("cities"): _operation(
            "listCities",
            "Cities named by a published edition",
            PAGING,
            "CityPage",
            description="Awarded, or listed as a similar action; with coordinates.",
        ),
        _documented_path("city", "slug"): _operation(
            "getCity", "One city", [_path("slug", slug, "City slug.")], "City"
        ),
        _documented_path("editions"): _operation(
            "listEditions", "Published editions", PAGING, "EditionPage"
        ),
        _documented_path("edition", "year"): _operation(
            "getEdition",
            "One published edition",
            [_path("year", {"type": "integer", "minimum": 0}, "Edition year.")],
            "EditionDetail",
            description="Introduction, selection, ceremony, jurors and criteria.",
        ),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Miasta Otwarte open data",
            "version": "1",
            "summary": "Practices awarded by the Miasta Otwarte (Open Cities) competition.",
            "description": (
                "Read-only, no authentication, no cookies; only published editions. "
                "Every answer is JSON with `Access-Control-Allow-Origin: *`. See docs/api.md."
            ),
            "license": {"name": LICENSE["title"], "identifier": LICENSE["name"]},
        },
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": paths,
        "components": {"schemas": _schemas()},
    }


def _type(schema):
    if "oneOf" in schema:
        return " | ".join(_type(s) for s in schema["oneOf"])
    if "const" in schema:
        return f"“{schema['const']}”"
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    kind = schema.get("type", "")
    kind = " | ".join(kind) if isinstance(kind, list) else kind
    if kind == "array":
        return f"array of {_type(schema['items'])}"
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    return kind


def _constraints(schema):
    parts = []
    for option in schema.get("oneOf", []):
        parts += _constraints(option)
    if "enum" in schema:
        parts.append(", ".join(str(v) if v != "" else "“”" for v in schema["enum"]))
    for key, label in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "length ≤")):
        if key in schema:
            parts.append(f"{label} {schema[key]}")
    if "pattern" in schema:
        parts.append(schema["pattern"])
    if "default" in schema:
        parts.append(f"default {schema['default']}")
    return parts


def page_context(request):
    """The document flattened for templates/public/api_docs.html (no markup here)."""
    doc = document(request)
    operations = []
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            operations.append(
                {
                    "id": op["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": op["summary"],
                    "description": op["description"],
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p["required"],
                            "type": _type(p["schema"]),
                            "constraints": _constraints(p["schema"]),
                            "description": p["description"],
                        }
                        for p in op["parameters"]
                    ],
                    "responses": [
                        {
                            "status": status,
                            "description": response["description"],
                            "schema": _type(response["content"]["application/json"]["schema"]),
                        }
                        for status, response in op["responses"].items()
                    ],
                }
            )
    schemas = [
        {
            "name": name,
            "properties": [
                {"name": prop, "type": _type(spec), "constraints": _constraints(spec),
                 "description": spec.get("description", "")}  # fmt: skip
                for prop, spec in schema.get("properties", {}).items()
            ],
        }
        for name, schema in doc["components"]["schemas"].items()
    ]
    return {"info": doc["info"], "server": doc["servers"][0]["url"], "operations": operations,
            "schemas": schemas}  # fmt: skip
