"""KPIs and measurements for tests. KPIs are written directly (setup, not behaviour under
test); services are tested in test_services.py."""

import datetime
from decimal import Decimal

from programmes.choices import Direction, Frequency, MeasureUnit, OwnerKind, Standing
from programmes.models import Kpi, Measurement, Programme, standing
from programmes.periods import Period


def kpi(code="org-test", **values):
    fields = {
        "indicator": code,
        "name": f"KPI {code}",
        "definition": "A test KPI.",
        "measure_unit": MeasureUnit.PERCENT,
        "direction": Direction.HIGHER,
        "target": Decimal(80),
        "threshold": Decimal(70),
        "minimum": Decimal(0),
        "maximum": Decimal(100),
        "owner_kind": OwnerKind.ORGANISATION,
        "frequency": Frequency.QUARTERLY,
    }
    if "programme" in values and isinstance(values["programme"], str):
        values["programme"] = Programme.objects.get(code=values["programme"])
    fields.update(values)
    return Kpi.objects.create(code=code, **fields)


def unit_kpi(unit="unog", indicator="availability", **values):
    return kpi(
        f"{unit}-{indicator}",
        indicator=indicator,
        owner_kind=OwnerKind.UNIT,
        owner_unit=unit,
        **values,
    )


def measurements(kpi, count, *, first=None, value=Decimal(75)):
    """``count`` consecutive periods of ``kpi`` from ``first`` (default 2000-01-01), in bulk."""
    period = Period.containing(kpi.frequency, first or datetime.date(2000, 1, 1))
    rows = []
    for index in range(count):
        number = Decimal(value) + index % 7
        rows.append(
            Measurement(
                kpi=kpi,
                period_start=period.start,
                period_end=period.end,
                value=number,
                target=kpi.target,
                threshold=kpi.threshold,
                standing=standing(
                    number, target=kpi.target, threshold=kpi.threshold, direction=kpi.direction
                )
                or Standing.OFF_TARGET,
                origin="manual",
            )
        )
        period = period.next
    Measurement.objects.bulk_create(rows)
    return rows


def headcount_kpi(code):
    """A yearly organisation KPI computed by staffing's source (Annex IV: 3,783 in 2007)."""
    found = Kpi.objects.filter(code=code).first()
    return found or kpi(
        code,
        source="staffing.headcount",
        frequency=Frequency.YEARLY,
        maximum=None,
        direction=Direction.LOWER,
        target=Decimal(3800),
        threshold=Decimal(4000),
    )
