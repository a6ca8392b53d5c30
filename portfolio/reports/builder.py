"""The figures of a quarterly portfolio report, as of the quarter's end.

Every figure is read from the history, not from today's values: a project's state is the
``to_state`` of its last transition before the quarter ended; its budget is the total of the
business case version frozen last before then; its spend and RAG come from the latest status
report for a month up to the quarter's end that had been filed by then. A report rebuilt next
year for the same quarter therefore says the same thing.

Aggregation happens in the database (grouped queries over annotated subqueries); Python only
reshapes rows into plain JSON (numbers, strings, ISO dates) stored with the report.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.registry import report_sections
from governance.choices import Rights
from governance.models import Body, Decision
from portfolio.choices import CLOSED_STATES, FUNDED_STATES, ProjectState, Rag
from portfolio.models import (
    BusinessCase,
    CostLine,
    ProjectTransition,
    Risk,
    StatusReport,
)
from portfolio.selectors import submitted_projects
from programmes.models import Programme

from .quarters import Quarter

CENT = Decimal("0.01")
MONEY = DecimalField(max_digits=18, decimal_places=2)
ZERO = Value(Decimal("0"), output_field=MONEY)

#: Proposals on their way to a decision (the pipeline), in the order of the process.
PIPELINE_STATES = (
    ProjectState.SUBMITTED,
    ProjectState.ACCEPTED,
    ProjectState.ENDORSED,
    ProjectState.WITH_STEERING_COMMITTEE,
    ProjectState.WITH_EXECUTIVE_COMMITTEE,
    ProjectState.DEFERRED,
)
NO_REPORT = "none"
#: Worst first: a project's overall RAG is the worst of schedule, budget and scope.
RAG_ORDER = (Rag.RED, Rag.AMBER, Rag.GREEN, NO_REPORT)
TOP_RISKS = 10


def money(value):
    return float(Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP))


def previous_month_start(day):
    return (day.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


# --------------------------------------------------------------------------- as-of expressions
def state_at(cutoff):
    last = (
        ProjectTransition.objects.filter(project=OuterRef("pk"), at__lt=cutoff)
        .order_by("-at", "-pk")
        .values("to_state")[:1]
    )
    return Coalesce(Subquery(last), Value(ProjectState.DRAFT), output_field=CharField())


def state_since(cutoff):
    return Subquery(
        ProjectTransition.objects.filter(project=OuterRef("pk"), at__lt=cutoff)
        .order_by("-at", "-pk")
        .values("at")[:1]
    )


def case_at(cutoff):
    return Subquery(
        BusinessCase.objects.filter(project=OuterRef("pk"), frozen_at__lt=cutoff)
        .order_by("-number")
        .values("pk")[:1]
    )


def _report_at(day, cutoff, field):
    return Subquery(
        StatusReport.objects.filter(project=OuterRef("pk"), period__lte=day, created_at__lt=cutoff)
        .order_by("-period")
        .values(field)[:1]
    )


def _worst(prefix):
    schedule, budget, scope = (f"{prefix}_{k}" for k in ("schedule", "budget", "scope"))

    def any_is(rag):
        return Q(**{schedule: rag}) | Q(**{budget: rag}) | Q(**{scope: rag})

    return Case(
        When(Q(**{f"{schedule}__isnull": True}), then=Value(NO_REPORT)),
        When(any_is(Rag.RED), then=Value(Rag.RED)),
        When(any_is(Rag.AMBER), then=Value(Rag.AMBER)),
        default=Value(Rag.GREEN),
        output_field=CharField(),
    )


def projects_as_of(quarter):
    """Every project that existed at the quarter's end, with its state, budget, spend and RAG
    then and its RAG at the previous quarter's end."""
    cutoff, day = quarter.cutoff, quarter.end
    before = quarter.previous
    cost = (
        CostLine.objects.filter(business_case_id=OuterRef("case_at"))
        .values("business_case_id")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )
    # The report is read by governance bodies, reviewers and REST clients: it shows what they
    # may see of the portfolio (portfolio.selectors.submitted_projects), never a draft, neither
    # one that is a draft now nor one that was at the quarter's end.
    queryset = (
        submitted_projects()
        .filter(created_at__lt=cutoff)
        .annotate(
            state_at=state_at(cutoff),
            state_since=state_since(cutoff),
            case_at=case_at(cutoff),
        )
        .annotate(
            budget_at=Coalesce(Subquery(cost), ZERO, output_field=MONEY),
            spend_at=Coalesce(_report_at(day, cutoff, "actual_spend"), ZERO, output_field=MONEY),
            last_period=_report_at(day, cutoff, "period"),
            now_schedule=_report_at(day, cutoff, "schedule"),
            now_budget=_report_at(day, cutoff, "budget"),
            now_scope=_report_at(day, cutoff, "scope"),
            before_schedule=_report_at(before.end, before.cutoff, "schedule"),
            before_budget=_report_at(before.end, before.cutoff, "budget"),
            before_scope=_report_at(before.end, before.cutoff, "scope"),
        )
    )
    return queryset.exclude(state_at=ProjectState.DRAFT).annotate(
        rag_at=_worst("now"), rag_before=_worst("before")
    )


