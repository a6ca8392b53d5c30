"""The demo's performance data: several quarters of values, some on target and some not, for
the organisation, the programmes and the units; the plan's progress; idempotent."""

import pytest
from django.core.management import call_command

from core.loading import Loader
from governance.performance import demo
from governance.performance.models import ServiceLevel
from programmes.choices import OwnerKind, PlanStatus, Standing
from programmes.models import Kpi, Measurement, PlanItem

pytestmark = pytest.mark.django_db


def test_the_demo_has_quarters_of_values_on_and_off_target_and_loads_once(capsys):
    call_command("load_demo_data")
    capsys.readouterr()
    for kind in OwnerKind.values:
        values = Measurement.objects.filter(kpi__owner_kind=kind)
        assert {Standing.ON_TARGET, Standing.OFF_TARGET} <= set(
            values.values_list("standing", flat=True)
        ), kind
    quarters = set(
        Measurement.objects.filter(kpi__code="unon-incident-resolution").values_list(
            "period_start", flat=True
        )
    )
    assert len(quarters) == demo.QUARTERS
    assert Kpi.objects.filter(owner_kind=OwnerKind.UNIT, owner_unit="unog").count() == 5
    assert Measurement.objects.filter(kpi__code="org-user-satisfaction").get().value == 71
    assert ServiceLevel.objects.filter(service__code="service-desk").count() == 2
    assert PlanItem.objects.filter(status=PlanStatus.DONE, evidence__isnull=False).exists()
    assert any(item.is_overdue() for item in PlanItem.objects.all())
    from portfolio.models import Project

    assert Project.objects.filter(services__code="service-desk").exists()
    counts = (Kpi.objects.count(), Measurement.objects.count(), ServiceLevel.objects.count())
    loader = Loader()
    demo.load(loader)
    assert loader.changes == 0
    assert (
        Kpi.objects.count(),
        Measurement.objects.count(),
        ServiceLevel.objects.count(),
    ) == counts
