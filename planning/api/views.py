"""``/api/v1/planning/``: scenarios, their comparison and the efficient frontier, through the
same selectors and services as the pages."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from core import clock
from core.api.conditional import ETagResponseMixin
from core.api.query import query_data
from portfolio.models import Project
from programmes.models import Programme

from .. import permissions, selectors, services
from ..frontier import portfolio_frontier
from ..models import Scenario
from ..views import parse_compare_ids
from . import serializers as s


def _check_reader(user):
    if not permissions.can_read_plans(user):
        raise PermissionDenied(
            "Only planners and the Executive Committee's members read scenarios."
        )


class ScenarioViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Scenarios the user may see; ``POST`` creates one (PMO, CITO). A scenario's page gives
    its figures: costs per programme and year against the envelopes, value score, risk and
    each project's choice."""

    serializer_class = s.ScenarioSerializer
    lookup_value_regex = "[0-9]+"
    ordering_fields = ["id", "name", "number", "updated_at"]
    filterset_fields = ["state", "name"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Scenario.objects.none()
        _check_reader(self.request.user)
        return selectors.scenarios_visible_to(self.request.user)

    @extend_schema(responses=s.FiguresSerializer)
    def retrieve(self, request, *args, **kwargs):
        _check_reader(request.user)
        scenario = selectors.scenario_with_lines(request.user, kwargs["pk"])
        return Response(s.FiguresSerializer(selectors.figures(scenario)).data)

    @extend_schema(request=s.ScenarioCreateSerializer, responses={201: s.ScenarioSerializer})
    def create(self, request):
        _check_reader(request.user)
        data = s.ScenarioCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        scenario = services.scenario_create(actor=request.user, **data.validated_data)
        return Response(s.ScenarioSerializer(scenario).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ChoiceSerializer, responses=s.FiguresSerializer)
    @action(detail=True, methods=["post"])
    def choices(self, request, pk=None):
        _check_reader(request.user)
        scenario = selectors.get_scenario(request.user, pk)
        data = s.ChoiceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        project = Project.objects.filter(pk=data.validated_data["project"]).first()
        if project is None:
            raise ValidationError({"project": "No such project."})
        services.scenario_choice_set(
            scenario=scenario,
            actor=request.user,
            project=project,
            choice=data.validated_data["choice"],
            phase_percent=data.validated_data.get("phase_percent"),
            priority=data.validated_data.get("priority"),
        )
        return Response(
            s.FiguresSerializer(
                selectors.figures(selectors.scenario_with_lines(request.user, pk))
            ).data
        )

    @extend_schema(request=s.EnvelopeSerializer, responses=s.FiguresSerializer)
    @action(detail=True, methods=["post"])
    def envelopes(self, request, pk=None):
        _check_reader(request.user)
        scenario = selectors.get_scenario(request.user, pk)
        data = s.EnvelopeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        programme = Programme.objects.filter(code=data.validated_data["programme"]).first()
        if programme is None:
            raise ValidationError({"programme": "No such programme."})
        services.scenario_envelope_set(
            scenario=scenario,
            actor=request.user,
            programme=programme,
            year=data.validated_data["year"],
            amount=data.validated_data["amount"],
        )
        return Response(
            s.FiguresSerializer(
                selectors.figures(selectors.scenario_with_lines(request.user, pk))
            ).data
        )


class CompareView(ETagResponseMixin, APIView):
    """Up to four scenarios side by side (their totals, without the project lines)."""

    # a scenario named in ``ids`` that does not exist or that the reader may not see
    schema_error_codes = ("404",)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "ids",
                str,
                description="scenario ids, comma-separated",
                pattern=r"^ *[0-9]+ *(, *[0-9]+ *)*$",
                required=True,
            )
        ],
        responses=s.SummarySerializer(many=True),
    )
    def get(self, request):
        _check_reader(request.user)
        ids = parse_compare_ids(request.query_params.get("ids", ""))
        if not ids:
            raise ValidationError({"ids": [_("Scenarios are named by their numbers.")]})
        scenarios = list(selectors.scenarios_visible_to(request.user).filter(pk__in=ids))
        if len(scenarios) != len(ids):
            raise Http404
        compared = selectors.comparison(scenarios)
        order = {pk: index for index, pk in enumerate(ids)}
        compared.sort(key=lambda f: order[f.scenario.pk])
        return Response(s.SummarySerializer(compared, many=True).data)


class FrontierView(ETagResponseMixin, APIView):
    """The efficient frontier (PMO, CITO): for each budget of the range, the set of projects
    of greatest value score within the budget, the envelopes and the dependencies."""

    @extend_schema(parameters=[s.FrontierQuerySerializer], responses=s.FrontierSerializer)
    def get(self, request):
        if not permissions.can_plan(request.user):
            raise PermissionDenied("Only the PMO and the CITO run the frontier.")
        query = s.FrontierQuerySerializer(data=query_data(request))
        query.is_valid(raise_exception=True)
        data = query.validated_data
        year = clock.today().year
        first = data.get("first_year") or year
        last = data.get("last_year") or first + 2
        if last < first or last - first >= 10:
            raise ValidationError({"last_year": "Up to ten years, after the first."})
        result = portfolio_frontier(
            first_year=first,
            last_year=last,
            low=data.get("low"),
            high=data.get("high"),
            steps=data["steps"],
        )
        return Response(s.FrontierSerializer(result).data)


class EnvelopeTableView(ETagResponseMixin, APIView):
    """The rebalancing page's table (planners and the Executive Committee's members): per
    programme and year, the envelope in force and the decision that set it, the money
    committed (approved and in-delivery projects), the money awaiting a decision, the
    headroom (negative: a shortfall); and the rebalancings before the committee."""

    @extend_schema(parameters=[s.EnvelopeTableQuerySerializer], responses=s.EnvelopeTableSerializer)
    def get(self, request):
        _check_reader(request.user)
        query = s.EnvelopeTableQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        first = query.validated_data.get("first_year")
        last = query.validated_data.get("last_year")
        year = clock.today().year
        if first is None:
            first, last = (year, year + 2) if last is None else (last, last)
        elif last is None:
            last = first
        years = list(range(first, last + 1))
        return Response(s.EnvelopeTableSerializer(selectors.envelope_table(years)).data)
