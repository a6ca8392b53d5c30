"""Every table page of the project (``core.tables``): where it is, who sees it, a column to
sort by and how to add rows to it. The constant-query, sort, export and axe-core tests run
over this list; a new table page adds an entry here."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from governance.models import Body, Notification
from portfolio.budgets.models import BudgetSubmission
from portfolio.reports.models import QuarterlyReport, ReportRun
from tests.budgets.factories import CycleFactory, UnitFactory
from tests.governance.test_queries import add_decisions
from tests.portfolio.factories import AssetFactory, bulk_projects
from tests.survey.factories import SurveyFactory


@dataclass(frozen=True)
class TablePage:
    name: str  # URL name
    persona: str  # a persona who sees rows on it
    sort: str  # a column to sort by
    grow: Callable  # grow(personas, n): add about n rows the persona sees
    args: tuple = ()

    @property
    def url(self):
        return reverse(self.name, args=self.args)

    def __str__(self):
        return self.name


def add_bodies(personas, n):
    start = Body.objects.count()
    Body.objects.bulk_create(
        Body(
            code=f"group-{start + i}",
            name=f"Working group {start + i}",
            kind="advisory_group",
            rights="advisory",
            cadence="quarterly",
        )
        for i in range(n)
    )


def add_submissions_to_review(personas, n):
    cycle = CycleFactory()
    BudgetSubmission.objects.bulk_create(
        BudgetSubmission(cycle=cycle, unit=unit, state="submitted")
        for unit in UnitFactory.create_batch(n)
    )


def add_reports_and_runs(personas, n):
    start = QuarterlyReport.objects.count()
    QuarterlyReport.objects.bulk_create(
        QuarterlyReport(
            quarter=f"{1900 + start + i}-Q1",
            period_start=f"{1900 + start + i}-01-01",
            period_end=f"{1900 + start + i}-03-31",
            is_current=True,
        )
        for i in range(n)
    )
    ReportRun.objects.bulk_create(
        ReportRun(quarter="2026-Q1", requested_by=personas["pmo"]) for _ in range(n)
    )


def add_kpis(personas, n):
    from programmes.models import Kpi
    from tests.programmes.factories import kpi

    start = Kpi.objects.count()
    for i in range(n):
        kpi(f"org-table-{start + i}", target=50 + i % 40)


def add_plan_items(personas, n):
    import datetime

    from programmes.models import PlanItem

    start = PlanItem.objects.count()
    PlanItem.objects.bulk_create(
        PlanItem(
            code=f"table-{start + i}",
            order=900 + start + i,
            source="Table 4",
            phase="phase_2",
            activity=f"Activity {start + i}",
            owner="OICT",
            start=datetime.date(2026, 1, 1),
            due=datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
            status="planned",
        )
        for i in range(n)
    )


def add_services(personas, n):
    from governance.models import OrganisationUnit
    from governance.performance.models import Service

    start = Service.objects.count()
    units = list(OrganisationUnit.objects.order_by("code")[:3])
    Service.objects.bulk_create(
        Service(code=f"table-{start + i}", name=f"Service {start + i}", owner_unit=units[i % 3])
        for i in range(n)
    )


def add_ict_units_with_kpis(personas, n):
    from django.db.models import Max

    from governance.models import OrganisationUnit
    from tests.programmes.factories import measurements, unit_kpi

    top = OrganisationUnit.objects.aggregate(top=Max("annex_iv_row"))["top"] or 0
    for i, unit in enumerate(UnitFactory.create_batch(n)):
        OrganisationUnit.objects.filter(pk=unit.pk).update(annex_iv_row=top + 1 + i)
        kpi = unit_kpi(unit.code, "availability", target=90 + i % 5)
        if i % 2:
            measurements(kpi, 2)


def add_staffed_units(personas, n):
    import datetime

    from staffing.models import StaffingSnapshot

    StaffingSnapshot.objects.bulk_create(
        StaffingSnapshot(unit=unit, as_of=datetime.date(2007, 6, 30), p=i % 9, gs=i % 5)
        for i, unit in enumerate(UnitFactory.create_batch(n))
    )


def add_snapshot_dates(personas, n):
    import datetime

    from staffing.models import StaffingSnapshot

    unit = UnitFactory()
    start = StaffingSnapshot.objects.filter(unit=unit).count()
    StaffingSnapshot.objects.bulk_create(
        StaffingSnapshot(
            unit=unit, as_of=datetime.date(1990, 1, 1) + datetime.timedelta(days=start + i), p=i
        )
        for i in range(n)
    )


def add_budgets_sent(personas, n):
    from tests.budgets.factories import LineFactory, SubmissionFactory

    cycle = CycleFactory()
    for i, unit in enumerate(UnitFactory.create_batch(n)):
        submission = SubmissionFactory(cycle=cycle, unit=unit, state="submitted")
        LineFactory(submission=submission, year=cycle.first_year, amount=1000 + i)


def add_staffing_plans(personas, n):
    from staffing.models import StaffingPlan

    plans = [
        StaffingPlan(unit=unit, year=2007, p=i % 7)
        for i, unit in enumerate(UnitFactory.create_batch(n))
    ]
    StaffingPlan.objects.bulk_create(plans)


def add_notifications(personas, n):
    Notification.objects.bulk_create(
        Notification(recipient=personas["pmo"], subject=f"Item {i} awaits you", url="/")
        for i in range(n)
    )


TABLE_PAGES = [
    TablePage("portfolio:pipeline", "pmo", "total_cost", lambda p, n: bulk_projects(n, p)),
    TablePage("governance:decisions", "pmo", "body", lambda p, n: add_decisions(p, n)),
    TablePage(
        "portfolio:assets",
        "staff",
        "annual_running_cost",
        lambda p, n: AssetFactory.create_batch(n),
    ),
    TablePage("notifications", "pmo", "created_at", add_notifications),
    TablePage("governance:bodies", "staff", "member_count", add_bodies),
    TablePage("survey:list", "pmo", "response_count", lambda p, n: SurveyFactory.create_batch(n)),
    TablePage("budgets:review_queue", "budget.reviewer", "total", add_submissions_to_review),
    TablePage("reports:list", "pmo", "generated_at", add_reports_and_runs),
    TablePage("programmes:kpis", "pmo", "latest_value", add_kpis),
    TablePage("programmes:plan", "staff", "due", add_plan_items),
    TablePage("performance:services", "staff", "owner_unit", add_services),
    TablePage("performance:scorecards", "pmo", "on_on_target", add_ict_units_with_kpis),
    TablePage("staffing:summary", "staff", "total", add_staffed_units),
    TablePage("staffing:trend", "staff", "total", add_snapshot_dates),
    TablePage("budgets:consolidation", "budget.reviewer", "total", add_budgets_sent),
    TablePage("staffing:plan", "staff", "total", add_staffing_plans),
]
