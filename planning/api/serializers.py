from rest_framework import serializers

from ..choices import COMPARE_MAX, TABLE_MAX_YEARS, Choice
from ..models import Scenario


class ScenarioSerializer(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Scenario
        fields = [
            "id",
            "name",
            "number",
            "description",
            "first_year",
            "last_year",
            "state",
            "based_on",
            "decision_id",
            "created_at",
            "updated_at",
            "url",
        ]
        read_only_fields = [
            "number",
            "state",
            "based_on",
            "decision_id",
            "created_at",
            "updated_at",
        ]


class ScenarioCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    first_year = serializers.IntegerField(min_value=2000, max_value=2100)
    last_year = serializers.IntegerField(min_value=2000, max_value=2100)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class CellSerializer(serializers.Serializer):
    programme = serializers.CharField(source="programme.code")
    year = serializers.IntegerField()
    cost = serializers.DecimalField(max_digits=16, decimal_places=2)
    envelope = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    over = serializers.BooleanField()


class LineSerializer(serializers.Serializer):
    project = serializers.IntegerField(source="project.pk")
    reference = serializers.CharField(source="project.reference")
    title = serializers.CharField(source="project.title")
    programme = serializers.CharField(source="project.programme.code")
    state = serializers.CharField(source="project.state")
    choice = serializers.ChoiceField(choices=Choice.choices)
    phase_percent = serializers.IntegerField(allow_null=True)
    priority = serializers.IntegerField(allow_null=True)
    value_score = serializers.DecimalField(
        source="candidate.value", max_digits=8, decimal_places=2, allow_null=True
    )
    risk = serializers.IntegerField(source="candidate.risk", allow_null=True)
    cost = serializers.DecimalField(source="total", max_digits=16, decimal_places=2)


class FiguresSerializer(serializers.Serializer):
    scenario = ScenarioSerializer()
    total_cost = serializers.DecimalField(max_digits=16, decimal_places=2)
    total_value = serializers.DecimalField(max_digits=12, decimal_places=2)
    risk = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    funded_count = serializers.IntegerField()
    cells = serializers.SerializerMethodField()
    lines = LineSerializer(many=True)

    def get_cells(self, figures) -> list[dict]:
        return CellSerializer(list(figures.cells.values()), many=True).data


class SummarySerializer(FiguresSerializer):
    """A scenario's figures without its project lines (the comparison)."""

    lines = None


class ChoiceSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    choice = serializers.ChoiceField(choices=Choice.choices)
    phase_percent = serializers.IntegerField(
        min_value=1, max_value=99, required=False, allow_null=True
    )
    priority = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class EnvelopeSerializer(serializers.Serializer):
    programme = serializers.CharField()
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class CompareQuerySerializer(serializers.Serializer):
    ids = serializers.CharField(help_text=f"Up to {COMPARE_MAX} scenario ids, comma-separated")


class FrontierQuerySerializer(serializers.Serializer):
    first_year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    last_year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    # whole dollars (an integer in the schema: a decimal string's pattern would let "." pass)
    low = serializers.IntegerField(min_value=0, max_value=10**14 - 1, required=False)
    high = serializers.IntegerField(min_value=0, max_value=10**14 - 1, required=False)
    steps = serializers.IntegerField(min_value=2, max_value=40, required=False, default=12)

    def validate(self, data):
        first = data.get("first_year")
        last = data.get("last_year")
        if first and last and (last < first or last - first >= 10):
            raise serializers.ValidationError({"last_year": "Up to ten years, after the first."})
        if data.get("low") is not None and data.get("high") is not None:
            if data["high"] < data["low"]:
                raise serializers.ValidationError({"high": "At least the lowest budget."})
        return data


class PointSerializer(serializers.Serializer):
    budget = serializers.FloatField()
    cost = serializers.FloatField()
    value = serializers.FloatField()
    projects = serializers.ListField(child=serializers.IntegerField(), source="keys")
    exact = serializers.BooleanField()
    gap = serializers.FloatField()


class FrontierSerializer(serializers.Serializer):
    first_year = serializers.IntegerField()
    last_year = serializers.IntegerField()
    seconds = serializers.FloatField()
    points = PointSerializer(many=True)


class EnvelopeTableQuerySerializer(serializers.Serializer):
    first_year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)
    last_year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)

    def validate(self, data):
        first, last = data.get("first_year"), data.get("last_year")
        if first is not None and last is not None:
            if last < first or last - first + 1 > TABLE_MAX_YEARS:
                raise serializers.ValidationError(
                    {"last_year": f"Up to {TABLE_MAX_YEARS} years, the last after the first."}
                )
        return data


class EnvelopeRowSerializer(serializers.Serializer):
    programme = serializers.CharField(source="programme.code")
    programme_name = serializers.CharField(source="programme.name")
    year = serializers.IntegerField()
    envelope = serializers.DecimalField(
        source="amount", max_digits=16, decimal_places=2, allow_null=True
    )
    decision_id = serializers.IntegerField(allow_null=True)
    decision_url = serializers.CharField(allow_blank=True)
    committed = serializers.DecimalField(max_digits=16, decimal_places=2)
    awaiting_decision = serializers.DecimalField(source="awaiting", max_digits=16, decimal_places=2)
    headroom = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    shortfall = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)


class PendingRebalancingSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="__str__")
    year = serializers.IntegerField(source="first_year")
    url = serializers.CharField(source="get_absolute_url")


class EnvelopeTableSerializer(serializers.Serializer):
    years = serializers.ListField(child=serializers.IntegerField())
    rows = serializers.SerializerMethodField()
    pending_rebalancings = PendingRebalancingSerializer(source="pending", many=True)

    def get_rows(self, table) -> list[dict]:
        rows = [row for year in table.years for row in table.year_rows(year)]
        return EnvelopeRowSerializer(rows, many=True).data
