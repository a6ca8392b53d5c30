"""Portfolio endpoints. Reads go through ``portfolio.selectors`` (what the user may not see is a
404); writes and transitions through ``portfolio.services``, the same functions the pages call.

Every check is the services': a refusal of the person (``PortfolioPermissionError``,
``governance.rights.RightsError``) is a 403 with the rule's message and a refusal of the
request (``PortfolioError``: an illegal transition, bad input) a 400 with field messages
(``core.api.errors``). The views only render what the services decide.
"""

import datetime

from django.db import transaction
from django.db.models import Max, OuterRef, Prefetch, Subquery
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.conditional import ETagMixin, ETagResponseMixin, etag_for
from core.api.errors import Conflict
from core.api.query import query_data
from core.imports import ImportFileError, read_table

from .. import assets, permissions, selectors, services
from ..choices import COMMITTEE, TRANSITIONS_BY_ACTION
from ..models import BusinessCase, Project, StatusReport
from ..overlap import find_overlaps
from . import serializers as s
from .filtersets import (
    AssetFilterSet,
    BusinessCaseFilterSet,
    ProjectFilterSet,
    StatusReportFilterSet,
)
from .status import portfolio_status, projects_as_of

CASE_ROWS = ("costlines", "benefitlines", "risks", "fundingsources")


def _case_versions():
    return Prefetch(
        "business_cases",
        queryset=BusinessCase.objects.only(
            "id", "project_id", "number", "frozen_at", "created_at", "created_by_id"
        ).order_by("number"),
    )


def _full_cases():
    return Prefetch(
        "business_cases",
        queryset=BusinessCase.objects.select_related(
            "programme", "initiative", "sponsoring_unit", "created_by"
        )
        .prefetch_related(*CASE_ROWS)
        .order_by("number"),
    )


# --- portfolio status -----------------------------------------------------------------------
class AsOfQuerySerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False)

    # Bounded so that the day after, and the month before, stay representable.
    EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2999, 12, 31)

    def validate_as_of(self, value):
        if not self.EARLIEST <= value <= self.LATEST:
            raise serializers.ValidationError(
                _("Give a date between %(earliest)s and %(latest)s.")
                % {"earliest": self.EARLIEST, "latest": self.LATEST}
            )
        return value


class GroupSerializer(serializers.Serializer):
    programme = serializers.CharField()
    programme_name = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    rag = serializers.CharField(allow_null=True)
    rag_label = serializers.CharField(allow_null=True)
    count = serializers.IntegerField()
    cost = serializers.DecimalField(max_digits=16, decimal_places=2)


class TotalsSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    cost = serializers.DecimalField(max_digits=16, decimal_places=2)


class PendingProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    state = serializers.CharField()
    since = serializers.DateTimeField(allow_null=True)


class AwaitingSerializer(serializers.Serializer):
    body = serializers.CharField()
    body_name = serializers.CharField()
    projects = PendingProjectSerializer(many=True)


class OverdueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    programme = serializers.CharField()
    last_report_period = serializers.DateField(allow_null=True)
    due_period = serializers.DateField()


class PortfolioStatusSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    totals = TotalsSerializer()
    groups = GroupSerializer(many=True)
    awaiting_decision = AwaitingSerializer(many=True)
    overdue_status_reports = OverdueSerializer(many=True)


class PortfolioStatusView(ETagResponseMixin, APIView):
    """The portfolio the user may see, now or as of a date (from the transition history and
    the status reports filed by then): counts and costs by programme x state x RAG, projects
    awaiting each body's decision, projects with an overdue status report."""

    @extend_schema(
        parameters=[AsOfQuerySerializer],
        responses=PortfolioStatusSerializer,
    )
    def get(self, request):
        query = AsOfQuerySerializer(data=query_data(request))
        query.is_valid(raise_exception=True)
        data = portfolio_status(request.user, query.validated_data.get("as_of"))
        return Response(PortfolioStatusSerializer(data).data)


