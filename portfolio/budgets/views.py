import csv
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.models import OrganisationUnit
from governance.rights import RightsError
from portfolio.selectors import projects_visible_to
from staffing import selectors as staffing_selectors

from . import permissions, selectors, services
from .charts import bars
from .choices import (
    ACTION_VERBS,
    TRANSITIONS,
    Action,
    Actor,
    Category,
    Source,
    allowed_actions,
)
from .forms import (
    ActionForm,
    ConsolidationForm,
    DelegateForm,
    ImportForm,
    LineFormSet,
    VersionForm,
)
from .imports import ImportFileError, budget_lines_import, read_table
from .models import BudgetDelegate


@login_required
def my_unit(request):
    """The chief's (or delegate's) page: each unit's budget, staff and what is due."""
    units = list(permissions.preparer_units(request.user).order_by("name"))
    if not units:
        raise PermissionDenied(_("You do not prepare an ICT unit's budget."))
    cycle = selectors.current_cycle()
    submissions = {
        (s.unit_id, s.cycle_id): s
        for s in selectors.with_total(
            selectors.visible_submissions(request.user).filter(unit__in=units)
        )
    }
    staff = {row.unit_id: row for row in staffing_selectors.latest_snapshots_for(units)}
    due = dict((unit_id, cycle) for cycle, unit_id in selectors.due_for(request.user))
    rows = [
        {
            "unit": unit,
            "is_chief": unit.chief_id == request.user.pk,
            "submission": submissions.get((unit.pk, cycle.pk)) if cycle else None,
            "history": sorted(
                (s for (unit_id, _c), s in submissions.items() if unit_id == unit.pk),
                key=lambda s: -s.cycle.first_year,
            ),
            "staff": staff.get(unit.pk),
            "due": due.get(unit.pk),
            "staffing_due": staffing_selectors.snapshot_is_due(staff.get(unit.pk)),
        }
        for unit in units
    ]
    return render(request, "budgets/my_unit.html", {"rows": rows, "cycle": cycle})


@login_required
@require_POST
def submission_start(request, code, unit):
    cycle = selectors.get_cycle(code)
    unit = get_object_or_404(OrganisationUnit, code=unit)
    if not permissions.can_prepare(request.user, unit):
        raise PermissionDenied(_("You do not prepare this unit's budget."))
    submission = services.submission_create(cycle=cycle, unit=unit, actor=request.user)
    return redirect("budgets:submission_edit", submission.pk)


@login_required
def submission(request, pk):
    submission = selectors.get_submission(request.user, pk)
    actor_kind = None
    if permissions.can_prepare(request.user, submission.unit):
        actor_kind = Actor.PREPARER
    elif permissions.can_review(request.user):
        actor_kind = Actor.REVIEWER
    actions = [
        (action, ACTION_VERBS[action])
        for action in (allowed_actions(submission.state, actor_kind) if actor_kind else [])
    ]
    lines = list(selectors.submission_lines(submission))
    previous = selectors.previous_submission(submission)
    return render(
        request,
        "budgets/submission.html",
        {
            "submission": submission,
            "lines": lines,
            "total": sum(line.amount for line in lines),
            "history": selectors.submission_history(submission),
            "previous": previous,
            "comparison": selectors.category_comparison(submission, previous),
            "actions": actions,
            "can_edit": actor_kind == Actor.PREPARER and submission.is_editable,
            "can_comment": actor_kind == Actor.REVIEWER,
            "action_form": ActionForm(),
        },
    )


def _initial_lines(submission):
    return [
        {
            "category": line.category,
            "source": line.source,
            "year": line.year,
            "amount": line.amount,
            "justification": line.justification,
            "initiative": line.initiative_id,
            "project": line.project_id,
        }
        for line in selectors.submission_lines(submission)
    ]


