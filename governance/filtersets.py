import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _

from . import subjects
from .choices import Outcome
from .models import Body, Decision


def _subject_types(request=None):
    return ContentType.objects.filter(
        pk__in=[ContentType.objects.get_for_model(m).pk for m in subjects.registered_models()]
    )


class DecisionFilter(django_filters.FilterSet):
    body = django_filters.ModelChoiceFilter(
        label=_("Body"),
        queryset=Body.objects.filter(rights="decision"),
        to_field_name="code",
    )
    outcome = django_filters.ChoiceFilter(label=_("Outcome"), choices=Outcome.choices)
    recorded_from = django_filters.DateFilter(
        label=_("Decided on or after"),
        field_name="recorded_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    recorded_to = django_filters.DateFilter(
        label=_("Decided on or before"),
        field_name="recorded_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    subject = django_filters.CharFilter(
        label=_("Subject contains"), field_name="subject_label", lookup_expr="icontains"
    )
    subject_type = django_filters.ModelChoiceFilter(
        label=_("Kind of subject"), field_name="content_type", queryset=_subject_types
    )

    class Meta:
        model = Decision
        fields = []
