"""Budget endpoints, read-only: the same selectors (and so the same visibility) as the pages."""
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from portfolio.budgets import permissions, selectors
from portfolio.budgets.models import BudgetLine

from .serializers import (
    BudgetSubmissionDetailSerializer,
    BudgetSubmissionSerializer,
    ConsolidationQuerySerializer,
)


class BudgetSubmissionViewSet(viewsets.ReadOnlyModelViewSet):
    """ICT unit budget submissions the caller may see (their units', or all for OICT)."""

    filterset_fields = {"cycle__code": ["exact"], "state": ["exact"], "unit__code": ["exact"]}
    ordering_fields = ["id", "updated_at"]

    def get_queryset(self):
        queryset = selectors.with_total(selectors.visible_submissions(self.request.user))
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("lines", BudgetLine.objects.select_related("initiative"))
            )
        return queryset.order_by("id")

    def get_serializer_class(self):
        if self.action == "retrieve":
            return BudgetSubmissionDetailSerializer
        return BudgetSubmissionSerializer


class ConsolidationView(APIView):
    """The consolidated ICT budget of a cycle (default: the current one)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("cycle", str, description="cycle code, e.g. 2026-2027"),
            OpenApiParameter("basis", str, enum=["submitted", "approved"]),
        ],
        responses={200: dict},
    )
    def get(self, request):
        if not permissions.can_see_consolidation(request.user):
            raise PermissionDenied(_("You may not see the consolidated ICT budget."))
        query = ConsolidationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        code = query.validated_data.get("cycle")
        cycle = selectors.get_cycle(code) if code else selectors.current_cycle()
        if cycle is None:
            return Response({"cycle": None})
        data = selectors.consolidation(
            cycle, basis=query.validated_data.get("basis", selectors.BASIS_SUBMITTED)
        )
        previous = data["previous_cycle"]
        return Response(
            {
                "cycle": cycle.code,
                "previous_cycle": previous.code if previous else None,
                "basis": data["basis"],
                "total": data["total"],
                "previous_total": data["previous"],
                "change": data["change"],
                "units": data["units"],
                "categories": data["categories"],
                "sources": data["sources"],
                "years": data["years"],
                "programmes": data["programmes"],
                "unlinked_total": data["unlinked_total"],
            }
        )
