"""Staffing figures, computed in the database from the snapshots."""

import datetime

from django.db.models import Count, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from core import clock

from .choices import (
    CATEGORIES,
    INTERNATIONAL_CATEGORIES,
    OTHER_CATEGORIES,
    SNAPSHOT_DUE_AFTER_DAYS,
)
from .models import (
    INTERNATIONAL_EXPRESSION,
    TOTAL_EXPRESSION,
    StaffingPlan,
    StaffingRound,
    StaffingSnapshot,
)


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


def latest_snapshots_for(units, as_of=None):
    """The latest snapshot of each of ``units`` (on or before ``as_of``, default today)."""
    return latest_snapshots(as_of or clock.today()).filter(unit__in=units)


def snapshot_is_due(snapshot, today=None, staffing_round=None):
    """Whether a unit owes a new snapshot: none yet, its latest is more than a year old, or an
    open round asks for figures as of a later date than its latest."""
    today = today or clock.today()
    if snapshot is None:
        return True
    if staffing_round is not None and snapshot.as_of < staffing_round.as_of:
        return True
    return (today - snapshot.as_of).days > SNAPSHOT_DUE_AFTER_DAYS


def open_round():
    """The staffing round units answer now (the latest open one), or ``None``."""
    return StaffingRound.objects.filter(closed_at__isnull=True).order_by("-as_of").first()


def rounds():
    """Every round with the number of units that reported figures as of its date."""
    reported = (
        StaffingSnapshot.objects.filter(as_of=OuterRef("as_of"))
        .values("as_of")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        StaffingRound.objects.select_related("opened_by")
        .annotate(reported=Coalesce(Subquery(reported), 0))
        .order_by("-as_of")
    )


def snapshot_dates():
    return list(
        StaffingSnapshot.objects.order_by("as_of").values_list("as_of", flat=True).distinct()
    )


def staffing_trend():
    """Totals by category on every snapshot date, each unit counted by its latest figures.

    Two queries whatever the number of units or dates: the dates, then one aggregate in which
    a snapshot counts for a date when it is the unit's latest on that date.
    """
    dates = snapshot_dates()
    if not dates:
        return []
    next_date = (
        StaffingSnapshot.objects.filter(unit=OuterRef("unit"), as_of__gt=OuterRef("as_of"))
        .order_by("as_of")
        .values("as_of")[:1]
    )
    snapshots = StaffingSnapshot.objects.annotate(valid_until=Subquery(next_date))
    aggregates = {}
    for index, day in enumerate(dates):
        current = Q(as_of__lte=day) & (Q(valid_until__isnull=True) | Q(valid_until__gt=day))
        for name in CATEGORIES:
            aggregates[f"{name}_{index}"] = Coalesce(Sum(name, filter=current), 0)
    sums = snapshots.aggregate(**aggregates)
    trend = []
    for index, day in enumerate(dates):
        row = {name: sums[f"{name}_{index}"] for name in CATEGORIES}
        row["international"] = sum(row[name] for name in INTERNATIONAL_CATEGORIES)
        row["total"] = row["international"] + sum(row[name] for name in OTHER_CATEGORIES)
        trend.append({"as_of": day, **row})
    return trend


def plan_years():
    return list(StaffingPlan.objects.order_by("-year").values_list("year", flat=True).distinct())


def plan_against_actual(year):
    """Each unit's planned headcount for ``year`` beside its latest actual figures that year."""
    plans = {
        plan.unit_id: plan
        for plan in StaffingPlan.objects.filter(year=year).with_totals().select_related("unit")
    }
    actuals = {
        snapshot.unit_id: snapshot
        for snapshot in latest_snapshots(datetime.date(year, 12, 31)).filter(unit__in=list(plans))
    }
    rows = []
    for unit_id, plan in plans.items():
        actual = actuals.get(unit_id)
        cells = []
        for name in (*CATEGORIES, "international", "total"):
            planned = (
                plan.international_total
                if name == "international"
                else (plan.grand_total if name == "total" else getattr(plan, name))
            )
            if actual is None:
                have = None
            elif name == "international":
                have = actual.international_total
            elif name == "total":
                have = actual.grand_total
            else:
                have = getattr(actual, name)
            cells.append(
                {
                    "name": name,
                    "planned": planned,
                    "actual": have,
                    "gap": None if have is None else have - planned,
                }
            )
        rows.append(
            {"unit": plan.unit, "actual_as_of": actual.as_of if actual else None, "cells": cells}
        )
    rows.sort(key=lambda row: (row["unit"].annex_iv_row or 999, row["unit"].name))
    return rows
