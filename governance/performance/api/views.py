"""REST endpoints of the scorecards and the service catalogue, with the pages' rights: the view
across units for the Leadership Council, OICT, the Executive Committee and REST clients (others
403); a unit's scorecard for OICT and the unit's chief (others 404); the catalogue for all."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.conditional import ETagMixin, ETagResponseMixin
from governance.performance import selectors
from governance.performance.units import can_see_across_units
from programmes.kpi_views import label_periods

from .serializers import AcrossSerializer, ScorecardSerializer, ServiceSerializer


class ScorecardAcrossView(ETagResponseMixin, APIView):
    """Each ICT unit's latest value and standing per indicator (the Leadership Council view)."""

    @extend_schema(responses=AcrossSerializer, operation_id="scorecards_across_units")
    def get(self, request):
        if not can_see_across_units(request.user):
            raise PermissionDenied(
                _(
                    "The view across ICT units is for the ICT Leadership Council, OICT and the "
                    "Executive Committee."
                )
            )
        across = selectors.across_units()
        units = []
        for row in across.rows:
            cells = []
            for (indicator, _name, _symbol), kpi in zip(
                across.indicators, row["cells"], strict=True
            ):
                cells.append(
                    {
                        "indicator": indicator,
                        "kpi": kpi.code if kpi else None,
                        "period_start": kpi.latest_period_start if kpi else None,
                        "value": kpi.latest_value if kpi else None,
                        "standing": kpi.latest_standing if kpi else None,
                    }
                )
            units.append(
                {
                    "unit": row["unit"].code,
                    "unit_name": row["unit"].name,
                    **row["counts"],
                    "cells": cells,
                }
            )
        data = {
            "indicators": [{"indicator": i, "name": n} for i, n, _s in across.indicators],
            "units": units,
        }
        return Response(AcrossSerializer(data).data)


class ScorecardView(ETagResponseMixin, APIView):
    """One ICT unit's KPIs with their last periods' values, the change and the standing."""

    @extend_schema(responses=ScorecardSerializer, operation_id="scorecards_unit")
    def get(self, request, code):
        unit = selectors.get_unit(request.user, code)
        card = selectors.scorecard(unit)
        for row in card.rows:
            label_periods(row.kpi, row.measurements)
        return Response(ScorecardSerializer(card).data)


class ServiceViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """The ICT service catalogue: each service's owner unit, the units it serves and its
    service levels with their latest measured attainment (of the KPIs you may see)."""

    serializer_class = ServiceSerializer
    lookup_field = "code"
    filterset_fields = {"owner_unit__code": ["exact"], "programme__code": ["exact"]}
    ordering_fields = ["order", "name", "code"]

    def get_queryset(self):
        return selectors.services(self.request.user)
