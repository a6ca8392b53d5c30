"""Staffing figures, computed in the database from the snapshots."""
from django.db.models import Max, OuterRef, Subquery, Sum

from .choices import CATEGORIES
from .models import INTERNATIONAL_EXPRESSION, TOTAL_EXPRESSION, StaffingSnapshot


def latest_snapshots(as_of):
    """Each unit's most recent snapshot on or before ``as_of``, with derived totals."""
    latest = (
        StaffingSnapshot.objects.filter(unit=OuterRef("unit"), as_of__lte=as_of)
        .order_by("-as_of")
        .values("pk")[:1]
    )
    return (
        StaffingSnapshot.objects.filter(as_of__lte=as_of, pk=Subquery(latest))
        .with_totals()
        .select_related("unit")
        .order_by("unit__annex_iv_row", "unit__name")
    )


def staffing_summary(as_of):
    """The Annex IV table for a date: one row per unit and a totals row, as plain data."""
    rows = latest_snapshots(as_of)
    sums = rows.aggregate(
        **{f"sum_{name}": Sum(name) for name in CATEGORIES},
        sum_international=Sum(INTERNATIONAL_EXPRESSION),
        sum_total=Sum(TOTAL_EXPRESSION),
        latest=Max("as_of"),
    )
    latest = sums.pop("latest")
    totals = {name.removeprefix("sum_"): value or 0 for name, value in sums.items()}
    return {
        "as_of": as_of.isoformat(),
        "latest_snapshot": latest.isoformat() if latest else None,
        "rows": [
            {
                "unit": row.unit.code,
                "unit_name": row.unit.name,
                "snapshot": row.as_of.isoformat(),
                **{name: getattr(row, name) for name in CATEGORIES},
                "international": row.international_total,
                "total": row.grand_total,
            }
            for row in rows
        ],
        "totals": totals,
    }
