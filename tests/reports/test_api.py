"""/api/v1/reports/quarterly/: list, a quarter's figures with links, POST to ask (PMO)."""

import pytest

from portfolio.reports.models import QuarterlyReport, ReportRun
from tests.testing.api import ApiPersonaAccessMixin, token_client

from .factories import make_history, make_report
from .test_views import READERS, built_report

pytestmark = pytest.mark.django_db


class TestReportListApi(ApiPersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        make_report("2026-Q2")
        return "/api/v1/reports/quarterly/"


class TestReportDetailApi(ApiPersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        built_report(personas, "2026-Q2")
        return "/api/v1/reports/quarterly/2026-Q2/"


class TestReportRequestApi(ApiPersonaAccessMixin):
    """Only the PMO may ask; other readers get 403 from the service, others from the gate."""

    allowed = {"pmo"}
    allowed_status = 202
    method = "post"

    def get_url(self, personas):
        return "/api/v1/reports/quarterly/"

    def get_data(self, personas):
        return {"quarter": "2026-Q3"}


def test_the_detail_returns_the_figures_and_links_to_the_files(personas):
    make_history(personas)
    report = built_report(personas)
    client = token_client(personas["api.reader"], read_only=True)
    response = client.get("/api/v1/reports/quarterly/2026-Q3/")
    assert response.status_code == 200
    body = response.json()
    assert body["figures"]["spend"]["totals"] == report.figures["spend"]["totals"]
    assert body["links"]["xlsx"].endswith(f"/reports/{report.pk}/report.xlsx")
    assert response["ETag"]
    again = client.get("/api/v1/reports/quarterly/2026-Q3/")
    assert again["ETag"] == response["ETag"]
    assert client.get("/api/v1/reports/quarterly/2025-Q1/").status_code == 404


def test_the_list_shows_superseded_reports_too(personas):
    make_report("2026-Q2", is_current=False)
    make_report("2026-Q2")
    client = token_client(personas["dsg"])
    body = client.get("/api/v1/reports/quarterly/").json()
    assert body["count"] == 2
    assert sorted(r["is_current"] for r in body["results"]) == [False, True]
    current = client.get("/api/v1/reports/quarterly/?is_current=true").json()
    assert current["count"] == 1


def test_asking_for_a_quarter_with_a_report_returns_it(personas):
    make_report("2026-Q2")
    client = token_client(personas["pmo"])
    response = client.post("/api/v1/reports/quarterly/", {"quarter": "2026-Q2"}, format="json")
    assert response.status_code == 200 and response.json()["quarter"] == "2026-Q2"
    assert not ReportRun.objects.exists()
    response = client.post(
        "/api/v1/reports/quarterly/", {"quarter": "2026-Q2", "regenerate": True}, format="json"
    )
    assert response.status_code == 202
    assert response.json()["status_url"].endswith("/status.json")


def test_a_bad_request_is_explained_and_changes_nothing(personas):
    client = token_client(personas["pmo"])
    response = client.post("/api/v1/reports/quarterly/", {"quarter": "Q3"}, format="json")
    assert response.status_code == 400 and "quarter" in response.json()["error"]["fields"]
    response = client.post("/api/v1/reports/quarterly/", {"quarter": "2099-Q1"}, format="json")
    assert response.status_code == 400
    assert not ReportRun.objects.exists() and not QuarterlyReport.objects.exists()


def test_a_read_only_token_cannot_ask(personas):
    client = token_client(personas["pmo"], read_only=True)
    response = client.post("/api/v1/reports/quarterly/", {"quarter": "2026-Q2"}, format="json")
    assert response.status_code == 403


def test_the_list_keeps_a_constant_number_of_queries(personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = token_client(personas["pmo"])
    make_report("2026-Q1")
    client.get("/api/v1/reports/quarterly/")
    with CaptureQueriesContext(connection) as before:
        client.get("/api/v1/reports/quarterly/")
    for quarter in ("2025-Q1", "2025-Q2", "2025-Q3"):
        make_report(quarter)
    with CaptureQueriesContext(connection) as after:
        client.get("/api/v1/reports/quarterly/")
    assert len(before) == len(after)


def test_the_file_links_open_with_the_clients_token(personas):
    from rest_framework.test import APIClient

    from core.exports import XLSX_CONTENT_TYPE

    make_history(personas)
    report = built_report(personas)
    client = token_client(personas["api.reader"], read_only=True)
    links = client.get("/api/v1/reports/quarterly/2026-Q3/").json()["links"]
    files = {
        "xlsx": (XLSX_CONTENT_TYPE, report.workbook),
        "csv": ("application/zip", report.csv_archive),
    }
    for key, (content_type, data) in files.items():
        for accept in ("*/*", content_type):
            response = client.get(links[key], HTTP_ACCEPT=accept)
            assert response.status_code == 200, (key, accept, response.content[:200])
            assert response["Content-Type"] == content_type
            assert response.content == bytes(data)
        refused = APIClient().get(links[key])
        assert refused.status_code in (401, 403) and refused.json()["error"]
    outsider = token_client(personas["staff"]).get(links["xlsx"])
    assert outsider.status_code == 403 and outsider.json()["error"]["status"] == 403
    assert client.get("/api/v1/reports/999999/report.xlsx").status_code == 404


class TestReportWorkbookApi(ApiPersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return f"/api/v1/reports/{make_report('2026-Q2').pk}/report.xlsx"