# --- projects -------------------------------------------------------------------------------
class ProjectViewSet(
    ETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Projects the user may see. ``POST`` drafts a proposal; ``PUT``/``PATCH`` edit the draft
    (or returned) business case, with ``If-Match`` to refuse a stale edit (412)."""

    filterset_class = ProjectFilterSet
    lookup_value_regex = "[0-9]+"
    ordering_fields = ["id", "title", "state", "total_cost", "created_at", "updated_at"]
    ordering = ["-created_at", "-id"]

    def get_queryset(self):
        projects = (
            projects_as_of(self.request.user)
            .select_related(
                "programme", "initiative", "sponsoring_unit", "proponent", "project_manager"
            )
            .annotate(
                case_version=Subquery(
                    BusinessCase.objects.filter(project=OuterRef("pk"))
                    .values("project")
                    .annotate(n=Max("number"))
                    .values("n")[:1]
                )
            )
        )
        if self.action == "list":
            return projects
        return projects.prefetch_related(_full_cases())

    def list(self, request, *args, **kwargs):
        # The rows come from values() (ProjectRows): the same JSON as ProjectSerializer.
        records = self.filter_queryset(self.get_queryset()).values(*s.ProjectRows.values())
        page = self.paginate_queryset(records)
        return self.get_paginated_response(s.ProjectRows().rows(page))

    def get_serializer_class(self):
        if self.action == "list":
            return s.ProjectSerializer
        if self.action == "create":
            return s.ProjectCreateSerializer
        if self.action in ("update", "partial_update"):
            return s.ProjectUpdateSerializer
        return s.ProjectDetailSerializer

    def current_etag(self, instance):
        return etag_for(
            s.ProjectDetailSerializer(instance, context=self.get_serializer_context()).data
        )

    def _detail(self, pk):
        return self.get_queryset().get(pk=pk)

    def _respond(self, project, status_code=status.HTTP_200_OK):
        data = s.ProjectDetailSerializer(project, context=self.get_serializer_context()).data
        response = Response(data, status=status_code)
        response["ETag"] = etag_for(data)
        return response

    @extend_schema(request=s.ProjectCreateSerializer, responses={201: s.ProjectDetailSerializer})
    def create(self, request, *args, **kwargs):
        serializer = s.ProjectCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        project = services.project_create(actor=request.user, **serializer.validated_data)
        return self._respond(self._detail(project.pk), status.HTTP_201_CREATED)

    @extend_schema(request=s.ProjectUpdateSerializer, responses=s.ProjectDetailSerializer)
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        project = self.get_object()
        with transaction.atomic():
            Project.objects.select_for_update().get(pk=project.pk)
            project = self._detail(project.pk)
            self.check_if_match(project)
            serializer = s.ProjectUpdateSerializer(
                instance=project, data=request.data, partial=partial
            )
            serializer.is_valid(raise_exception=True)
            services.business_case_save(
                project=project,
                actor=request.user,
                token=services.case_token(project.current_case()),
                **serializer.service_arguments(),
            )
        return self._respond(self._detail(project.pk))

    @extend_schema(request=s.ProjectUpdateSerializer, responses=s.ProjectDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        return super().partial_update(request, *args, **kwargs)

    @extend_schema(
        request=None,
        responses=s.OverlapSerializer(many=True),
        description="Projects the user may see that may duplicate this one, best first, each "
        "with its score and the reasons (initiative, sponsoring unit, title, problem, summary "
        "and scope, cost lines), as on the PMO review page.",
    )
    @action(
        detail=True,
        methods=["get"],
        url_path="overlaps",
        filterset_class=None,
        pagination_class=None,
    )
    def overlaps(self, request, pk=None):
        project = selectors.get_project(request.user, pk)
        found = find_overlaps(project, visible=selectors.projects_visible_to(request.user))
        return Response(
            s.OverlapSerializer(
                [
                    {
                        "project": {
                            "id": o.project.pk,
                            "reference": o.project.reference,
                            "title": o.project.title,
                            "state": o.project.state,
                        },
                        "score": o.score,
                        "reasons": [str(r) for r in o.reasons],
                    }
                    for o in found
                ],
                many=True,
            ).data
        )

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=s.TransitionSerializer(many=True),
        description="The actions this user may take on the project now (as on its page).",
    )
    @extend_schema(
        methods=["POST"],
        request=s.TransitionRequestSerializer,
        responses=s.ProjectDetailSerializer,
        description="Take one action. Committee actions are governance decisions: they are "
        "recorded through the body's meeting or written procedure, not here.",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="transitions",
        filterset_class=None,
        pagination_class=None,
    )
    def transitions(self, request, pk=None):
        project = selectors.get_project(request.user, pk)
        if request.method == "GET":
            return Response(
                s.TransitionSerializer(
                    [
                        {
                            "action": t.action,
                            "label": str(t.label),
                            "target": t.target,
                            "needs_reason": t.needs_reason,
                            "committee": t.who == COMMITTEE,
                        }
                        for t in services.available_actions(request.user, project)
                    ],
                    many=True,
                ).data
            )
        serializer = s.TransitionRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        self._take(request.user, project, serializer.validated_data)
        return self._respond(self._detail(project.pk))

    def _take(self, user, project, data):
        t = TRANSITIONS_BY_ACTION.get(data["action"])
        if t is None:
            raise serializers.ValidationError(
                {
                    "action": [
                        _("Unknown action “%(action)s”. Choose one of: %(actions)s.")
                        % {"action": data["action"], "actions": ", ".join(TRANSITIONS_BY_ACTION)}
                    ]
                }
            )
        state = project.state
        extra = {}
        if "checklist" in data:
            extra["checklist"] = dict(data["checklist"])
        if data.get("project_manager") is not None:
            extra["project_manager"] = data["project_manager"]
        try:
            services.project_transition(
                project=project, action=t.action, actor=user, reason=data["comment"], **extra
            )
        except services.PortfolioPermissionError:
            raise
        except services.PortfolioError:
            now = Project.objects.filter(pk=project.pk).values_list("state", flat=True).first()
            if now != state:
                raise Conflict(
                    _(
                        "The project changed while your request ran: it is now “%(state)s”. "
                        "Read it again before acting."
                    )
                    % {"state": now}
                ) from None
            raise


# --- business cases -------------------------------------------------------------------------
class BusinessCaseViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """Each visible project's business case and its versions (``id`` is the project's id);
    ``versions/{number}/`` is one version with its costs, benefits, risks and funding."""

    serializer_class = s.BusinessCaseSerializer
    filterset_class = BusinessCaseFilterSet
    lookup_value_regex = "[0-9]+"
    ordering_fields = ["id", "title", "updated_at"]
    ordering = ["-id"]

    def get_queryset(self):
        return selectors.projects_visible_to(self.request.user).prefetch_related(_case_versions())

    @extend_schema(responses=s.BusinessCaseVersionSerializer, filters=False)
    @action(
        detail=True,
        methods=["get"],
        url_path=r"versions/(?P<number>[0-9]+)",
        filterset_class=None,
        pagination_class=None,
    )
    def version(self, request, pk=None, number=None):
        project = selectors.get_project(request.user, pk)
        case = selectors.get_case(project, int(number), user=request.user)
        data = s.BusinessCaseVersionSerializer(case).data
        response = Response(data)
        response["ETag"] = etag_for(data)
        return response


# --- status reports -------------------------------------------------------------------------
class StatusReportViewSet(
    ETagMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Monthly status reports of the projects the user may see; the project manager (or the
    PMO) files one with ``POST``."""

    filterset_class = StatusReportFilterSet
    lookup_value_regex = "[0-9]+"
    ordering_fields = ["period", "created_at", "id"]
    ordering = ["-period", "-id"]

    def get_queryset(self):
        return StatusReport.objects.filter(
            project__in=selectors.projects_visible_to(self.request.user)
        ).select_related("project", "author")

    def get_serializer_class(self):
        if self.action == "create":
            return s.StatusReportCreateSerializer
        return s.StatusReportSerializer

    @extend_schema(
        request=s.StatusReportCreateSerializer, responses={201: s.StatusReportSerializer}
    )
    def create(self, request, *args, **kwargs):
        serializer = s.StatusReportCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        project = selectors.get_project(request.user, data.pop("project"))
        report = services.status_report_file(project=project, actor=request.user, **data)
        return Response(
            s.StatusReportSerializer(self.get_queryset().get(pk=report.pk)).data,
            status=status.HTTP_201_CREATED,
        )


