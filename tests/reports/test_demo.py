"""The demo has a past (issue 12, acceptance 4): `load_demo_data` builds the reports of the last
four quarters, each with its own non-empty figures, and a past report agrees with the same
figures computed independently from the records."""

from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command

from governance.models import Decision, User
from portfolio.budgets import selectors as budgets
from portfolio.budgets.models import BudgetSubmission
from portfolio.choices import FUNDED_STATES, ProjectState
from portfolio.models import Project
from portfolio.reports.choices import RunState
from portfolio.reports.demo import REPORTED_QUARTERS, demo_quarters
from portfolio.reports.models import QuarterlyReport, ReportRun

pytestmark = pytest.mark.django_db


def _essentials(figures):
    return (
        figures["portfolio"]["totals"]["states"],
        figures["portfolio"]["previous_totals"],
        figures["spend"]["totals"],
        figures["decisions"]["totals"],
        figures["budget"]["total"] if figures["budget"] else None,
    )


def _section_body(page, key):
    """The body of the report page's table for section ``key``."""
    table = page.split(f'data-section="{key}"', 1)[1].split("</table>", 1)[0]
    return table.split("<tbody>", 1)[1]


def test_the_demo_builds_four_past_reports_that_differ_each_with_its_figures(client, capsys):
    call_command("load_demo_data")
    capsys.readouterr()
    quarters = [str(q) for q in demo_quarters()]
    reports = {r.quarter: r for r in QuarterlyReport.objects.filter(is_current=True)}
    assert set(quarters) <= set(reports) and len(quarters) == REPORTED_QUARTERS
    for quarter in quarters:
        figures = reports[quarter].figures
        states = figures["portfolio"]["totals"]["states"]
        assert figures["portfolio"]["totals"]["total"] > 0, quarter
        assert len([s for s, n in states.items() if n]) >= 5, quarter
        assert figures["spend"]["totals"]["spend"] > 0, quarter
        assert figures["decisions"]["totals"]["total"] > 0, quarter
        # changes since the previous quarter: the previous quarter's states differ from these
        previous = figures["portfolio"]["previous_totals"]
        assert sum(previous.values()) > 0 and previous != states, quarter
        assert figures["rag"]["changes"], quarter
        assert figures["budget"]["total"] > 0, quarter
        assert figures["staffing"]["totals"]["total"] > 0, quarter
        # built on the first day of the next quarter, as the beat would have
        assert reports[quarter].generated_at.date().isoformat() > figures["period_end"]
    # and the Executive Committee reads them so on the report page
    client.force_login(User.objects.get(username="dsg"))
    for quarter in quarters:
        page = client.get(reports[quarter].get_absolute_url()).content.decode()
        for key in ("portfolio", "portfolio_change", "spend", "decisions_by_body", "rag_change"):
            body = _section_body(page, key)
            assert "<tr>" in body and "Nothing to report." not in body, (quarter, key)
    essentials = [_essentials(reports[q].figures) for q in quarters]
    assert all(a != b for i, a in enumerate(essentials) for b in essentials[i + 1 :])
    assert set(ReportRun.objects.values_list("state", flat=True)) == {RunState.DONE}
    counts = (QuarterlyReport.objects.count(), ReportRun.objects.count())
    call_command("load_demo_data")
    capsys.readouterr()
    assert (QuarterlyReport.objects.count(), ReportRun.objects.count()) == counts


def _independent_figures(quarter):
    """The report's headline figures, recomputed from the records one by one in Python: the
    state from the transitions, the spend from the status reports, the budget by replaying
    each submission's history forwards (the builder undoes later changes backwards)."""
    cutoff = quarter.cutoff
    states, spend, budget = Counter(), Decimal(0), Decimal(0)
    for project in Project.objects.exclude(state=ProjectState.DRAFT):
        if project.created_at >= cutoff:
            continue
        last = project.transitions.filter(at__lt=cutoff).order_by("-at", "-pk").first()
        state = last.to_state if last else ProjectState.DRAFT
        if state == ProjectState.DRAFT:
            continue
        states[state] += 1
        if state in FUNDED_STATES:
            report = (
                project.status_reports.filter(period__lte=quarter.end, created_at__lt=cutoff)
                .order_by("-period")
                .first()
            )
            spend += report.actual_spend if report else 0
    decisions = Decision.objects.filter(
        recorded_at__gte=quarter.start_instant, recorded_at__lt=cutoff
    ).count()
    cycle = budgets.current_cycle(quarter.end)
    for submission in BudgetSubmission.objects.filter(cycle=cycle):
        events = list(submission.events.filter(created_at__lt=cutoff).order_by("created_at", "pk"))
        state = next((e.to_state for e in reversed(events) if e.to_state), None)
        if state in (None, "draft"):
            continue
        lines = {}
        for event in events:
            for change in event.changes or ():
                key = (change["category"], change["source"], change["year"])
                if change["change"] == "removed":
                    lines.pop(key)
                else:
                    lines[key] = Decimal(change["amount"])
        budget += sum(lines.values(), Decimal(0))
    return dict(states), float(spend), decisions, float(budget)


def test_a_past_report_agrees_with_an_independent_computation(capsys):
    call_command("load_demo_data")
    capsys.readouterr()
    quarter = demo_quarters()[1]
    figures = QuarterlyReport.objects.get(quarter=str(quarter), is_current=True).figures
    states, spend, decisions, budget = _independent_figures(quarter)
    assert {s: n for s, n in figures["portfolio"]["totals"]["states"].items() if n} == states
    assert figures["spend"]["totals"]["spend"] == spend
    assert figures["decisions"]["totals"]["total"] == decisions
    assert figures["budget"]["total"] == budget
    # and the budget is the one of that day: a line revised since then reads as it was
    assert budget != float(
        sum(
            line.amount
            for submission in BudgetSubmission.objects.filter(
                cycle__code=figures["budget"]["cycle"]
            )
            for line in submission.lines.all()
            if submission.unit.code in {u["unit"] for u in figures["budget"]["units"]}
        )
    )
