from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import QuarterlyReport, ReportRun


class ReportLinksSerializer(serializers.Serializer):
    """Where the report is: ``xlsx`` and ``csv`` are API resources (they open with the
    client's token); ``html`` is the page for a person signed in to the portal."""

    api = serializers.CharField()
    html = serializers.CharField()
    xlsx = serializers.CharField()
    csv = serializers.CharField()


class QuarterlyReportSerializer(serializers.ModelSerializer):
    links = serializers.SerializerMethodField()

    class Meta:
        model = QuarterlyReport
        fields = [
            "id",
            "quarter",
            "period_start",
            "period_end",
            "is_current",
            "generated_at",
            "links",
        ]

    @extend_schema_field(ReportLinksSerializer)
    def get_links(self, report):
        request = self.context.get("request")

        def absolute(path):
            return request.build_absolute_uri(path) if request else path

        return {
            "api": absolute(reverse("reports-quarterly-detail", args=[report.quarter])),
            "html": absolute(reverse("reports:report", args=[report.pk])),
            "xlsx": absolute(reverse("report-workbook", args=[report.pk])),
            "csv": absolute(reverse("report-csv", args=[report.pk])),
        }


class QuarterlyReportDetailSerializer(QuarterlyReportSerializer):
    figures = serializers.SerializerMethodField()

    class Meta(QuarterlyReportSerializer.Meta):
        fields = [*QuarterlyReportSerializer.Meta.fields, "figures"]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_figures(self, report):
        return report.figures


class ReportRequestSerializer(serializers.Serializer):
    quarter = serializers.RegexField(
        r"^\d{4}-Q[1-4]$", max_length=7, help_text="A completed quarter, like 2026-Q3."
    )
    regenerate = serializers.BooleanField(default=False)


class ReportRunSerializer(serializers.ModelSerializer):
    report = serializers.SlugRelatedField(slug_field="quarter", read_only=True)
    status_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportRun
        fields = [
            "id",
            "quarter",
            "regenerate",
            "state",
            "step",
            "queued_at",
            "started_at",
            "finished_at",
            "attempts",
            "error",
            "report",
            "status_url",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_status_url(self, run):
        request = self.context.get("request")
        path = reverse("reports:run_status", args=[run.pk])
        return request.build_absolute_uri(path) if request else path
