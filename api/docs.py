"""The OpenAPI document (/api/v1/openapi.json) and the same as a page (/api/v1/docs/),
without JavaScript: operations, parameters, answers and schemas, flattened here for
templates/public/api_docs.html (no markup in Python).

The page is English, as the document is: one language, so its only alternate is
itself and the language switcher offers that one.
"""

from django.shortcuts import render
from django.utils import translation

from otwarte.context_processors import languages

from .main import api, document


def openapi_document(request):
    return api.create_response(request, document(request), status=200)


def _name(ref):
    return ref.rsplit("/", 1)[-1]


def _type(schema):
    """A schema in a few words: `string (uri) | null`, `array of Award`."""
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            return " | ".join(_type(option) for option in schema[key])
    if "const" in schema:
        return f"“{schema['const']}”"
    if "$ref" in schema:
        return _name(schema["$ref"])
    kind = schema.get("type", "")
    kind = " | ".join(kind) if isinstance(kind, list) else kind
    if kind == "array":
        return f"array of {_type(schema['items'])}"
    if kind == "object" and "additionalProperties" in schema:
        return f"object of {_type(schema['additionalProperties'])}"
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    return kind


def _constraints(schema):
    parts = []
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            parts += _constraints(option)
    if "enum" in schema:
        parts.append(", ".join(str(v) if v != "" else "“”" for v in schema["enum"]))
    for key, label in (("minimum", "≥"), ("maximum", "≤"), ("maxLength", "length ≤")):
        if key in schema:
            parts.append(f"{label} {schema[key]}")
    if "pattern" in schema:
        parts.append(schema["pattern"])
    if "default" in schema:
        parts.append(f"default {schema['default'] if schema['default'] != '' else '“”'}")
    return parts


def _answer(status, response):
    content = response.get("content", {}).get("application/json", {})
    return {
        "status": status,
        "description": response["description"],
        "schema": _type(content["schema"]) if content else "",
    }


def _operation(path, method, op):
    return {
        "id": op["operationId"],
        "method": method.upper(),
        "path": path,
        "summary": op["summary"],
        "description": op.get("description", ""),
        "parameters": [
            {
                "name": p["name"],
                "in": p["in"],
                "required": p["required"],
                "type": _type(p["schema"]),
                "constraints": _constraints(p["schema"]),
                "description": p.get("description", ""),
            }
            for p in op["parameters"]
        ],
        "responses": [_answer(status, r) for status, r in op["responses"].items()],
    }


def page_context(request):
    doc = document(request)
    operations = [
        _operation(path, method, op)
        for path, methods in doc["paths"].items()
        for method, op in methods.items()
    ]
    # The answers' schemas (closed ones); the query's (Filters, Paging) are the parameters.
    schemas = [
        {
            "name": name,
            "properties": [
                {
                    "name": prop,
                    "type": _type(spec),
                    "constraints": _constraints(spec),
                    "description": spec.get("description", ""),
                }
                for prop, spec in schema.get("properties", {}).items()
            ],
        }
        for name, schema in doc["components"]["schemas"].items()
        if schema.get("additionalProperties") is False
    ]
    return {"info": doc["info"], "server": doc["servers"][0]["url"], "operations": operations,
            "schemas": schemas}  # fmt: skip


def page(request):
    with translation.override("en"):
        english = next(link for link in languages(request)["language_links"] if link["current"])
        context = {
            "api": page_context(request),
            # One language: the page is its own alternate (base.html's hreflang links).
            "language_links": [english],
            "current_language_link": english,
            "other_language_links": [],
            "x_default_url": english["absolute_url"],
        }
        return render(request, "public/api_docs.html", context)
