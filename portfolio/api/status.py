"""The portfolio's status now or as of a date, aggregated in the database.

As of a date, a project's state is the target of its last transition on or before that day,
its cost the business case version that transition pointed to, and its RAG the worst of
schedule, budget and scope in the latest status report filed by then. Everything is read
from the projects the user may see (``selectors.projects_visible_to``), in a fixed number of
queries however many projects there are.
"""

import datetime

from django.db.models import Case as CaseWhen
from django.db.models import (
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

from core import clock
from governance.choices import BodyKind
from governance.models import Body

from ..choices import COMMITTEE_STATES, ProjectState, Rag
from ..models import CostLine, ProjectTransition, StatusReport
from ..selectors import previous_month_start, projects_visible_to

MONEY = DecimalField(max_digits=16, decimal_places=2)
RAG_PARTS = ("schedule", "budget", "scope")


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _reports(end, as_of):
    reports = StatusReport.objects.filter(project=OuterRef("pk"))
    if end is not None:
        reports = reports.filter(created_at__lt=end, period__lte=as_of)
    return reports.order_by("-period", "-pk")


def _worst_rag():
    def any_part(value):
        query = Q()
        for part in RAG_PARTS:
            query |= Q(**{f"rag_{part}": value})
        return query

    return CaseWhen(
        When(any_part(Rag.RED), then=Value(Rag.RED.value)),
        When(any_part(Rag.AMBER), then=Value(Rag.AMBER.value)),
        When(rag_schedule__isnull=False, then=Value(Rag.GREEN.value)),
        default=Value(None),
        output_field=CharField(),
    )


def projects_as_of(user, as_of=None):
    """Visible projects annotated with ``state_at``, ``cost_at``, ``since``, ``rag`` and
    ``last_period`` (now when ``as_of`` is None)."""
    projects = projects_visible_to(user)
    end = None if as_of is None else _start_of(as_of + datetime.timedelta(days=1))
    transitions = ProjectTransition.objects.filter(project=OuterRef("pk"))
    if end is not None:
        transitions = transitions.filter(at__lt=end)
    transitions = transitions.order_by("-at", "-pk")
    reports = _reports(end, as_of)
    started = ProjectTransition.objects.filter(
        project=OuterRef("pk"), to_state=ProjectState.IN_DELIVERY
    )
    if end is not None:
        started = started.filter(at__lt=end)
    projects = projects.annotate(
        since=Subquery(transitions.values("at")[:1]),
        last_period=Subquery(reports.values("period")[:1]),
        delivery_started=Subquery(started.order_by("-at").values("at")[:1]),
        **{f"rag_{part}": Subquery(reports.values(part)[:1]) for part in RAG_PARTS},
    ).annotate(rag=_worst_rag())
    if end is None:
        return projects.annotate(state_at=F("state"), cost_at=F("total_cost"))
    case_costs = (
        CostLine.objects.filter(business_case=OuterRef("case_at"))
        .values("business_case")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )
    return (
        projects.filter(created_at__lt=end)
        .annotate(
            state_at=Subquery(transitions.values("to_state")[:1]),
            case_at=Subquery(transitions.values("business_case")[:1]),
        )
        .filter(state_at__isnull=False)
        .annotate(cost_at=Coalesce(Subquery(case_costs), Value(0), output_field=MONEY))
    )


def portfolio_status(user, as_of=None):
    """Counts and costs by programme x state x RAG, what awaits each body, overdue reports."""
    day = as_of or clock.today()
    projects = projects_as_of(user, as_of)
    state_labels = dict(ProjectState.choices)
    rag_labels = dict(Rag.choices)

    groups = list(
        projects.values("programme__code", "programme__name", "programme__order", "state_at", "rag")
        .annotate(count=Count("pk"), cost=Coalesce(Sum("cost_at"), Value(0), output_field=MONEY))
        .order_by("programme__order", "state_at", "rag")
    )
    by_group = [
        {
            "programme": row["programme__code"],
            "programme_name": row["programme__name"],
            "state": row["state_at"],
            "state_label": str(state_labels.get(row["state_at"], row["state_at"])),
            "rag": row["rag"],
            "rag_label": str(rag_labels[row["rag"]]) if row["rag"] else None,
            "count": row["count"],
            "cost": row["cost"],
        }
        for row in groups
    ]

    bodies = list(
        Body.objects.filter(
            kind__in=(BodyKind.STEERING_COMMITTEE, BodyKind.EXECUTIVE_COMMITTEE)
        ).order_by("kind", "code")
    )
    steering = {b.programme_id: b for b in bodies if b.kind == BodyKind.STEERING_COMMITTEE}
    executive = next((b for b in bodies if b.kind == BodyKind.EXECUTIVE_COMMITTEE), None)
    awaiting = {b.pk: [] for b in bodies}
    pending = (
        projects.filter(state_at__in=COMMITTEE_STATES)
        .values("pk", "title", "state_at", "programme_id", "since")
        .order_by("since", "pk")
    )
    for row in pending:
        body = (
            executive
            if row["state_at"] == ProjectState.WITH_EXECUTIVE_COMMITTEE
            else steering.get(row["programme_id"])
        )
        if body is not None:
            awaiting[body.pk].append(
                {
                    "id": row["pk"],
                    "reference": f"P-{row['pk']:04d}",
                    "title": row["title"],
                    "state": row["state_at"],
                    "since": row["since"],
                }
            )

    due = previous_month_start(day)
    overdue = (
        projects.filter(state_at=ProjectState.IN_DELIVERY)
        .filter(
            Q(last_period__lt=due)
            | Q(last_period__isnull=True, delivery_started__lt=_start_of(due))
        )
        .values("pk", "title", "programme__code", "last_period")
        .order_by("programme__code", "title", "pk")
    )
    return {
        "as_of": day,
        "totals": {
            "count": sum(row["count"] for row in by_group),
            "cost": sum((row["cost"] for row in by_group), MONEY.to_python(0)),
        },
        "groups": by_group,
        "awaiting_decision": [
            {"body": b.code, "body_name": b.name, "projects": awaiting[b.pk]} for b in bodies
        ],
        "overdue_status_reports": [
            {
                "id": row["pk"],
                "reference": f"P-{row['pk']:04d}",
                "title": row["title"],
                "programme": row["programme__code"],
                "last_report_period": row["last_period"],
                "due_period": due,
            }
            for row in overdue
        ],
    }
