from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from core import clock
from core.api.conditional import ETagMixin, ETagResponseMixin
from core.api.query import query_data
from staffing import services
from staffing.choices import CATEGORIES
from staffing.models import StaffingSnapshot
from staffing.selectors import staffing_summary, staffing_trend

from .serializers import (
    AsOfQuerySerializer,
    StaffingSnapshotInputSerializer,
    StaffingSnapshotSerializer,
    StaffingSummarySerializer,
    StaffingTrendRowSerializer,
)


class StaffingSnapshotViewSet(ETagMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """ICT headcount snapshots per unit and date; international and total are derived.

    The Annex IV figures are open to every signed-in person, as on the pages. ``POST`` reports
    a unit's headcount through ``snapshot_submit``: only the unit's chief and the chief's
    delegates may (others: 403); a second report for the same date corrects the first."""

    queryset = StaffingSnapshot.objects.select_related("unit")
    serializer_class = StaffingSnapshotSerializer
    filterset_fields = {"unit__code": ["exact"], "as_of": ["exact", "gte", "lte"]}
    ordering_fields = ["as_of", "unit__annex_iv_row"]

    @extend_schema(
        request=StaffingSnapshotInputSerializer,
        responses={200: StaffingSnapshotSerializer, 201: StaffingSnapshotSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = StaffingSnapshotInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        existed = StaffingSnapshot.objects.filter(
            unit=values["unit"], as_of=values["as_of"]
        ).exists()
        try:
            snapshot = services.snapshot_submit(
                unit=values["unit"],
                as_of=values["as_of"],
                counts={name: values[name] for name in CATEGORIES},
                actor=request.user,
                source=values.get("source", ""),
            )
        except services.StaffingError as error:
            raise DjangoValidationError(str(error)) from error
        return Response(
            StaffingSnapshotSerializer(snapshot).data,
            status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED,
        )


class StaffingSummaryView(ETagResponseMixin, APIView):
    """The Annex IV table for a date: each unit's latest snapshot on or before it, with totals."""

    @extend_schema(
        parameters=[AsOfQuerySerializer],
        responses=StaffingSummarySerializer,
    )
    def get(self, request):
        query = AsOfQuerySerializer(data=query_data(request))
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or clock.today()
        return Response(StaffingSummarySerializer(staffing_summary(as_of)).data)


class StaffingTrendView(APIView):
    """Totals by category on every snapshot date."""

    @extend_schema(responses=StaffingTrendRowSerializer(many=True))
    def get(self, request):
        return Response(StaffingTrendRowSerializer(staffing_trend(), many=True).data)
