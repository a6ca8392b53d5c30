"""Every write to staffing figures: snapshots, imports and plans, each with its audit row."""

from django.db import transaction
from django.utils.translation import gettext as _

from core import clock
from governance import rights
from governance.rights import RightsError

from . import permissions
from .choices import CATEGORIES, StaffingAction
from .models import StaffingEvent, StaffingPlan, StaffingRound, StaffingSnapshot


class StaffingError(ValueError):
    """A refused change; the message is safe to show."""


def _check_reporter(actor, unit):
    # The people who prepare a unit's budget (its chief and delegates) report its staff.
    if not rights.can_prepare(actor, unit):
        raise RightsError(
            _("Only the chief of %(unit)s and the chief's delegates report its staff.")
            % {"unit": unit}
        )


def _counts(counts):
    values = {}
    for name in CATEGORIES:
        value = counts.get(name, 0) or 0
        if int(value) < 0:
            raise StaffingError(_("A headcount cannot be negative."))
        values[name] = int(value)
    return values


def _check_not_future(as_of):
    if as_of > clock.today():
        raise StaffingError(_("A snapshot counts staff on a past or present date."))


@transaction.atomic
def snapshot_submit(*, unit, as_of, counts, actor, source=""):
    """Record the unit's headcount on ``as_of``; a second report for that date corrects it."""
    _check_reporter(actor, unit)
    _check_not_future(as_of)
    values = _counts(counts)
    snapshot = StaffingSnapshot.objects.select_for_update().filter(unit=unit, as_of=as_of).first()
    if snapshot is None:
        snapshot = StaffingSnapshot.objects.create(
            unit=unit, as_of=as_of, submitted_by=actor, source=source, **values
        )
        action, before = StaffingAction.SNAPSHOT_SUBMITTED, None
    else:
        before = {name: getattr(snapshot, name) for name in CATEGORIES}
        for name, value in values.items():
            setattr(snapshot, name, value)
        snapshot.submitted_by = actor
        snapshot.source = source or snapshot.source
        snapshot.save(update_fields=[*CATEGORIES, "submitted_by", "source"])
        action = StaffingAction.SNAPSHOT_CORRECTED
    StaffingEvent.objects.create(
        unit=unit,
        action=action,
        actor=actor,
        details={"as_of": as_of.isoformat(), "figures": values, "before": before},
    )
    _resolve_due(unit, as_of)
    return snapshot


def _resolve_due(unit, as_of):
    """The unit's "snapshot due" reminders, and its chief's call for figures as of that date,
    are done."""
    from governance.notifications import resolve

    resolve(key=f"staffing-due-{unit.code}")
    if unit.chief_id:
        resolve(key=f"staffing-round-{as_of.isoformat()}", recipients=[unit.chief])


@transaction.atomic
def plan_set(*, unit, year, counts, actor):
    _check_reporter(actor, unit)
    values = _counts(counts)
    plan, _created = StaffingPlan.objects.select_for_update().update_or_create(
        unit=unit, year=year, defaults={**values, "updated_by": actor}
    )
    StaffingEvent.objects.create(
        unit=unit,
        action=StaffingAction.PLAN_SET,
        actor=actor,
        details={"year": year, "figures": values},
    )
    return plan


@transaction.atomic
def snapshots_import(*, snapshots, actor):
    """Write validated snapshots (``StaffingSnapshot`` instances not yet saved) in bulk."""
    units = {snapshot.unit for snapshot in snapshots}
    for unit in units:
        _check_reporter(actor, unit)
    for snapshot in snapshots:
        snapshot.submitted_by = actor
    StaffingSnapshot.objects.bulk_create(snapshots, batch_size=1000)
    StaffingEvent.objects.bulk_create(
        [
            StaffingEvent(
                unit=unit,
                action=StaffingAction.SNAPSHOTS_IMPORTED,
                actor=actor,
                details={"dates": sorted(s.as_of.isoformat() for s in snapshots if s.unit == unit)},
            )
            for unit in units
        ]
    )
    return len(snapshots)


def snapshots_remind_due(*, today=None):
    """Remind chiefs whose unit's latest staffing snapshot is over a year old (once a day)."""
    import datetime

    from django.db.models import Max, Q
    from django.urls import reverse

    from governance.models import OrganisationUnit
    from governance.notifications import notify

    from .choices import SNAPSHOT_DUE_AFTER_DAYS

    today = today or clock.today()
    cutoff = today - datetime.timedelta(days=SNAPSHOT_DUE_AFTER_DAYS)
    units = (
        OrganisationUnit.objects.filter(chief__isnull=False, annex_iv_row__isnull=False)
        .annotate(latest=Max("staffing_snapshots__as_of"))
        .filter(Q(latest__isnull=True) | Q(latest__lt=cutoff))
        .select_related("chief")
    )
    count = 0
    for unit in units:
        count += len(
            notify(
                recipients=[unit.chief],
                subject=lambda unit=unit: (
                    _("A new ICT staffing snapshot is due: %(unit)s") % {"unit": unit}
                ),
                url=reverse("staffing:snapshot_new"),
                key=f"staffing-due-{unit.code}",
                once_per_day=True,
            )
        )
    return count


# Rounds ------------------------------------------------------------------------------------


def _check_round_manager(actor):
    if not permissions.can_manage_rounds(actor):
        raise RightsError(_("Only an OICT budget reviewer opens and closes staffing rounds."))


@transaction.atomic
def round_open(*, as_of, due_on, actor):
    """Call every ICT unit for its headcount as of ``as_of``, due by ``due_on``; the units'
    chiefs are told."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from governance.audit import audit
    from governance.notifications import notify
    from governance.roles import ICT_CHIEFS

    _check_round_manager(actor)
    if StaffingRound.objects.filter(as_of=as_of).exists():
        raise StaffingError(_("A round for that date exists already."))
    staffing_round = StaffingRound(as_of=as_of, due_on=due_on, opened_by=actor)
    staffing_round.full_clean()
    staffing_round.save()
    audit(
        actor=actor,
        action="staffing_round.open",
        target=staffing_round,
        summary=str(staffing_round),
    )
    chiefs = get_user_model().objects.filter(groups__name=ICT_CHIEFS, is_active=True)
    notify(
        recipients=list(chiefs),
        subject=lambda: (
            _("ICT staff figures as of %(date)s are due by %(due)s")
            % {"date": as_of.isoformat(), "due": due_on.isoformat()}
        ),
        url=reverse("staffing:snapshot_new"),
        key=f"staffing-round-{as_of.isoformat()}",
    )
    return staffing_round


@transaction.atomic
def round_close(*, staffing_round, actor):
    from governance.audit import audit

    _check_round_manager(actor)
    staffing_round = StaffingRound.objects.select_for_update().get(pk=staffing_round.pk)
    if staffing_round.closed_at is not None:
        raise StaffingError(_("This round is already closed."))
    staffing_round.closed_at = clock.now()
    staffing_round.save(update_fields=["closed_at"])
    audit(
        actor=actor,
        action="staffing_round.close",
        target=staffing_round,
        summary=str(staffing_round),
    )
    return staffing_round
