"""Surveys for REST clients: the list and detail the pages show, and the topic-level results
computed by ``survey.results`` with the same small-group suppression as the results page."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.api.conditional import ETagMixin, etag_for
from survey import permissions, selectors
from survey.models import Survey
from survey.results import summarise

from .serializers import SurveyResultsSerializer, SurveySerializer


class SurveyViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """ICT user satisfaction surveys; drafts exist only for the PMO (others: 404)."""

    serializer_class = SurveySerializer
    lookup_value_regex = r"\d+"
    filterset_fields = {"status": ["exact"], "audience": ["exact"]}
    ordering_fields = ["opens_on", "title"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema has no user
            return Survey.objects.none()
        return (
            selectors.survey_list(self.request.user)
            .prefetch_related("topics")
            .order_by("-opens_on", "-pk")
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "compare",
                str,
                description="An earlier survey's id to compare with, or 'none' "
                "(default: the survey's own comparison, if you may see its results).",
            )
        ],
        responses=SurveyResultsSerializer,
    )
    @action(detail=True, methods=["get"])
    def results(self, request, pk=None):
        """Satisfaction per topic against the target; groups under the minimum are hidden."""
        survey = selectors.get_survey(request.user, pk)
        if not permissions.can_see_topic_results(request.user, survey):
            raise PermissionDenied(_("The results of this survey are not open to you yet."))
        summary = summarise(survey, compare_with=self._compare_with(request, survey))
        response = Response(SurveyResultsSerializer(summary).data)
        response["ETag"] = etag_for(response.data)
        return response

    def _compare_with(self, request, survey):
        """As on the results page: only earlier surveys whose results the caller may see."""
        wanted = request.query_params.get("compare")
        if wanted == "none":
            return None
        candidates = selectors.comparable_surveys(request.user, survey)
        if wanted:
            match = next((s for s in candidates if str(s.pk) == wanted), None)
            if match is None:
                raise Http404
            return match
        return next((s for s in candidates if s.pk == survey.compare_with_id), None)
