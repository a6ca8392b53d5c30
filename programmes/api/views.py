"""The strategy's REST endpoints: programmes, initiatives, priority areas (reference data),
KPIs and their measurements, and the implementation plan. Writes call ``programmes.services``;
their refusals become 403 (rights) and 400 (field messages) in the API's one error format."""

import django_filters
from django.db import transaction
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from core import clock
from core.api.conditional import ETagMixin, etag_for
from programmes import selectors, services
from programmes.choices import CLOSED_PLAN_STATUSES
from programmes.models import (
    Initiative,
    Measurement,
    PlanEvidence,
    PlanItem,
    PriorityArea,
    Programme,
)

from .serializers import (
    ComputeInputSerializer,
    InitiativeSerializer,
    KpiSerializer,
    MeasurementInputSerializer,
    MeasurementSerializer,
    PlanEvidenceInputSerializer,
    PlanEvidenceSerializer,
    PlanItemSerializer,
    PlanItemUpdateSerializer,
    PriorityAreaSerializer,
    ProgrammeSerializer,
)


class ProgrammeViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """The three strategic programmes with their objectives and initiatives (reference data)."""

    queryset = Programme.objects.prefetch_related("objectives", "initiatives", "builds_on")
    serializer_class = ProgrammeSerializer
    lookup_field = "code"
    ordering_fields = ["order", "name"]


class InitiativeViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """The 29 initiatives of Tables 1-3 with their descriptions, filterable by programme and
    timeframe."""

    queryset = Initiative.objects.select_related("programme")
    serializer_class = InitiativeSerializer
    filterset_fields = {"programme__code": ["exact"], "timeframe": ["exact"]}
    ordering_fields = ["order", "name", "timeframe", "priority_rank"]


class PriorityAreaViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    queryset = PriorityArea.objects.all()
    serializer_class = PriorityAreaSerializer
    lookup_field = "code"


