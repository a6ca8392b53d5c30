import datetime

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from staffing.selectors import staffing_summary, staffing_trend


class AsOfSerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False, default=datetime.date(2007, 12, 31))


class StaffingSummaryView(APIView):
    """The Annex IV table for a date: each unit's latest snapshot and the totals."""

    @extend_schema(parameters=[OpenApiParameter("as_of", datetime.date)], responses={200: dict})
    def get(self, request):
        query = AsOfSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(staffing_summary(query.validated_data["as_of"]))


class StaffingTrendView(APIView):
    """Totals by category on every snapshot date."""

    @extend_schema(responses={200: dict})
    def get(self, request):
        return Response([{**row, "as_of": row["as_of"].isoformat()} for row in staffing_trend()])