@login_required
def submission_edit(request, pk):
    submission = selectors.get_submission(request.user, pk)
    if not permissions.can_prepare(request.user, submission.unit):
        raise PermissionDenied(_("Only the unit's chief and delegates edit its budget."))
    if not submission.is_editable:
        raise PermissionDenied(
            _("A submission that is %(state)s cannot be edited.")
            % {"state": submission.get_state_display().lower()}
        )
    years = submission.cycle.years
    projects = projects_visible_to(request.user).order_by("title")
    conflict = None
    attempted = None
    if request.method == "POST":
        formset = LineFormSet(request.POST, form_kwargs={"years": years, "projects": projects})
        version_form = VersionForm(request.POST)
        if formset.is_valid() and version_form.is_valid():
            try:
                services.submission_save_lines(
                    submission=submission,
                    lines=formset.lines(),
                    expected_version=version_form.cleaned_data["version"],
                    actor=request.user,
                )
            except services.ConflictError as error:
                conflict = error
                attempted = formset.lines()
            except (services.BudgetError, RightsError) as error:
                formset._non_form_errors = formset.error_class([str(error)])
            else:
                messages.success(request, _("The budget lines were saved."))
                return redirect("budgets:submission", submission.pk)
        if conflict is None:
            return render(
                request,
                "budgets/submission_edit.html",
                {"submission": submission, "formset": formset, "version_form": version_form},
                status=400,
            )
        submission.refresh_from_db()
    formset = LineFormSet(
        initial=_initial_lines(submission), form_kwargs={"years": years, "projects": projects}
    )
    version_form = VersionForm(initial={"version": submission.version})
    return render(
        request,
        "budgets/submission_edit.html",
        {
            "submission": submission,
            "formset": formset,
            "version_form": version_form,
            "conflict": conflict,
            "attempted": _label_lines(attempted) if attempted is not None else None,
        },
        status=409 if conflict else 200,
    )


def _label_lines(lines):
    return [
        {
            **line,
            "category": Category(line["category"]).label,
            "source": Source(line["source"]).label,
        }
        for line in lines
    ]


@login_required
@require_POST
def submission_act(request, pk):
    submission = selectors.get_submission(request.user, pk)
    form = ActionForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data.get("comment", "")
    action = request.POST.get("action", "")
    try:
        if action == "comment":
            services.submission_comment(submission=submission, actor=request.user, comment=comment)
            messages.success(request, _("Your comment was added to the history."))
        elif action in TRANSITIONS:
            version = request.POST.get("version")
            services.submission_transition(
                submission=submission,
                action=action,
                actor=request.user,
                comment=comment,
                expected_version=int(version) if version and version.isdigit() else None,
            )
            messages.success(request, _("Done: %(action)s.") % {"action": Action(action).label})
        else:
            messages.error(request, _("Unknown action."))
    except RightsError as error:
        raise PermissionDenied(str(error)) from error
    except services.BudgetError as error:
        messages.error(request, str(error))
    return redirect("budgets:submission", submission.pk)


@login_required
def review_queue(request):
    if not permissions.can_review(request.user):
        raise PermissionDenied(_("Only OICT budget reviewers have a review queue."))
    return render(
        request, "budgets/review_queue.html", {"submissions": selectors.review_queue(request.user)}
    )


def _consolidation_for(request):
    if not permissions.can_see_consolidation(request.user):
        raise PermissionDenied(_("You may not see the consolidated ICT budget."))
    form = ConsolidationForm(request.GET or None)
    cycle, basis = None, selectors.BASIS_SUBMITTED
    if form.is_valid():
        cycle = form.cleaned_data["cycle"]
        basis = form.cleaned_data["basis"] or basis
    cycle = cycle or selectors.current_cycle()
    return form, cycle, basis


@login_required
def consolidation(request):
    form, cycle, basis = _consolidation_for(request)
    data = selectors.consolidation(cycle, basis=basis) if cycle else None
    context = {"form": form, "data": data, "cycle": cycle, "basis": basis}
    if data:
        context |= {
            "unit_chart": bars(data["units"]),
            "category_chart": bars(data["categories"]),
            "matrix_rows": [
                {
                    **category,
                    "cells": [
                        data["matrix"].get((category["code"], source), 0)
                        for source in Source.values
                    ],
                }
                for category in data["categories"]
            ],
            "source_labels": Source.labels,
        }
    return render(request, "budgets/consolidation.html", context)