# --------------------------------------------------------------------------- sections
def _programmes():
    return list(Programme.objects.order_by("order").values("pk", "code", "name"))


def portfolio_by_state(projects, programmes):
    rows = (
        projects.values("programme_id", "state_at")
        .annotate(n=Count("pk"), budget=Sum("budget_at"))
        .order_by()
    )
    cells = {(r["programme_id"], r["state_at"]): r for r in rows}
    out = []
    for programme in programmes:
        counts = {
            state: cells.get((programme["pk"], state), {}).get("n", 0)
            for state in ProjectState.values
        }
        budget = sum(
            (
                cells[(programme["pk"], s)]["budget"] or 0
                for s in ProjectState.values
                if (programme["pk"], s) in cells
            ),
            Decimal(0),
        )
        out.append(
            {
                "programme": programme["code"],
                "programme_name": programme["name"],
                "states": counts,
                "total": sum(counts.values()),
                "budget": money(budget),
            }
        )
    totals = {state: sum(row["states"][state] for row in out) for state in ProjectState.values}
    return {
        "rows": out,
        "totals": {
            "states": totals,
            "total": sum(totals.values()),
            "budget": money(sum(Decimal(str(r["budget"])) for r in out)),
        },
    }


def state_totals(projects):
    """Projects per state (all programmes): the previous quarter's, for the change."""
    counts = dict(projects.values_list("state_at").annotate(n=Count("pk")).order_by())
    return {state: counts.get(state, 0) for state in ProjectState.values}


def project_list(projects):
    rows = projects.select_related("programme").order_by("programme__order", "state_at", "pk")
    return [
        {
            "reference": p.reference,
            "title": p.title,
            "programme": p.programme.code,
            "state": p.state_at,
            "budget": money(p.budget_at),
            "spend": money(p.spend_at),
            "rag": p.rag_at,
            "rag_before": p.rag_before,
        }
        for p in rows
    ]


def spend_by_programme(projects, programmes):
    rows = (
        projects.filter(state_at__in=FUNDED_STATES)
        .values("programme_id")
        .annotate(n=Count("pk"), budget=Sum("budget_at"), spend=Sum("spend_at"))
        .order_by()
    )
    by_programme = {r["programme_id"]: r for r in rows}
    out = []
    for programme in programmes:
        row = by_programme.get(programme["pk"], {})
        budget, spend = row.get("budget") or Decimal(0), row.get("spend") or Decimal(0)
        out.append(
            {
                "programme": programme["code"],
                "programme_name": programme["name"],
                "projects": row.get("n", 0),
                "budget": money(budget),
                "spend": money(spend),
                "percent_spent": _percent(spend, budget),
            }
        )
    budget = sum((Decimal(str(r["budget"])) for r in out), Decimal(0))
    spend = sum((Decimal(str(r["spend"])) for r in out), Decimal(0))
    return {
        "rows": out,
        "totals": {
            "projects": sum(r["projects"] for r in out),
            "budget": money(budget),
            "spend": money(spend),
            "percent_spent": _percent(spend, budget),
        },
    }


