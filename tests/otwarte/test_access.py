"""The one access vocabulary (otwarte/access.py): the view decorators and the
admin mixin ask the role predicates, and nothing else defines them (issue 33)."""

import ast
import re
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from otwarte import access
from otwarte.access import (
    OrganiserOnlyAdminMixin,
    access_required,
    organiser_required,
    role_required,
    translator_required,
)
from otwarte.models import SentMessage
from otwarte.roles import Role

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    path for path in ROOT.glob("*/**/*.py")
    if path.parts[len(ROOT.parts)] not in {".venv", "node_modules", "tests", "bench"}
]


def _request(user):
    request = RequestFactory().get("/pl/somewhere/")
    request.user = user if user is not None else AnonymousUser()
    request.session = {}
    return request


@access_required(lambda user: True)
def _open(request):
    return HttpResponse("ok")


def _view(request):
    return HttpResponse("ok")


@pytest.mark.parametrize(
    "decorator, allowed",
    [
        (organiser_required, {"organiser"}),
        (translator_required, {"organiser", "translator"}),
        (role_required(Role.JUROR), {"juror_a"}),
        (role_required(Role.EXPERT, Role.JUROR), {"expert_lublin", "juror_a"}),
    ],
)
def test_decorator_lets_in_its_roles_only(
    request, decorator, allowed, organiser, expert_lublin, juror_a, translator
):
    view = decorator(_view)
    for name in ["organiser", "expert_lublin", "juror_a", "translator"]:
        user = request.getfixturevalue(name)
        if name in allowed:
            assert view(_request(user)).status_code == 200, name
        else:
            with pytest.raises(PermissionDenied):
                view(_request(user))


def test_decorator_sends_anonymous_visitors_to_the_login(db):
    response = organiser_required(_view)(_request(None))
    assert response.status_code == 302
    assert response["Location"] == reverse("public:login") + "?next=/pl/somewhere/"


def test_access_required_keeps_the_predicate_s_answer(juror_a):
    seen = {}

    @access_required(lambda user: f"seat of {user.username}", attach="seat")
    def view(request):
        seen["seat"] = request.seat
        return HttpResponse("ok")

    view(_request(juror_a))
    assert seen == {"seat": "seat of juror_a"}


def test_organiser_only_admin_mixin(organiser, expert_lublin, juror_a):
    class SentMessageAdmin(OrganiserOnlyAdminMixin, admin.ModelAdmin):
        organiser_actions = frozenset({"view", "change"})

    model_admin = SentMessageAdmin(SentMessage, admin.site)
    organiser_request, expert_request = _request(organiser), _request(expert_lublin)
    assert model_admin.has_module_permission(organiser_request)
    assert model_admin.has_view_permission(organiser_request)
    assert model_admin.has_change_permission(organiser_request)
    assert not model_admin.has_add_permission(organiser_request)
    assert not model_admin.has_delete_permission(organiser_request)
    for other in (expert_request, _request(juror_a)):
        assert not model_admin.has_module_permission(other)
        assert not model_admin.has_view_permission(other)
        assert not model_admin.has_change_permission(other)


def test_one_is_organiser_everywhere():
    """Callers import the role predicate from otwarte.access; no app's permissions
    module hands it on (a facade would hide where it lives)."""
    from jury import permissions as jury_permissions
    from practices import permissions as practice_permissions
    from reports import permissions as report_permissions
    from surveys import permissions as survey_permissions
    from translations import permissions as translation_permissions

    for module in (practice_permissions, jury_permissions, report_permissions, survey_permissions):
        assert not hasattr(module, "is_organiser"), module.__name__
    assert translation_permissions.can_translate is access.can_translate
    imported_elsewhere = [
        f"{path.relative_to(ROOT)}: from {node.module}"
        for path in [*SOURCES, *ROOT.glob("tests/**/*.py")]
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ImportFrom)
        and any(alias.name == "is_organiser" for alias in node.names)
        and node.module != "otwarte.access"
    ]
    assert imported_elsewhere == []


ADMIN_OVERRIDE = re.compile(
    r"def has_\w+_permission\(self, request[^)]*\):\n\s+return (?:self\._\w+\(request\)|"
    r"is_organiser\(request\.user\))( or super\(\)\S+)?\n"
)


def test_organiser_only_admins_use_the_shared_mixin():
    """`has_*_permission` that only ask is_organiser are OrganiserOnlyAdminMixin's."""
    own = [
        str(path.relative_to(ROOT)) for path in SOURCES
        if path.name == "admin.py" and ADMIN_OVERRIDE.search(path.read_text())
    ]
    assert own == []


@pytest.mark.parametrize(
    "name",
    ["organiser_required", "translator_required", "role_required", "access_required",
     "is_organiser", "is_translator", "can_translate"],
)
def test_the_vocabulary_is_defined_only_in_otwarte_access(name):
    definition = re.compile(rf"^(def {name}\(|{name} = )", re.MULTILINE)
    defined_in = [
        str(path.relative_to(ROOT)) for path in SOURCES if definition.search(path.read_text())
    ]
    assert defined_in == ["otwarte/access.py"]
