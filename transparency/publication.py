"""What the transparency area publishes, and to whom: the one place that decides it.

Pages, the open-data files, the Atom feed and the read-only API all read through these
functions and show only the fields named in ``PROJECT_FIELDS`` and ``DECISION_FIELDS`` (the
open data's documentation). The rules:

- **Who**: every signed-in person (member-state delegates above all); signed-out visitors
  only while OICT's portal administrators have switched public access on.
- **Projects**: only those the committees approved: approved, in delivery or completed, with
  cost, spend, the latest RAG and progress. Nothing of a proposal not yet approved, never a
  draft, never a person's name.
- **Decisions**: outcome, body, date, subject and rationale of the decisions on published
  subjects (approved projects, resource envelopes, published portfolio scenarios, motions).
  Never the votes, the tallies, attendance, recusals, opinions or the provenance record, and
  nothing about a project not yet approved or a scenario not published.
- **Performance**: the organisation's and the programmes' KPIs (never an ICT unit's) with
  their latest value, and the service catalogue's attainment on those KPIs.
- **Quarterly report**: the published summary of the latest report: spend and RAG counts by
  programme and decision counts by body, without a project list.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils.translation import gettext_lazy as _

from core.translations import localized
from governance.models import Decision, Motion
from governance.performance.models import Service, ServiceLevel
from planning.choices import ScenarioState
from planning.models import Scenario
from portfolio.choices import ProjectState
from portfolio.models import Project, ResourceEnvelope
from portfolio.reports.models import QuarterlyReport
from portfolio.selectors import latest_report_subquery, overall_rag
from programmes.choices import OwnerKind
from programmes.models import Kpi, Measurement

from .models import PublicationSetting

#: Approved by the committees: nothing before approval is published.
PUBLISHED_PROJECT_STATES = (
    ProjectState.APPROVED,
    ProjectState.IN_DELIVERY,
    ProjectState.COMPLETED,
)
#: Whose KPIs are published (an ICT unit's scorecard is internal).
PUBLISHED_KPI_OWNERS = (OwnerKind.ORGANISATION, OwnerKind.PROGRAMME)

PROJECT_FIELDS = (
    ("reference", _("The project's reference (P-nnnn).")),
    ("title", _("Title.")),
    ("programme", _("Code of the strategic programme it serves.")),
    ("programme_name", _("Name of the programme.")),
    ("initiative", _("Name of the initiative it serves, if any.")),
    ("state", _("approved, in_delivery or completed.")),
    ("state_label", _("The state in words.")),
    ("cost_usd", _("Total estimated cost of the approved business case, USD.")),
    ("spend_usd", _("Actual spend to date in the latest monthly status report, USD.")),
    ("rag", _("Worst of schedule, budget and scope in the latest report: red, amber, green.")),
    ("percent_complete", _("Percent complete in the latest status report.")),
    ("last_report", _("Month of the latest status report (YYYY-MM-DD, its first day).")),
)
DECISION_FIELDS = (
    ("id", _("The decision's number in the register.")),
    ("date", _("Date recorded (YYYY-MM-DD).")),
    ("body", _("Code of the deciding body.")),
    ("body_name", _("Name of the deciding body.")),
    ("subject", _("What was decided (a project, an envelope, a scenario, a motion).")),
    ("subject_kind", _("project, envelope, scenario or motion.")),
    ("outcome", _("approved, rejected, deferred, returned or prioritised.")),
    ("outcome_label", _("The outcome in words.")),
    ("rationale", _("The body's rationale.")),
    ("superseded", _("Whether a later decision superseded it (true/false).")),
)


# --------------------------------------------------------------------------- who
def public_access_on():
    return bool(
        PublicationSetting.objects.filter(pk=1).values_list("public_access", flat=True).first()
    )


def may_view(user):
    if getattr(user, "is_authenticated", False):
        return True
    return public_access_on()


# --------------------------------------------------------------------------- projects
def projects():
    return (
        Project.objects.filter(state__in=PUBLISHED_PROJECT_STATES)
        .select_related("programme", "initiative")
        .only(
            "pk",
            "title",
            "state",
            "total_cost",
            "programme__code",
            *(f"programme__{field}" for field in localized("name")),
            "programme__order",
            *(f"initiative__{field}" for field in localized("name")),
        )
        .annotate(
            spend=latest_report_subquery("actual_spend"),
            percent=latest_report_subquery("percent_complete"),
            last_period=latest_report_subquery("period"),
            rag=overall_rag(),
        )
        .order_by("programme__order", "title", "pk")
    )


def project_row(project):
    return {
        "reference": project.reference,
        "title": project.title,
        "programme": project.programme.code,
        "programme_name": project.programme.name,
        "initiative": project.initiative.name if project.initiative_id else "",
        "state": project.state,
        "state_label": str(project.get_state_display()),
        "cost_usd": project.total_cost,
        "spend_usd": project.spend,
        "rag": project.rag or "",
        "percent_complete": project.percent,
        "last_report": project.last_period.isoformat() if project.last_period else "",
    }


def project_rows():
    return [project_row(p) for p in projects()]


# --------------------------------------------------------------------------- decisions
def _kinds():
    types = ContentType.objects.get_for_models(Project, ResourceEnvelope, Scenario, Motion)
    return {model: ct for model, ct in types.items()}


def decisions():
    """The decisions on published subjects, latest first."""
    types = _kinds()
    published = (
        Q(
            content_type=types[Project],
            object_id__in=Project.objects.filter(state__in=PUBLISHED_PROJECT_STATES).values("pk"),
        )
        | Q(content_type=types[ResourceEnvelope])
        | Q(
            content_type=types[Scenario],
            object_id__in=Scenario.objects.filter(state=ScenarioState.PUBLISHED).values("pk"),
        )
        | Q(content_type=types[Motion])
    )
    return (
        Decision.objects.filter(published)
        .select_related("body", "content_type")
        .annotate(
            superseded_by_pk=Subquery(
                Decision.objects.filter(supersedes=OuterRef("pk")).values("pk")[:1]
            )
        )
        .only(
            "pk",
            "recorded_at",
            "subject_label",
            "outcome",
            "rationale",
            "content_type__app_label",
            "content_type__model",
            "body__code",
            # Every language's name: reading ``body.name`` picks the reader's (modeltranslation).
            *(f"body__{field}" for field in localized("name")),
        )
        .order_by("-recorded_at", "-pk")
    )


SUBJECT_KINDS = {
    "portfolio.project": "project",
    "portfolio.resourceenvelope": "envelope",
    "planning.scenario": "scenario",
    "governance.motion": "motion",
}


def decision_row(decision):
    label = f"{decision.content_type.app_label}.{decision.content_type.model}"
    return {
        "id": decision.pk,
        "date": decision.recorded_at.date().isoformat(),
        "body": decision.body.code,
        "body_name": decision.body.name,
        "subject": decision.subject_label,
        "subject_kind": SUBJECT_KINDS.get(label, ""),
        "outcome": decision.outcome,
        "outcome_label": str(decision.get_outcome_display()),
        "rationale": decision.rationale,
        "superseded": decision.superseded_by_pk is not None,
    }


def decision_rows(limit=None):
    qs = decisions()
    if limit:
        qs = qs[:limit]
    return [decision_row(d) for d in qs]


# --------------------------------------------------------------------------- performance
def _latest(field, kpi="pk"):
    return Subquery(
        Measurement.objects.filter(kpi=OuterRef(kpi)).order_by("-period_start").values(field)[:1]
    )


def kpis():
    return (
        Kpi.objects.filter(owner_kind__in=PUBLISHED_KPI_OWNERS)
        .select_related("programme")
        .annotate(
            latest_period_start=_latest("period_start"),
            latest_value=_latest("value"),
            latest_target=_latest("target"),
            latest_standing=_latest("standing"),
        )
        .order_by("owner_kind", "programme__order", "order", "code")
    )


def services():
    levels = (
        ServiceLevel.objects.filter(kpi__owner_kind__in=PUBLISHED_KPI_OWNERS)
        .select_related("kpi")
        .annotate(
            latest_value=_latest("value", "kpi_id"),
            latest_period_start=_latest("period_start", "kpi_id"),
            latest_standing=_latest("standing", "kpi_id"),
        )
        .order_by("order", "pk")
    )
    return (
        Service.objects.filter(active=True)
        .select_related("programme")
        .prefetch_related(Prefetch("levels", queryset=levels))
        .order_by("order", "code")
    )


# --------------------------------------------------------------------------- report
def report_summary():
    """The latest quarterly report's published summary, or ``None`` before the first."""
    report = QuarterlyReport.objects.current().order_by("-quarter").first()
    if report is None:
        return None
    figures = report.figures or {}
    spend = figures.get("spend") or {}
    rag = figures.get("rag") or {}
    decided = figures.get("decisions") or {}
    return {
        "quarter": report.quarter,
        "period_start": report.period_start.isoformat(),
        "period_end": report.period_end.isoformat(),
        "generated_at": report.generated_at.isoformat(),
        "spend": {
            "rows": [
                {
                    k: row.get(k)
                    for k in (
                        "programme",
                        "programme_name",
                        "projects",
                        "budget",
                        "spend",
                        "percent_spent",
                    )
                }
                for row in spend.get("rows", [])
            ],
            "totals": spend.get("totals", {}),
        },
        "rag": {
            "rows": [
                {k: row.get(k) for k in ("programme", "programme_name", "rag", "total")}
                for row in rag.get("rows", [])
            ],
            "totals": rag.get("totals", {}),
        },
        "decisions": {
            "by_body": [
                {k: row.get(k) for k in ("body", "body_name", "outcomes", "total")}
                for row in decided.get("by_body", [])
            ],
            "totals": decided.get("totals", {}),
        },
    }
