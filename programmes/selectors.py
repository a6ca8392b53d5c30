"""Reads of KPIs, measurements and the implementation plan, restricted to what the user may see.

The organisation's and the programmes' KPIs are open to every signed-in person (para 17's
"open environment"); an ICT unit's KPIs only to whom governance's policy shows that unit
(OICT and the unit's chief). Every list runs a fixed number of queries, whatever the number
of measurements: the latest value comes from a subquery, a series from a window.
"""

from django.db.models import Count, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.http import Http404

from core import clock

from .choices import CLOSED_PLAN_STATUSES, OwnerKind, PlanPhase, PlanStatus
from .models import Kpi, Measurement, PlanItem
from .policy import ALL_UNITS, policy

#: measurements drawn in a KPI's trend and shown in its table on the page
SERIES_LENGTH = 12


def kpis_visible_to(user):
    if not getattr(user, "is_authenticated", False):
        return Kpi.objects.none()
    codes = policy().unit_codes_visible_to(user)
    if codes is ALL_UNITS:
        return Kpi.objects.all()
    return Kpi.objects.filter(~Q(owner_kind=OwnerKind.UNIT) | Q(owner_unit__in=list(codes)))


def _latest(field):
    return Subquery(
        Measurement.objects.filter(kpi=OuterRef("pk")).order_by("-period_start").values(field)[:1]
    )


def with_latest(queryset):
    """Annotate each KPI with its latest measurement: period, value, target then, standing."""
    return queryset.annotate(
        latest_period_start=_latest("period_start"),
        latest_value=_latest("value"),
        latest_target=_latest("target"),
        latest_standing=_latest("standing"),
    )


def kpi_list(user, *, owner_kind=None, programme=None, unit=None, source=None, query=None):
    queryset = with_latest(kpis_visible_to(user).select_related("programme", "priority_area"))
    if owner_kind:
        queryset = queryset.filter(owner_kind=owner_kind)
    if programme:
        queryset = queryset.filter(programme__code=programme)
    if unit:
        queryset = queryset.filter(owner_unit=unit)
    if source:
        queryset = queryset.filter(source=source)
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(code__icontains=query))
    return queryset.order_by("owner_kind", "programme__order", "owner_unit", "order", "code")


def get_kpi(user, code):
    kpi = (
        kpis_visible_to(user).select_related("programme", "priority_area").filter(code=code).first()
    )
    if kpi is None:
        raise Http404
    return kpi


def series(kpi, length=SERIES_LENGTH):
    """The KPI's last ``length`` measurements, oldest first."""
    rows = list(
        Measurement.objects.filter(kpi=kpi)
        .select_related("recorded_by")
        .order_by("-period_start")[:length]
    )
    rows.reverse()
    for row in rows:
        row.kpi = kpi  # the page reads the KPI of each (its direction, its unit)
    return rows


def recent_measurements(kpis, length):
    """``{kpi id: [measurement, ...]}`` (oldest first): each KPI's last ``length``, one query."""
    ranked = (
        Measurement.objects.filter(kpi__in=[k.pk for k in kpis])
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("kpi_id")], order_by=F("period_start").desc())
        )
        .filter(rank__lte=length)
        .order_by("kpi_id", "period_start")
    )
    out = {k.pk: [] for k in kpis}
    by_pk = {k.pk: k for k in kpis}
    for measurement in ranked:
        measurement.kpi = by_pk[measurement.kpi_id]
        out[measurement.kpi_id].append(measurement)
    return out


def measurements_visible_to(user):
    return Measurement.objects.filter(kpi__in=kpis_visible_to(user)).select_related("kpi")


# --------------------------------------------------------------------------- implementation plan
def plan_items(*, phase=None, status=None, overdue=False, today=None):
    today = today or clock.today()
    queryset = PlanItem.objects.annotate(evidence_count=Count("evidence")).select_related(
        "updated_by"
    )
    if phase:
        queryset = queryset.filter(phase=phase)
    if status:
        queryset = queryset.filter(status=status)
    if overdue:
        queryset = queryset.exclude(status__in=CLOSED_PLAN_STATUSES).filter(due__lt=today)
    return queryset.order_by("phase", "order")


def get_plan_item(code):
    item = PlanItem.objects.select_related("updated_by").filter(code=code).first()
    if item is None:
        raise Http404
    return item


def plan_summary(today=None):
    """Per phase: items by status, overdue and total; and the whole plan's totals (one query)."""
    today = today or clock.today()
    open_overdue = ~Q(status__in=CLOSED_PLAN_STATUSES) & Q(due__lt=today)
    rows = {
        row["phase"]: row
        for row in PlanItem.objects.values("phase")
        .annotate(
            total=Count("pk"),
            overdue=Count("pk", filter=open_overdue),
            **{status: Count("pk", filter=Q(status=status)) for status in PlanStatus.values},
        )
        .order_by()
    }
    phases = []
    for value, label in PlanPhase.choices:
        row = rows.get(value, {})
        phases.append(
            {
                "phase": value,
                "label": label,
                "total": row.get("total", 0),
                "overdue": row.get("overdue", 0),
                "statuses": {status: row.get(status, 0) for status in PlanStatus.values},
            }
        )
        phases[-1]["status_cells"] = list(phases[-1]["statuses"].items())
    totals = {
        "total": sum(p["total"] for p in phases),
        "overdue": sum(p["overdue"] for p in phases),
        "statuses": {s: sum(p["statuses"][s] for p in phases) for s in PlanStatus.values},
    }
    totals["status_cells"] = list(totals["statuses"].items())
    return {"phases": phases, "totals": totals}
