from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import confirm
from core.charts import bars
from core.exports import append_row, csv_response, xlsx_response
from core.grids import Grid, row_response, with_added_row
from core.imports import preview_or_import
from core.params import as_id, as_int
from core.tables import table_page
from governance import rights
from governance import services as governance_services
from governance.models import BudgetDelegate, OrganisationUnit
from governance.rights import RightsError
from portfolio.selectors import projects_visible_to
from staffing import selectors as staffing_selectors

from . import permissions, selectors, services
from .choices import (
    ACTION_VERBS,
    COMMENT_REQUIRED,
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
from .imports import budget_lines_import
from .tables import ConsolidationUnitTable, ReviewQueueTable


@login_required
def my_unit(request):
    """The chief's (or delegate's) page: each unit's budget, staff and what is due."""
    units = list(rights.preparer_units(request.user).order_by("name"))
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
    staffing_round = staffing_selectors.open_round()
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
            "staffing_due": staffing_selectors.snapshot_is_due(
                staff.get(unit.pk), staffing_round=staffing_round
            ),
        }
        for unit in units
    ]
    return render(
        request,
        "budgets/my_unit.html",
        {"rows": rows, "cycle": cycle, "staffing_round": staffing_round},
    )


@login_required
@require_POST
def submission_start(request, code, unit):
    cycle = selectors.get_cycle(code)
    unit = get_object_or_404(OrganisationUnit, code=unit)
    if not rights.can_prepare(request.user, unit):
        raise PermissionDenied(_("You do not prepare this unit's budget."))
    submission = services.submission_create(cycle=cycle, unit=unit, actor=request.user)
    return redirect("budgets:submission_edit", submission.pk)


@login_required
def submission(request, pk):
    submission = selectors.get_submission(request.user, pk)
    actor_kind = None
    if rights.can_prepare(request.user, submission.unit):
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


def _editable_submission(request, pk):
    submission = selectors.get_submission(request.user, pk)
    if not rights.can_prepare(request.user, submission.unit):
        raise PermissionDenied(_("Only the unit's chief and delegates edit its budget."))
    if not submission.is_editable:
        raise PermissionDenied(
            _("A submission that is %(state)s cannot be edited.")
            % {"state": submission.get_state_display().lower()}
        )
    return submission


def _line_formset(request, submission, data=None, initial=None):
    return LineFormSet(
        data,
        initial=initial,
        form_kwargs={
            "years": submission.cycle.years,
            "projects": projects_visible_to(request.user).order_by("title"),
        },
    )


def _edit_page(request, submission, formset, version_form, status=200, **extra):
    grid = Grid(
        formset,
        caption=_("Budget lines: one row per category, source of funds and year"),
        row_url=reverse("budgets:submission_line_row", args=[submission.pk]),
        group_field="category",
        amount_field="amount",
        groups=Category.choices,
        total_label=_("Total, all categories"),
    )
    context = {
        "submission": submission,
        "formset": formset,
        "grid": grid,
        "version_form": version_form,
        "reviewer_comments": selectors.reviewer_comments(submission),
        **extra,
    }
    return render(request, "budgets/submission_edit.html", context, status=status)


@login_required
def submission_edit(request, pk):
    """The budget lines as a grid: running totals, rows added in place, nothing lost on an
    error (the page comes back with what was typed and says what to fix)."""
    submission = _editable_submission(request, pk)
    conflict = None
    attempted = None
    if request.method == "POST":
        if "add_row" in request.POST:
            data = with_added_row(request.POST, LineFormSet().prefix)
            formset = _line_formset(request, submission, data)
            return _edit_page(request, submission, formset, VersionForm(data))
        formset = _line_formset(request, submission, request.POST)
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
            except (services.BudgetError, RightsError, ValidationError) as error:
                formset._non_form_errors = formset.error_class(
                    getattr(error, "messages", None) or [str(error)]
                )
            else:
                messages.success(request, _("The budget lines were saved."))
                return redirect("budgets:submission", submission.pk)
        if conflict is None:
            return _edit_page(request, submission, formset, version_form, status=400)
        submission.refresh_from_db()
    formset = _line_formset(request, submission, initial=_initial_lines(submission))
    version_form = VersionForm(initial={"version": submission.version})
    return _edit_page(
        request,
        submission,
        formset,
        version_form,
        status=409 if conflict else 200,
        conflict=conflict,
        attempted=_label_lines(attempted) if attempted is not None else None,
    )


@login_required
def submission_line_row(request, pk):
    """One more empty row of the budget grid (htmx asks for it; ``?index=`` says which)."""
    submission = _editable_submission(request, pk)
    grid_formset = _line_formset(request, submission)
    return row_response(request, grid_formset, amount_field="amount")


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
    irreversible = action in IRREVERSIBLE and action in TRANSITIONS
    if irreversible:
        if not permissions.can_review(request.user):
            raise PermissionDenied(_("Only an OICT budget reviewer may do this."))
        ask = _irreversible_action(submission, Action(action))
        if action in COMMENT_REQUIRED and not comment.strip():
            form.add_error(
                "comment", _("Say why: the unit needs your comments to revise the budget.")
            )
            return confirm.ask(request, ask, form=form, status=400)
        if not confirm.confirmed(request):
            return confirm.ask(request, ask, form=form)
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
                expected_version=as_int(version, minimum=0),
            )
            messages.success(request, _("Done: %(action)s.") % {"action": Action(action).label})
        else:
            messages.error(request, _("Unknown action."))
    except RightsError as error:
        raise PermissionDenied(str(error)) from error
    except services.BudgetError as error:
        if irreversible:
            return confirm.ask(request, ask, form=form, errors=[str(error)], status=409)
        messages.error(request, str(error))
    return redirect("budgets:submission", submission.pk)


