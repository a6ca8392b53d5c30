import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from core.api.filters import UTCDateTimeFilter

from ..choices import AssetKind, AssetLifecycle, ProjectState, Rag
from ..models import Asset, Project, StatusReport


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": 2**63 - 1})
class IdFilter(django_filters.NumberFilter):
    """A row id: a whole number within the database's range (a larger one is a 400)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class ProjectFilterSet(django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="programme__code", label=_("programme code"))
    state = django_filters.MultipleChoiceFilter(choices=ProjectState.choices)
    rag = django_filters.ChoiceFilter(
        choices=Rag.choices, label=_("worst RAG of the latest status report")
    )
    unit = django_filters.CharFilter(
        field_name="sponsoring_unit__code", label=_("sponsoring unit code")
    )
    updated_since = UTCDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Project
        fields = ["programme", "state", "rag", "unit", "updated_since"]


class BusinessCaseFilterSet(django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="programme__code")
    state = django_filters.MultipleChoiceFilter(choices=ProjectState.choices)
    unit = django_filters.CharFilter(field_name="sponsoring_unit__code")
    updated_since = UTCDateTimeFilter(field_name="updated_at", lookup_expr="gte")

    class Meta:
        model = Project
        fields = ["programme", "state", "unit", "updated_since"]


class StatusReportFilterSet(django_filters.FilterSet):
    project = IdFilter(field_name="project_id")
    programme = django_filters.CharFilter(field_name="project__programme__code")
    rag = django_filters.ChoiceFilter(
        field_name="schedule", choices=Rag.choices, label=_("schedule RAG")
    )
    period_from = django_filters.DateFilter(field_name="period", lookup_expr="gte")
    period_to = django_filters.DateFilter(field_name="period", lookup_expr="lte")
    updated_since = UTCDateTimeFilter(field_name="created_at", lookup_expr="gte")

    class Meta:
        model = StatusReport
        fields = ["project", "programme", "rag", "period_from", "period_to", "updated_since"]


class AssetFilterSet(django_filters.FilterSet):
    programme = django_filters.CharFilter(field_name="programme__code")
    unit = django_filters.CharFilter(field_name="owner_unit__code")
    kind = django_filters.ChoiceFilter(choices=AssetKind.choices)
    lifecycle = django_filters.ChoiceFilter(choices=AssetLifecycle.choices)

    class Meta:
        model = Asset
        fields = ["programme", "unit", "kind", "lifecycle"]
