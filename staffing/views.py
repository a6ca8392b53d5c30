import csv
import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.rights import RightsError
from portfolio.budgets import permissions
from portfolio.budgets.charts import bars
from portfolio.budgets.imports import ImportFileError, read_table
from portfolio.budgets.views import _posted_rows

from . import imports, selectors, services
from .choices import CATEGORIES, CATEGORY_LABELS
from .forms import AsOfForm, PlanForm, SnapshotForm, SnapshotImportForm, YearForm
from .selectors import staffing_summary

COLUMN_LABELS = {**CATEGORY_LABELS, "international": _("International"), "total": _("Total")}
ANNEX_IV_COLUMNS = (
    "d",
    "p",
    "fs",
    "gs",
    "international",
    "local",
    "unv",
    "icc",
    "contractors",
    "total",
)


@login_required
def summary(request):
    form = AsOfForm(request.GET or None)
    as_of = form.cleaned_data["as_of"] if form.is_valid() else datetime.date(2007, 12, 31)
    summary = staffing_summary(as_of)
    rows = [{"name": row["unit_name"], "cells": _cells(row)} for row in summary["rows"]]
    return render(
        request,
        "staffing/summary.html",
        {
            "form": form,
            "summary": summary,
            "rows": rows,
            "total_cells": _cells(summary["totals"]),
            "categories": [(name, CATEGORY_LABELS[name]) for name in CATEGORIES],
        },
    )


@login_required
def summary_csv(request):
    form = AsOfForm(request.GET or None)
    as_of = form.cleaned_data["as_of"] if form.is_valid() else datetime.date(2007, 12, 31)
    summary = staffing_summary(as_of)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ict-staffing-{as_of}.csv"'
    writer = csv.writer(response)
    writer.writerow(["unit", "unit_name", "snapshot", *ANNEX_IV_COLUMNS])
    for row in summary["rows"]:
        writer.writerow([row["unit"], row["unit_name"], row["snapshot"], *_cells(row)])
    writer.writerow(["total", "", summary["as_of"], *_cells(summary["totals"])])
    return response


def _cells(values):
    """Annex IV column order: D, P, FS, GS, international, local, UNV, ICC, contractors, total."""
    return [
        *(values[name] for name in CATEGORIES[:4]),
        values["international"],
        *(values[name] for name in CATEGORIES[4:]),
        values["total"],
    ]


@login_required
def trend(request):
    rows = selectors.staffing_trend()
    chart = bars([{"name": row["as_of"].isoformat(), "total": row["total"]} for row in rows])
    return render(
        request,
        "staffing/trend.html",
        {
            "rows": [{"as_of": row["as_of"], "cells": _cells(row)} for row in rows],
            "columns": [COLUMN_LABELS[name] for name in ANNEX_IV_COLUMNS],
            "chart": chart,
        },
    )


@login_required
def plan(request):
    form = YearForm(request.GET or None)
    years = selectors.plan_years()
    year = form.cleaned_data.get("year") if form.is_valid() else None
    year = year or (years[0] if years else timezone.localdate().year)
    return render(
        request,
        "staffing/plan.html",
        {
            "form": form,
            "year": year,
            "years": years,
            "rows": selectors.plan_against_actual(year),
            "columns": [COLUMN_LABELS[name] for name in (*CATEGORIES, "international", "total")],
            "can_plan": bool(permissions.preparer_unit_ids(request.user)),
        },
    )


def _reporter_units(user):
    units = permissions.preparer_units(user).order_by("name")
    if not permissions.preparer_unit_ids(user):
        raise PermissionDenied(_("Only ICT units' chiefs and their delegates report staff."))
    return units


@login_required
def submit_snapshot(request):
    units = _reporter_units(request.user)
    form = SnapshotForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.snapshot_submit(
                unit=form.cleaned_data["unit"],
                as_of=form.cleaned_data["as_of"],
                counts=form.counts(),
                actor=request.user,
                source=_("Submitted in the portal"),
            )
        except (RightsError, services.StaffingError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The staffing snapshot was recorded."))
            return redirect("staffing:summary")
    return render(
        request,
        "staffing/form.html",
        {"form": form, "title": _("Report the unit's ICT staff")},
        status=400 if form.errors else 200,
    )


@login_required
def edit_plan(request):
    units = _reporter_units(request.user)
    form = PlanForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_set(
                unit=form.cleaned_data["unit"],
                year=form.cleaned_data["year"],
                counts=form.counts(),
                actor=request.user,
            )
        except (RightsError, services.StaffingError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The staffing plan was saved."))
            return redirect(f"{reverse('staffing:plan')}?year={form.cleaned_data['year']}")
    return render(
        request,
        "staffing/form.html",
        {"form": form, "title": _("Plan the unit's ICT staff for a year")},
        status=400 if form.errors else 200,
    )


@login_required
def import_snapshots(request):
    _reporter_units(request.user)
    form = SnapshotImportForm(request.POST or None, request.FILES or None)
    report = rows_json = None
    if request.method == "POST":
        confirm = "confirm" in request.POST
        try:
            if confirm:
                rows = _posted_rows(request)
            elif form.is_valid():
                rows = read_table(form.cleaned_data["file"])
            else:
                rows = None
            if rows is not None:
                report = imports.snapshots_import(
                    rows=rows, actor=request.user, dry_run=not confirm
                )
                rows_json = json.dumps(rows)
        except (ImportFileError, ValueError) as error:
            form.add_error(None, str(error))
        if report and report.written:
            messages.success(
                request, _("Imported %(count)s staffing snapshots.") % {"count": report.created}
            )
            return redirect("staffing:summary")
    return render(
        request,
        "staffing/import.html",
        {"form": form, "report": report, "rows_json": rows_json},
        status=400 if form.errors or (report and not report.ok) else 200,
    )
