"""Every write to KPIs, measurements and the implementation plan: one function per action.

Pages, the API, the admin and the Celery task call these. Each checks the actor's right with
the policy governance installs (``programmes.policy``; a refusal raises ``PerformanceRightsError``,
whose message is safe to show), validates (``ValidationError`` with field messages), writes in
one transaction with the row locked, and writes the audit record in that transaction.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import clock
from core.registry import kpi_sources

from .choices import (
    MANUAL_SOURCE,
    PLAN_TRANSITIONS,
    Origin,
    OwnerKind,
    PlanStatus,
)
from .models import Initiative, Kpi, Measurement, PlanEvidence, PlanItem, standing
from .periods import Period, last_closed
from .policy import ALL_UNITS, policy


class PerformanceRightsError(PermissionError):
    """The actor may not do this; the message is safe to show."""


# --------------------------------------------------------------------------- rights
def can_manage(user):
    return bool(getattr(user, "is_authenticated", False)) and policy().manages_performance(user)


def can_record(user, kpi):
    """Whether ``user`` may enter a value of ``kpi`` by hand (whatever its source)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if can_manage(user):
        return True
    return kpi.owner_kind == OwnerKind.UNIT and kpi.owner_unit in policy().unit_codes_recorded_by(
        user
    )


def can_see_unit(user, code):
    codes = policy().unit_codes_visible_to(user)
    return codes is ALL_UNITS or code in codes


def _check_manage(actor):
    if not can_manage(actor):
        raise PerformanceRightsError(
            _(
                "Only OICT's strategic management staff (the PMO and the CITO) define KPIs, "
                "run their computations and update the implementation plan."
            )
        )


# --------------------------------------------------------------------------- KPIs
KPI_FIELDS = (
    "indicator",
    "order",
    "name",
    "name_zh",
    "definition",
    "definition_zh",
    "measure_unit",
    "direction",
    "target",
    "threshold",
    "minimum",
    "maximum",
    "owner_kind",
    "programme",
    "owner_unit",
    "priority_area",
    "frequency",
    "source",
    "source_params",
    "active",
)


def _validate_kpi(kpi):
    errors = {}
    if kpi.source != MANUAL_SOURCE and kpi.source not in kpi_sources:
        errors["source"] = [
            _("No source is registered under “%(key)s”; choose one of: %(keys)s.")
            % {"key": kpi.source, "keys": ", ".join([MANUAL_SOURCE, *kpi_sources.keys()])}
        ]
    if not isinstance(kpi.source_params, dict):
        errors["source_params"] = [_("Give the source's parameters as an object.")]
    if kpi.owner_kind == OwnerKind.UNIT and kpi.owner_unit:
        if kpi.owner_unit not in policy().unit_names():
            errors["owner_unit"] = [
                _("“%(code)s” is not the code of an ICT unit.") % {"code": kpi.owner_unit}
            ]
    try:
        kpi.full_clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def kpi_create(*, actor, code, **values):
    """Define a KPI. ``values`` are the model's fields (``KPI_FIELDS``)."""
    _check_manage(actor)
    unknown = set(values) - set(KPI_FIELDS)
    if unknown:
        raise TypeError(f"unknown KPI fields: {sorted(unknown)}")
    with transaction.atomic():
        kpi = Kpi(code=code, **values)
        _validate_kpi(kpi)
        kpi.save()
        policy().audit(actor=actor, action="kpi.create", target=kpi, summary=kpi.name)
    return kpi


