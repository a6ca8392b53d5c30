"""Representations of projects, business case versions, status reports and assets.

Read serializers only read; the write serializers validate input (400 with field messages)
and hand it to ``portfolio.services``: no serializer ever sets a state.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from governance.models import OrganisationUnit
from programmes.models import Initiative, Programme

from ..choices import CostCategory, CostKind, ProjectState, Rag
from ..models import (
    Asset,
    BenefitLine,
    BusinessCase,
    CostLine,
    FundingSource,
    Project,
    Risk,
    StatusReport,
)
from ..services import CASE_FIELDS


class RagField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=Rag.choices, **kwargs)


class StateField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=ProjectState.choices, **kwargs)


class ProjectSerializer(serializers.ModelSerializer):
    """One row of the project list: the project and its latest status report's RAG."""

    reference = serializers.CharField(read_only=True)
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    initiative = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    sponsoring_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    proponent = serializers.SlugRelatedField(slug_field="username", read_only=True)
    project_manager = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    state = StateField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    rag = RagField(
        read_only=True,
        allow_null=True,
        help_text=_("Worst of schedule, budget and scope in the latest status report."),
    )
    last_report_period = serializers.DateField(read_only=True, allow_null=True)
    case_version = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "reference",
            "title",
            "summary",
            "programme",
            "initiative",
            "sponsoring_unit",
            "proponent",
            "project_manager",
            "state",
            "state_label",
            "spans_programmes",
            "total_cost",
            "priority_rank",
            "rag",
            "last_report_period",
            "case_version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class CostLineSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=CostKind.choices)
    category = serializers.ChoiceField(choices=CostCategory.choices)

    class Meta:
        model = CostLine
        fields = ["year", "kind", "category", "amount"]


class BenefitLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BenefitLine
        fields = ["year", "description", "amount"]


class RiskSerializer(serializers.ModelSerializer):
    exposure = serializers.IntegerField(read_only=True)

    class Meta:
        model = Risk
        fields = ["description", "likelihood", "impact", "mitigation", "exposure"]


class FundingSourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = FundingSource
        fields = ["source", "amount"]


class BusinessCaseVersionSerializer(serializers.ModelSerializer):
    """One version of a business case, with its rows. A frozen version never changes."""

    project = serializers.PrimaryKeyRelatedField(read_only=True)
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    initiative = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    sponsoring_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    created_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )
    is_frozen = serializers.BooleanField(read_only=True)
    costs = CostLineSerializer(source="costlines", many=True, read_only=True)
    benefits = BenefitLineSerializer(source="benefitlines", many=True, read_only=True)
    risks = RiskSerializer(many=True, read_only=True)
    funding = FundingSourceSerializer(source="fundingsources", many=True, read_only=True)

    class Meta:
        model = BusinessCase
        fields = [
            "id",
            "project",
            "number",
            "is_frozen",
            "frozen_at",
            "edit_version",
            "programme",
            "initiative",
            "sponsoring_unit",
            "problem",
            "scope",
            "options_considered",
            "qualitative_benefits",
            "dependencies",
            "standards_compliance",
            "created_by",
            "created_at",
            "costs",
            "benefits",
            "risks",
            "funding",
        ]
        read_only_fields = fields


class VersionLinkSerializer(serializers.ModelSerializer):
    is_frozen = serializers.BooleanField(read_only=True)

    class Meta:
        model = BusinessCase
        fields = ["id", "number", "is_frozen", "frozen_at", "created_at"]
        read_only_fields = fields


class ProjectDetailSerializer(ProjectSerializer):
    """A project with its current business case version (the draft while one is edited)."""

    current_case = serializers.SerializerMethodField()
    versions = serializers.SerializerMethodField()

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "lessons_learned", "current_case", "versions"]
        read_only_fields = fields

    def _cases(self, project):
        return sorted(project.business_cases.all(), key=lambda case: case.number)

    def get_current_case(self, project) -> BusinessCaseVersionSerializer:
        cases = self._cases(project)
        return BusinessCaseVersionSerializer(cases[-1]).data if cases else None

    def get_versions(self, project) -> VersionLinkSerializer(many=True):
        return VersionLinkSerializer(self._cases(project), many=True).data


class BusinessCaseSerializer(serializers.ModelSerializer):
    """A project's business case: its versions, newest last."""

    project = serializers.IntegerField(source="pk", read_only=True)
    reference = serializers.CharField(read_only=True)
    state = serializers.CharField(read_only=True)
    versions = serializers.SerializerMethodField()
    current_version = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = ["project", "reference", "title", "state", "current_version", "versions"]
        read_only_fields = fields

    def get_versions(self, project) -> VersionLinkSerializer(many=True):
        cases = sorted(project.business_cases.all(), key=lambda case: case.number)
        return VersionLinkSerializer(cases, many=True).data

    def get_current_version(self, project) -> int | None:
        numbers = [case.number for case in project.business_cases.all()]
        return max(numbers) if numbers else None


