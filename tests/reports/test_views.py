"""Pages: who may read, download and ask; what the report page shows; XLSX against HTML."""

import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portfolio.reports.exports import sections
from portfolio.reports.models import ReportRun
from portfolio.reports.tasks import build_quarterly_report
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

from .factories import make_history, make_report, make_run

pytestmark = pytest.mark.django_db

READERS = {
    "pmo",
    "cito",
    "dsg",
    "usg.management",
    "km.chair",
    "km.member",
    "rm.chair",
    "rm.member",
    "im.chair",
    "im.member",
    "budget.reviewer",
    "api.reader",
}


def built_report(personas, quarter="2026-Q3"):
    run = ReportRun.objects.create(quarter=quarter, requested_by=personas["pmo"])
    build_quarterly_report.apply(args=[run.pk])
    run.refresh_from_db()
    return run.report


class TestReportList(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return reverse("reports:list")


class TestReportPage(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return reverse("reports:report", args=[built_report(personas).pk])


class TestCurrentReportOfAQuarter(PersonaAccessMixin):
    allowed = READERS
    allowed_status = 302

    def get_url(self, personas):
        built_report(personas)
        return reverse("reports:quarter", args=["2026-Q3"])


class TestWorkbookDownload(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return reverse("reports:workbook", args=[built_report(personas).pk])


class TestCsvArchiveDownload(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return reverse("reports:csv_archive", args=[built_report(personas).pk])


class TestSectionCsvDownload(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return reverse("reports:csv", args=[built_report(personas).pk, "spend"])


class TestRunPage(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return reverse("reports:run", args=[make_run().pk])


class TestRunStatus(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return reverse("reports:run_status", args=[make_run().pk])


class TestRequestForm(PersonaAccessMixin):
    allowed = {"pmo"}

    def get_url(self, personas):
        return reverse("reports:request")


class TestRequestPost(PersonaAccessMixin):
    allowed = {"pmo"}
    allowed_status = 302
    method = "post"

    def get_url(self, personas):
        return reverse("reports:request")

    def get_data(self, personas):
        return {"quarter": "2026-Q3"}


def test_the_request_form_builds_the_report_and_shows_the_run(client, pmo):
    client.force_login(pmo)
    with_callbacks = client.post(reverse("reports:request"), {"quarter": "2026-q3"})
    run = ReportRun.objects.get()
    assert with_callbacks["Location"] == reverse("reports:run", args=[run.pk])


def test_the_request_form_refuses_a_bad_quarter_and_changes_nothing(client, pmo):
    client.force_login(pmo)
    response = client.post(reverse("reports:request"), {"quarter": "2026-13"})
    assert response.status_code == 200
    assert "is not a quarter" in response.content.decode()
    response = client.post(reverse("reports:request"), {"quarter": "2099-Q1"})
    assert "has not ended yet" in response.content.decode()
    assert not ReportRun.objects.exists()


def test_a_running_run_page_refreshes_and_a_finished_one_links_the_report(client, pmo):
    client.force_login(pmo)
    run = make_run(state="running", step="portfolio")
    page = client.get(reverse("reports:run", args=[run.pk])).content.decode()
    assert 'http-equiv="refresh"' in page and "Running" in page
    status = client.get(reverse("reports:run_status", args=[run.pk])).json()
    assert status["state"] == "running" and status["step"] == "portfolio"
    report = make_report("2026-Q2")
    done = make_run(state="done", report=report)
    page = client.get(reverse("reports:run", args=[done.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert reverse("reports:report", args=[report.pk]) in page


def test_the_list_keeps_a_constant_number_of_queries(client, pmo):
    client.force_login(pmo)
    make_report("2026-Q1")
    make_run("2026-Q1")

    def grow():
        for quarter in ("2025-Q1", "2025-Q2", "2025-Q3"):
            report = make_report(quarter)
            make_run(quarter, state="done", report=report, requested_by=pmo)

    assert_constant_queries(client, reverse("reports:list"), grow)


def test_a_past_quarters_page_shows_that_quarters_states(client, personas):
    """Acceptance 3: approved in October, still with the committee in the Q3 report."""
    history = make_history(personas)
    report = built_report(personas)
    client.force_login(personas["dsg"])
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    row = re.search(
        rf"<tr><th scope=\"row\">{history['p2'].reference}</th>(.*?)</tr>", page, re.S
    ).group(1)
    assert "With the steering committee" in row
    assert "Approved" not in row


def test_the_page_has_charts_with_text_and_a_print_stylesheet(client, personas):
    make_history(personas)
    report = built_report(personas)
    client.force_login(personas["pmo"])
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    assert page.count('<svg role="img"') == 3
    assert "<title" in page and "Amber" in page  # the RAG is named, not only coloured
    assert "reports/reports.css" in page
    from django.contrib.staticfiles import finders

    assert "@media print" in open(finders.find("reports/reports.css")).read()


def _html_totals(page):
    totals = {}
    for key, row in re.findall(
        r'<table class="numbers" data-section="([a-z_]+)">(?:(?!</table>).)*?'
        r'<tfoot><tr class="totals">(.*?)</tr></tfoot>',
        page,
        re.S,
    ):
        totals[key] = [Decimal(value) for value in re.findall(r'data-value="(-?[\d.]+)"', row)]
    return totals


def test_the_workbook_opens_and_its_totals_equal_the_pages(client, personas):
    """Acceptance 4."""
    make_history(personas)
    report = built_report(personas)
    client.force_login(personas["pmo"])
    page = client.get(reverse("reports:report", args=[report.pk])).content.decode()
    html = _html_totals(page)
    assert {"portfolio", "spend", "rag", "decisions_by_body", "staffing"} <= set(html)

    response = client.get(reverse("reports:workbook", args=[report.pk]))
    book = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    by_title = {sheet.title: sheet for sheet in book.worksheets}
    checked = 0
    for section in sections(report.figures):
        sheet = by_title[section.key.replace("_", " ").title()[:31]]
        assert sheet["A1"].value == section.title
        if not section.totals:
            continue
        totals_row = next(
            row
            for row in sheet.iter_rows(values_only=True)
            if row[0] == section.totals[0]
            and row is not None
            and any(isinstance(v, (int, float)) for v in row[1:])
        )
        numbers = [
            Decimal(str(v))
            for v in totals_row[1:]
            if isinstance(v, (int, float)) and not isinstance(v, bool)
        ]
        assert numbers == html[section.key], section.key
        checked += 1
    assert checked >= 8
    spend = html["spend"]
    assert spend[1] == Decimal(str(report.figures["spend"]["totals"]["budget"]))


def test_the_csv_archive_has_one_file_per_section(client, personas):
    make_history(personas)
    report = built_report(personas)
    client.force_login(personas["budget_reviewer".replace("_", ".")])
    response = client.get(reverse("reports:csv_archive", args=[report.pk]))
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "2026-Q3-spend.csv" in names and "2026-Q3-staffing.csv" in names
    one = client.get(reverse("reports:csv", args=[report.pk, "staffing"]))
    assert one["Content-Type"].startswith("text/csv")
    assert "3783" in one.content.decode("utf-8-sig")
    assert client.get(reverse("reports:csv", args=[report.pk, "nothing"])).status_code == 404


def test_readers_find_the_reports_in_the_menu(client, personas):
    client.force_login(personas["dsg"])
    assert reverse("reports:list") in client.get(reverse("home")).content.decode()
    client.force_login(personas["staff"])
    assert reverse("reports:list") not in client.get(reverse("home")).content.decode()
