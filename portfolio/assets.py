"""The ICT asset inventory (para 50: the portfolio is reviewed with it): every write, the
import and the export.

The PMO keeps the inventory (``permissions.can_manage_assets``). Each service checks that
right, validates with the model, and writes its audit entry in the same transaction; the
pages, the Django admin and the import all call them. An asset is retired, never deleted:
its links to the projects that replace or create it stay.
"""

from collections import Counter
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import clock
from core.exports import append_row, csv_response, xlsx_response
from core.imports import ImportReport, parse_amount, records
from governance.audit import audit
from governance.models import OrganisationUnit
from governance.rights import RightsError
from programmes.models import Programme

from . import permissions
from .choices import AssetKind, AssetLifecycle, AssetRelation
from .models import Asset, ProjectAsset

#: What a person edits on an asset; the lifecycle ends only by ``asset_retire``.
ASSET_FIELDS = (
    "name",
    "kind",
    "description",
    "owner_unit",
    "programme",
    "lifecycle",
    "annual_running_cost",
)
IMPORT_COLUMNS = ("code", "name", "kind", "owner_unit", "programme")
IMPORT_OPTIONAL = ("lifecycle", "annual_running_cost", "description")
EXPORT_HEADER = (
    "code",
    "name",
    "kind",
    "owner_unit",
    "programme",
    "lifecycle",
    "annual_running_cost",
    "description",
    "retired_on",
    "projects",
)


def _check_manager(actor):
    if not permissions.can_manage_assets(actor):
        raise RightsError(_("Only the PMO keeps the ICT asset inventory."))


