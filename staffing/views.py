import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock
from core.charts import bars
from core.exports import csv_response
from core.imports import preview_or_import
from core.tables import table_page
from governance import rights
from governance.rights import RightsError

from . import imports, selectors, services
from .choices import CATEGORIES
from .forms import AsOfForm, PlanForm, SnapshotForm, SnapshotImportForm, YearForm
from .selectors import staffing_summary
from .tables import ANNEX_IV_COLUMNS, PlanTable, SummaryTable, TrendTable


@login_required
def summary(request):
    form = AsOfForm(request.GET or None)
    as_of = form.cleaned_data["as_of"] if form.is_valid() else datetime.date(2007, 12, 31)
    summary = staffing_summary(as_of)
    return table_page(
        request,
        "staffing/summary.html",
        SummaryTable(summary),
        {"form": form, "summary": summary},
    )


@login_required
def summary_csv(request):
    form = AsOfForm(request.GET or None)
    as_of = form.cleaned_data["as_of"] if form.is_valid() else datetime.date(2007, 12, 31)
    summary = staffing_summary(as_of)
    rows = [
        [row["unit"], row["unit_name"], row["snapshot"], *_cells(row)] for row in summary["rows"]
    ]
    rows.append(["total", "", summary["as_of"], *_cells(summary["totals"])])
    return csv_response(
        f"ict-staffing-{as_of}.csv",
        rows,
        header=["unit", "unit_name", "snapshot", *ANNEX_IV_COLUMNS],
    )


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
    return table_page(request, "staffing/trend.html", TrendTable(rows), {"chart": chart})


@login_required
def plan(request):
    form = YearForm(request.GET or None)
    years = selectors.plan_years()
    year = form.cleaned_data.get("year") if form.is_valid() else None
    year = year or (years[0] if years else clock.today().year)
    return table_page(
        request,
        "staffing/plan.html",
        PlanTable(selectors.plan_against_actual(year), year=year),
        {
            "form": form,
            "year": year,
            "years": years,
            "can_plan": bool(rights.preparer_unit_ids(request.user)),
        },
    )


def _reporter_units(user):
    units = rights.preparer_units(user).order_by("name")
    if not rights.preparer_unit_ids(user):
        raise PermissionDenied(_("Only ICT units' chiefs and their delegates report staff."))
    return units


@login_required
def submit_snapshot(request):
    units = _reporter_units(request.user)
    staffing_round = selectors.open_round()
    form = SnapshotForm(
        request.POST or None,
        units=units,
        initial={"as_of": staffing_round.as_of} if staffing_round else None,
    )
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
        {
            "form": form,
            "title": _("Report the unit's ICT staff"),
            "staffing_round": staffing_round,
        },
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
        report, rows_json = preview_or_import(
            request,
            form,
            lambda rows, dry_run: imports.snapshots_import(
                rows=rows, actor=request.user, dry_run=dry_run
            ),
        )
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
