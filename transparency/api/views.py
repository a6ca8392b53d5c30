"""``/api/v1/transparency/``: the transparency area's data, read-only and cacheable.

Open to whoever may read the area (``publication.may_view``: signed-out clients only while
public access is on). Responses carry an ``ETag``; a request whose ``If-None-Match`` matches
gets 304. Signed-out responses may be kept by shared caches for a few minutes.
"""

from drf_spectacular.utils import extend_schema
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from core.api.conditional import etag_for, etag_matches
from core.api.pagination import BoundedLimitOffsetPagination
from governance.api.throttling import TokenRateThrottle

from .. import publication
from ..views import PUBLIC_MAX_AGE
from . import serializers as s


class PublishedRead(BasePermission):
    message = "The transparency area is not open to the public."
    # once the area is public, signed-out readers come in: the schema says auth is optional
    anonymous_read = True

    def has_permission(self, request, view):
        return request.method in SAFE_METHODS and publication.may_view(request.user)


class PublicRateThrottle(AnonRateThrottle):
    """Signed-out clients (the public, once the area is open), by address."""

    rate = "1000/hour"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:  # noqa: BLE001 - a cache outage must not take the data offline
            self.history = []
            return True


class Cacheable:
    """ETag, 304 on a matching ``If-None-Match``, and cache headers."""

    throttle_classes = [PublicRateThrottle, TokenRateThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200 and hasattr(response, "data"):
            etag = etag_for(response.data)
            response["ETag"] = etag
            header = request.headers.get("If-None-Match")
            if header and etag_matches(header, etag):
                response.status_code = 304
                response.data = None
        if request.user.is_authenticated:
            response["Cache-Control"] = "private, max-age=0"
        else:
            response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
        response["Vary"] = "Authorization, Cookie, Accept-Language"
        return response


class PublishedList(Cacheable, ListAPIView):
    permission_classes = [PublishedRead]
    pagination_class = BoundedLimitOffsetPagination
    filter_backends = []

    def row(self, item):
        return item

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(
            self.get_serializer([self.row(item) for item in page], many=True).data
        )


class ProjectList(PublishedList):
    """Approved, in-delivery and completed projects with cost, spend and RAG."""

    serializer_class = s.PublishedProjectSerializer

    def get_queryset(self):
        return publication.projects()

    def row(self, item):
        return publication.project_row(item)


class DecisionList(PublishedList):
    """The published decisions register: outcome, body, date, subject, rationale."""

    serializer_class = s.PublishedDecisionSerializer

    def get_queryset(self):
        return publication.decisions()

    def row(self, item):
        return publication.decision_row(item)


class KpiList(PublishedList):
    """The organisation's and the programmes' KPIs with their latest value."""

    serializer_class = s.PublishedKpiSerializer

    def get_queryset(self):
        return publication.kpis()


class ServiceList(PublishedList):
    """The service catalogue's services and their levels' latest attainment."""

    serializer_class = s.PublishedServiceSerializer

    def get_queryset(self):
        return publication.services()


class ReportSummary(Cacheable, GenericAPIView):
    """The latest quarterly report's published summary (404 before the first report)."""

    permission_classes = [PublishedRead]
    serializer_class = s.PublishedReportSummarySerializer
    filter_backends = []
    pagination_class = None

    @extend_schema(responses={200: s.PublishedReportSummarySerializer})
    def get(self, request):
        from django.http import Http404

        summary = publication.report_summary()
        if summary is None:
            raise Http404
        return Response(s.PublishedReportSummarySerializer(summary).data)
