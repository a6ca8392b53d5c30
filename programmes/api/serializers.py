from rest_framework import serializers

from programmes.choices import PlanStatus
from programmes.models import (
    Initiative,
    Kpi,
    Measurement,
    Objective,
    PlanEvidence,
    PlanItem,
    PriorityArea,
    Programme,
)
from programmes.periods import Period


class ObjectiveSerializer(serializers.ModelSerializer):
    text_zh = serializers.CharField(source="text_zh_hans", read_only=True, allow_null=True)

    class Meta:
        model = Objective
        fields = ["order", "text", "text_zh"]


class InitiativeSerializer(serializers.ModelSerializer):
    name_zh = serializers.CharField(source="name_zh_hans", read_only=True, allow_null=True)
    description_zh = serializers.CharField(
        source="description_zh_hans", read_only=True, allow_null=True
    )
    benefit_zh = serializers.CharField(source="benefit_zh_hans", read_only=True, allow_null=True)

    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "code",
            "programme",
            "order",
            "name",
            "name_zh",
            "description",
            "description_zh",
            "timeframe",
            "benefit",
            "benefit_zh",
            "priority_rank",
            "priority_decision_id",
        ]
        read_only_fields = ["priority_rank", "priority_decision_id"]


class ProgrammeSerializer(serializers.ModelSerializer):
    name_zh = serializers.CharField(source="name_zh_hans", read_only=True, allow_null=True)
    goal_zh = serializers.CharField(source="goal_zh_hans", read_only=True, allow_null=True)

    objectives = ObjectiveSerializer(many=True, read_only=True)
    initiatives = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    builds_on = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "order",
            "name",
            "name_zh",
            "goal",
            "goal_zh",
            "builds_on",
            "objectives",
            "initiatives",
        ]


class PriorityAreaSerializer(serializers.ModelSerializer):
    name_zh = serializers.CharField(source="name_zh_hans", read_only=True, allow_null=True)
    description_zh = serializers.CharField(
        source="description_zh_hans", read_only=True, allow_null=True
    )

    class Meta:
        model = PriorityArea
        fields = ["id", "code", "order", "name", "name_zh", "description", "description_zh"]


# --------------------------------------------------------------------------- KPIs
class LatestMeasurementSerializer(serializers.Serializer):
    period_start = serializers.DateField(allow_null=True)
    value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    target = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    standing = serializers.CharField(allow_null=True)


class KpiSerializer(serializers.ModelSerializer):
    """A KPI; writes go through ``programmes.services`` (rights, source and owner checks)."""

    programme = serializers.SlugRelatedField(
        slug_field="code", queryset=Programme.objects.all(), required=False, allow_null=True
    )
    priority_area = serializers.SlugRelatedField(
        slug_field="code", queryset=PriorityArea.objects.all(), required=False, allow_null=True
    )
    latest = serializers.SerializerMethodField()

    class Meta:
        model = Kpi
        fields = [
            "code",
            "indicator",
            "name",
            "name_zh",
            "definition",
            "definition_zh",
            "measure_unit",
            "direction",
            "target",
            "threshold",
            "minimum",
            "maximum",
            "owner_kind",
            "programme",
            "owner_unit",
            "priority_area",
            "frequency",
            "source",
            "source_params",
            "active",
            "order",
            "latest",
        ]
        # The services validate the whole KPI (owner, range, source); the model's own
        # validators would otherwise run twice with other words.
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["code"].read_only = True
        return fields

    def get_latest(self, kpi) -> LatestMeasurementSerializer(allow_null=True):
        if getattr(kpi, "latest_period_start", None) is None:
            return None
        return LatestMeasurementSerializer(
            {
                "period_start": kpi.latest_period_start,
                "value": kpi.latest_value,
                "target": kpi.latest_target,
                "standing": kpi.latest_standing,
            }
        ).data


class MeasurementSerializer(serializers.ModelSerializer):
    kpi = serializers.SlugRelatedField(slug_field="code", read_only=True)
    period = serializers.SerializerMethodField()
    # The person's name, or null for a value computed by the scheduled task.
    recorded_by = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Measurement
        fields = [
            "id",
            "kpi",
            "period",
            "period_start",
            "period_end",
            "value",
            "target",
            "threshold",
            "standing",
            "origin",
            "note",
            "recorded_by",
            "recorded_at",
        ]

    def get_period(self, measurement) -> str:
        return Period.containing(measurement.kpi.frequency, measurement.period_start).label


class MeasurementInputSerializer(serializers.Serializer):
    kpi = serializers.SlugField(help_text="The KPI's code.")
    period = serializers.CharField(
        max_length=16, help_text="e.g. 2025-07 (monthly), 2025-Q3 (quarterly), 2025 (yearly)."
    )
    # A string, so that the service's refusal (range, format) is the one message.
    value = serializers.CharField(max_length=40, help_text="A number, e.g. 82.5.")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ComputeInputSerializer(serializers.Serializer):
    period = serializers.CharField(
        max_length=16, required=False, help_text="Default: the last period that has ended."
    )


# --------------------------------------------------------------------------- implementation plan
class PlanEvidenceSerializer(serializers.ModelSerializer):
    added_by = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = PlanEvidence
        fields = ["id", "title", "url", "note", "added_by", "added_at"]


class PlanItemSerializer(serializers.ModelSerializer):
    evidence = PlanEvidenceSerializer(many=True, read_only=True)
    overdue = serializers.SerializerMethodField()
    deliverables = serializers.ListField(
        source="deliverable_list", child=serializers.CharField(), read_only=True
    )
    deliverables_zh = serializers.ListField(
        source="deliverable_list_zh", child=serializers.CharField(), read_only=True
    )

    class Meta:
        model = PlanItem
        fields = [
            "code",
            "order",
            "source",
            "phase",
            "activity",
            "activity_zh",
            "description",
            "description_zh",
            "deliverables",
            "deliverables_zh",
            "owner",
            "owner_zh",
            "start",
            "due",
            "status",
            "status_note",
            "completed_on",
            "overdue",
            "evidence",
        ]
        read_only_fields = [f for f in fields if f not in ("status", "status_note", "completed_on")]

    def get_overdue(self, item) -> bool:
        return item.is_overdue(self.context.get("today"))


class PlanItemUpdateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=PlanStatus.choices, required=False)
    status_note = serializers.CharField(required=False, allow_blank=True)
    completed_on = serializers.DateField(required=False, allow_null=True)


class PlanEvidenceInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    url = serializers.CharField(max_length=500)
    note = serializers.CharField(required=False, allow_blank=True, default="")
