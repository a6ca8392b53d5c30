"""The KPI source this app offers: the share of service levels that met their target."""

from django.db.models import Count, Q

from programmes.choices import Standing
from programmes.models import Measurement, Programme

from .models import SERVICE_LEVEL_KINDS, ServiceLevel


def service_level_attainment(*, start, end, owner=None, service=None):
    """Percent of the service levels measured for periods starting from ``start`` to ``end``
    that were on target; ``None`` when none was measured.

    ``service`` narrows to one service's levels (its code). ``owner`` is the KPI's owner: an
    ICT unit's code narrows to the services that unit runs, a programme to its services.
    """
    levels = ServiceLevel.objects.filter(kind__in=SERVICE_LEVEL_KINDS, service__active=True)
    if service:
        levels = levels.filter(service__code=service)
    if isinstance(owner, Programme):
        levels = levels.filter(service__programme=owner)
    elif isinstance(owner, str):
        levels = levels.filter(service__owner_unit__code=owner)
    counts = Measurement.objects.filter(
        kpi_id__in=levels.values("kpi_id"), period_start__gte=start, period_start__lte=end
    ).aggregate(total=Count("pk"), met=Count("pk", filter=Q(standing=Standing.ON_TARGET)))
    if not counts["total"]:
        return None
    return round(100 * counts["met"] / counts["total"], 2)