EXPORT_HEADER = ["unit", "unit_name", "state", "category", "source", "year", "amount"]


def _export_values(cycle, basis):
    for row in selectors.export_rows(cycle, basis=basis):
        yield [
            row["submission__unit__code"],
            row["submission__unit__name"],
            row["submission__state"],
            row["category"],
            row["source"],
            row["year"],
            row["total"],
        ]


@login_required
def consolidation_csv(request):
    _form, cycle, basis = _consolidation_for(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="ict-budget-{cycle.code if cycle else "none"}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(EXPORT_HEADER)
    if cycle:
        writer.writerows(_export_values(cycle, basis))
    return response


@login_required
def consolidation_xlsx(request):
    from openpyxl import Workbook

    _form, cycle, basis = _consolidation_for(request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("ICT budget"))
    sheet.append(EXPORT_HEADER)
    if cycle:
        for row in _export_values(cycle, basis):
            sheet.append(row[:-1] + [float(row[-1])])
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="ict-budget-{cycle.code if cycle else "none"}.xlsx"'
    )
    workbook.save(response)
    return response


@login_required
def import_lines(request):
    """Upload, preview (a dry run that writes nothing), then confirm."""
    if not permissions.preparer_unit_ids(request.user):
        raise PermissionDenied(_("Only units' chiefs and delegates import budget lines."))
    form = ImportForm(request.POST or None, request.FILES or None)
    report = rows_json = None
    status = 200
    if request.method == "POST":
        confirm = "confirm" in request.POST
        cycle = selectors.BudgetCycle.objects.filter(code=request.POST.get("cycle")).first()
        try:
            if confirm and cycle:
                rows = _posted_rows(request)
            elif form.is_valid():
                rows = read_table(form.cleaned_data["file"])
            else:
                rows = None
            if rows is not None:
                report = budget_lines_import(
                    cycle=cycle, rows=rows, actor=request.user, dry_run=not confirm
                )
                rows_json = json.dumps(rows)
        except (ImportFileError, ValueError) as error:
            form.add_error(None, str(error))
        if report and report.written:
            messages.success(
                request,
                _("Imported: %(created)s lines created, %(updated)s updated.")
                % {"created": report.created, "updated": report.updated},
            )
            return redirect("budgets:my_unit")
        if form.errors or (report and not report.ok):
            status = 400
        return render(
            request,
            "budgets/import.html",
            {"form": form, "report": report, "rows_json": rows_json, "cycle": cycle},
            status=status,
        )
    return render(request, "budgets/import.html", {"form": form})


def _posted_rows(request):
    """The rows of a previewed file, sent back with the confirmation (checked again)."""
    rows = json.loads(request.POST.get("rows", "[]"))
    if not rows or not all(
        isinstance(row, list) and all(isinstance(cell, str) for cell in row) for row in rows
    ):
        raise ImportFileError(_("The previewed file was not sent back intact; upload it again."))
    return rows


@login_required
def delegates(request):
    units = list(OrganisationUnit.objects.filter(chief=request.user).order_by("name"))
    if not units:
        raise PermissionDenied(_("Only chiefs of ICT units name delegates."))
    form = DelegateForm(request.POST or None)
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                delegate = get_object_or_404(
                    BudgetDelegate, pk=request.POST["remove"], unit__in=units
                )
                services.delegate_remove(delegate=delegate, actor=request.user)
                messages.success(request, _("The delegate was removed."))
                return redirect("budgets:delegates")
            unit = get_object_or_404(
                OrganisationUnit, pk=request.POST.get("unit"), chief=request.user
            )
            if form.is_valid():
                services.delegate_add(
                    unit=unit, user=form.cleaned_data["username"], actor=request.user
                )
                messages.success(request, _("The delegate was named."))
                return redirect("budgets:delegates")
        except services.BudgetError as error:
            form.add_error(None, str(error))
    current = BudgetDelegate.objects.filter(unit__in=units).select_related("unit", "user")
    return render(
        request,
        "budgets/delegates.html",
        {"form": form, "units": units, "delegates": current},
        status=400 if form.errors else 200,
    )
