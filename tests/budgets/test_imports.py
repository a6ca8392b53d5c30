"""Budget line imports (acceptance 4): bad rows reported, nothing written; 5,000 lines in bulk."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from core.imports import ImportFileError, read_table
from governance.models import OrganisationUnit
from portfolio.budgets.choices import Category, Source
from portfolio.budgets.imports import budget_lines_import
from portfolio.budgets.models import BudgetLine, BudgetSubmission, BudgetSubmissionEvent
from tests.budgets.factories import CycleFactory, UnitFactory, UserFactory, submission_of

pytestmark = pytest.mark.django_db

HEADER = "unit,category,source,year,amount,justification\n"


def _csv(text, name="lines.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(chief_nairobi):
    cycle = CycleFactory()
    text = HEADER + (
        "unon,hardware,regular_budget,2026,100,ok\n"  # 2 valid
        "unon,furniture,regular_budget,2026,100,\n"  # 3 wrong category
        "unon,software,regular_budget,2026,-5,\n"  # 4 negative amount
        "atlantis,software,regular_budget,2026,5,\n"  # 5 unknown unit
        "unon,training,regular_budget,2026,a lot,\n"  # 6 text in a number column
        "unon,hardware,regular_budget,2026,300,again\n"  # 7 duplicate of line 2
        "unon,hardware,regular_budget,2031,300,\n"  # 8 year outside the cycle
    )
    report = budget_lines_import(
        cycle=cycle, rows=read_table(_csv(text)), actor=chief_nairobi, dry_run=False
    )
    reasons = dict(report.errors)
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8]
    assert "wrong category 'furniture'" in reasons[3]
    assert "negative amount" in reasons[4]
    assert "unknown unit 'atlantis'" in reasons[5]
    assert "amount 'a lot' is not a number" in reasons[6]
    assert "duplicate of line 2" in reasons[7]
    assert "not a year of" in reasons[8]
    assert not report.written
    assert not BudgetLine.objects.exists()
    assert not BudgetSubmission.objects.exists()


def test_a_missing_column_is_reported_before_any_row(chief_nairobi):
    with pytest.raises(ImportFileError, match="missing column.*amount"):
        budget_lines_import(
            cycle=CycleFactory(),
            rows=read_table(_csv("unit,category,source,year\nunon,hardware,other,2026\n")),
            actor=chief_nairobi,
        )


def test_a_chief_cannot_import_into_another_unit(chief_geneva):
    report = budget_lines_import(
        cycle=CycleFactory(),
        rows=read_table(_csv(HEADER + "unon,hardware,regular_budget,2026,1,\n")),
        actor=chief_geneva,
        dry_run=False,
    )
    assert "you do not prepare the budget of unon" in report.errors[0][1]
    assert not BudgetLine.objects.exists()


def test_an_approved_submission_does_not_take_imported_lines(chief_nairobi):
    submission = submission_of("unon", state="approved")
    report = budget_lines_import(
        cycle=submission.cycle,
        rows=read_table(_csv(HEADER + "unon,posts,regular_budget,2026,1,\n")),
        actor=chief_nairobi,
        dry_run=False,
    )
    assert "cannot change" in report.errors[0][1]


def test_a_dry_run_writes_nothing(chief_nairobi):
    report = budget_lines_import(
        cycle=CycleFactory(),
        rows=read_table(_csv(HEADER + "unon,hardware,regular_budget,2026,10,\n")),
        actor=chief_nairobi,
    )
    assert report.ok and not report.written
    assert not BudgetLine.objects.exists()


def test_a_valid_file_of_5000_lines_imports_in_bulk(django_assert_max_num_queries):
    chief = UserFactory(username="chief.missions")
    units = [UnitFactory(chief=chief) for _ in range(70)]
    cycle = CycleFactory()
    rows = [["unit", "category", "source", "year", "amount"]]
    for unit in units:
        for category in Category.values:
            for source in Source.values:
                for year in cycle.years:
                    rows.append([unit.code, category, source, str(year), "1250.50"])
    rows = rows[:5001]
    assert len(rows) - 1 == 5000
    # SQLite batches ~120 rows per INSERT; the tamper-evident chain adds a constant few per
    # bulk write of history and audit (lock, head, rows read back, links), never one per row.
    with django_assert_max_num_queries(68):
        report = budget_lines_import(cycle=cycle, rows=rows, actor=chief, dry_run=False)
    assert report.ok, report.errors[:3]
    assert report.created == 5000
    assert BudgetLine.objects.count() == 5000
    assert BudgetLine.objects.filter(amount=Decimal("1250.50")).count() == 5000
    assert BudgetSubmissionEvent.objects.filter(action="imported").count() == 70


def test_importing_again_updates_the_same_lines(chief_nairobi):
    cycle = CycleFactory()
    for amount in ("10", "20"):
        budget_lines_import(
            cycle=cycle,
            rows=read_table(_csv(HEADER + f"unon,hardware,regular_budget,2026,{amount},\n")),
            actor=chief_nairobi,
            dry_run=False,
        )
    line = BudgetLine.objects.get()
    assert line.amount == Decimal("20")
    assert line.submission.version == 3  # created at 1, each import one more


def test_an_xlsx_file_is_read_like_a_csv(chief_nairobi):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["unit", "category", "source", "year", "amount"])
    sheet.append(["unon", "Hardware", "Regular budget", 2026, 1500.25])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("lines.xlsx", buffer.getvalue())
    report = budget_lines_import(
        cycle=CycleFactory(), rows=read_table(upload), actor=chief_nairobi, dry_run=False
    )
    assert report.ok and report.created == 1
    assert BudgetLine.objects.get().amount == Decimal("1500.25")


def test_the_import_page_previews_then_confirms(client, chief_nairobi):
    cycle = CycleFactory()
    client.force_login(chief_nairobi)
    url = reverse("budgets:import")
    preview = client.post(
        url, {"cycle": cycle.code, "file": _csv(HEADER + "unon,hardware,regular_budget,2026,10,\n")}
    )
    assert preview.status_code == 200
    assert "Import these rows" in preview.content.decode()
    assert not BudgetLine.objects.exists()
    confirmed = client.post(
        url, {"cycle": cycle.code, "rows": preview.context["rows_json"], "confirm": "1"}
    )
    assert confirmed.status_code == 302
    assert BudgetLine.objects.count() == 1


def test_the_import_page_lists_bad_rows(client, chief_nairobi):
    cycle = CycleFactory()
    client.force_login(chief_nairobi)
    response = client.post(
        reverse("budgets:import"),
        {"cycle": cycle.code, "file": _csv(HEADER + "unon,hardware,regular_budget,2026,-10,\n")},
    )
    assert response.status_code == 400
    assert "negative amount" in response.content.decode()
    assert OrganisationUnit.objects.get(code="unon").budget_submissions.count() == 0