def _delegate_remove_confirmation(delegate):
    return confirm.Irreversible(
        title=_("Remove %(user)s as budget delegate of %(unit)s")
        % {"user": delegate.user, "unit": delegate.unit.name},
        consequence=_(
            "They can no longer prepare or submit the unit's budget; their earlier work stays in "
            "the history. Naming them again makes a new delegation."
        ),
        button=_("Remove the delegate"),
        cancel_url=reverse("budgets:delegates"),
        facts=((_("Unit"), delegate.unit.name), (_("Delegate"), str(delegate.user))),
    )


#: a reviewer's verdicts: the submission leaves the reviewer's hands for good
IRREVERSIBLE = frozenset({Action.APPROVE, Action.RETURN})


def _irreversible_action(submission, action):
    if action == Action.APPROVE:
        consequence = _(
            "An approved budget never changes again: its lines are final for this cycle and go "
            "into the consolidated ICT budget."
        )
    else:
        consequence = _(
            "The submission goes back to the unit with your comments, which stay in its history; "
            "your review ends and the unit must resubmit before you can approve it."
        )
    return confirm.Irreversible(
        title=_("%(action)s the budget of %(unit)s, %(cycle)s")
        % {
            "action": ACTION_VERBS[action],
            "unit": submission.unit.name,
            "cycle": submission.cycle.name,
        },
        consequence=consequence,
        button=str(ACTION_VERBS[action]),
        cancel_url=reverse("budgets:submission", args=[submission.pk]),
        facts=(
            (_("Unit"), submission.unit.name),
            (_("Cycle"), submission.cycle.name),
            (_("State now"), submission.get_state_display()),
        ),
    )


@login_required
def review_queue(request):
    if not permissions.can_review(request.user):
        raise PermissionDenied(_("Only OICT budget reviewers have a review queue."))
    return table_page(
        request, "budgets/review_queue.html", ReviewQueueTable(selectors.review_queue(request.user))
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
    table = ConsolidationUnitTable(data["units"] if data else [])
    return table_page(request, "budgets/consolidation.html", table, context)


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
    return csv_response(
        f"ict-budget-{cycle.code if cycle else 'none'}.csv",
        _export_values(cycle, basis) if cycle else [],
        header=EXPORT_HEADER,
    )


@login_required
def consolidation_xlsx(request):
    from openpyxl import Workbook

    _form, cycle, basis = _consolidation_for(request)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("ICT budget"))
    append_row(sheet, EXPORT_HEADER)
    if cycle:
        for row in _export_values(cycle, basis):
            append_row(sheet, row[:-1] + [float(row[-1])])
    return xlsx_response(f"ict-budget-{cycle.code if cycle else 'none'}.xlsx", workbook)


@login_required
def import_lines(request):
    """Upload, preview (a dry run that writes nothing), then confirm."""
    if not rights.preparer_unit_ids(request.user):
        raise PermissionDenied(_("Only units' chiefs and delegates import budget lines."))
    form = ImportForm(request.POST or None, request.FILES or None)
    report = rows_json = None
    status = 200
    if request.method == "POST":
        cycle = selectors.BudgetCycle.objects.filter(code=request.POST.get("cycle")).first()
        report, rows_json = preview_or_import(
            request,
            form,
            lambda rows, dry_run: budget_lines_import(
                cycle=cycle, rows=rows, actor=request.user, dry_run=dry_run
            ),
            confirm=bool("confirm" in request.POST and cycle),
        )
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
                    BudgetDelegate, pk=as_id(request.POST["remove"]), unit__in=units
                )
                if not confirm.confirmed(request):
                    return confirm.ask(request, _delegate_remove_confirmation(delegate))
                governance_services.delegate_remove(delegate=delegate, actor=request.user)
                messages.success(request, _("The delegate was removed."))
                return redirect("budgets:delegates")
            unit = get_object_or_404(
                OrganisationUnit, pk=as_id(request.POST.get("unit")), chief=request.user
            )
            if form.is_valid():
                governance_services.delegate_add(
                    unit=unit, user=form.cleaned_data["username"], actor=request.user
                )
                messages.success(request, _("The delegate was named."))
                return redirect("budgets:delegates")
        except ValidationError as error:
            form.add_error(None, error)
    current = BudgetDelegate.objects.filter(unit__in=units).select_related("unit", "user")
    return render(
        request,
        "budgets/delegates.html",
        {"form": form, "units": units, "delegates": current},
        status=400 if form.errors else 200,
    )
