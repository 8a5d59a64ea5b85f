"""Admin autocomplete selects list the user's own choices, so they work without JavaScript."""

import pytest
from django.contrib import admin

from otwarte.admin_widgets import NoScriptAutocompleteMixin

pytestmark = pytest.mark.django_db


def _admins_with_autocomplete():
    for model_admin in admin.site._registry.values():
        if model_admin.autocomplete_fields:
            yield model_admin.__class__
        for inline in model_admin.inlines:
            if inline.autocomplete_fields:
                yield inline


def test_every_admin_with_autocomplete_falls_back_to_a_plain_list():
    admins = list(_admins_with_autocomplete())
    assert admins
    assert [a.__name__ for a in admins if not issubclass(a, NoScriptAutocompleteMixin)] == []
