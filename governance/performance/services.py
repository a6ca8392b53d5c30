"""Writes to the service catalogue: a service's definition and its service levels, each with
its audit record. OICT's strategic management staff (the PMO and the CITO) keep the catalogue."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import rights
from ..audit import audit
from ..rights import RightsError
from .models import ServiceLevel


def _check(actor):
    if not can_keep_catalogue(actor):
        raise RightsError(_("Only the PMO and the CITO keep the ICT service catalogue."))


def service_save(*, service, actor, units_served=None):
    """Create or change a service (and, if given, the units it serves)."""
    _check(actor)
    with transaction.atomic():
        created = service.pk is None
        service.full_clean()
        service.save()
        if units_served is not None:
            service.units_served.set(units_served)
        audit(
            actor=actor,
            action="service.create" if created else "service.update",
            target=service,
            summary=service.name,
        )
    return service


def can_keep_catalogue(user):
    return rights.sees_everything(user)


def service_level_set(*, service, kpi, kind, actor, order=0, level=None):
    """Link ``kpi`` to ``service`` as a service level of ``kind``.

    Without ``level``: a new service level, or the kind and order of the one that already links
    ``kpi``. With ``level`` (an existing service level of ``service``): change it; a service level
    has exactly one KPI, so naming another KPI replaces the link (the old KPI is no longer a
    service level of the service, its measurements stay with it). A KPI is linked to a service
    once: linking one the service already has through another level is refused.
    """
    _check(actor)
    with transaction.atomic():
        if level is not None and level.pk is not None:
            level = ServiceLevel.objects.select_for_update().select_related("kpi").get(pk=level.pk)
            if level.service_id != service.pk:
                raise ValidationError(_("This service level belongs to another service."))
            previous = level.kpi
        else:
            level = (
                ServiceLevel.objects.select_for_update()
                .select_related("kpi")
                .filter(service=service, kpi=kpi)
                .order_by()
                .first()
            ) or ServiceLevel(service=service, kpi=kpi)
            previous = level.kpi if level.pk else None
        if ServiceLevel.objects.filter(service=service, kpi=kpi).exclude(pk=level.pk).exists():
            raise ValidationError({"kpi": _("This KPI is already a service level of the service.")})
        level.kpi, level.kind, level.order = kpi, kind, order
        level.full_clean(validate_unique=False)
        level.save()
        replaced = f" (was {previous.code})" if previous and previous.pk != kpi.pk else ""
        audit(
            actor=actor,
            action="service_level.set",
            target=level,
            summary=f"{service.code}: {kind} {kpi.code}{replaced}",
        )
    return level


def service_level_remove(*, level, actor):
    _check(actor)
    with transaction.atomic():
        audit(
            actor=actor,
            action="service_level.remove",
            target=level,
            summary=f"{level.service.code}: {level.kind} {level.kpi.code}",
        )
        level.delete()
