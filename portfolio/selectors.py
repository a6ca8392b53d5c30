"""Reads, already restricted to what the user may see (another person's draft is a 404)."""

import datetime

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from core import clock
from governance import rights, roles

from .choices import ProjectState, Rag
from .models import Asset, BusinessCase, Project, ProjectAsset, ProjectTransition, StatusReport
from .permissions import can_see_case


def _has_body_membership(user):
    cache = getattr(user, "_portfolio_member", None)
    if cache is None:
        cache = bool(rights.current_seats(user))
        user._portfolio_member = cache
    return cache


#: Others' projects a governance reader sees: every proposal once submitted, never a draft.
SUBMITTED = ~Q(state=ProjectState.DRAFT)


def submitted_projects():
    """Projects past their draft: what members of governance bodies, OICT budget reviewers
    and REST clients see of other people's proposals (``projects_visible_to``), and so all
    that the quarterly report, which they read, may show."""
    return Project.objects.filter(SUBMITTED)


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
        return Project.objects.filter(own | SUBMITTED)
    return Project.objects.filter(own)


def is_party_to_project(project, user):
    """The project's own people: its proponent, its project manager and the chief of its
    sponsoring unit (they see it as a draft; governance shows them its decisions redacted)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk in (project.proponent_id, project.project_manager_id):
        return True
    unit = project.sponsoring_unit if project.sponsoring_unit_id else None
    return unit is not None and unit.chief_id == user.pk


def project_visible_to(project, user):
    """Whether ``user`` may see ``project`` (the governance subject's visibility)."""
    return projects_visible_to(user).filter(pk=project.pk).exists()


def projects_visible_among(pks, user):
    """Which of the projects ``pks`` ``user`` may see, in one query."""
    return set(projects_visible_to(user).filter(pk__in=pks).values_list("pk", flat=True))


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


def visible_cases(user, project, cases=None):
    """The business case versions of ``project`` that ``user`` may read (drafts: authors only,
    ``permissions.can_see_case``), oldest first; ``cases`` if already fetched."""
    cases = project.business_cases.order_by("number") if cases is None else cases
    return [case for case in cases if can_see_case(user, project, case)]


def get_case(project, number, user=None):
    """One version of ``project``'s business case; with ``user``, 404 for a draft version they
    did not author."""
    case = (
        BusinessCase.objects.filter(project=project, number=number)
        .select_related("programme", "initiative", "sponsoring_unit", "created_by")
        .prefetch_related("costlines", "benefitlines", "risks", "fundingsources")
        .first()
    )
    if case is None:
        raise Http404
    if user is not None and not can_see_case(user, project, case):
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
    today = today or clock.today()
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


def overdue_projects(user, today=None):
    """The visible projects ``is_overdue`` holds for, selected in the database (the same rule:
    in delivery, and the last report older than last month, or none since delivery started
    before last month)."""
    due = previous_month_start(today)
    started_before = datetime.datetime.combine(due, datetime.time.min, tzinfo=datetime.UTC)
    return (
        projects_visible_to(user)
        .filter(state=ProjectState.IN_DELIVERY)
        .annotate(
            last_period=latest_report_subquery("period"),
            delivery_started=delivery_started_subquery(),
        )
        .filter(
            Q(last_period__lt=due)
            | Q(last_period__isnull=True, delivery_started__lt=started_before)
        )
    )


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
    """The worst of the latest report's schedule, budget and scope (none without a report):
    one subquery per project, the worst taken inside it."""

    def any_is(value):
        return Q(schedule=value) | Q(budget=value) | Q(scope=value)

    worst = Case(
        When(any_is(Rag.RED), then=Value(Rag.RED)),
        When(any_is(Rag.AMBER), then=Value(Rag.AMBER)),
        When(any_is(Rag.GREEN), then=Value(Rag.GREEN)),
        default=Value(""),
        output_field=CharField(),
    )
    latest = (
        StatusReport.objects.filter(project=OuterRef("pk"))
        .order_by("-period")
        .annotate(worst=worst)
        .values("worst")[:1]
    )
    return Coalesce(Subquery(latest, output_field=CharField()), Value(""))


def assets_visible_to(user, *, query="", kind="", lifecycle="", programme=""):
    """The inventory (every signed-in person reads it), filtered as the list page asks."""
    if not getattr(user, "is_authenticated", False):
        return Asset.objects.none()
    assets = Asset.objects.select_related("owner_unit", "programme").annotate(
        project_count=Count("projects")
    )
    if query:
        assets = assets.filter(Q(name__icontains=query) | Q(code__icontains=query))
    if kind:
        assets = assets.filter(kind=kind)
    if lifecycle:
        assets = assets.filter(lifecycle=lifecycle)
    if programme:
        assets = assets.filter(programme__code=programme)
    return assets.order_by("programme__order", "name", "pk")


def asset_for(user, pk):
    asset = (
        assets_visible_to(user)
        .prefetch_related(
            Prefetch(
                "projectasset_set",
                queryset=ProjectAsset.objects.select_related("project").order_by("project_id"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if asset is None:
        raise Http404
    return asset


def assets_for_export(user):
    return assets_visible_to(user).prefetch_related(
        Prefetch("projectasset_set", queryset=ProjectAsset.objects.select_related("project"))
    )


def projects_pending_among(bodies):
    """``(body, project)`` for the projects awaiting a decision of any of ``bodies``: a
    steering committee's programme's projects with it, every project with the Executive
    Committee; one query."""
    from governance.choices import BodyKind

    by_programme, executive = {}, []
    for body in bodies:
        if body.kind == BodyKind.STEERING_COMMITTEE:
            by_programme.setdefault(body.programme_id, []).append(body)
        elif body.kind == BodyKind.EXECUTIVE_COMMITTEE:
            executive.append(body)
    query = Q()
    if by_programme:
        query |= Q(state=ProjectState.WITH_STEERING_COMMITTEE, programme_id__in=by_programme)
    if executive:
        query |= Q(state=ProjectState.WITH_EXECUTIVE_COMMITTEE)
    if not query:
        return []
    pairs = []
    for project in Project.objects.filter(query).order_by("created_at", "pk"):
        if project.state == ProjectState.WITH_EXECUTIVE_COMMITTEE:
            pairs.extend((body, project) for body in executive)
        else:
            pairs.extend((body, project) for body in by_programme.get(project.programme_id, ()))
    return pairs


def envelopes_pending_among(bodies):
    """``(body, envelope)`` for the resource envelopes proposed to the Executive Committee,
    if it is among ``bodies``."""
    from governance.choices import BodyKind

    from .choices import EnvelopeState
    from .models import ResourceEnvelope

    executive = [body for body in bodies if body.kind == BodyKind.EXECUTIVE_COMMITTEE]
    if not executive:
        return []
    envelopes = (
        ResourceEnvelope.objects.filter(state=EnvelopeState.PROPOSED)
        .select_related("programme")
        .order_by("year", "pk")
    )
    return [(body, envelope) for envelope in envelopes for body in executive]
