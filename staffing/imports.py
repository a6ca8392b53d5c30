"""Staffing snapshots from a CSV or XLSX file: every row checked, all written or none."""

from django.utils.translation import gettext as _

from core import clock
from core.imports import ImportReport, records
from core.params import as_date
from governance import rights
from governance.models import OrganisationUnit

from . import services
from .choices import CATEGORIES
from .models import StaffingSnapshot

COLUMNS = ("unit", "as_of", *CATEGORIES)


def snapshots_import(*, rows, actor, dry_run=True):
    report = ImportReport()
    units = {u.code: u for u in OrganisationUnit.objects.all()}
    mine = rights.preparer_unit_ids(actor)
    existing = set(StaffingSnapshot.objects.values_list("unit_id", "as_of"))
    seen = {}
    snapshots = []
    for line, record in records(rows, COLUMNS):
        report.rows += 1
        reasons = []
        unit = units.get(record["unit"].lower())
        if unit is None:
            reasons.append(_("unknown unit %(value)r") % {"value": record["unit"]})
        elif unit.pk not in mine:
            reasons.append(_("you do not report the staff of %(unit)s") % {"unit": unit.code})
        as_of = as_date(record["as_of"])
        if as_of is None:
            reasons.append(
                _("as_of %(value)r is not a date (YYYY-MM-DD)") % {"value": record["as_of"]}
            )
        if as_of and as_of > clock.today():
            reasons.append(_("as_of %(value)s is in the future") % {"value": as_of})
        counts = {}
        for name in CATEGORIES:
            text = record[name] or "0"
            try:
                value = int(text)
            except ValueError:
                reasons.append(
                    _("%(column)s %(value)r is not a whole number")
                    % {"column": name, "value": text}
                )
                continue
            if value < 0:
                reasons.append(
                    _("negative %(column)s %(value)s") % {"column": name, "value": value}
                )
            counts[name] = value
        if unit and as_of:
            key = (unit.pk, as_of)
            if key in seen:
                reasons.append(_("duplicate of line %(line)s") % {"line": seen[key]})
            elif key in existing:
                reasons.append(
                    _("a snapshot of %(unit)s on %(date)s already exists; correct it with the form")
                    % {"unit": unit.code, "date": as_of}
                )
            seen.setdefault(key, line)
        if reasons:
            report.error(line, "; ".join(str(r) for r in reasons))
            continue
        snapshots.append(
            StaffingSnapshot(unit=unit, as_of=as_of, source=_("Imported file"), **counts)
        )
    by_unit = {}
    for snapshot in snapshots:
        by_unit[snapshot.unit.code] = by_unit.get(snapshot.unit.code, 0) + 1
    report.summary = sorted(by_unit.items())
    if report.errors or dry_run:
        return report
    report.created = services.snapshots_import(snapshots=snapshots, actor=actor)
    report.written = True
    return report
