"""The quarterly report's sections on the implementation plan and the KPIs (registered in
``programmes.apps`` as ``core.registry.ReportSection``s), as plain JSON as of a day.

As of a day, an activity is done if it was completed by then and overdue if it was due before
then and not done (dropped activities are neither); a KPI stands where its latest measurement
of a period ended by then put it. A report rebuilt later for the same quarter shows the same
plan figures unless an activity's completion date was corrected since.
"""

from django.db.models import OuterRef, Subquery

from .choices import OwnerKind, PlanStatus, Standing
from .models import Kpi, Measurement, PlanItem


def plan_as_of(as_of):
    items = list(PlanItem.objects.order_by("phase", "order"))
    rows, counts = [], {"total": 0, "done": 0, "overdue": 0, "open": 0, "dropped": 0}
    for item in items:
        done = item.completed_on is not None and item.completed_on <= as_of
        dropped = item.status == PlanStatus.DROPPED
        overdue = not done and not dropped and item.due < as_of
        state = "done" if done else ("dropped" if dropped else ("overdue" if overdue else "open"))
        counts["total"] += 1
        counts[state] += 1
        rows.append(
            {
                "code": item.code,
                "activity": item.activity,
                "source": item.source,
                "phase": item.phase,
                "owner": item.owner,
                "due": item.due.isoformat(),
                "completed_on": item.completed_on.isoformat() if done else None,
                "state": state,
            }
        )
    return {"as_of": as_of.isoformat(), "counts": counts, "rows": rows}


def _latest(field, as_of):
    return Subquery(
        Measurement.objects.filter(kpi=OuterRef("pk"), period_end__lte=as_of)
        .order_by("-period_start")
        .values(field)[:1]
    )


def kpis_as_of(as_of):
    """The organisation's and the programmes' KPIs, and each ICT unit's counts by standing.

    The units' KPIs are summarised, not listed: the report's readers include everyone the
    Executive Committee's papers go to, while a unit's detailed scorecard is OICT's and the
    unit's (governance.performance)."""
    kpis = (
        Kpi.objects.filter(active=True)
        .select_related("programme")
        .annotate(
            period_start=_latest("period_start", as_of),
            value=_latest("value", as_of),
            target_then=_latest("target", as_of),
            standing_then=_latest("standing", as_of),
        )
        .order_by("owner_kind", "programme__order", "owner_unit", "order", "code")
    )
    rows, units = [], {}
    counts = {standing: 0 for standing in Standing.values}
    counts["none"] = 0
    for kpi in kpis:
        standing = kpi.standing_then or "none"
        if kpi.owner_kind == OwnerKind.UNIT:
            unit = units.setdefault(
                kpi.owner_unit, {"unit": kpi.owner_unit, **{s: 0 for s in counts}}
            )
            unit[standing] += 1
            continue
        counts[standing] += 1
        rows.append(
            {
                "code": kpi.code,
                "name": kpi.name,
                "owner": kpi.programme.code if kpi.programme else "",
                "owner_name": kpi.programme.name if kpi.programme else "",
                "unit_of_measure": kpi.measure_unit,
                "period_start": kpi.period_start.isoformat() if kpi.period_start else None,
                "value": float(kpi.value) if kpi.value is not None else None,
                "target": float(kpi.target_then if kpi.target_then is not None else kpi.target),
                "standing": kpi.standing_then,
            }
        )
    return {
        "as_of": as_of.isoformat(),
        "counts": counts,
        "rows": rows,
        "units": sorted(units.values(), key=lambda u: u["unit"]),
    }
