from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from governance.models import OrganisationUnit
from portfolio.budgets.choices import Action, Category, Source
from portfolio.budgets.models import BudgetCycle, BudgetLine, BudgetSubmission
from portfolio.selectors import projects_visible_to
from programmes.models import Initiative


class BudgetCycleSerializer(serializers.ModelSerializer):
    years = serializers.ListField(child=serializers.IntegerField(), read_only=True)

    class Meta:
        model = BudgetCycle
        fields = ["code", "name", "first_year", "last_year", "years", "opens_on", "closes_on"]


class BudgetCycleOpenSerializer(serializers.Serializer):
    """A cycle to open: submissions from ``opens_on`` (today by default) until ``closes_on``."""

    code = serializers.SlugField(max_length=32)
    name = serializers.CharField(max_length=100)
    first_year = serializers.IntegerField(min_value=2000, max_value=2100)
    last_year = serializers.IntegerField(min_value=2000, max_value=2100)
    closes_on = serializers.DateField()
    opens_on = serializers.DateField(required=False, allow_null=True, default=None)


class BudgetCycleDueDateSerializer(serializers.Serializer):
    closes_on = serializers.DateField()


class BudgetLineSerializer(serializers.ModelSerializer):
    initiative = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = BudgetLine
        fields = [
            "category",
            "source",
            "year",
            "amount",
            "justification",
            "initiative",
            "project",
        ]


class BudgetSubmissionSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    cycle = serializers.SlugRelatedField(slug_field="code", read_only=True)
    total = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    class Meta:
        model = BudgetSubmission
        fields = ["id", "unit", "cycle", "state", "version", "submitted_at", "updated_at", "total"]


class BudgetSubmissionDetailSerializer(BudgetSubmissionSerializer):
    """With its lines and the state actions the caller may take now."""

    lines = BudgetLineSerializer(many=True, read_only=True)
    actions = serializers.ListField(
        child=serializers.ChoiceField(choices=Action.choices),
        read_only=True,
        help_text=_("State actions the caller may take now (POST .../<action>/)."),
    )

    class Meta(BudgetSubmissionSerializer.Meta):
        fields = [*BudgetSubmissionSerializer.Meta.fields, "lines", "actions"]


class BudgetSubmissionCreateSerializer(serializers.Serializer):
    cycle = serializers.SlugRelatedField(slug_field="code", queryset=BudgetCycle.objects.all())
    unit = serializers.SlugRelatedField(slug_field="code", queryset=OrganisationUnit.objects.all())


class BudgetLineInputSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices)
    source = serializers.ChoiceField(choices=Source.choices)
    year = serializers.IntegerField(min_value=1900, max_value=2999)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    justification = serializers.CharField(
        max_length=5000, required=False, allow_blank=True, default=""
    )
    initiative = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Initiative.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    project = serializers.PrimaryKeyRelatedField(
        queryset=projects_visible_to(None), required=False, allow_null=True, default=None
    )


class BudgetLinesInputSerializer(serializers.Serializer):
    """The submission's lines, all of them: lines left out are removed."""

    lines = BudgetLineInputSerializer(many=True, allow_empty=True)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # A line links only a project its preparer may see, as on the page.
        self.fields["lines"].child.fields["project"].queryset = projects_visible_to(user)


class BudgetTransitionInputSerializer(serializers.Serializer):
    comment = serializers.CharField(
        max_length=5000,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Required to return a submission: the unit needs the reasons."),
    )


class ConsolidationQuerySerializer(serializers.Serializer):
    cycle = serializers.SlugField(required=False, help_text="cycle code, e.g. 2026-2027")
    basis = serializers.ChoiceField(choices=["submitted", "approved"], required=False)
