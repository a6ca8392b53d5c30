"""The quarterly report's sections on the implementation plan and the KPIs."""

import datetime
from decimal import Decimal

import pytest

from core import clock
from portfolio.reports.builder import build_figures
from portfolio.reports.exports import sections, workbook_bytes
from programmes import services
from programmes.choices import PlanStatus
from programmes.models import PlanItem
from programmes.reporting import kpis_as_of, plan_as_of

from .factories import kpi, measurements, unit_kpi

pytestmark = pytest.mark.django_db


def test_the_plan_as_of_a_day_counts_done_overdue_and_open(pmo):
    item = PlanItem.objects.get(code="p49a-executive-committee")
    services.plan_evidence_add(item=item, actor=pmo, title="Committee", url="/governance/")
    services.plan_item_update(
        item=item, actor=pmo, status=PlanStatus.DONE, completed_on=datetime.date(2008, 9, 30)
    )
    during = plan_as_of(datetime.date(2008, 10, 31))
    assert during["counts"]["done"] == 1 and during["counts"]["overdue"] == 0
    after = plan_as_of(datetime.date(2009, 7, 31))
    total = PlanItem.objects.count()
    assert after["counts"] == {
        "total": total,
        "done": 1,
        "overdue": total - 1,
        "open": 0,
        "dropped": 0,
    }
    row = next(r for r in after["rows"] if r["code"] == item.code)
    assert row["state"] == "done" and row["completed_on"] == "2008-09-30"


def test_kpis_as_of_a_day_take_the_latest_period_ended_by_then_and_summarise_units():
    org = kpi("org-report")
    measurements(org, 3, first=datetime.date(2025, 1, 1), value=Decimal(78))  # 78, 79, 80
    measurements(unit_kpi("unog", "report"), 1, first=datetime.date(2025, 1, 1), value=Decimal(90))
    figures = kpis_as_of(datetime.date(2025, 6, 30))
    row = next(r for r in figures["rows"] if r["code"] == "org-report")
    assert row["value"] == 79.0 and row["standing"] == "near_target"
    assert row["period_start"] == "2025-04-01"
    assert not any(r["code"] == "unog-report" for r in figures["rows"])
    assert figures["units"] == [
        {"unit": "unog", "on_target": 1, "near_target": 0, "off_target": 0, "none": 0}
    ]


def test_the_quarterly_report_carries_the_plan_and_the_kpis(pmo):
    measurements(kpi("org-quarter"), 2, first=datetime.date(2026, 4, 1))
    with clock.frozen_at(datetime.datetime(2026, 10, 2, tzinfo=datetime.UTC)):
        figures = build_figures("2026-Q3")
    assert figures["plan"]["counts"]["total"] == PlanItem.objects.count()
    assert any(r["code"] == "org-quarter" for r in figures["kpis"]["rows"])
    keys = [s.key for s in sections(figures)]
    assert "plan" in keys and "kpis" in keys
    assert workbook_bytes(figures)[:2] == b"PK"