# --- assets ---------------------------------------------------------------------------------
class AssetViewSet(ETagMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The ICT asset inventory: everyone signed in reads it; the PMO keeps it.

    ``POST`` adds an asset, ``PATCH`` edits one (with ``If-Match``: a stale ETag gets 412),
    ``.../retire/`` takes it out of service for good, ``POST /assets/import/`` checks (and, with
    ``dry_run=false``, writes) a CSV or XLSX file: a file with any bad row is refused whole,
    each bad line named, and nothing is written. All through ``portfolio.assets``, as on the
    pages."""

    serializer_class = s.AssetSerializer
    filterset_class = AssetFilterSet
    lookup_value_regex = "[0-9]+"
    ordering_fields = ["name", "annual_running_cost", "id"]
    ordering = ["name", "id"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.assets_visible_to(self.request.user)

    def _check_manager(self):
        if not permissions.can_manage_assets(self.request.user):
            raise services.PortfolioPermissionError(
                _("Only the PMO keeps the ICT asset inventory.")
            )

    def _asset_response(self, asset, status_code=status.HTTP_200_OK):
        data = s.AssetSerializer(self.get_queryset().get(pk=asset.pk)).data
        response = Response(data, status=status_code)
        response["ETag"] = etag_for(data)
        return response

    @extend_schema(request=s.AssetInputSerializer, responses={201: s.AssetSerializer})
    def create(self, request, *args, **kwargs):
        self._check_manager()
        data = s.AssetInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        asset = assets.asset_create(actor=request.user, **data.validated_data)
        return self._asset_response(asset, status.HTTP_201_CREATED)

    @extend_schema(request=s.AssetInputSerializer, responses={200: s.AssetSerializer})
    def update(self, request, *args, **kwargs):
        self._check_manager()
        with transaction.atomic():
            asset = self.get_object()
            type(asset).objects.select_for_update().get(pk=asset.pk)  # the lock
            # compared with the representation read (the ETag covers the project count too)
            self.check_if_match(self.get_queryset().get(pk=asset.pk))
            data = s.AssetInputSerializer(data=request.data, partial=True)
            data.is_valid(raise_exception=True)
            values = dict(data.validated_data)
            if values.pop("code", asset.code) != asset.code:
                raise serializers.ValidationError(
                    {"code": [_("An asset keeps its inventory code.")]}
                )
            asset = assets.asset_update(asset=asset, actor=request.user, **values)
        return self._asset_response(asset)

    @extend_schema(request=s.AssetRetireInputSerializer, responses={200: s.AssetSerializer})
    @action(detail=True, methods=["post"], url_path="retire")
    def retire(self, request, pk=None):
        self._check_manager()
        asset = self.get_object()
        data = s.AssetRetireInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        asset = assets.asset_retire(
            asset=asset,
            actor=request.user,
            reason=data.validated_data["reason"],
            retired_on=data.validated_data["retired_on"],
        )
        return self._asset_response(asset)

    @extend_schema(
        request={"multipart/form-data": s.AssetImportInputSerializer},
        responses={200: s.ImportReportSerializer, 201: s.ImportReportSerializer},
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_file(self, request):
        self._check_manager()
        data = s.AssetImportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            rows = read_table(data.validated_data["file"])
            report = assets.assets_import(
                rows=rows, actor=request.user, dry_run=data.validated_data["dry_run"]
            )
        except ImportFileError as error:
            raise serializers.ValidationError({"file": [str(error)]}) from error
        if report.errors:
            raise serializers.ValidationError(
                {
                    "file": [
                        _("Line %(line)s: %(reason)s") % {"line": line, "reason": reason}
                        for line, reason in report.errors
                    ]
                }
            )
        body = s.ImportReportSerializer(report).data
        return Response(body, status=status.HTTP_201_CREATED if report.written else 200)
