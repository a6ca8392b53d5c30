"""Budget endpoints: the same selectors (and so the same visibility) and the same services as
the pages. A chief sees and changes only their units' submissions (another unit's is 404);
lines are saved whole with ``If-Match`` (a stale ETag gets 412 and nothing changes); state
actions go through ``submission_transition``, which decides who may take them."""

import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.errors import PreconditionFailed, PreconditionRequired
from core.api.query import query_data
from governance import rights
from portfolio.budgets import permissions, selectors, services
from portfolio.budgets.choices import Action, Actor, allowed_actions
from portfolio.budgets.models import BudgetLine

from .serializers import (
    BudgetCycleDueDateSerializer,
    BudgetCycleOpenSerializer,
    BudgetCycleSerializer,
    BudgetLinesInputSerializer,
    BudgetSubmissionCreateSerializer,
    BudgetSubmissionDetailSerializer,
    BudgetSubmissionSerializer,
    BudgetTransitionInputSerializer,
    ConsolidationQuerySerializer,
)

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description="The submission's ETag as read; a stale one gets 412 and changes nothing.",
)


class BudgetCycleViewSet(viewsets.ReadOnlyModelViewSet):
    """Budget cycles (bienniums) and their submission windows: everyone signed in reads them.

    An OICT budget reviewer opens one (``POST``: the local ICT chiefs are told), moves its due
    date (``.../due-date/``) and closes it (``.../close/``), through the budget services."""

    serializer_class = BudgetCycleSerializer
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    ordering_fields = ["first_year", "opens_on"]

    def get_queryset(self):
        return selectors.cycles().order_by("-first_year", "pk")

    def _check_manager(self):
        if not permissions.can_manage_cycles(self.request.user):
            raise PermissionDenied(
                _("Only an OICT budget reviewer opens, changes and closes cycles.")
            )

    @extend_schema(request=BudgetCycleOpenSerializer, responses={201: BudgetCycleSerializer})
    def create(self, request, *args, **kwargs):
        self._check_manager()
        data = BudgetCycleOpenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cycle = _call(services.cycle_open, actor=request.user, **data.validated_data)
        return Response(BudgetCycleSerializer(cycle).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=BudgetCycleDueDateSerializer, responses={200: BudgetCycleSerializer})
    @action(detail=True, methods=["post"], url_path="due-date")
    def due_date(self, request, code=None):
        self._check_manager()
        cycle = self.get_object()
        data = BudgetCycleDueDateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cycle = _call(
            services.cycle_set_due_date,
            cycle=cycle,
            closes_on=data.validated_data["closes_on"],
            actor=request.user,
        )
        return Response(BudgetCycleSerializer(cycle).data)

    @extend_schema(request=None, responses={200: BudgetCycleSerializer})
    @action(detail=True, methods=["post"], url_path="close")
    def close(self, request, code=None):
        self._check_manager()
        cycle = _call(services.cycle_close, cycle=self.get_object(), actor=request.user)
        return Response(BudgetCycleSerializer(cycle).data)


def submission_etag(submission):
    return f'"budget-submission-{submission.pk}-v{submission.version}"'


def expected_version(request, submission):
    """The version the client read, from ``If-Match`` (``None``: whatever the version is now,
    ``*`` or, on a state action, no header; a ``PUT``/``PATCH`` without it is a 428)."""
    header = (request.headers.get("If-Match") or "").strip()
    if not header and request.method in ("PUT", "PATCH"):
        raise PreconditionRequired()
    if not header:
        return None
    if header == "*":
        return None
    for candidate in header.split(","):
        match = re.fullmatch(r'(?:W/)?"budget-submission-(\d+)-v(\d+)"', candidate.strip())
        if match and int(match[1]) == submission.pk:
            return int(match[2])
    raise PreconditionFailed()


class BudgetSubmissionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """ICT unit budget submissions the caller may see (their units', or all for OICT).

    ``POST`` starts a unit's submission for a cycle (its chief or delegates);
    ``PUT .../lines/`` replaces its lines; ``POST .../submit/``, ``resubmit/``,
    ``start-review/``, ``approve/``, ``return/`` take a state action."""

    filterset_fields = {"cycle__code": ["exact"], "state": ["exact"], "unit__code": ["exact"]}
    ordering_fields = ["id", "updated_at"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        queryset = selectors.with_total(selectors.visible_submissions(self.request.user))
        if self.detail:
            queryset = queryset.prefetch_related(
                Prefetch(
                    "lines",
                    BudgetLine.objects.select_related("initiative").order_by(
                        "year", "category", "source"
                    ),
                )
            )
        return queryset.order_by("id")

    def get_serializer_class(self):
        if self.detail:
            return BudgetSubmissionDetailSerializer
        return BudgetSubmissionSerializer

    def _detail(self, pk, *, status_code=status.HTTP_200_OK):
        """The submission as read back now, with its ETag."""
        submission = self.get_queryset().get(pk=pk)
        submission.actions = self._actions(submission)
        response = Response(BudgetSubmissionDetailSerializer(submission).data, status=status_code)
        response["ETag"] = submission_etag(submission)
        return response

    def _actions(self, submission):
        user = self.request.user
        actions = []
        if rights.can_prepare(user, submission.unit):
            actions += allowed_actions(submission.state, Actor.PREPARER)
        if permissions.can_review(user):
            actions += allowed_actions(submission.state, Actor.REVIEWER)
        return [str(a) for a in actions]

    def retrieve(self, request, *args, **kwargs):
        return self._detail(self.get_object().pk)

    @extend_schema(
        request=BudgetSubmissionCreateSerializer,
        responses={200: BudgetSubmissionDetailSerializer, 201: BudgetSubmissionDetailSerializer},
    )
    def create(self, request, *args, **kwargs):
        data = BudgetSubmissionCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        cycle, unit = data.validated_data["cycle"], data.validated_data["unit"]
        existed = (
            selectors.visible_submissions(request.user).filter(cycle=cycle, unit=unit).exists()
        )
        submission = _call(services.submission_create, cycle=cycle, unit=unit, actor=request.user)
        return self._detail(
            submission.pk, status_code=status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        )

    @extend_schema(
        request=BudgetLinesInputSerializer,
        responses=BudgetSubmissionDetailSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["put"], url_path="lines")
    def lines(self, request, pk=None):
        """Replace the submission's lines (draft or returned submissions only)."""
        submission = self.get_object()
        version = expected_version(request, submission)
        data = BudgetLinesInputSerializer(data=request.data, user=request.user)
        data.is_valid(raise_exception=True)
        lines = [
            {
                **{k: line[k] for k in ("category", "source", "year", "amount", "justification")},
                "initiative_id": line["initiative"].pk if line.get("initiative") else None,
                "project_id": line["project"].pk if line.get("project") else None,
            }
            for line in data.validated_data["lines"]
        ]
        _call(
            services.submission_save_lines,
            submission=submission,
            lines=lines,
            expected_version=version,
            actor=request.user,
        )
        return self._detail(submission.pk)

    def _transition(self, request, action_name):
        submission = self.get_object()
        version = expected_version(request, submission)
        data = BudgetTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _call(
            services.submission_transition,
            submission=submission,
            action=action_name,
            actor=request.user,
            comment=data.validated_data["comment"],
            expected_version=version,
        )
        return self._detail(submission.pk)

    @extend_schema(
        request=BudgetTransitionInputSerializer,
        responses=BudgetSubmissionDetailSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """The unit's chief or a delegate submits a draft to OICT."""
        return self._transition(request, Action.SUBMIT)

    @extend_schema(
        request=BudgetTransitionInputSerializer,
        responses=BudgetSubmissionDetailSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        """The unit resubmits a returned submission."""
        return self._transition(request, Action.RESUBMIT)

    @extend_schema(
        request=BudgetTransitionInputSerializer,
        responses=BudgetSubmissionDetailSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request, pk=None):
        """An OICT budget reviewer starts reviewing."""
        return self._transition(request, Action.START_REVIEW)

    @extend_schema(
        request=BudgetTransitionInputSerializer,
        responses=BudgetSubmissionDetailSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """An OICT budget reviewer approves; an approved submission never changes."""
        return self._transition(request, Action.APPROVE)

    @extend_schema(
        request=BudgetTransitionInputSerializer,
        responses=BudgetSubmissionDetailSerializer,
        parameters=[IF_MATCH],
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """An OICT budget reviewer returns it with comments (a comment is required)."""
        return self._transition(request, Action.RETURN)


def _call(service, **kwargs):
    """Budget services refuse with ``BudgetError`` (400) or ``ConflictError`` (a stale version:
    412); their ``RightsError`` becomes 403 in the error handler."""
    try:
        return service(**kwargs)
    except services.ConflictError as error:
        raise PreconditionFailed(str(error)) from error
    except services.BudgetError as error:
        raise DjangoValidationError(str(error)) from error


class ConsolidationView(APIView):
    """The consolidated ICT budget of a cycle (default: the current one)."""

    schema_error_codes = ("404",)  # a cycle code that does not exist

    @extend_schema(
        parameters=[ConsolidationQuerySerializer],
        responses={200: dict},
    )
    def get(self, request):
        if not permissions.can_see_consolidation(request.user):
            raise PermissionDenied(_("You may not see the consolidated ICT budget."))
        query = ConsolidationQuerySerializer(data=query_data(request))
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
