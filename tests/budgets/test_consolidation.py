"""Consolidation: the figures, the exports, and constant queries (acceptance 5)."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from portfolio.budgets.models import BudgetLine, BudgetSubmission
from portfolio.budgets.selectors import consolidation
from programmes.models import Initiative
from tests.budgets.factories import (
    CycleFactory,
    LineFactory,
    UnitFactory,
    previous_cycle,
    submission_of,
)
from tests.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _units_with_budgets(count, cycle, previous):
    units = UnitFactory.create_batch(count)
    submissions = BudgetSubmission.objects.bulk_create(
        [
            BudgetSubmission(cycle=c, unit=u, state="approved")
            for u in units
            for c in (cycle, previous)
        ]
    )
    initiative = Initiative.objects.first()
    BudgetLine.objects.bulk_create(
        [
            BudgetLine(
                submission=s,
                category=category,
                source="regular_budget",
                year=s.cycle.first_year,
                amount=Decimal("100"),
                initiative=initiative if category == "software" else None,
            )
            for s in submissions
            for category in ("hardware", "software", "training")
        ]
    )


@pytest.mark.parametrize(
    "name",
    [
        "budgets:consolidation",
        "budgets:consolidation_csv",
        "budgets:consolidation_xlsx",
        "budgets:review_queue",
    ],
)
def test_consolidation_pages_run_the_same_queries_for_5_and_200_units(
    client, budget_reviewer, name
):
    cycle, previous = CycleFactory(), previous_cycle()
    _units_with_budgets(5, cycle, previous)
    client.force_login(budget_reviewer)
    url = reverse(name) + f"?cycle={cycle.code}"
    assert_constant_queries(client, url, lambda: _units_with_budgets(195, cycle, previous))


def test_my_unit_page_runs_constant_queries(client, chief_nairobi):
    cycle, previous = CycleFactory(), previous_cycle()
    submission_of("unon", cycle=cycle)

    def grow():
        submission_of("unon", cycle=previous, state="approved", lines=9)

    client.force_login(chief_nairobi)
    assert_constant_queries(client, reverse("budgets:my_unit"), grow)


def test_consolidation_totals_by_unit_category_source_year_and_programme():
    cycle, previous = CycleFactory(), previous_cycle()
    unog = submission_of("unog", state="approved", lines=0)
    LineFactory(submission=unog, category="hardware", amount=Decimal("300"))
    LineFactory(
        submission=unog,
        category="software",
        source="extrabudgetary",
        year=2027,
        amount=Decimal("200"),
        initiative=Initiative.objects.first(),
    )
    old = submission_of("unog", state="approved", cycle=previous, lines=0)
    LineFactory(submission=old, year=2024, amount=Decimal("400"))
    submission_of("unon", state="draft")  # drafts are not counted
    data = consolidation(cycle)
    assert data["total"] == Decimal("500")
    assert data["previous"] == Decimal("400")
    assert data["change"] == Decimal("100")
    assert data["change_percent"] == Decimal("25.0")
    assert [u["code"] for u in data["units"]] == ["unog"]
    by_category = {c["code"]: c["total"] for c in data["categories"]}
    assert by_category["hardware"] == 300 and by_category["software"] == 200
    assert {s["code"]: s["total"] for s in data["sources"]}["extrabudgetary"] == 200
    assert [y["total"] for y in data["years"]] == [300, 200]
    assert data["programmes"][0]["total"] == 200
    assert data["unlinked_total"] == 300


def test_the_exports_hold_one_row_per_unit_category_source_and_year(client, cito):
    cycle = CycleFactory()
    submission_of("unog", state="approved", lines=2)
    client.force_login(cito)
    csv_text = client.get(reverse("budgets:consolidation_csv") + f"?cycle={cycle.code}")
    lines = b"".join(csv_text.streaming_content if csv_text.streaming else [csv_text.content])
    rows = lines.decode().strip().splitlines()
    assert rows[0] == "unit,unit_name,state,category,source,year,amount"
    assert len(rows) == 3
    xlsx = client.get(reverse("budgets:consolidation_xlsx") + f"?cycle={cycle.code}")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 3
    assert sheet["A2"].value == "unog"


def test_the_consolidation_page_has_a_chart_and_its_table(client, dsg):
    CycleFactory()
    submission_of("unog", state="approved", lines=3)
    client.force_login(dsg)
    page = client.get(reverse("budgets:consolidation")).content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert "<caption>ICT budget by unit" in page


def test_a_line_linked_to_a_project_counts_for_the_projects_programme(proponent):
    from portfolio.models import Project
    from programmes.models import Programme

    cycle = CycleFactory()
    programme = Programme.objects.get(code="knowledge")
    project = Project.objects.create(
        title="Enterprise search pilot",
        programme=programme,
        sponsoring_unit=proponent.organisation_unit,
        proponent=proponent,
    )
    submission = submission_of("unog", state="approved", lines=0)
    LineFactory(submission=submission, amount=Decimal("70"), project=project)
    data = consolidation(cycle)
    assert data["programmes"] == [
        {"code": "knowledge", "name": programme.name, "total": Decimal("70")}
    ]