# --------------------------------------------------------------------------- KPIs
class KpiViewSet(
    ETagMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """KPIs with their latest measurement. Everyone signed in reads the organisation's and the
    programmes' KPIs; an ICT unit's only OICT and the unit's chief (others: 404). OICT's
    strategic management staff (PMO, CITO) create and change KPIs (others: 403); ``PUT`` and
    ``PATCH`` honour ``If-Match``. ``POST /kpis/{code}/compute/`` computes a computed KPI for a
    period (default: the last ended one)."""

    serializer_class = KpiSerializer
    lookup_field = "code"
    filterset_fields = {
        "owner_kind": ["exact"],
        "programme__code": ["exact"],
        "owner_unit": ["exact"],
        "indicator": ["exact"],
        "source": ["exact"],
        "frequency": ["exact"],
        "active": ["exact"],
    }
    ordering_fields = ["code", "order", "name"]

    def get_queryset(self):
        return selectors.with_latest(
            selectors.kpis_visible_to(self.request.user).select_related(
                "programme", "priority_area"
            )
        ).order_by("owner_kind", "programme__order", "owner_unit", "order", "code")

    def _annotated(self, kpi):
        return self.get_queryset().get(pk=kpi.pk)

    def perform_create(self, serializer):
        values = dict(serializer.validated_data)
        code = values.pop("code")
        kpi = services.kpi_create(actor=self.request.user, code=code, **values)
        serializer.instance = self._annotated(kpi)

    def perform_update(self, serializer):
        kpi = services.kpi_update(
            kpi=serializer.instance, actor=self.request.user, **serializer.validated_data
        )
        serializer.instance = self._annotated(kpi)

    def create(self, request, *args, **kwargs):
        with transaction.atomic():
            response = super().create(request, *args, **kwargs)
        response["ETag"] = etag_for(response.data)
        return response

    @extend_schema(request=ComputeInputSerializer, responses={200: MeasurementSerializer})
    @action(detail=True, methods=["post"], url_path="compute")
    def compute(self, request, code=None):
        kpi = self.get_object()
        data = ComputeInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        measurement = services.measurement_compute(
            kpi=kpi, actor=request.user, period=data.validated_data.get("period")
        )
        if measurement is None:
            raise NotFound("The source has nothing to measure for that period.")
        return Response(MeasurementSerializer(measurement).data)


class MeasurementFilter(django_filters.FilterSet):
    kpi = django_filters.CharFilter(field_name="kpi__code")
    owner_kind = django_filters.CharFilter(field_name="kpi__owner_kind")
    owner_unit = django_filters.CharFilter(field_name="kpi__owner_unit")
    programme = django_filters.CharFilter(field_name="kpi__programme__code")

    class Meta:
        model = Measurement
        fields = {
            "period_start": ["exact", "gte", "lte"],
            "standing": ["exact"],
            "origin": ["exact"],
        }


class MeasurementViewSet(ETagMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """KPI values per period, of the KPIs you may see. ``POST`` enters a hand-entered KPI's
    value for a period (``{"kpi", "period", "value", "note"}``): 201, or 200 when it corrects
    the period's value; a value outside the KPI's range is refused (400, with the range)."""

    serializer_class = MeasurementSerializer
    filterset_class = MeasurementFilter
    ordering_fields = ["period_start", "recorded_at", "value"]

    def get_queryset(self):
        return (
            selectors.measurements_visible_to(self.request.user)
            .select_related("recorded_by")
            .order_by("kpi__code", "-period_start")
        )

    @extend_schema(
        request=MeasurementInputSerializer,
        responses={200: MeasurementSerializer, 201: MeasurementSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = MeasurementInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        kpi = selectors.kpis_visible_to(request.user).filter(code=values["kpi"]).first()
        if kpi is None:
            raise NotFound("No KPI with this code that you may see.")
        existed = Measurement.objects.filter(
            kpi=kpi, period_start=_period_start(kpi, values["period"])
        ).exists()
        measurement = services.measurement_record(
            kpi=kpi,
            period=values["period"],
            value=values["value"],
            note=values["note"],
            actor=request.user,
        )
        body = MeasurementSerializer(measurement).data
        response = Response(body, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED)
        response["ETag"] = etag_for(body)
        return response


def _period_start(kpi, label):
    from programmes.periods import Period

    try:
        return Period.parse(kpi.frequency, label).start
    except ValueError:
        return None


# --------------------------------------------------------------------------- implementation plan
class PlanItemFilter(django_filters.FilterSet):
    overdue = django_filters.BooleanFilter(method="filter_overdue")

    class Meta:
        model = PlanItem
        fields = {"phase": ["exact"], "status": ["exact"], "due": ["gte", "lte"]}

    def filter_overdue(self, queryset, name, value):
        late = queryset.exclude(status__in=CLOSED_PLAN_STATUSES).filter(due__lt=clock.today())
        return late if value else queryset.exclude(pk__in=late.values("pk"))


class PlanItemViewSet(ETagMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The strategy's implementation plan (Table 4, paras 49, 70-71) with status, evidence and
    an overdue flag. OICT's strategic management staff change an item's status, note and
    completion date (``PATCH``, honouring ``If-Match``) and add evidence
    (``POST /implementation-plan/{code}/evidence/``); done needs evidence first."""

    serializer_class = PlanItemSerializer
    lookup_field = "code"
    filterset_class = PlanItemFilter
    ordering_fields = ["order", "due", "phase"]

    def get_queryset(self):
        return PlanItem.objects.prefetch_related(
            Prefetch("evidence", queryset=PlanEvidence.objects.select_related("added_by"))
        ).order_by("phase", "order")

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": clock.today()}

    @extend_schema(request=PlanItemUpdateSerializer, responses={200: PlanItemSerializer})
    def update(self, request, *args, **kwargs):
        return super().update(request, *args, **kwargs)

    @extend_schema(request=PlanItemUpdateSerializer, responses={200: PlanItemSerializer})
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    def perform_update(self, serializer):
        item = serializer.instance
        values = serializer.validated_data
        updated = services.plan_item_update(
            item=item,
            actor=self.request.user,
            status=values.get("status", item.status),
            note=values.get("status_note", item.status_note),
            completed_on=values.get("completed_on", item.completed_on),
        )
        serializer.instance = self.get_queryset().get(pk=updated.pk)

    @extend_schema(request=PlanEvidenceInputSerializer, responses={201: PlanEvidenceSerializer})
    @action(detail=True, methods=["post"], url_path="evidence")
    def add_evidence(self, request, code=None):
        item = self.get_object()
        data = PlanEvidenceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        evidence = services.plan_evidence_add(item=item, actor=request.user, **data.validated_data)
        return Response(PlanEvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)
