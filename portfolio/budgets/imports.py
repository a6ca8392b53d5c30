"""Budget lines from a CSV or XLSX file (read by ``core.imports``): all rows or none."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from core.imports import ImportFileError, ImportReport, choice_lookup, parse_amount, records
from core.params import as_id, as_int
from governance import rights
from governance.models import OrganisationUnit
from portfolio.selectors import projects_visible_to
from programmes.models import Initiative

from .choices import EDITABLE_STATES, Action, Category, Source
from .models import BudgetLine, BudgetSubmission, BudgetSubmissionEvent

BUDGET_COLUMNS = ("unit", "category", "source", "year", "amount")
BUDGET_OPTIONAL = ("justification", "initiative", "project")


def budget_lines_import(*, cycle, rows, actor, dry_run=True):
    """Import lines of ``cycle`` for the actor's units: all rows or none.

    A line already in a submission (same unit, category, source and year) is updated; the
    others are created, in bulk. Each touched submission gains a version and a history entry.
    """
    report = ImportReport()
    units = {u.code: u for u in OrganisationUnit.objects.all()}
    initiatives = {i.code: i.pk for i in Initiative.objects.all()}
    # Only projects the importer may see can be named: another unit's draft is "unknown".
    projects = set(projects_visible_to(actor).values_list("pk", flat=True))
    preparer_ids = rights.preparer_unit_ids(actor)
    submissions = {
        s.unit_id: s for s in BudgetSubmission.objects.filter(cycle=cycle).select_related("unit")
    }
    category_by_label = choice_lookup(Category)
    source_by_label = choice_lookup(Source)
    seen = {}
    parsed = []
    for line, record in records(rows, BUDGET_COLUMNS, BUDGET_OPTIONAL):
        report.rows += 1
        reasons = []
        unit = units.get(record["unit"].lower())
        if unit is None:
            reasons.append(_("unknown unit %(value)r") % {"value": record["unit"]})
        elif unit.pk not in preparer_ids:
            reasons.append(_("you do not prepare the budget of %(unit)s") % {"unit": unit.code})
        elif unit.pk in submissions and submissions[unit.pk].state not in EDITABLE_STATES:
            reasons.append(
                _("the submission of %(unit)s is %(state)s and cannot change")
                % {"unit": unit.code, "state": submissions[unit.pk].get_state_display().lower()}
            )
        category = category_by_label.get(record["category"].lower())
        if category is None:
            reasons.append(_("wrong category %(value)r") % {"value": record["category"]})
        source = source_by_label.get(record["source"].lower())
        if source is None:
            reasons.append(_("wrong source of funds %(value)r") % {"value": record["source"]})
        year = as_int(record["year"])
        if year is None:
            reasons.append(_("year %(value)r is not a number") % {"value": record["year"]})
        elif year not in cycle.years:
            reasons.append(
                _("%(year)s is not a year of %(cycle)s") % {"year": year, "cycle": cycle}
            )
        amount = parse_amount(record["amount"])
        if amount is None:
            reasons.append(_("amount %(value)r is not a number") % {"value": record["amount"]})
        elif amount < 0:
            reasons.append(_("negative amount %(value)s") % {"value": record["amount"]})
        elif amount.as_tuple().exponent < -2 or amount >= Decimal("1e12"):
            reasons.append(_("amount %(value)s has too many digits") % {"value": record["amount"]})
        initiative_code = record.get("initiative", "")
        initiative_id = None
        if initiative_code:
            initiative_id = initiatives.get(initiative_code.lower())
            if initiative_id is None:
                reasons.append(_("unknown initiative %(value)r") % {"value": initiative_code})
        project_text = record.get("project", "")
        project_id = None
        if project_text:
            project_id = as_id(project_text)
            if project_id not in projects:
                reasons.append(_("unknown project %(value)r") % {"value": project_text})
        if unit and category and source and year:
            key = (unit.pk, category, source, year)
            if key in seen:
                reasons.append(_("duplicate of line %(line)s") % {"line": seen[key]})
            else:
                seen[key] = line
        if reasons:
            report.error(line, "; ".join(str(r) for r in reasons))
            continue
        parsed.append(
            (
                unit,
                category,
                source,
                year,
                amount,
                record.get("justification", ""),
                initiative_id,
                project_id,
            )
        )
    report.summary = _summarise(parsed)
    if report.errors or dry_run:
        return report
    _write_budget_lines(cycle, parsed, actor, report)
    return report


def _summarise(parsed):
    by_unit = {}
    for unit, *_rest in parsed:
        by_unit[unit.code] = by_unit.get(unit.code, 0) + 1
    return sorted(by_unit.items())


@transaction.atomic
def _write_budget_lines(cycle, parsed, actor, report):
    unit_ids = {unit.pk for unit, *_rest in parsed}
    existing_submissions = {
        s.unit_id: s
        for s in BudgetSubmission.objects.select_for_update().filter(
            cycle=cycle, unit_id__in=unit_ids
        )
    }
    for submission in existing_submissions.values():
        if submission.state not in EDITABLE_STATES:
            raise ImportFileError(
                _("The submission of %(unit)s changed state meanwhile; nothing was imported.")
                % {"unit": submission.unit}
            )
    new = BudgetSubmission.objects.bulk_create(
        [
            BudgetSubmission(cycle=cycle, unit_id=unit_id, created_by=actor)
            for unit_id in unit_ids - existing_submissions.keys()
        ]
    )
    if not all(s.pk for s in new):  # backends that do not return ids
        new = list(
            BudgetSubmission.objects.filter(
                cycle=cycle, unit_id__in=unit_ids - existing_submissions.keys()
            )
        )
    submissions = existing_submissions | {s.unit_id: s for s in new}
    current = {
        (line.submission_id, line.category, line.source, line.year): line
        for line in BudgetLine.objects.filter(submission__in=submissions.values())
    }
    to_create, to_update, counts = [], [], {}
    # What each line was, in the submission's history: a past quarter's report reads the
    # lines as they stood then (portfolio.reports.builder.budget_lines_at).
    changes = {}
    for unit, category, source, year, amount, justification, initiative_id, project_id in parsed:
        submission = submissions[unit.pk]
        counts[submission.pk] = counts.get(submission.pk, 0) + 1
        line = current.get((submission.pk, category, source, year))
        change = {"category": category, "source": source, "year": year, "amount": str(amount)}
        if line is None:
            change["change"] = "added"
        else:
            change.update(change="changed", was={"amount": str(line.amount)})
        changes.setdefault(submission.pk, []).append(change)
        if line is None:
            to_create.append(
                BudgetLine(
                    submission=submission,
                    category=category,
                    source=source,
                    year=year,
                    amount=amount,
                    justification=justification,
                    initiative_id=initiative_id,
                    project_id=project_id,
                )
            )
        else:
            line.amount, line.justification = amount, justification
            line.initiative_id, line.project_id = initiative_id, project_id
            to_update.append(line)
    BudgetLine.objects.bulk_create(to_create, batch_size=1000)
    BudgetLine.objects.bulk_update(
        to_update, ["amount", "justification", "initiative", "project"], batch_size=1000
    )
    events = []
    for submission in submissions.values():
        if submission in new:
            events.append(
                BudgetSubmissionEvent(
                    submission=submission,
                    action=Action.CREATED,
                    actor=actor,
                    to_state=submission.state,
                    version=submission.version,
                )
            )
        submission.version += 1
        events.append(
            BudgetSubmissionEvent(
                submission=submission,
                action=Action.IMPORTED,
                actor=actor,
                version=submission.version,
                comment=_("%(count)s lines imported from a file.")
                % {"count": counts[submission.pk]},
                changes=changes.get(submission.pk, []),
            )
        )
    BudgetSubmission.objects.bulk_update(list(submissions.values()), ["version"])
    BudgetSubmissionEvent.objects.bulk_create(events)
    report.created, report.updated, report.written = len(to_create), len(to_update), True
