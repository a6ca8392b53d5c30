from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from core.api.conditional import ETagMixin
from core.api.files import file_renderer
from core.exports import XLSX_CONTENT_TYPE, attachment, xlsx_response

from .. import permissions as report_permissions
from .. import selectors, services
from ..models import QuarterlyReport
from .serializers import (
    QuarterlyReportDetailSerializer,
    QuarterlyReportSerializer,
    ReportRequestSerializer,
    ReportRunSerializer,
)


class CanReadReports(permissions.BasePermission):
    message = _("You may not read quarterly reports.")

    def has_permission(self, request, view):
        return report_permissions.can_read_reports(request.user)


@extend_schema_view(
    list=extend_schema(summary="Quarterly portfolio reports (current and superseded)"),
    retrieve=extend_schema(summary="A quarter's current report: its figures and file links"),
)
class QuarterlyReportViewSet(
    ETagMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The PMO's quarterly portfolio reports for the Executive Committee.

    POST asks for a quarter's report (PMO only): 200 with the current report if the quarter
    has one and ``regenerate`` is false, else 202 with the run that builds it.
    """

    # The defaults (authenticated, read-only tokens only read) and the readers' gate.
    permission_classes = [*api_settings.DEFAULT_PERMISSION_CLASSES, CanReadReports]
    lookup_field = "quarter"
    lookup_value_regex = r"\d{4}-Q[1-4]"
    filterset_fields = {"quarter": ["exact"], "is_current": ["exact"]}
    ordering_fields = ["quarter", "generated_at"]

    def get_queryset(self):
        if self.action == "retrieve":
            return QuarterlyReport.objects.current()
        return selectors.reports()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return QuarterlyReportDetailSerializer
        if self.action == "create":
            return ReportRequestSerializer
        return QuarterlyReportSerializer

    @extend_schema(
        request=ReportRequestSerializer,
        responses={
            200: OpenApiResponse(
                QuarterlyReportSerializer, description="The quarter already has a current report."
            ),
            202: OpenApiResponse(ReportRunSerializer, description="A run builds the report."),
        },
        summary="Ask for a quarter's report (PMO)",
    )
    def create(self, request):
        query = ReportRequestSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        result = services.report_request(
            quarter=query.validated_data["quarter"],
            actor=request.user,
            regenerate=query.validated_data["regenerate"],
        )
        context = {"request": request}
        if isinstance(result, QuarterlyReport):
            return Response(QuarterlyReportSerializer(result, context=context).data)
        result.refresh_from_db()
        return Response(
            ReportRunSerializer(result, context=context).data, status=status.HTTP_202_ACCEPTED
        )


class _ReportFile(APIView):
    """A report's file, fetched with the client's API token (or session)."""

    permission_classes = [*api_settings.DEFAULT_PERMISSION_CLASSES, CanReadReports]

    def get_report(self, pk):
        return selectors.get_report(pk)

    def handle_exception(self, exc):
        # A refusal or a missing report is answered in the API's JSON error format, whatever
        # file type the client asked for.
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response


class ReportWorkbookView(_ReportFile):
    """The report's XLSX workbook (every section, money formatted)."""

    renderer_classes = [file_renderer(XLSX_CONTENT_TYPE, "xlsx"), JSONRenderer]

    @extend_schema(
        summary="A report's XLSX workbook",
        responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY},
    )
    def get(self, request, pk):
        report = self.get_report(pk)
        return xlsx_response(report.workbook_filename, bytes(report.workbook))


class ReportCsvArchiveView(_ReportFile):
    """The report's sections as CSV files in one ZIP archive."""

    renderer_classes = [file_renderer("application/zip", "zip"), JSONRenderer]

    @extend_schema(
        summary="A report's CSV files (ZIP)",
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
    )
    def get(self, request, pk):
        report = self.get_report(pk)
        response = HttpResponse(bytes(report.csv_archive), content_type="application/zip")
        return attachment(response, report.csv_filename)
