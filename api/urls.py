"""/api/ (included by otwarte/urls.py): the NinjaAPI's routes, the OpenAPI document and
its page, and a JSON 404 for every other path.

The API reads only: every route here answers GET and HEAD and nothing else (405 with
`Allow` and an `Error` body, before any parsing), carries `Access-Control-Allow-Origin: *`
(open data, no cookies), and is CSRF-exempt so that a write meets the 405, not the
CSRF 403. The surveys' routes keep their own URL namespace, `surveys_api:*`.
"""

from functools import wraps

from django.http import Http404
from django.urls import include, path, re_path

from otwarte.api import ApiError, not_found

from . import docs
from .main import SURVEYS, api, error

ALLOWED = ("GET", "HEAD")


def read_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ALLOWED:
            response = error(
                request,
                405,
                {
                    "method": [
                        {"message": "The API reads only: GET or HEAD.", "code": "not_allowed"}
                    ]
                },
            )
            response["Allow"] = ", ".join(ALLOWED)
        else:
            response = _answer(view, request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    wrapper.csrf_exempt = True
    return wrapper


def _answer(view, request, *args, **kwargs):
    method = request.method
    # django-ninja dispatches on the method and knows GET only: HEAD is the same
    # answer, whose body the server leaves out.
    request.method = "GET"
    try:
        return view(request, *args, **kwargs)
    except Http404:
        return _error_of(request, not_found())
    except ApiError as exc:
        return _error_of(request, exc)
    finally:
        request.method = method


def _error_of(request, exc):
    return error(request, exc.status, exc.errors)


def not_found_view(request, rest=""):
    """Any other path under /api/: a JSON 404 like the operations' own."""
    raise Http404


def _routes():
    """(the surveys' routes, every other route), each wrapped by read_only."""
    routes, _app_name, _namespace = api.urls
    surveys, others = [], []
    for route in routes:
        route.callback = read_only(route.callback)
        (surveys if str(route.pattern).startswith(SURVEYS) else others).append(route)
    others += [
        path("v1/openapi.json", read_only(docs.openapi_document), name="openapi"),
        path("v1/docs/", read_only(docs.page), name="docs"),
        # Last: every other path is the API's JSON 404, not the site's HTML page.
        re_path(r"^(?P<rest>.*)$", read_only(not_found_view), name="not_found"),
    ]
    return surveys, others


_surveys, _others = _routes()

urlpatterns = [
    path("", include((_surveys, "surveys_api"))),
    path("", include((_others, "api"))),
]