def _percent(part, whole):
    if not whole:
        return None
    return float(
        (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    )


def rag_by_programme(projects, programmes):
    in_delivery = projects.filter(state_at=ProjectState.IN_DELIVERY)
    rows = in_delivery.values("programme_id", "rag_at").annotate(n=Count("pk")).order_by()
    cells = {(r["programme_id"], r["rag_at"]): r["n"] for r in rows}
    out = []
    for programme in programmes:
        counts = {rag: cells.get((programme["pk"], rag), 0) for rag in RAG_ORDER}
        out.append(
            {
                "programme": programme["code"],
                "programme_name": programme["name"],
                "rag": counts,
                "total": sum(counts.values()),
            }
        )
    totals = {rag: sum(r["rag"][rag] for r in out) for rag in RAG_ORDER}
    changes = []
    summary = {"improved": 0, "worsened": 0, "unchanged": 0, "new": 0}
    for p in in_delivery.select_related("programme").order_by("programme__order", "pk"):
        change = rag_change(p.rag_before, p.rag_at)
        summary[change] += 1
        changes.append(
            {
                "reference": p.reference,
                "title": p.title,
                "programme": p.programme.code,
                "rag": p.rag_at,
                "rag_before": p.rag_before,
                "change": change,
            }
        )
    return {
        "rows": out,
        "totals": {"rag": totals, "total": sum(totals.values())},
        "changes": changes,
        "change_summary": summary,
    }


def rag_change(before, now):
    rank = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
    if before not in rank or now not in rank:
        return "new" if before not in rank else "worsened"
    if rank[now] > rank[before]:
        return "improved"
    if rank[now] < rank[before]:
        return "worsened"
    return "unchanged"


def decisions_in(quarter):
    decisions = Decision.objects.filter(
        recorded_at__gte=quarter.start_instant, recorded_at__lt=quarter.cutoff
    )
    counts = decisions.values("body_id", "outcome").annotate(n=Count("pk")).order_by()
    cells = {(r["body_id"], r["outcome"]): r["n"] for r in counts}
    from governance.choices import Outcome

    bodies = Body.objects.filter(
        Q(rights=Rights.DECISION) | Q(pk__in=decisions.values("body_id"))
    ).order_by("kind", "code")
    by_body = []
    for body in bodies.only("pk", "code", "name"):
        outcomes = {o: cells.get((body.pk, o), 0) for o in Outcome.values}
        by_body.append(
            {
                "body": body.code,
                "body_name": body.name,
                "outcomes": outcomes,
                "total": sum(outcomes.values()),
            }
        )
    totals = {o: sum(r["outcomes"][o] for r in by_body) for o in Outcome.values}
    rows = [
        {
            "date": d.recorded_at.date().isoformat(),
            "body": d.body.code,
            "body_name": d.body.name,
            "subject": d.subject_label,
            "outcome": d.outcome,
            "rank": d.rank,
        }
        for d in decisions.select_related("body").order_by("recorded_at", "pk")
    ]
    return {
        "by_body": by_body,
        "totals": {"outcomes": totals, "total": sum(totals.values())},
        "rows": rows,
    }


def pipeline_at(projects, quarter):
    rows = (
        projects.filter(state_at__in=PIPELINE_STATES)
        .select_related("programme")
        .order_by(F("state_since").asc(nulls_first=True), "pk")
    )
    return [
        {
            "reference": p.reference,
            "title": p.title,
            "programme": p.programme.code,
            "state": p.state_at,
            "since": p.state_since.date().isoformat() if p.state_since else None,
            "days_waiting": (quarter.end - p.state_since.date()).days if p.state_since else None,
            "budget": money(p.budget_at),
        }
        for p in rows
    ]


def overdue_at(projects, quarter):
    """In delivery at the quarter's end and no report for the month before its last month
    (the portfolio's rule, ``portfolio.selectors.is_overdue``, applied on that day)."""
    due = previous_month_start(quarter.end)
    started = Subquery(
        ProjectTransition.objects.filter(
            project=OuterRef("pk"), to_state=ProjectState.IN_DELIVERY, at__lt=quarter.cutoff
        )
        .order_by("-at")
        .values("at")[:1]
    )
    due_instant = timezone.make_aware(datetime.datetime.combine(due, datetime.time.min))
    rows = (
        projects.filter(state_at=ProjectState.IN_DELIVERY)
        .annotate(delivery_started=started)
        .filter(
            Q(last_period__lt=due) | Q(last_period__isnull=True, delivery_started__lt=due_instant)
        )
        .select_related("programme", "project_manager")
        .order_by("last_period", "pk")
    )
    return {
        "due_month": due.isoformat(),
        "rows": [
            {
                "reference": p.reference,
                "title": p.title,
                "programme": p.programme.code,
                "project_manager": (p.project_manager.display_name or p.project_manager.username)
                if p.project_manager
                else "",
                "last_report": p.last_period.isoformat() if p.last_period else None,
            }
            for p in rows
        ],
    }


def top_risks(projects):
    open_cases = (
        projects.exclude(state_at__in=CLOSED_STATES).filter(case_at__isnull=False).values("case_at")
    )
    risks = (
        Risk.objects.filter(business_case_id__in=Subquery(open_cases))
        .annotate(risk_exposure=F("likelihood") * F("impact"))
        .select_related("business_case__project__programme")
        .order_by("-risk_exposure", "-impact", "pk")[:TOP_RISKS]
    )
    return [
        {
            "reference": r.business_case.project.reference,
            "title": r.business_case.project.title,
            "programme": r.business_case.project.programme.code,
            "risk": r.description,
            "likelihood": r.likelihood,
            "impact": r.impact,
            "exposure": r.risk_exposure,
            "mitigation": r.mitigation,
        }
        for r in risks
    ]


def budget_lines_at(cycle, cutoff):
    """The cycle's budget lines as they stood at ``cutoff``: ``(submission_id, category,
    source, amount)`` rows.

    Today's lines, with every change recorded in a submission's history since ``cutoff``
    undone, newest first (an edit, an import: each history entry says what a line was), so a
    past quarter's report shows the amounts of its day, not today's.
    """
    from portfolio.budgets.choices import Action
    from portfolio.budgets.models import BudgetLine, BudgetSubmissionEvent

    lines = {
        (submission_id, category, source, year): amount
        for submission_id, category, source, year, amount in BudgetLine.objects.filter(
            submission__cycle=cycle
        ).values_list("submission_id", "category", "source", "year", "amount")
    }
    later = (
        BudgetSubmissionEvent.objects.filter(
            submission__cycle=cycle,
            created_at__gte=cutoff,
            action__in=[Action.LINES_SAVED, Action.IMPORTED],
        )
        .order_by("-created_at", "-pk")
        .values_list("submission_id", "changes")
    )
    for submission_id, changes in later:
        for change in changes or ():
            key = (submission_id, change["category"], change["source"], int(change["year"]))
            if change["change"] == "added":
                lines.pop(key, None)
            elif change["change"] == "changed":
                lines[key] = Decimal(change["was"]["amount"])
            elif change["change"] == "removed":
                lines[key] = Decimal(change["amount"])
    return [
        (submission_id, category, source, amount)
        for (submission_id, category, source, _year), amount in lines.items()
    ]


def budget_consolidation(quarter):
    """The cycle current at the quarter's end, consolidated from the submissions that were
    past draft then (their state then comes from the submission history), with each line's
    amount as it stood at the quarter's end (``budget_lines_at``)."""
    from portfolio.budgets import selectors as budgets
    from portfolio.budgets.choices import Category, Source, SubmissionState
    from portfolio.budgets.models import BudgetSubmission, BudgetSubmissionEvent

    cycle = budgets.current_cycle(quarter.end)
    if cycle is None:
        return None
    submission_state = Subquery(
        BudgetSubmissionEvent.objects.filter(
            submission=OuterRef("pk"), created_at__lt=quarter.cutoff
        )
        .exclude(to_state="")
        .order_by("-created_at", "-pk")
        .values("to_state")[:1]
    )
    submissions = {
        s.pk: s
        for s in BudgetSubmission.objects.filter(cycle=cycle)
        .annotate(state_at=submission_state)
        .filter(state_at__isnull=False)
        .exclude(state_at=SubmissionState.DRAFT)
        .select_related("unit")
    }
    by_unit, by_category, by_source = {}, {}, {}
    total = Decimal(0)
    for submission_id, category, source, amount in budget_lines_at(cycle, quarter.cutoff):
        if submission_id not in submissions:
            continue
        by_unit[submission_id] = by_unit.get(submission_id, Decimal(0)) + amount
        by_category[category] = by_category.get(category, Decimal(0)) + amount
        by_source[source] = by_source.get(source, Decimal(0)) + amount
        total += amount
    units = sorted((s for pk, s in submissions.items() if pk in by_unit), key=lambda s: s.unit.name)
    return {
        "cycle": cycle.code,
        "cycle_name": cycle.name,
        "units": [
            {
                "unit": s.unit.code,
                "unit_name": s.unit.name,
                "state": s.state_at,
                "total": money(by_unit[s.pk]),
            }
            for s in units
        ],
        "categories": [
            {"category": value, "name": str(label), "total": money(by_category.get(value))}
            for value, label in Category.choices
        ],
        "sources": [
            {"source": value, "name": str(label), "total": money(by_source.get(value))}
            for value, label in Source.choices
        ],
        "total": money(total),
    }


def build_figures(quarter, checkpoint=None):
    """All the report's figures for ``quarter`` (a ``Quarter`` or "2026-Q3")."""
    if isinstance(quarter, str):
        quarter = Quarter.parse(quarter)
    checkpoint = checkpoint or (lambda step: None)
    programmes = _programmes()
    projects = projects_as_of(quarter)
    figures = {
        "quarter": str(quarter),
        "period_start": quarter.start.isoformat(),
        "period_end": quarter.end.isoformat(),
        "previous_quarter": str(quarter.previous),
        "programmes": [{"code": p["code"], "name": p["name"]} for p in programmes],
    }
    checkpoint("portfolio")
    figures["portfolio"] = portfolio_by_state(projects, programmes)
    figures["portfolio"]["previous_totals"] = state_totals(projects_as_of(quarter.previous))
    figures["projects"] = project_list(projects)
    figures["spend"] = spend_by_programme(projects, programmes)
    figures["rag"] = rag_by_programme(projects, programmes)
    checkpoint("governance")
    figures["decisions"] = decisions_in(quarter)
    figures["pipeline"] = pipeline_at(projects, quarter)
    figures["overdue"] = overdue_at(projects, quarter)
    figures["risks"] = top_risks(projects)
    checkpoint("budgets")
    figures["budget"] = budget_consolidation(quarter)
    # Other apps' figures (staffing, survey) come through the sections they register.
    for section in sorted(report_sections, key=lambda section: section.order):
        figures[section.key] = section.figures(quarter.end)
    return figures
