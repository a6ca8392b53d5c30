"""What the portfolio adds to the strategy's pages and results framework (registered in
``portfolio.apps``): each programme's and initiative's projects with their state, cost and
RAG, the programme's spend against its envelope, the projects that change a service, and the
KPI sources measured from the portfolio (projects reporting green, status reports on time,
budget execution). Every figure here reads only the projects the user may see.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from core import clock
from programmes.models import Programme

from .choices import FUNDED_STATES, ProjectState, Rag
from .models import Project, ProjectTransition, StatusReport
from .prioritisation import current_envelope
from .selectors import latest_report_subquery, overall_rag, projects_visible_to, state_order

MONEY = DecimalField(max_digits=18, decimal_places=2)


def _projects(user, **filters):
    return list(
        projects_visible_to(user)
        .filter(**filters)
        .select_related("initiative")
        .annotate(
            rag=overall_rag(),
            spend=Coalesce(latest_report_subquery("actual_spend"), Value(0), output_field=MONEY),
            state_order=state_order(),
        )
        .order_by("initiative__order", "state_order", "title")
    )


def _money(projects):
    funded = [p for p in projects if p.state in FUNDED_STATES]
    return {
        "approved_cost": sum((p.total_cost for p in funded), Decimal(0)),
        "spend": sum((p.spend for p in funded), Decimal(0)),
        "proposed_cost": sum(
            (p.total_cost for p in projects if p.state not in FUNDED_STATES), Decimal(0)
        ),
        "funded_count": len(funded),
    }


def percent(part, whole):
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def programme_section(programme, user):
    """Projects by initiative, approved cost, spend to date and the envelope of this year."""
    projects = _projects(user, programme=programme)
    groups, by_initiative = [], {}
    for project in projects:
        key = project.initiative_id
        if key not in by_initiative:
            by_initiative[key] = {"initiative": project.initiative, "projects": []}
            groups.append(by_initiative[key])
        by_initiative[key]["projects"].append(project)
    groups.sort(key=lambda g: (g["initiative"] is None, getattr(g["initiative"], "order", 0)))
    year = clock.today().year
    envelope = current_envelope(programme, year)
    money = _money(projects)
    return {
        "programme": programme,
        "groups": groups,
        "year": year,
        "envelope": envelope,
        "spend_of_envelope": percent(money["spend"], envelope.amount) if envelope else None,
        "approved_of_envelope": percent(money["approved_cost"], envelope.amount)
        if envelope
        else None,
        **money,
    }


def initiative_section(initiative, user):
    projects = _projects(user, initiative=initiative)
    return {"initiative": initiative, "projects": projects, **_money(projects)}


def service_section(service, user):
    projects = list(
        projects_visible_to(user)
        .filter(services=service)
        .select_related("programme")
        .annotate(rag=overall_rag(), state_order=state_order())
        .order_by("state_order", "title")
    )
    return {"service": service, "projects": projects}


# --------------------------------------------------------------------------- KPI sources
def _owned(queryset, owner, *, prefix=""):
    """Narrow projects (or reports, with ``prefix="project__"``) to a KPI's owner."""
    if isinstance(owner, Programme):
        return queryset.filter(**{f"{prefix}programme": owner})
    if isinstance(owner, str):
        return queryset.filter(**{f"{prefix}sponsoring_unit__code": owner})
    return queryset


def _latest_reports(start, end, owner):
    """Each project's latest status report for a month from ``start`` to ``end``."""
    reports = _owned(
        StatusReport.objects.filter(period__gte=start, period__lte=end), owner, prefix="project__"
    )
    latest = {}
    for row in reports.order_by("project_id", "period").values(
        "project_id", "schedule", "budget", "scope"
    ):
        latest[row["project_id"]] = row
    return latest.values()


def projects_green(*, start, end, owner=None):
    """Percent of the projects reporting in the period whose latest report is green on
    schedule, budget and scope."""
    rows = list(_latest_reports(start, end, owner))
    if not rows:
        return None
    green = sum(1 for r in rows if r["schedule"] == r["budget"] == r["scope"] == Rag.GREEN)
    return float(percent(green, len(rows)))


def reports_on_time(*, start, end, owner=None):
    """Percent of the status reports due for the period's months that were filed by the end of
    the month after (the portfolio's rule: last month's report is due this month).

    A report is due for a month when the project was in delivery for the whole month (it
    entered delivery before the month began and had not left it when the month ended), or when
    one was filed for it. A due report never filed counts as late once its deadline has passed;
    before that it is not counted yet. Two queries, whatever the number of projects.
    """
    today = clock.today()
    months = _months(start, end)
    if not months:
        return None
    reports = _owned(
        StatusReport.objects.filter(period__gte=months[0], period__lte=months[-1]),
        owner,
        prefix="project__",
    )
    filed = {
        (project_id, period): created_at.date()
        for project_id, period, created_at in reports.values_list(
            "project_id", "period", "created_at"
        )
    }
    due = set(filed)
    for project_id, spans in _delivery_spans(owner).items():
        for month in months:
            month_end = _month_after(month)
            if any(
                entered.date() < month and (left is None or left.date() >= month_end)
                for entered, left in spans
            ):
                due.add((project_id, month))
    counts = {"total": 0, "on_time": 0}
    for project_id, month in due:
        deadline = _month_after(_month_after(month))
        filed_on = filed.get((project_id, month))
        if filed_on is None and today < deadline:
            continue  # not late yet
        counts["total"] += 1
        counts["on_time"] += filed_on is not None and filed_on < deadline
    if not counts["total"]:
        return None
    return float(percent(counts["on_time"], counts["total"]))


def _months(start, end):
    """The first days of the months from ``start``'s to ``end``'s."""
    month, months = start.replace(day=1), []
    while month <= end:
        months.append(month)
        month = _month_after(month)
    return months


def _month_after(day):
    """The first day of the month after ``day``'s."""
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def _delivery_spans(owner):
    """Each project's stretches in delivery, ``(entered, left or None)``, from its transitions."""
    transitions = _owned(
        ProjectTransition.objects.filter(
            Q(to_state=ProjectState.IN_DELIVERY) | Q(from_state=ProjectState.IN_DELIVERY)
        ),
        owner,
        prefix="project__",
    ).order_by("project_id", "at", "pk")
    spans = {}
    for project_id, to_state, at in transitions.values_list("project_id", "to_state", "at"):
        stretches = spans.setdefault(project_id, [])
        if to_state == ProjectState.IN_DELIVERY:
            stretches.append([at, None])
        elif stretches and stretches[-1][1] is None:
            stretches[-1][1] = at
    return spans


def budget_execution(*, start, end, owner=None):
    """Percent of the approved budget of the funded projects spent by the period's end
    (the latest status report up to then)."""
    projects = _owned(Project.objects.filter(state__in=FUNDED_STATES), owner)
    spend = {}
    for project_id, amount in (
        StatusReport.objects.filter(project__in=projects, period__lte=end)
        .order_by("project_id", "period")
        .values_list("project_id", "actual_spend")
    ):
        spend[project_id] = amount
    budget = projects.aggregate(total=Sum("total_cost"))["total"] or Decimal(0)
    if not budget:
        return None
    return float(percent(sum(spend.values(), Decimal(0)), budget))
