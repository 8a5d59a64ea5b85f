"""The OpenAPI document of /api/v1/ (public/openapi.py) against the views.

schemathesis generates requests from the document served by the live test
server, for every operation and parameter, valid and invalid, and checks each
answer: no 500, a documented status and content type, a body that validates
against the (closed) schema, invalid input rejected, valid input accepted.
"""

import pytest
import schemathesis
from django.urls import get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from public import openapi

pytestmark = pytest.mark.django_db(transaction=True)

# Enough to reach every parameter and enum value, few enough to keep the run short.
MAX_EXAMPLES = 30
OPERATION_IDS = ["index", "listPractices", "getPractice", "listAwards", "listCities", "getCity",
                 "listEditions", "getEdition"]  # fmt: skip


# schemathesis.pytest.from_fixture() does not run under pytest 9 (it sets a
# node attribute pytest removed), so each operation is driven through its
# hypothesis strategy here: positive cases must be accepted, negative rejected.
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_api_conforms_to_its_openapi_document(live_server, edition_2015, operation_id, mode):
    schema = schemathesis.openapi.from_url(f"{live_server.url}{reverse('api:openapi')}")
    operation = schema.find_operation_by_id(operation_id)

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,  # no timed assertions: a busy machine is not a failure
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case):
        case.call_and_validate()

    check()


def test_openapi_document_covers_every_api_route(rf, db):
    document = openapi.document(rf.get("/"))
    _prefix, api = get_resolver().namespace_dict["api"]
    routes = {p.name for p in api.url_patterns} - {"openapi", "docs", "not_found"}
    documented = [op["operationId"] for path in document["paths"].values() for op in path.values()]
    assert len(documented) == len(routes)
    assert sorted(documented) == sorted(OPERATION_IDS)
    assert document["openapi"] == "3.1.0"


def test_openapi_page_lists_every_operation(client, edition_2015):
    response = client.get(reverse("api:docs"))
    html = response.content.decode()
    assert response.status_code == 200
    for operation_id in OPERATION_IDS:
        assert f'id="{operation_id}"' in html
    assert 'href="/api/v1/openapi.json"' in html
