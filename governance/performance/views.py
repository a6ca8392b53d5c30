"""ICT unit scorecards (para 46), the Leadership Council's view across units (para 45) and the
service catalogue (paras 16, 64). OICT and a unit's chief see the same scorecard of the unit;
another unit's scorecard is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from openpyxl import Workbook

from core.charts import bar_chart
from core.exports import append_row, csv_response, xlsx_response
from core.tables import table_page
from programmes.choices import Standing
from programmes.kpi_views import kpi_trend_chart, label_periods
from programmes.sections import render_list
from programmes.views import put_errors

from . import selectors
from . import services as catalogue
from .forms import ServiceForm, ServiceLevelForm
from .models import ServiceLevel
from .sections import service_sections
from .tables import ServiceTable, across_table
from .units import can_see_across_units, can_see_unit


def _export(request, name, header, rows):
    export = request.GET.get("format")
    if export == "csv":
        return csv_response(f"{name}.csv", rows, header=header)
    if export == "xlsx":
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = name[:31]
        append_row(sheet, header)
        for row in rows:
            append_row(sheet, row)
        return xlsx_response(f"{name}.xlsx", workbook)
    return None


def _standing(code):
    return str(Standing(code).label) if code in Standing.values else ""


@login_required
def scorecards(request):
    if not can_see_across_units(request.user):
        raise PermissionDenied(
            _(
                "The view across ICT units is for the ICT Leadership Council, OICT and the "
                "Executive Committee."
            )
        )
    across = selectors.across_units()
    table = across_table(across, lambda unit: can_see_unit(request.user, unit))
    chart = bar_chart(
        [
            (
                row["unit"].name,
                row["counts"][Standing.ON_TARGET],
                _("%(on)s of %(measured)s on target")
                % {"on": row["counts"][Standing.ON_TARGET], "measured": row["measured"]},
            )
            for row in across.rows
        ],
        title=_("KPIs on target, by ICT unit (latest period)"),
    )
    return table_page(request, "performance/scorecards.html", table, {"chart": chart})


@login_required
def unit_scorecard(request, code):
    unit = selectors.get_unit(request.user, code)
    card = selectors.scorecard(unit)
    header = [
        _("KPI"),
        _("Period"),
        _("Value"),
        _("Target then"),
        _("Gap"),
        _("Standing"),
    ]

    def rows():
        for row in card.rows:
            for m in label_periods(row.kpi, row.measurements):
                yield [
                    row.kpi.name,
                    m.period_label,
                    m.value,
                    m.target,
                    m.gap,
                    _standing(m.standing),
                ]

    response = _export(request, f"scorecard-{unit.code}", header, rows())
    if response is not None:
        return response
    for row in card.rows:
        label_periods(row.kpi, row.measurements)
        row.chart = kpi_trend_chart(row.kpi, row.measurements) if row.measurements else None
    return render(request, "performance/scorecard.html", {"unit": unit, "card": card, "query": ""})


@login_required
def service_list(request):
    return table_page(
        request,
        "performance/service_list.html",
        ServiceTable(selectors.services(request.user)),
        {"can_keep": catalogue.can_keep_catalogue(request.user)},
    )


@login_required
def service_detail(request, code):
    service = selectors.get_service(code)
    levels = selectors.attainment(service, request.user)
    header = [
        _("Service level"),
        _("KPI"),
        _("Period"),
        _("Value"),
        _("Target then"),
        _("Standing"),
    ]

    def rows():
        for level, measurements in levels:
            for m in label_periods(level.kpi, measurements):
                yield [
                    level.get_kind_display(),
                    level.kpi.name,
                    m.period_label,
                    m.value,
                    m.target,
                    _standing(m.standing),
                ]

    response = _export(request, f"service-{service.code}", header, rows())
    if response is not None:
        return response
    shown = []
    for level, measurements in levels:
        label_periods(level.kpi, measurements)
        shown.append(
            {
                "level": level,
                "measurements": measurements,
                "chart": kpi_trend_chart(level.kpi, measurements) if measurements else None,
            }
        )
    return render(
        request,
        "performance/service_detail.html",
        {
            "service": service,
            "levels": shown,
            "sections": render_list(service_sections, service, request.user),
            "can_keep": catalogue.can_keep_catalogue(request.user),
            "query": "",
        },
    )


# --------------------------------------------------------------------------- keeping the catalogue
def _require_keeper(user):
    if not catalogue.can_keep_catalogue(user):
        raise PermissionDenied(_("Only the PMO and the CITO keep the ICT service catalogue."))


def _form_page(request, form, title, back):
    return render(
        request,
        "performance/catalogue_form.html",
        {"form": form, "title": title, "back": back},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request):
    _require_keeper(request.user)
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service = catalogue.service_save(
                service=form.save(commit=False),
                actor=request.user,
                units_served=form.cleaned_data["units_served"],
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, _("The service was added to the catalogue."))
            return redirect(service.get_absolute_url())
    return _form_page(request, form, _("Add a service"), reverse("performance:services"))


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, code):
    service = selectors.get_service(code)
    _require_keeper(request.user)
    form = ServiceForm(request.POST or None, instance=service)
    if request.method == "POST" and form.is_valid():
        try:
            catalogue.service_save(
                service=form.save(commit=False),
                actor=request.user,
                units_served=form.cleaned_data["units_served"],
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, _("The service was changed."))
            return redirect(service.get_absolute_url())
    return _form_page(
        request,
        form,
        _("Change the service “%(service)s”") % {"service": service.name},
        service.get_absolute_url(),
    )


@login_required
@require_http_methods(["GET", "POST"])
def service_level_edit(request, code, pk=None):
    """Add a service level to a service (no ``pk``) or change one: its kind, order or KPI
    (another KPI replaces the link)."""
    service = selectors.get_service(code)
    level = None
    if pk is not None:
        level = get_object_or_404(
            ServiceLevel.objects.select_related("kpi"), pk=pk, service=service
        )
    _require_keeper(request.user)
    form = ServiceLevelForm(request.POST or None, level=level)
    if request.method == "POST" and form.is_valid():
        try:
            catalogue.service_level_set(
                service=service,
                level=level,
                kpi=form.cleaned_data["kpi"],
                kind=form.cleaned_data["kind"],
                order=form.cleaned_data["order"],
                actor=request.user,
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, _("The service level was saved."))
            return redirect(service.get_absolute_url())
    title = (
        _("Change the service level “%(level)s”") % {"level": level}
        if level
        else _("Add a service level to “%(service)s”") % {"service": service.name}
    )
    return _form_page(request, form, title, service.get_absolute_url())
