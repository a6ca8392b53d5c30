"""KPI pages: the list with each KPI's latest value against its target, a KPI's trend with its
target line and its measurements, entering a value by hand, and defining KPIs (OICT)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from openpyxl import Workbook

from core.charts import line_chart
from core.exports import append_row, csv_response, xlsx_response
from core.tables import table_page

from . import selectors, services
from .forms import KpiFilterForm, KpiForm, MeasurementForm
from .models import Measurement
from .policy import policy
from .tables import KpiTable
from .views import put_errors


def owner_label(kpi, unit_names):
    if kpi.owner_kind == "programme":
        return kpi.programme.name
    if kpi.owner_kind == "unit":
        return unit_names.get(kpi.owner_unit, kpi.owner_unit)
    return _("The organisation")


def _value_text(value, kpi):
    if value is None:
        return ""
    if kpi.symbol == "USD":
        return f"USD {number_format(value, decimal_pos=0, force_grouping=True)}"
    return f"{number_format(value, decimal_pos=1, force_grouping=True)} {kpi.symbol}".strip()


def kpi_trend_chart(kpi, measurements):
    """The KPI's values over its periods, with the target line (the latest target)."""
    return line_chart(
        [(str(m.period_label), m.value, _value_text(m.value, kpi)) for m in measurements],
        title=_("%(kpi)s by period, against the target of %(target)s")
        % {"kpi": kpi.name, "target": _value_text(kpi.target, kpi)},
        target=kpi.target,
        target_text=_("Target %(target)s") % {"target": _value_text(kpi.target, kpi)},
    )


def _workbook(title, header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(title)[:31]
    append_row(sheet, header)
    for row in rows:
        append_row(sheet, row)
    return workbook


@login_required
def kpi_list(request):
    form = KpiFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    kpis = selectors.kpi_list(
        request.user,
        owner_kind=filters.get("owner_kind") or None,
        programme=filters.get("programme") or None,
        query=filters.get("q") or None,
    )
    table = KpiTable(kpis, unit_names=policy().unit_names(), owner_label=owner_label)
    return table_page(
        request,
        "programmes/kpi_list.html",
        table,
        {"form": form, "can_manage": services.can_manage(request.user)},
    )


def _measurement_header():
    return [
        _("Period"),
        _("Start"),
        _("End"),
        _("Value"),
        _("Target then"),
        _("Threshold then"),
        _("Standing"),
        _("Origin"),
        _("Recorded by"),
        _("Recorded at"),
        _("Note"),
    ]


def _measurement_rows(kpi, measurements):
    for m in measurements:
        yield [
            m.period_label,
            m.period_start,
            m.period_end,
            m.value,
            m.target,
            m.threshold,
            m.get_standing_display(),
            m.get_origin_display(),
            str(m.recorded_by) if m.recorded_by else "",
            m.recorded_at.replace(tzinfo=None) if m.recorded_at else "",
            m.note,
        ]


def label_periods(kpi, measurements):
    from .periods import Period

    for m in measurements:
        m.period_label = Period.containing(kpi.frequency, m.period_start).label
        m.gap_value = m.gap
    return measurements


@login_required
@require_http_methods(["GET", "POST"])
def kpi_detail(request, code):
    kpi = selectors.get_kpi(request.user, code)
    can_record = services.can_record(request.user, kpi) and kpi.is_manual
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        everything = label_periods(
            kpi,
            list(
                Measurement.objects.filter(kpi=kpi)
                .select_related("recorded_by")
                .order_by("period_start")
            ),
        )
        filename = f"kpi-{kpi.code}.{export}"
        rows = _measurement_rows(kpi, everything)
        if export == "csv":
            return csv_response(filename, rows, header=_measurement_header())
        return xlsx_response(filename, _workbook(kpi.code, _measurement_header(), rows))
    form = MeasurementForm(request.POST or None, kpi=kpi)
    status = 200
    if request.method == "POST":
        if not services.can_record(request.user, kpi):
            raise PermissionDenied(
                _(
                    "Only OICT's strategic management staff, and for an ICT unit's KPI the "
                    "unit's chief, enter KPI values."
                )
            )
        if form.is_valid():
            try:
                services.measurement_record(kpi=kpi, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                put_errors(form, error)
            else:
                messages.success(request, _("The value was recorded."))
                return redirect(kpi.get_absolute_url())
        status = 400
    measurements = label_periods(kpi, selectors.series(kpi))
    return render(
        request,
        "programmes/kpi_detail.html",
        {
            "kpi": kpi,
            "owner_name": owner_label(kpi, policy().unit_names()),
            "measurements": measurements,
            "chart": kpi_trend_chart(kpi, measurements) if measurements else None,
            "form": form if can_record else None,
            "can_manage": services.can_manage(request.user),
        },
        status=status,
    )


def _kpi_values(form):
    values = dict(form.cleaned_data)
    values.pop("code", None)
    return values


@login_required
@require_http_methods(["GET", "POST"])
def kpi_create(request):
    if not services.can_manage(request.user):
        raise PermissionDenied(_("Only OICT's strategic management staff define KPIs."))
    form = KpiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            kpi = services.kpi_create(
                actor=request.user, code=form.cleaned_data["code"], **_kpi_values(form)
            )
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, _("The KPI was defined."))
            return redirect(kpi.get_absolute_url())
    return render(
        request,
        "programmes/kpi_form.html",
        {"form": form, "title": _("Define a KPI")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def kpi_edit(request, code):
    kpi = selectors.get_kpi(request.user, code)
    if not services.can_manage(request.user):
        raise PermissionDenied(_("Only OICT's strategic management staff change KPIs."))
    form = KpiForm(request.POST or None, instance=kpi)
    if request.method == "POST" and form.is_valid():
        try:
            services.kpi_update(kpi=kpi, actor=request.user, **_kpi_values(form))
        except ValidationError as error:
            put_errors(form, error)
        else:
            messages.success(request, _("The KPI was changed."))
            return redirect(kpi.get_absolute_url())
    return render(
        request,
        "programmes/kpi_form.html",
        {"form": form, "kpi": kpi, "title": _("Change the KPI “%(kpi)s”") % {"kpi": kpi.name}},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def kpi_compute(request, code):
    kpi = selectors.get_kpi(request.user, code)
    if not services.can_manage(request.user):
        raise PermissionDenied(_("Only OICT's strategic management staff run computations."))
    try:
        measurement = services.measurement_compute(
            kpi=kpi, actor=request.user, period=request.POST.get("period") or None
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if measurement is None:
            messages.warning(request, _("The source has nothing to measure for that period."))
        else:
            messages.success(
                request, _("The value was computed: %(value)s.") % {"value": measurement.value}
            )
    return redirect(kpi.get_absolute_url())
