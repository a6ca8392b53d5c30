"""Reads of the scorecards and the service catalogue, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Subquery
from django.http import Http404

from programmes.choices import OwnerKind, Standing
from programmes.models import Kpi, Measurement
from programmes.selectors import kpis_visible_to, recent_measurements, with_latest

from .models import Service, ServiceLevel
from .units import can_see_unit, ict_units

#: periods of each KPI a scorecard shows
SCORECARD_LENGTH = 8


@dataclass
class ScorecardRow:
    kpi: Kpi
    measurements: list

    @property
    def latest(self):
        return self.measurements[-1] if self.measurements else None

    @property
    def previous(self):
        return self.measurements[-2] if len(self.measurements) > 1 else None

    @property
    def change(self):
        """Change since the previous period, positive when better."""
        if self.latest is None or self.previous is None:
            return None
        difference = self.latest.value - self.previous.value
        return -difference if self.kpi.direction == "lower" else difference

    @property
    def trend(self):
        change = self.change
        if change is None:
            return None
        return "better" if change > 0 else ("worse" if change < 0 else "same")


@dataclass
class Scorecard:
    unit: object
    rows: list = field(default_factory=list)

    def count(self, standing):
        return sum(1 for r in self.rows if r.latest and r.latest.standing == standing)

    @property
    def on_target(self):
        return self.count(Standing.ON_TARGET)

    @property
    def near_target(self):
        return self.count(Standing.NEAR_TARGET)

    @property
    def off_target(self):
        return self.count(Standing.OFF_TARGET)

    @property
    def unmeasured(self):
        return sum(1 for r in self.rows if r.latest is None)


def get_unit(user, code):
    unit = ict_units().select_related("chief").filter(code=code).first()
    if unit is None or not can_see_unit(user, unit):
        raise Http404
    return unit


def unit_kpis(codes):
    return Kpi.objects.filter(
        owner_kind=OwnerKind.UNIT, owner_unit__in=codes, active=True
    ).order_by("order", "code")


def scorecard(unit, length=SCORECARD_LENGTH):
    kpis = list(unit_kpis([unit.code]))
    series = recent_measurements(kpis, length)
    return Scorecard(unit=unit, rows=[ScorecardRow(kpi, series[kpi.pk]) for kpi in kpis])


@dataclass
class Across:
    indicators: list  # (indicator, name, unit symbol)
    rows: list  # (unit, [kpi or None per indicator], counts dict)


def across_units():
    """Each ICT unit against each indicator its KPIs measure: the latest value and standing."""
    units = list(ict_units())
    kpis = list(with_latest(unit_kpis([u.code for u in units])))
    indicators, names = [], {}
    for kpi in kpis:
        if kpi.indicator not in names:
            names[kpi.indicator] = kpi
            indicators.append(kpi.indicator)
    by_cell = {(k.owner_unit, k.indicator): k for k in kpis}
    rows = []
    for unit in units:
        cells = [by_cell.get((unit.code, indicator)) for indicator in indicators]
        counts = {standing: 0 for standing in Standing.values}
        measured = 0
        for kpi in cells:
            if kpi is not None and kpi.latest_standing:
                counts[kpi.latest_standing] += 1
                measured += 1
        rows.append({"unit": unit, "cells": cells, "counts": counts, "measured": measured})
    return Across(indicators=[(i, names[i].name, names[i].symbol) for i in indicators], rows=rows)


# --------------------------------------------------------------------------- service catalogue
def _latest(field):
    return Subquery(
        Measurement.objects.filter(kpi=OuterRef("kpi_id"))
        .order_by("-period_start")
        .values(field)[:1]
    )


def levels_with_latest(user):
    return (
        ServiceLevel.objects.filter(kpi__in=kpis_visible_to(user))
        .select_related("kpi")
        .annotate(
            latest_value=_latest("value"),
            latest_period_start=_latest("period_start"),
            latest_standing=_latest("standing"),
        )
    )


def services(user):
    return (
        Service.objects.filter(active=True)
        .select_related("owner_unit", "programme")
        .prefetch_related("units_served", Prefetch("levels", queryset=levels_with_latest(user)))
    )


def get_service(code):
    service = (
        Service.objects.select_related("owner_unit", "programme")
        .prefetch_related("units_served")
        .filter(code=code)
        .first()
    )
    if service is None:
        raise Http404
    return service


def attainment(service, user, length=SCORECARD_LENGTH):
    """The service's levels the user may see, each with its last ``length`` measurements
    (oldest first)."""
    levels = list(service.levels.filter(kpi__in=kpis_visible_to(user)).select_related("kpi"))
    series = recent_measurements([level.kpi for level in levels], length)
    return [(level, series[level.kpi_id]) for level in levels]
