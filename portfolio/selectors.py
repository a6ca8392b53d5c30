"""Reads, already restricted to what the user may see (another person's draft is a 404)."""

import datetime

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.http import Http404
from django.utils import timezone

from governance import rights, roles
from governance.models import Membership

from .choices import ProjectState, Rag
from .models import Asset, BusinessCase, Project, ProjectTransition, StatusReport


def _has_body_membership(user):
    cache = getattr(user, "_portfolio_member", None)
    if cache is None:
        cache = Membership.objects.current().filter(user=user).exists()
        user._portfolio_member = cache
    return cache


def projects_visible_to(user):
    """PMO and CITO see everything; members of governance bodies, OICT budget reviewers and REST
    clients see every proposal once submitted; proponents, project managers and the chief of the
    sponsoring unit see their own projects, drafts included."""
    if not getattr(user, "is_authenticated", False):
        return Project.objects.none()
    if rights.sees_everything(user):
        return Project.objects.all()
    own = Q(proponent=user) | Q(project_manager=user) | Q(sponsoring_unit__chief=user)
    # REST clients are the organisation's dashboards and reporting tools: they pull the
    # portfolio's status, so they read submitted proposals as the governance bodies do.
    if (
        _has_body_membership(user)
        or roles.is_budget_reviewer(user)
        or roles.has_role(user, roles.API_CLIENTS)
    ):
        return Project.objects.filter(own | ~Q(state=ProjectState.DRAFT))
    return Project.objects.filter(own)


def get_project(user, pk):
    project = (
        projects_visible_to(user)
        .select_related(
            "programme", "initiative", "sponsoring_unit", "proponent", "project_manager"
        )
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise Http404
    return project


def get_case(project, number):
    case = (
        BusinessCase.objects.filter(project=project, number=number)
        .select_related("programme", "initiative", "sponsoring_unit", "created_by")
        .prefetch_related("costlines", "benefitlines", "risks", "fundingsources")
        .first()
    )
    if case is None:
        raise Http404
    return case


def latest_report_subquery(field):
    return Subquery(
        StatusReport.objects.filter(project=OuterRef("pk")).order_by("-period").values(field)[:1]
    )


def delivery_started_subquery():
    return Subquery(
        ProjectTransition.objects.filter(project=OuterRef("pk"), to_state=ProjectState.IN_DELIVERY)
        .order_by("-at")
        .values("at")[:1]
    )


def previous_month_start(today=None):
    today = today or timezone.localdate()
    return (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def pipeline(user, *, state=None, programme=None, query=None):
    """Projects for the pipeline table, with the latest status report's RAG in one query."""
    qs = (
        projects_visible_to(user)
        .select_related("programme", "initiative", "sponsoring_unit", "proponent")
        .annotate(
            last_period=latest_report_subquery("period"),
            last_schedule=latest_report_subquery("schedule"),
            last_budget=latest_report_subquery("budget"),
            last_scope=latest_report_subquery("scope"),
            delivery_started=delivery_started_subquery(),
        )
        .annotate(state_order=state_order())
        .order_by("programme__order", "state_order", "title")
    )
    if state:
        qs = qs.filter(state=state)
    if programme:
        qs = qs.filter(programme__code=programme)
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(summary__icontains=query))
    return qs


def state_order():
    """The lifecycle's order of the states (the table's order), for sorting in SQL."""
    return Case(
        *[When(state=state, then=Value(index)) for index, state in enumerate(ProjectState.values)],
        output_field=IntegerField(),
    )


def is_overdue(project, today=None):
    """In delivery and no report for last month (once delivery has run a whole month)."""
    if project.state != ProjectState.IN_DELIVERY:
        return False
    due = previous_month_start(today)
    if not hasattr(project, "last_period"):
        project = pipeline_row(project)
    if project.last_period is None:
        started = project.delivery_started
        return started is not None and started.date() < due
    return project.last_period < due


def pipeline_row(project):
    return (
        Project.objects.filter(pk=project.pk)
        .annotate(
            last_period=latest_report_subquery("period"),
            delivery_started=delivery_started_subquery(),
        )
        .get()
    )


def overview(user):
    """Counts and cost totals by programme and state, and by programme and latest RAG."""
    visible = projects_visible_to(user)
    money = DecimalField(max_digits=16, decimal_places=2)
    by_state = (
        visible.values("programme__code", "programme__name", "state")
        .annotate(n=Count("pk"), cost=Coalesce(Sum("total_cost"), Value(0), output_field=money))
        .order_by("programme__code", "state")
    )
    by_rag = (
        visible.filter(state=ProjectState.IN_DELIVERY)
        .annotate(rag=overall_rag())
        .values("programme__code", "programme__name", "rag")
        .annotate(n=Count("pk"), cost=Coalesce(Sum("total_cost"), Value(0), output_field=money))
        .order_by("programme__code", "rag")
    )
    return list(by_state), list(by_rag)


def overall_rag():
    """The worst of the latest report's schedule, budget and scope (none without a report)."""
    fields = [latest_report_subquery(name) for name in ("schedule", "budget", "scope")]

    def any_is(value):
        condition = Q()
        for field in fields:
            condition |= Q(Exact(field, Value(value)))
        return condition

    return Case(
        When(any_is(Rag.RED), then=Value(Rag.RED)),
        When(any_is(Rag.AMBER), then=Value(Rag.AMBER)),
        When(any_is(Rag.GREEN), then=Value(Rag.GREEN)),
        default=Value(""),
        output_field=CharField(),
    )


def assets_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return Asset.objects.none()
    return Asset.objects.select_related("owner_unit", "programme").annotate(
        project_count=Count("projects")
    )
