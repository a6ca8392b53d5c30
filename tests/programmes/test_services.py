"""KPI, measurement and implementation-plan services: rights, ranges, periods, sources, audit."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core import clock
from core.registry import KpiSource, kpi_sources
from governance.models import AuditEntry
from programmes import services
from programmes.choices import Direction, Origin, PlanStatus, Standing
from programmes.models import Measurement, PlanItem, standing
from programmes.periods import Period, last_closed

from .factories import kpi, unit_kpi

pytestmark = pytest.mark.django_db
Q3 = datetime.datetime(2025, 10, 5, 12, tzinfo=datetime.UTC)


def audited(action, target):
    return AuditEntry.objects.filter(action=action, object_id=str(target.pk)).exists()


def test_standing_follows_direction_target_and_threshold():
    higher = {"target": Decimal(80), "threshold": Decimal(70), "direction": Direction.HIGHER}
    assert standing(Decimal(80), **higher) == Standing.ON_TARGET
    assert standing(Decimal(70), **higher) == Standing.NEAR_TARGET
    assert standing(Decimal("69.9"), **higher) == Standing.OFF_TARGET
    lower = {"target": Decimal(8), "threshold": Decimal(16), "direction": Direction.LOWER}
    assert standing(Decimal(8), **lower) == Standing.ON_TARGET
    assert standing(Decimal(12), **lower) == Standing.NEAR_TARGET
    assert standing(Decimal(17), **lower) == Standing.OFF_TARGET


def test_periods_parse_and_refuse_with_a_message():
    assert str(Period.parse("quarterly", "2025-q3")) == "2025-Q3"
    assert Period.parse("monthly", "2025-02").end == datetime.date(2025, 2, 28)
    assert Period.parse("yearly", "2024").end == datetime.date(2024, 12, 31)
    assert last_closed("quarterly", datetime.date(2025, 10, 5)).label == "2025-Q3"
    with pytest.raises(ValueError, match="2025-Q3"):
        Period.parse("quarterly", "2025-07")
    with pytest.raises(ValueError, match="from 2000"):
        Period.parse("yearly", "1999")


def test_the_pmo_records_a_value_with_its_standing_and_an_audit_record(pmo):
    measure = kpi()
    with clock.frozen_at(Q3):
        measurement = services.measurement_record(
            kpi=measure, period="2025-Q3", value="82.5", actor=pmo
        )
    assert measurement.value == Decimal("82.50") and measurement.standing == Standing.ON_TARGET
    assert measurement.period_end == datetime.date(2025, 9, 30)
    assert measurement.target == Decimal(80) and measurement.origin == Origin.MANUAL
    assert audited("measurement.record", measurement)
    with clock.frozen_at(Q3):
        again = services.measurement_record(kpi=measure, period="2025-Q3", value="65", actor=pmo)
    assert again.pk == measurement.pk and again.standing == Standing.OFF_TARGET
    assert audited("measurement.correct", again)


def test_a_value_out_of_range_is_refused_with_the_range_and_nothing_is_recorded(pmo):
    measure = kpi()
    with pytest.raises(ValidationError) as refused, clock.frozen_at(Q3):
        services.measurement_record(kpi=measure, period="2025-Q3", value="120", actor=pmo)
    message = " ".join(refused.value.message_dict["value"])
    assert "120 is outside the range" in message and "from 0 to 100" in message
    assert not Measurement.objects.filter(kpi=measure).exists()


@pytest.mark.parametrize(
    ("value", "period", "field"),
    [
        ("lots", "2025-Q3", "value"),
        ("", "2025-Q3", "value"),
        ("NaN", "2025-Q3", "value"),
        ("50", "2025-07", "period"),
        ("50", "2026-Q1", "period"),
    ],
)
def test_bad_values_and_periods_are_refused_by_field(pmo, value, period, field):
    with pytest.raises(ValidationError) as refused, clock.frozen_at(Q3):
        services.measurement_record(kpi=kpi(), period=period, value=value, actor=pmo)
    assert field in refused.value.message_dict


def test_a_computed_kpi_is_not_entered_by_hand(pmo):
    with pytest.raises(ValidationError, match="computed by its source"), clock.frozen_at(Q3):
        services.measurement_record(
            kpi=kpi(source="survey.satisfaction"), period="2025-Q3", value="50", actor=pmo
        )


def test_a_units_chief_enters_the_units_values_and_no_other_units(chief_geneva, chief_nairobi):
    geneva = unit_kpi("unog")
    with clock.frozen_at(Q3):
        services.measurement_record(kpi=geneva, period="2025-Q3", value="99", actor=chief_geneva)
        with pytest.raises(services.PerformanceRightsError):
            services.measurement_record(
                kpi=geneva, period="2025-Q3", value="1", actor=chief_nairobi
            )
        with pytest.raises(services.PerformanceRightsError):
            services.measurement_record(kpi=kpi(), period="2025-Q3", value="1", actor=chief_geneva)


@pytest.mark.parametrize(
    "username", ["staff", "advisor", "km.chair", "budget.reviewer", "api.reader"]
)
def test_others_neither_enter_values_nor_define_kpis(personas, username):
    with pytest.raises(services.PerformanceRightsError), clock.frozen_at(Q3):
        services.measurement_record(
            kpi=kpi(), period="2025-Q3", value="1", actor=personas[username]
        )
    with pytest.raises(services.PerformanceRightsError):
        services.kpi_create(actor=personas[username], code="x", name="x")


def test_defining_a_kpi_checks_its_source_owner_and_threshold(pmo):
    base = {
        "indicator": "x",
        "name": "X",
        "definition": "X.",
        "measure_unit": "percent",
        "direction": "higher",
        "target": Decimal(80),
        "threshold": Decimal(70),
        "owner_kind": "unit",
        "owner_unit": "unog",
        "frequency": "quarterly",
    }
    created = services.kpi_create(actor=pmo, code="unog-x", **base)
    assert audited("kpi.create", created)
    with pytest.raises(ValidationError) as refused:
        services.kpi_create(
            actor=pmo,
            code="bad",
            **{**base, "owner_unit": "nowhere", "source": "no.such", "threshold": Decimal(90)},
        )
    assert {"owner_unit", "source", "threshold"} <= set(refused.value.message_dict)
    updated = services.kpi_update(kpi=created, actor=pmo, target=Decimal(85))
    assert updated.target == Decimal(85) and audited("kpi.update", updated)


def test_a_computed_kpi_takes_its_registered_sources_value_idempotently(pmo):
    calls = []

    def compute(*, start, end, owner=None, scale=1):
        calls.append((start, end, owner))
        return 40 * scale

    measure = kpi("org-fake", source="test.fake", source_params={"scale": 2})
    with kpi_sources.override(KpiSource("test.fake", "Fake", "%", compute)), clock.frozen_at(Q3):
        first = services.measurement_compute(kpi=measure, actor=pmo)
        second = services.measurement_compute(kpi=measure)
    assert first.pk == second.pk and first.value == Decimal(80) and first.origin == Origin.COMPUTED
    assert calls[0] == (datetime.date(2025, 7, 1), datetime.date(2025, 9, 30), None)
    assert AuditEntry.objects.filter(action="measurement.compute").count() == 1


def test_a_source_without_data_records_nothing(pmo):
    measure = kpi("org-empty", source="test.empty")
    source = KpiSource("test.empty", "Empty", "%", lambda **kwargs: None)
    with kpi_sources.override(source), clock.frozen_at(Q3):
        assert services.measurement_compute(kpi=measure, actor=pmo) is None
    assert not measure.measurements.exists()


def test_plan_item_done_needs_evidence_then_is_audited(pmo):
    item = PlanItem.objects.get(code="p49e-interim-financial-model")
    with pytest.raises(ValidationError, match="evidence"):
        services.plan_item_update(item=item, actor=pmo, status=PlanStatus.DONE)
    evidence = services.plan_evidence_add(
        item=item, actor=pmo, title="Interim model", url="/budgets/consolidation/"
    )
    assert audited("plan_evidence.add", evidence)
    with clock.frozen_at(Q3):
        done = services.plan_item_update(
            item=item, actor=pmo, status=PlanStatus.DONE, note="Agreed"
        )
    assert done.completed_on == datetime.date(2025, 10, 5) and not done.is_overdue()
    assert audited("plan_item.update", done)
    with pytest.raises(ValidationError, match="cannot become"):
        services.plan_item_update(item=done, actor=pmo, status=PlanStatus.PLANNED)


def test_evidence_must_be_a_portal_page_or_a_web_address(pmo):
    item = PlanItem.objects.get(code="p49e-interim-financial-model")
    for url in ("javascript:alert(1)", "//evil.example/x", "ftp://x"):
        with pytest.raises(ValidationError):
            services.plan_evidence_add(item=item, actor=pmo, title="x", url=url)


def test_an_open_item_past_its_due_date_is_overdue():
    item = PlanItem.objects.get(code="t4-structural-review")
    assert item.is_overdue(datetime.date(2009, 1, 1))
    assert not item.is_overdue(datetime.date(2008, 12, 31))


def test_only_the_pmo_and_cito_update_the_plan(chief_geneva):
    item = PlanItem.objects.get(code="t4-structural-review")
    with pytest.raises(services.PerformanceRightsError):
        services.plan_item_update(item=item, actor=chief_geneva, status=PlanStatus.IN_PROGRESS)
