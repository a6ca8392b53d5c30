"""Representations of projects, business case versions, status reports and assets.

Read serializers only read; the write serializers validate input (400 with field messages)
and hand it to ``portfolio.services``: no serializer ever sets a state.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.api.fields import ChoiceLabelField
from governance.models import OrganisationUnit
from programmes.models import Initiative, Programme

from ..choices import AssetKind, AssetLifecycle, CostCategory, CostKind, ProjectState, Rag
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
from ..selectors import visible_cases
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
    state_label = ChoiceLabelField(ProjectState, source="state")
    rag = RagField(
        read_only=True,
        allow_null=True,
        help_text=_("Worst of schedule, budget and scope in the latest status report."),
    )
    last_report_period = serializers.DateField(
        source="last_period", read_only=True, allow_null=True
    )
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


class ProjectRows:
    """The project list's rows from ``values()``, exactly as ``ProjectSerializer`` writes them,
    without a model instance per project and its related objects (issue 16: the list API
    spent most of its time building and reading those).

    Each field's value goes through the serializer's own field (dates, times and amounts are
    formatted as the detail endpoints format them); related objects are read as their slugs.
    """

    #: output name -> the ``values()`` key it reads
    SOURCES = {
        "title": "title",
        "summary": "summary",
        "programme": "programme__code",
        "initiative": "initiative__code",
        "sponsoring_unit": "sponsoring_unit__code",
        "proponent": "proponent__username",
        "project_manager": "project_manager__username",
        "state": "state",
        "state_label": "state",
        "spans_programmes": "spans_programmes",
        "total_cost": "total_cost",
        "priority_rank": "priority_rank",
        "rag": "rag",
        "last_report_period": "last_period",
        "case_version": "case_version",
        "created_at": "created_at",
        "updated_at": "updated_at",
    }
    #: fields whose value needs the serializer field's formatting
    FORMATTED = ("state_label", "total_cost", "last_report_period", "created_at", "updated_at")

    def __init__(self):
        fields = ProjectSerializer().fields
        self.formatters = {name: fields[name].to_representation for name in self.FORMATTED}
        assert list(fields) == ["id", "reference", *self.SOURCES], "ProjectSerializer changed"

    @classmethod
    def values(cls):
        return ["id", *sorted(set(cls.SOURCES.values()))]

    def rows(self, records):
        formatters = self.formatters
        out = []
        for record in records:
            row = {"id": record["id"], "reference": f"P-{record['id']:04d}"}
            for name, source in self.SOURCES.items():
                value = record[source]
                if value is not None and name in formatters:
                    value = formatters[name](value)
                row[name] = value
            out.append(row)
        return out


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
        cases = sorted(project.business_cases.all(), key=lambda case: case.number)
        return visible_cases(self.context["request"].user, project, cases)

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

    def _cases(self, project):
        cases = sorted(project.business_cases.all(), key=lambda case: case.number)
        return visible_cases(self.context["request"].user, project, cases)

    def get_versions(self, project) -> VersionLinkSerializer(many=True):
        return VersionLinkSerializer(self._cases(project), many=True).data

    def get_current_version(self, project) -> int | None:
        numbers = [case.number for case in self._cases(project)]
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


class OverlapProjectSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    title = serializers.CharField()
    state = serializers.CharField()


class OverlapSerializer(serializers.Serializer):
    """A project that may duplicate this one (``portfolio/overlap.py``), with why."""

    project = OverlapProjectSerializer()
    score = serializers.IntegerField(help_text=_("0-100; only projects from the threshold"))
    reasons = serializers.ListField(child=serializers.CharField())


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
            "code",
            "name",
            "kind",
            "description",
            "owner_unit",
            "programme",
            "lifecycle",
            "annual_running_cost",
            "retired_on",
            "project_count",
        ]
        read_only_fields = fields


class AssetInputSerializer(serializers.Serializer):
    """An asset as the PMO writes it; the inventory's services decide what may change."""

    code = serializers.SlugField(max_length=64)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=AssetKind.choices)
    description = serializers.CharField(required=False, allow_blank=True)
    owner_unit = serializers.SlugRelatedField(
        slug_field="code", queryset=OrganisationUnit.objects.all()
    )
    programme = serializers.SlugRelatedField(slug_field="code", queryset=Programme.objects.all())
    lifecycle = serializers.ChoiceField(choices=AssetLifecycle.choices, required=False)
    annual_running_cost = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False
    )


class AssetRetireInputSerializer(serializers.Serializer):
    reason = serializers.CharField()
    retired_on = serializers.DateField(required=False, allow_null=True, default=None)


class AssetImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=_("The inventory as CSV or XLSX (one row per asset)."))
    dry_run = serializers.BooleanField(
        default=True, help_text=_("Only check the file (the default); false writes it.")
    )


class ImportReportSerializer(serializers.Serializer):
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    written = serializers.BooleanField()
