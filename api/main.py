"""The NinjaAPI of /api/: the apps' Routers, the index, the OpenAPI document, and one
answer for every error: a JSON `Error` body (otwarte/api.py), in English.

django-ninja writes the document from the type hints and schemas of the same functions
that answer (public/api.py, surveys/api.py, scorecards/api.py); nothing here describes an operation by hand.
"""

import json
from types import MappingProxyType

from django.conf import settings
from django.core.handlers.exception import response_for_exception
from django.http import Http404
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

from otwarte.api import DEFAULT_LANGUAGE, NO_NUL, ApiError, Closed, Error, Lang, not_found
from public.api import router as awards
from public.datapackage import LICENSE
from scorecards.api import router as scorecards
from surveys.api import router as surveys

# Where each part is mounted, relative to /api/ (api/urls.py names the surveys' part
# `surveys_api:*` by this prefix).
VERSION = "v1/"
SURVEYS = f"{VERSION}surveys/"
SCORECARDS = f"{VERSION}scorecards/"


class Renderer(JSONRenderer):
    # UTF-8 as it is (Polish, Ukrainian, Russian), as Django's JsonResponse answered.
    json_dumps_params = MappingProxyType({"ensure_ascii": False})


class OpenDataAPI(NinjaAPI):
    def get_content_type(self):
        return "application/json"


api = OpenDataAPI(
    title="Miasta Otwarte open data",
    version="1",
    description=(
        "Read-only, no authentication, no cookies; only published editions. "
        "Every answer is JSON with `Access-Control-Allow-Origin: *`; every error has the "
        "`Error` body. `GET` and `HEAD` only: other methods answer 405 with `Allow`. "
        "See docs/api.md."
    ),
    urls_namespace="api",
    # Served by api/urls.py under their old names (api:openapi, api:docs).
    openapi_url=None,
    docs_url=None,
    renderer=Renderer(),
    openapi_extra={
        "info": {
            "summary": "Practices awarded by the Miasta Otwarte (Open Cities) competition, "
            "and the migrants' survey rankings.",
            "license": {"name": LICENSE["title"], "identifier": LICENSE["name"]},
        },
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
    },
)
api.add_router(VERSION, awards)
api.add_router(SURVEYS, surveys)
api.add_router(SCORECARDS, scorecards)

# The lists the index links to: every endpoint that takes no path parameter.
INDEX = {
    "practices": "api:practices",
    "awards": "api:awards",
    "cities": "api:cities",
    "editions": "api:editions",
    "surveys": "surveys_api:index",
    "scorecards": "api:scorecards",
    "openapi": "api:openapi",
    "docs": "api:docs",
}


class Index(Closed):
    practices: str
    awards: str
    cities: str
    editions: str
    surveys: str
    scorecards: str
    openapi: str
    docs: str


@api.get(
    VERSION,
    response={200: Index, 400: Error},
    url_name="index",
    operation_id="index",
    summary="Links to the lists, the document and its page",
    tags=["index"],
)
def index(request, lang: Lang = DEFAULT_LANGUAGE):
    return {name: request.build_absolute_uri(reverse(url)) for name, url in INDEX.items()}


def error(request, status, errors):
    return api.create_response(request, {"errors": errors}, status=status)


@api.exception_handler(ApiError)
def _api_error(request, exc):
    return error(request, exc.status, exc.errors)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _api_error(request, not_found())


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    """Bad input is a 400 per parameter; a path the converters let through but the
    schema does not (a year of five digits, an unknown survey kind) names nothing: 404."""
    if any(item["loc"][0] == "path" for item in exc.errors):
        return _api_error(request, not_found())
    errors = {}
    for item in exc.errors:
        _source, *names = item["loc"]
        name = next(n for n in reversed(names) if isinstance(n, str))
        message = item["msg"]
        if item.get("ctx", {}).get("pattern") == NO_NUL:
            message = "Null characters are not allowed."
        errors.setdefault(name, []).append({"message": message, "code": item["type"]})
    return error(request, 400, errors)


@api.exception_handler(Exception)
def _server_error(request, exc):
    # Django's own handling first: the log, the signal (the test client re-raises),
    # the admins' mail; then its status with the API's body.
    response = response_for_exception(request, exc)
    if settings.DEBUG:
        return response
    return error(
        request,
        response.status_code,
        {"server": [{"message": "Server error; it has been logged.", "code": "server_error"}]},
    )


def document(request):
    """The OpenAPI 3.1 document, with the server's absolute URL from the request."""
    schema = api.get_openapi_schema()
    schema["servers"] = [{"url": request.build_absolute_uri("/").rstrip("/")}]
    # A plain dict of JSON types, as a client reads it.
    return json.loads(json.dumps(schema))
