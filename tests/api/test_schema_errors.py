"""The schema documents the errors every operation can answer (``core.api.schema``), and the
API refuses what its schema says is invalid: regression tests for what the contract test
(``test_contract.py``) found."""

import pytest
from rest_framework.test import APIClient

from tests.testing.api import token_client
from tests.testing.shared import load_demo, once_per_module

pytestmark = pytest.mark.django_db

demo = once_per_module(load_demo, "demo")


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return APIClient().get("/api/v1/schema/", {"format": "json"}).json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield method.upper(), path, operation


def test_every_operation_documents_its_errors_with_the_one_error_body(schema):
    error = {"$ref": "#/components/schemas/Error"}
    for method, path, operation in _operations(schema):
        responses = operation["responses"]
        expected = {"401", "403", "429"}
        if "{" in path or method != "GET":
            expected.add("404")
        if method != "GET":
            expected |= {"400", "409"}
        assert expected <= set(responses), (method, path, sorted(responses))
        for code in expected:
            assert responses[code]["content"]["application/json"]["schema"] == error


def test_versioned_writes_require_if_match_and_document_412_and_428(schema):
    project = schema["paths"]["/api/v1/projects/{id}/"]
    for method in ("put", "patch"):
        headers = {p["name"]: p for p in project[method]["parameters"] if p["in"] == "header"}
        assert headers["If-Match"]["required"] is True
        assert {"412", "428"} <= set(project[method]["responses"])
    approve = schema["paths"]["/api/v1/budget-submissions/{id}/approve/"]["post"]
    assert "412" in approve["responses"] and "428" not in approve["responses"]


def test_the_transparency_area_says_signing_in_is_optional(schema):
    security = schema["paths"]["/api/v1/transparency/projects/"]["get"]["security"]
    assert {} in security
    assert {} not in schema["paths"]["/api/v1/projects/"]["get"]["security"]


def test_an_unrouted_api_path_is_a_json_404_in_the_error_body(staff):
    response = token_client(staff).get("/api/v1/projects/not-a-number/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["status"] == 404


@pytest.mark.parametrize(
    "query",
    ["limit=abc", "limit=0.5", "limit=0", "limit=²", "offset=-1", "offset=null", "limit=1&limit=2"],
)
def test_pagination_refuses_what_is_not_a_whole_number_in_range(query, staff):
    response = token_client(staff).get(f"/api/v1/programmes/?{query}")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) <= {"limit", "offset"}


def test_a_limit_above_the_maximum_is_served_as_the_maximum(staff):
    response = token_client(staff).get("/api/v1/programmes/?limit=100000&offset=0")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/reports/quarterly/?is_current=null",
        "/api/v1/opinions/?object_id=0.5",
        "/api/v1/staffing/snapshots/?as_of=",
        "/api/v1/budget-submissions/?state=",
        "/api/v1/budgets/consolidation/?basis=",
        "/api/v1/portfolio/status/?as_of=",
        "/api/v1/portfolio/status/?as_of=0009-06-09",
        "/api/v1/staffing/summary/?as_of=",
        "/api/v1/planning/compare/?ids=",
    ],
)
def test_filters_and_queries_refuse_values_the_schema_does_not_allow(url, demo, personas):
    response = token_client(personas["pmo"]).get(url)
    assert response.status_code == 400, response.content
    assert response.json()["error"]["fields"]


def test_filters_still_accept_what_the_schema_allows(personas):
    client = token_client(personas["pmo"])
    assert client.get("/api/v1/reports/quarterly/?is_current=true").status_code == 200
    assert client.get("/api/v1/opinions/?object_id=3").status_code == 200
    assert client.get("/api/v1/staffing/snapshots/?as_of=2026-01-01").status_code == 200
    assert client.get("/api/v1/projects/?programme=").status_code == 200


def test_every_date_in_the_schema_carries_the_portals_date_range(schema):
    import re

    from core.api.schema import DATE_PATTERN

    text = str(schema)
    assert "'format': 'date'" in text
    status = schema["paths"]["/api/v1/portfolio/status/"]["get"]["parameters"]
    (as_of,) = [p for p in status if p["name"] == "as_of"]
    assert as_of["schema"]["pattern"] == DATE_PATTERN
    assert re.match(DATE_PATTERN, "1950-01-01") and re.match(DATE_PATTERN, "2100-12-31")
    assert not re.match(DATE_PATTERN, "1949-12-31") and not re.match(DATE_PATTERN, "2101-01-01")


def test_a_number_where_the_schema_says_text_is_refused(demo, personas):
    response = token_client(personas["chief.geneva"]).post(
        "/api/v1/opinions/",
        {"subject_type": "governance.motion", "subject_id": 1, "stance": "support", "text": 0},
        format="json",
    )
    assert response.status_code == 400
    assert "text" in response.json()["error"]["fields"]
