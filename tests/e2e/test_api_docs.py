"""The API docs page is axe-clean: its schema tables were regions named like their
sections (axe's landmark-unique, 14 duplicates in issue 32)."""

import pytest
from django.urls import reverse

from tests.e2e.conftest import describe

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_api_docs_page_has_no_axe_violations(page, live_server, edition_2015, axe_violations):
    page.goto(f"{live_server.url}{reverse('api:docs')}")
    assert describe(axe_violations(page)) == []
