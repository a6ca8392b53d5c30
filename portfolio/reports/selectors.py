"""Reads of reports and runs, for those who may read reports (others get 403 from views)."""

from django.http import Http404

from .models import QuarterlyReport, ReportRun


def reports():
    """Every report, newest quarter first, without the figures and files."""
    return QuarterlyReport.objects.without_payload().order_by("-quarter", "-generated_at", "-pk")


def current_reports():
    return reports().filter(is_current=True)


def get_report(pk):
    report = QuarterlyReport.objects.filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def get_current_report(quarter):
    report = QuarterlyReport.objects.filter(quarter=quarter, is_current=True).first()
    if report is None:
        raise Http404
    return report


def runs(limit=20):
    """The latest ``limit`` runs (all of them, for a paginated table, with ``limit=None``)."""
    queryset = (
        ReportRun.objects.select_related("requested_by", "report")
        .defer("report__figures", "report__workbook", "report__csv_archive")
        .order_by("-queued_at", "-pk")
    )
    return queryset if limit is None else queryset[:limit]


def get_run(pk):
    run = ReportRun.objects.select_related("requested_by").filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def earlier_versions(report):
    return reports().filter(quarter=report.quarter).exclude(pk=report.pk)
