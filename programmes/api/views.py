from rest_framework import viewsets

from governance.api.conditional import ETagMixin
from programmes.models import Initiative, PriorityArea, Programme

from .serializers import InitiativeSerializer, PriorityAreaSerializer, ProgrammeSerializer


class ProgrammeViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """The three strategic programmes with their objectives and initiatives (reference data)."""

    queryset = Programme.objects.prefetch_related("objectives", "initiatives", "builds_on")
    serializer_class = ProgrammeSerializer
    lookup_field = "code"
    ordering_fields = ["order", "name"]


class InitiativeViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """The 29 initiatives of Tables 1-3, filterable by programme and timeframe."""

    queryset = Initiative.objects.select_related("programme")
    serializer_class = InitiativeSerializer
    filterset_fields = {"programme__code": ["exact"], "timeframe": ["exact"]}
    ordering_fields = ["order", "name", "timeframe"]


class PriorityAreaViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    queryset = PriorityArea.objects.all()
    serializer_class = PriorityAreaSerializer
    lookup_field = "code"
