from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.exports import CSV_CONTENT_TYPE, attachment, xlsx_response
from core.tables import tables_page
from governance.rights import RightsError

from . import charts, exports, permissions, selectors, services
from .forms import ReportRequestForm
from .models import QuarterlyReport
from .tables import ReportTable, RunTable


def reader_required(view):
    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not permissions.can_read_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@reader_required
def report_list(request):
    return tables_page(
        request,
        "reports/list.html",
        {
            "reports": ReportTable(selectors.reports()),
            "runs": RunTable(selectors.runs(limit=None), prefix="runs-"),
        },
        {"can_request": permissions.can_request_reports(request.user)},
    )


@reader_required
def current_report(request, quarter):
    return redirect(selectors.get_current_report(quarter))


@reader_required
def report_detail(request, pk):
    report = selectors.get_report(pk)
    figures = report.figures
    return render(
        request,
        "reports/report.html",
        {
            "report": report,
            "figures": figures,
            "sections": exports.sections(figures),
            "charts": charts.charts(figures),
            "earlier": list(selectors.earlier_versions(report)),
            "current": None
            if report.is_current
            else QuarterlyReport.objects.without_payload()
            .filter(quarter=report.quarter, is_current=True)
            .first(),
        },
    )


@reader_required
def download_workbook(request, pk):
    report = selectors.get_report(pk)
    # The files were written through core.exports when the report was built.
    return xlsx_response(report.workbook_filename, bytes(report.workbook))


@reader_required
def download_csv_archive(request, pk):
    report = selectors.get_report(pk)
    response = HttpResponse(bytes(report.csv_archive), content_type="application/zip")
    return attachment(response, report.csv_filename)


@reader_required
def download_csv(request, pk, section):
    report = selectors.get_report(pk)
    data = exports.csv_from_archive(report.csv_archive, section)
    if data is None:
        from django.http import Http404

        raise Http404
    response = HttpResponse(data, content_type=CSV_CONTENT_TYPE)
    return attachment(response, f"portfolio-report-{report.quarter}-{section}.csv")


@login_required
@require_http_methods(["GET", "POST"])
def request_report(request):
    if not permissions.can_request_reports(request.user):
        raise PermissionDenied
    form = ReportRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = services.report_request(
                quarter=form.cleaned_data["quarter"],
                actor=request.user,
                regenerate=form.cleaned_data["regenerate"],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("quarter", message)
        except RightsError as exc:
            raise PermissionDenied(str(exc)) from exc
        else:
            if isinstance(result, QuarterlyReport):
                messages.info(
                    request,
                    _("%(quarter)s already has a report; tick “regenerate” to build a new one.")
                    % {"quarter": result.quarter},
                )
            else:
                messages.success(
                    request,
                    _("The report for %(quarter)s is being built.") % {"quarter": result.quarter},
                )
            return redirect(result)
    return render(request, "reports/request.html", {"form": form})


@reader_required
def run_detail(request, pk):
    run = selectors.get_run(pk)
    return render(request, "reports/run.html", {"run": run})


@reader_required
def run_status(request, pk):
    run = selectors.get_run(pk)
    return JsonResponse(run_status_data(run))


def run_status_data(run):
    return {
        "id": run.pk,
        "quarter": run.quarter,
        "state": run.state,
        "state_label": str(run.get_state_display()),
        "step": run.step,
        "attempts": run.attempts,
        "queued_at": run.queued_at.isoformat(),
        "started_at": run.started_at.isoformat() if run.started_at else None,
        "finished_at": run.finished_at.isoformat() if run.finished_at else None,
        "error": run.error,
        "report_url": run.report.get_absolute_url() if run.report_id else None,
    }
