"""What every app's part of the JSON API shares (django-ninja; assembled in `api/`).

The apps that answer under /api/ (public, surveys) sit on one layer and may not import
each other, so the pieces they have in common live here: the `?lang=` parameter, the
error body and the exception that produces it, and the closed schema base. The API
itself (one NinjaAPI, one OpenAPI document, the error handlers) is `api/main.py`.
"""

from typing import Annotated, Literal

from django.conf import settings
from ninja import Query, Schema
from pydantic import ConfigDict, Field

from otwarte.i18n import LANGUAGES

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE

# The content languages (otwarte/i18n.py, from settings.LANGUAGES).
Language = Literal[tuple(LANGUAGES)]
Lang = Annotated[
    Language,
    Query(
        description=(
            "Content language; untranslated fields fall back to Polish "
            "(and are named in `untranslated` where the answer has it)."
        )
    ),
]

# A filter value, a slug or a free text never holds NUL (a form rejects it; the
# database could not store it): declared, so clients and fuzzers know.
NO_NUL = r"^[^\x00]*$"


class Closed(Schema):
    """A response object that documents every field it has: nothing undocumented
    (`additionalProperties: false` in the OpenAPI document)."""

    model_config = ConfigDict(extra="forbid")


class Problem(Closed):
    message: str
    code: str


class Error(Closed):
    """The body of every 4xx under /api/: a form's errors, per parameter."""

    errors: dict[str, list[Problem]] = Field(
        description="The messages per parameter (`path` for an unknown or unpublished path)."
    )


class ApiError(Exception):
    """An answer other than 200, in the shape of `Error`: raised by an operation,
    rendered by the API's handler (api/main.py)."""

    def __init__(self, status, errors):
        super().__init__(status, errors)
        self.status = status
        self.errors = errors

    @classmethod
    def of(cls, status, *, code="invalid", **messages):
        """One message per parameter: ApiError.of(404, code="not_found", page="…")."""
        return cls(
            status, {name: [{"message": text, "code": code}] for name, text in messages.items()}
        )


def not_found():
    return ApiError.of(404, code="not_found", path="Not found (or not published).")
