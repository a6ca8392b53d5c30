from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from governance.api.conditional import ETagMixin, ETagResponseMixin
from staffing.models import StaffingSnapshot
from staffing.selectors import staffing_summary

from .serializers import AsOfQuerySerializer, StaffingSnapshotSerializer, StaffingSummarySerializer


class StaffingSnapshotViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """ICT headcount snapshots per unit and date; international and total are derived."""

    queryset = StaffingSnapshot.objects.select_related("unit")
    serializer_class = StaffingSnapshotSerializer
    filterset_fields = {"unit__code": ["exact"], "as_of": ["exact", "gte", "lte"]}
    ordering_fields = ["as_of", "unit__annex_iv_row"]


class StaffingSummaryView(ETagResponseMixin, APIView):
    """The Annex IV table for a date: each unit's latest snapshot on or before it, with totals."""

    @extend_schema(
        parameters=[OpenApiParameter("as_of", str, description="YYYY-MM-DD; default today")],
        responses=StaffingSummarySerializer,
    )
    def get(self, request):
        query = AsOfQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or timezone.localdate()
        return Response(StaffingSummarySerializer(staffing_summary(as_of)).data)
