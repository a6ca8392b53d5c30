"""Filters of the portfolio's lists, kept in the URL (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programmes.models import Programme

from .choices import ProjectState
from .models import Project


class PipelineFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=ProjectState.choices, empty_label=_("All states")
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"),
        queryset=Programme.objects.all(),
        to_field_name="code",
        empty_label=_("All programmes"),
    )
    q = django_filters.CharFilter(label=_("Title or summary contains"), method="filter_text")

    class Meta:
        model = Project
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value))
