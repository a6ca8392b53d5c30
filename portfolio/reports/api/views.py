from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.response import Response
from rest_framework.settings import api_settings

from governance.api.conditional import ETagMixin

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
