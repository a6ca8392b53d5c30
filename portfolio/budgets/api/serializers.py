from rest_framework import serializers

from portfolio.budgets.models import BudgetLine, BudgetSubmission


class BudgetLineSerializer(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = BudgetLine
        fields = [
            "category", "source", "year", "amount", "justification", "initiative", "project",
        ]


class BudgetSubmissionSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    cycle = serializers.SlugRelatedField(slug_field="code", read_only=True)
    total = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    class Meta:
        model = BudgetSubmission
        fields = ["id", "unit", "cycle", "state", "version", "submitted_at", "updated_at", "total"]


class BudgetSubmissionDetailSerializer(BudgetSubmissionSerializer):
    lines = BudgetLineSerializer(many=True, read_only=True)

    class Meta(BudgetSubmissionSerializer.Meta):
        fields = [*BudgetSubmissionSerializer.Meta.fields, "lines"]


class ConsolidationQuerySerializer(serializers.Serializer):
    cycle = serializers.SlugField(required=False)
    basis = serializers.ChoiceField(choices=["submitted", "approved"], required=False)