def _plain(value):
    if hasattr(value, "pk"):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def asset_create(*, actor, code, **values):
    _check_manager(actor)
    unknown = set(values) - set(ASSET_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if values.get("lifecycle") == AssetLifecycle.RETIRED:
        raise ValidationError({"lifecycle": _("A new asset is not retired.")})
    with transaction.atomic():
        asset = Asset(code=code, **values)
        asset.full_clean()
        asset.save()
        audit(actor=actor, action="asset.create", target=asset, summary=f"{asset.code} {asset}")
    return asset


def asset_update(*, asset, actor, **values):
    _check_manager(actor)
    with transaction.atomic():
        asset = Asset.objects.select_for_update().get(pk=asset.pk)
        if asset.is_retired:
            raise ValidationError(_("A retired asset is kept as it was retired."))
        changed = {}
        for name, value in values.items():
            if name not in ASSET_FIELDS:
                raise ValidationError(_("%(field)s cannot be changed here.") % {"field": name})
            if getattr(asset, name) != value:
                changed[name] = [_plain(getattr(asset, name)), _plain(value)]
                setattr(asset, name, value)
        if asset.lifecycle == AssetLifecycle.RETIRED:
            raise ValidationError({"lifecycle": _("Retire the asset with “Retire”.")})
        if not changed:
            return asset
        asset.full_clean()
        asset.save(update_fields=[Asset._meta.get_field(n).attname for n in changed])
        audit(
            actor=actor,
            action="asset.update",
            target=asset,
            summary=_("%(asset)s: %(fields)s changed")
            % {"asset": asset, "fields": ", ".join(sorted(changed))},
            changes=changed,
        )
    return asset


def asset_retire(*, asset, actor, reason, retired_on=None):
    """Take an asset out of service for good (it stays in the inventory, marked retired)."""
    _check_manager(actor)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the asset is retired.")})
    with transaction.atomic():
        asset = Asset.objects.select_for_update().get(pk=asset.pk)
        if asset.is_retired:
            raise ValidationError(_("This asset is already retired."))
        asset.lifecycle = AssetLifecycle.RETIRED
        asset.retired_on = retired_on or clock.today()
        asset.save(update_fields=["lifecycle", "retired_on"])
        audit(
            actor=actor,
            action="asset.retire",
            target=asset,
            summary=f"{asset.code} {asset}",
            reason=reason.strip(),
            retired_on=asset.retired_on.isoformat(),
        )
    return asset


def asset_link(*, asset, project, relation, actor):
    """Record that ``project`` creates or replaces ``asset`` (once per pair)."""
    from .selectors import project_visible_to

    _check_manager(actor)
    if relation not in AssetRelation.values:
        raise ValidationError({"relation": _("Choose how the project relates to the asset.")})
    if not project_visible_to(project, actor):
        raise ValidationError({"project": _("No such project.")})
    with transaction.atomic():
        link, created = ProjectAsset.objects.get_or_create(
            asset=asset, project=project, defaults={"relation": relation}
        )
        if not created:
            if link.relation == relation:
                raise ValidationError(
                    {"project": _("%(project)s is already linked.") % {"project": project}}
                )
            link.relation = relation
            link.save(update_fields=["relation"])
        audit(
            actor=actor,
            action="asset.link",
            target=asset,
            summary=f"{asset.code}: {project.reference} {relation}",
            project=project.pk,
            relation=relation,
        )
    return link


def asset_unlink(*, link, actor):
    _check_manager(actor)
    with transaction.atomic():
        asset, project = link.asset, link.project
        link.delete()
        audit(
            actor=actor,
            action="asset.unlink",
            target=asset,
            summary=f"{asset.code}: {project.reference}",
            project=project.pk,
        )


# --------------------------------------------------------------------------- import


def _choice(value, choices):
    """A choice given by its value or its English label, case-insensitively."""
    value = (value or "").strip().lower()
    for key, label in choices:
        if value in (key, str(label).lower()):
            return key
    return None


def assets_import(*, rows, actor, dry_run):
    """Create or update assets from a table (one row per asset, found by ``code``).

    Every row is checked first; with any error nothing is written. Codes, units and
    programmes are read once, whatever the number of rows.
    """
    _check_manager(actor)
    report = ImportReport()
    units = {u.code: u for u in OrganisationUnit.objects.only("pk", "code", "name")}
    programmes = {p.code: p for p in Programme.objects.only("pk", "code", "name")}
    parsed, seen = [], {}
    for line, row in records(rows, IMPORT_COLUMNS, IMPORT_OPTIONAL):
        report.rows += 1
        problems = []
        code = row["code"].strip()
        if not code:
            problems.append(_("the code is empty"))
        elif code in seen:
            problems.append(
                _("code %(code)s is also on line %(line)s") % {"code": code, "line": seen[code]}
            )
        else:
            seen[code] = line
        kind = _choice(row["kind"], AssetKind.choices)
        if kind is None:
            problems.append(_("unknown kind “%(value)s”") % {"value": row["kind"]})
        unit = units.get(row["owner_unit"].strip().lower())
        if unit is None:
            problems.append(_("unknown unit “%(value)s”") % {"value": row["owner_unit"]})
        programme = programmes.get(row["programme"].strip().lower())
        if programme is None:
            problems.append(_("unknown programme “%(value)s”") % {"value": row["programme"]})
        lifecycle = AssetLifecycle.IN_SERVICE
        if row.get("lifecycle"):
            lifecycle = _choice(row["lifecycle"], AssetLifecycle.choices)
            if lifecycle is None or lifecycle == AssetLifecycle.RETIRED:
                problems.append(
                    _("lifecycle “%(value)s” (planned, in service or being retired)")
                    % {"value": row["lifecycle"]}
                )
        cost = Decimal(0)
        if row.get("annual_running_cost"):
            cost = parse_amount(row["annual_running_cost"])
            if cost is None or cost < 0:
                problems.append(
                    _("annual running cost “%(value)s” is not an amount")
                    % {"value": row["annual_running_cost"]}
                )
        if not problems:
            asset = Asset(
                code=code,
                name=row["name"],
                kind=kind,
                owner_unit=unit,
                programme=programme,
                lifecycle=lifecycle,
                annual_running_cost=cost,
                description=row.get("description", ""),
            )
            try:
                asset.clean_fields(exclude=["code"])
                Asset._meta.get_field("code").run_validators(code)
            except ValidationError as error:
                problems.extend(
                    f"{field}: {' '.join(messages)}"
                    for field, messages in getattr(
                        error, "message_dict", {"": error.messages}
                    ).items()
                )
        if problems:
            report.error(line, "; ".join(problems))
        else:
            parsed.append(asset)
    existing = {a.code: a for a in Asset.objects.filter(code__in=[a.code for a in parsed])}
    for asset in parsed:
        current = existing.get(asset.code)
        if current is not None and current.is_retired:
            report.error(seen[asset.code], _("asset %(code)s is retired") % {"code": asset.code})
    report.summary = sorted(Counter(a.programme.name for a in parsed).items())
    if not report.ok or dry_run:
        return report
    with transaction.atomic():
        existing = {
            a.code: a
            for a in Asset.objects.select_for_update().filter(code__in=[a.code for a in parsed])
        }
        new, changed = [], []
        for asset in parsed:
            current = existing.get(asset.code)
            if current is None:
                new.append(asset)
                continue
            fields = [n for n in ASSET_FIELDS if getattr(current, n) != getattr(asset, n)]
            if fields:
                for name in fields:
                    setattr(current, name, getattr(asset, name))
                changed.append(current)
        Asset.objects.bulk_create(new, batch_size=500)
        if changed:
            Asset.objects.bulk_update(changed, ASSET_FIELDS, batch_size=500)
        report.created, report.updated, report.written = len(new), len(changed), True
        audit(
            actor=actor,
            action="asset.import",
            target=actor,
            summary=_("Asset inventory import: %(created)s created, %(updated)s updated")
            % {"created": report.created, "updated": report.updated},
            created=[a.code for a in new],
            updated=[a.code for a in changed],
        )
    return report


def import_template_rows():
    return [
        list(IMPORT_COLUMNS + IMPORT_OPTIONAL),
        [
            "erp-umoja",
            "Enterprise resource planning",
            "system",
            "dm",
            "resource",
            "in_service",
            "2500000",
            "",
        ],
    ]


# --------------------------------------------------------------------------- export


def export_rows(assets):
    for asset in assets:
        yield [
            asset.code,
            asset.name,
            asset.kind,
            asset.owner_unit.code,
            asset.programme.code,
            asset.lifecycle,
            asset.annual_running_cost,
            asset.description,
            asset.retired_on.isoformat() if asset.retired_on else "",
            " ".join(link.project.reference for link in asset.projectasset_set.all()),
        ]


def export_csv(assets):
    return csv_response("ict-assets.csv", export_rows(assets), header=list(EXPORT_HEADER))


def export_xlsx(assets):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("ICT assets"))
    append_row(sheet, list(EXPORT_HEADER))
    for row in export_rows(assets):
        append_row(sheet, row)
    return xlsx_response("ict-assets.xlsx", workbook)