def kpi_update(*, kpi, actor, **values):
    """Change a KPI's definition. Past measurements keep the target they were judged by."""
    _check_manage(actor)
    unknown = set(values) - set(KPI_FIELDS)
    if unknown:
        raise TypeError(f"unknown KPI fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = Kpi.objects.select_for_update().get(pk=kpi.pk)
        before = {
            name: _plain(getattr(locked, _attname(name)))
            for name in values
            if getattr(locked, name) != values[name]
        }
        for name, value in values.items():
            setattr(locked, name, value)
        _validate_kpi(locked)
        if before:
            locked.save(update_fields=[_attname(name) for name in before])
            policy().audit(
                actor=actor,
                action="kpi.update",
                target=locked,
                summary=locked.name,
                before=before,
            )
    return locked


def _attname(name):
    return Kpi._meta.get_field(name).attname


def _plain(value):
    """A JSON-safe copy of a field value for the audit record."""
    if isinstance(value, Decimal):
        return str(value)
    return value


# --------------------------------------------------------------------------- measurements
def _period(kpi, period):
    if isinstance(period, Period):
        if period.frequency != kpi.frequency:
            raise ValidationError(
                {
                    "period": _("This KPI is measured %(frequency)s.")
                    % {"frequency": kpi.get_frequency_display().lower()}
                }
            )
        return period
    try:
        return Period.parse(kpi.frequency, period)
    except ValueError as error:
        raise ValidationError({"period": str(error)}) from error


def _value(kpi, value):
    try:
        number = Decimal(str(value).strip()) if value is not None else None
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite():
        raise ValidationError({"value": _("Give the value as a number, e.g. 82.5.")})
    if not kpi.in_range(number):
        raise ValidationError(
            {
                "value": _(
                    "%(value)s is outside the range of %(kpi)s: its values run %(range)s%(unit)s. "
                    "Nothing was recorded."
                )
                % {
                    "value": number,
                    "kpi": kpi.name,
                    "range": kpi.range_text(),
                    "unit": f" {kpi.symbol}" if kpi.symbol else "",
                }
            }
        )
    return number.quantize(Decimal("0.01"))


def _save_measurement(*, kpi, period, value, origin, actor, note):
    """Create or correct the measurement of ``kpi`` for ``period``; returns it and the value
    it replaced (``None`` for a new one)."""
    fields = {
        "period_end": period.end,
        "value": value,
        "target": kpi.target,
        "threshold": kpi.threshold,
        "standing": standing(
            value, target=kpi.target, threshold=kpi.threshold, direction=kpi.direction
        ),
        "origin": origin,
        "note": note,
        "recorded_by": actor if getattr(actor, "is_authenticated", False) else None,
        "recorded_at": clock.now(),
    }
    existing = (
        Measurement.objects.select_for_update()
        .filter(kpi=kpi, period_start=period.start)
        .order_by()
        .first()
    )
    if existing is None:
        measurement = Measurement(kpi=kpi, period_start=period.start, **fields)
        measurement.full_clean()
        measurement.save()
        return measurement, None
    before = existing.value
    for name, value_ in fields.items():
        setattr(existing, name, value_)
    existing.full_clean()
    existing.save(update_fields=[Measurement._meta.get_field(n).attname for n in fields])
    return existing, before


def measurement_record(*, kpi, period, value, actor, note=""):
    """Enter a KPI's value for a period by hand; a second entry for the period corrects it.

    Refused: a KPI computed by a source, a period not yet begun, a value outside the KPI's
    valid range (the message says the range).
    """
    if not can_record(actor, kpi):
        raise PerformanceRightsError(
            _(
                "Only OICT's strategic management staff, and for an ICT unit's KPI the unit's "
                "chief, enter KPI values."
            )
        )
    if not kpi.is_manual:
        raise ValidationError(
            {
                "value": _("%(kpi)s is computed by its source; its values are not entered by hand.")
                % {"kpi": kpi.name}
            }
        )
    period = _period(kpi, period)
    if period.start > clock.today():
        raise ValidationError(
            {"period": _("The period %(period)s has not begun yet.") % {"period": period}}
        )
    number = _value(kpi, value)
    with transaction.atomic():
        # The default ordering joins the (nullable) programme: PostgreSQL refuses FOR UPDATE.
        Kpi.objects.select_for_update().filter(pk=kpi.pk).order_by().first()
        measurement, before = _save_measurement(
            kpi=kpi, period=period, value=number, origin=Origin.MANUAL, actor=actor, note=note
        )
        policy().audit(
            actor=actor,
            action="measurement.record" if before is None else "measurement.correct",
            target=measurement,
            summary=f"{kpi.code} {period}: {number}",
            period=period.label,
            value=str(number),
            before=None if before is None else str(before),
        )
    return measurement


def measurement_compute(*, kpi, period=None, actor=None):
    """Compute one KPI's value for a period (default: the last period that has ended) from its
    registered source and record it. Safe to run again: the same inputs give the same value.

    Returns the measurement, or ``None`` when the source has nothing to measure (no survey in
    the period, say). ``actor`` is ``None`` for the scheduled task.
    """
    if actor is not None:
        _check_manage(actor)
    if kpi.is_manual:
        raise ValidationError({"source": _("%(kpi)s is entered by hand.") % {"kpi": kpi.name}})
    source = kpi_sources.get(kpi.source)
    if source is None:
        raise ValidationError(
            {"source": _("No source is registered under “%(key)s”.") % {"key": kpi.source}}
        )
    period = (
        _period(kpi, period) if period is not None else last_closed(kpi.frequency, clock.today())
    )
    raw = source.compute(
        start=period.start, end=period.end, owner=owner_of(kpi), **kpi.source_params
    )
    if raw is None:
        return None
    value = Decimal(str(raw)).quantize(Decimal("0.01"))
    with transaction.atomic():
        locked = Kpi.objects.select_for_update().get(pk=kpi.pk)
        current = Measurement.objects.filter(kpi=locked, period_start=period.start).first()
        if current is not None and current.value == value and current.target == locked.target:
            return current
        measurement, before = _save_measurement(
            kpi=locked, period=period, value=value, origin=Origin.COMPUTED, actor=actor, note=""
        )
        policy().audit(
            actor=actor,
            action="measurement.compute",
            target=measurement,
            summary=f"{kpi.code} {period}: {value}",
            period=period.label,
            value=str(value),
            before=None if before is None else str(before),
        )
    return measurement


def measurements_compute_all(*, period_for=None, actor=None):
    """Compute every active computed KPI for its last ended period (or ``period_for(kpi)``).
    Returns ``{kpi code: value or None}``. The scheduled task calls it daily."""
    if actor is not None:
        _check_manage(actor)
    results = {}
    for kpi in (
        Kpi.objects.filter(active=True).exclude(source=MANUAL_SOURCE).select_related("programme")
    ):
        if kpi.source not in kpi_sources:
            results[kpi.code] = None
            continue
        period = period_for(kpi) if period_for else None
        measurement = measurement_compute(kpi=kpi, period=period, actor=actor)
        results[kpi.code] = None if measurement is None else measurement.value
    return results


def owner_of(kpi):
    """What a source is given as the KPI's owner: ``None`` for the organisation, the
    ``Programme``, or the ICT unit's code (the source resolves it in its own app)."""
    if kpi.owner_kind == OwnerKind.PROGRAMME:
        return kpi.programme
    if kpi.owner_kind == OwnerKind.UNIT:
        return kpi.owner_unit
    return None


# --------------------------------------------------------------------------- implementation plan
def plan_item_update(*, item, actor, status, note="", completed_on=None):
    """Move an activity to ``status`` with a progress note. Done needs evidence first."""
    _check_manage(actor)
    if status not in PlanStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    with transaction.atomic():
        locked = PlanItem.objects.select_for_update().get(pk=item.pk)
        before = locked.status
        if status != before and status not in PLAN_TRANSITIONS[before]:
            raise ValidationError(
                {
                    "status": _("An activity that is “%(from)s” cannot become “%(to)s”.")
                    % {"from": locked.get_status_display(), "to": PlanStatus(status).label}
                }
            )
        if status == PlanStatus.DONE and not locked.evidence.exists():
            raise ValidationError(
                {
                    "status": _(
                        "Add the evidence that shows the activity done (a decision, document or "
                        "record) before marking it done."
                    )
                }
            )
        today = clock.today()
        if status == PlanStatus.DONE:
            completed_on = completed_on or today
            if completed_on > today:
                raise ValidationError({"completed_on": _("It cannot be done in the future.")})
        else:
            completed_on = None
        locked.status = status
        locked.status_note = note
        locked.completed_on = completed_on
        locked.updated_by = actor
        locked.updated_at = clock.now()
        locked.save(
            update_fields=["status", "status_note", "completed_on", "updated_by", "updated_at"]
        )
        policy().audit(
            actor=actor,
            action="plan_item.update",
            target=locked,
            summary=f"{locked.code}: {before} -> {status}",
            status=status,
            before=before,
            note=note,
        )
    return locked


def plan_evidence_add(*, item, actor, title, url, note=""):
    """Attach what shows the activity done (a decision, document or record)."""
    _check_manage(actor)
    with transaction.atomic():
        locked = PlanItem.objects.select_for_update().get(pk=item.pk)
        evidence = PlanEvidence(
            item=locked, title=title, url=url, note=note, added_by=actor, added_at=clock.now()
        )
        evidence.full_clean()
        evidence.save()
        policy().audit(
            actor=actor,
            action="plan_evidence.add",
            target=evidence,
            summary=f"{locked.code}: {title}",
            url=url,
        )
    return evidence


# --------------------------------------------------------------------------- initiatives
def initiative_priority_record(*, initiative, rank, decision_id, actor):
    """Record the Executive Committee's rank of ``initiative`` (1 is highest). Called only
    while its "prioritised" decision is recorded, by the app that registers initiatives as
    governance subjects (``portfolio``), which checks the decision's right; this app only
    keeps the rank, with the decision that set it, and audits it."""
    rank = int(rank) if rank is not None else 0
    if rank < 1:
        raise ValidationError(_("Give a rank (1 is the highest priority)."))
    with transaction.atomic():
        initiative = Initiative.objects.select_for_update().get(pk=initiative.pk)
        initiative.priority_rank = rank
        initiative.priority_decision_id = decision_id
        initiative.save(update_fields=["priority_rank", "priority_decision_id"])
        policy().audit(
            actor=actor,
            action="initiative.priority",
            target=initiative,
            summary=initiative.code,
            rank=rank,
            decision=decision_id,
        )
    return initiative
