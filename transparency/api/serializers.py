"""The transparency API's rows: exactly the documented fields of ``publication``."""

from rest_framework import serializers


class PublishedProjectSerializer(serializers.Serializer):
    reference = serializers.CharField()
    title = serializers.CharField()
    programme = serializers.CharField()
    programme_name = serializers.CharField()
    initiative = serializers.CharField(allow_blank=True)
    state = serializers.CharField()
    state_label = serializers.CharField()
    cost_usd = serializers.DecimalField(max_digits=14, decimal_places=2)
    spend_usd = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    rag = serializers.CharField(allow_blank=True)
    percent_complete = serializers.IntegerField(allow_null=True)
    last_report = serializers.CharField(allow_blank=True)


class PublishedDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    body = serializers.CharField()
    body_name = serializers.CharField()
    subject = serializers.CharField()
    subject_kind = serializers.CharField(allow_blank=True)
    outcome = serializers.CharField()
    outcome_label = serializers.CharField()
    rationale = serializers.CharField(allow_blank=True)
    superseded = serializers.BooleanField()


class PublishedKpiSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    owner = serializers.CharField(source="owner_kind")
    programme = serializers.CharField(source="programme.code", allow_null=True, default=None)
    unit = serializers.CharField(source="measure_unit")
    target = serializers.DecimalField(max_digits=14, decimal_places=2)
    latest_period_start = serializers.DateField(allow_null=True)
    latest_value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    latest_standing = serializers.CharField(allow_null=True)


class PublishedServiceLevelSerializer(serializers.Serializer):
    kpi = serializers.CharField(source="kpi.code")
    name = serializers.CharField(source="kpi.name")
    latest_period_start = serializers.DateField(allow_null=True)
    latest_value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    latest_standing = serializers.CharField(allow_null=True)


class PublishedServiceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    levels = PublishedServiceLevelSerializer(many=True, source="levels.all")


class PublishedReportSummarySerializer(serializers.Serializer):
    quarter = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    generated_at = serializers.DateTimeField()
    spend = serializers.DictField()
    rag = serializers.DictField()
    decisions = serializers.DictField()