# --- writes --------------------------------------------------------------------------------
class ProjectCreateSerializer(serializers.Serializer):
    """A new proposal (a draft with an empty business case version 1)."""

    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(required=False, allow_blank=True, default="")
    programme = serializers.SlugRelatedField(slug_field="code", queryset=Programme.objects.all())
    initiative = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Initiative.objects.all(),
        required=False,
        allow_null=True,
        default=None,
    )
    sponsoring_unit = serializers.SlugRelatedField(
        slug_field="code", queryset=OrganisationUnit.objects.all()
    )
    spans_programmes = serializers.BooleanField(required=False, default=False)

    def validate(self, attrs):
        initiative = attrs.get("initiative")
        if initiative is not None and initiative.programme_id != attrs["programme"].pk:
            raise serializers.ValidationError(
                {"initiative": _("This initiative belongs to another programme.")}
            )
        return attrs


class ProjectUpdateSerializer(serializers.Serializer):
    """The draft's project fields and its business case; rows replace the version's rows."""

    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(required=False, allow_blank=True)
    spans_programmes = serializers.BooleanField(required=False)
    programme = serializers.SlugRelatedField(slug_field="code", queryset=Programme.objects.all())
    initiative = serializers.SlugRelatedField(
        slug_field="code", queryset=Initiative.objects.all(), required=False, allow_null=True
    )
    sponsoring_unit = serializers.SlugRelatedField(
        slug_field="code", queryset=OrganisationUnit.objects.all()
    )
    problem = serializers.CharField(required=False, allow_blank=True)
    scope = serializers.CharField(required=False, allow_blank=True)
    options_considered = serializers.CharField(required=False, allow_blank=True)
    qualitative_benefits = serializers.CharField(required=False, allow_blank=True)
    dependencies = serializers.CharField(required=False, allow_blank=True)
    standards_compliance = serializers.CharField(required=False, allow_blank=True)
    costs = CostLineSerializer(many=True, required=False)
    benefits = BenefitLineSerializer(many=True, required=False)
    risks = RiskSerializer(many=True, required=False)
    funding = FundingSourceSerializer(many=True, required=False)

    LINE_KEYS = ("costs", "benefits", "risks", "funding")

    def validate(self, attrs):
        initiative = attrs.get("initiative")
        programme = attrs.get("programme") or getattr(self.instance, "programme", None)
        if (
            initiative is not None
            and programme is not None
            and initiative.programme_id != programme.pk
        ):
            raise serializers.ValidationError(
                {"initiative": _("This initiative belongs to another programme.")}
            )
        return attrs

    def service_arguments(self):
        """Keyword arguments of ``services.business_case_save`` (without project/actor/token)."""
        data = self.validated_data
        fields = {name: data[name] for name in CASE_FIELDS if name in data}
        lines = {key: [dict(row) for row in data[key]] for key in self.LINE_KEYS if key in data}
        return {
            "title": data.get("title"),
            "summary": data.get("summary"),
            "spans_programmes": data.get("spans_programmes"),
            "fields": fields,
            "lines": lines or None,
        }


class TransitionSerializer(serializers.Serializer):
    """An action the user may take on the project now."""

    action = serializers.CharField()
    label = serializers.CharField()
    target = serializers.CharField()
    needs_reason = serializers.BooleanField()
    committee = serializers.BooleanField(
        help_text=_("Taken by recording the committee's decision in governance, not here.")
    )


class ChecklistSerializer(serializers.Serializer):
    complete = serializers.BooleanField(required=False, default=False)
    compliant = serializers.BooleanField(required=False, default=False)
    overlap_examined = serializers.BooleanField(required=False, default=False)
    metrics_comparable = serializers.BooleanField(required=False, default=False)


class TransitionRequestSerializer(serializers.Serializer):
    action = serializers.CharField(max_length=64)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    checklist = ChecklistSerializer(
        required=False,
        help_text=_("The PMO review checklist (pmo_accept needs every item ticked)."),
    )
    project_manager = serializers.SlugRelatedField(
        slug_field="username",
        required=False,
        allow_null=True,
        queryset=get_user_model().objects.filter(is_active=True),
        help_text=_("start_delivery: the project manager (default: the proponent)."),
    )


class StatusReportSerializer(serializers.ModelSerializer):
    project = serializers.PrimaryKeyRelatedField(read_only=True)
    reference = serializers.CharField(source="project.reference", read_only=True)
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    schedule = RagField(read_only=True)
    budget = RagField(read_only=True)
    scope = RagField(read_only=True)

    class Meta:
        model = StatusReport
        fields = [
            "id",
            "project",
            "reference",
            "period",
            "author",
            "schedule",
            "budget",
            "scope",
            "percent_complete",
            "actual_spend",
            "issues",
            "risks",
            "created_at",
        ]
        read_only_fields = fields


class StatusReportCreateSerializer(serializers.Serializer):
    project = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text=_("The project's id.")
    )
    period = serializers.DateField(help_text=_("Any day of the month reported."))
    schedule = RagField()
    budget = RagField()
    scope = RagField()
    percent_complete = serializers.IntegerField(min_value=0, max_value=100)
    actual_spend = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    issues = serializers.CharField(required=False, allow_blank=True, default="")
    risks = serializers.CharField(required=False, allow_blank=True, default="")


class AssetSerializer(serializers.ModelSerializer):
    owner_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    project_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Asset
        fields = [
            "id",
            "name",
            "kind",
            "description",
            "owner_unit",
            "programme",
            "lifecycle",
            "annual_running_cost",
            "project_count",
        ]
        read_only_fields = fields
