"""Filtering defaults for every API list.

Date-time filters are compared in UTC: a client may send any ISO offset (``+19:15`` is valid
ISO 8601), which PostgreSQL refuses as a time zone, so the value is normalised first.
"""

import datetime
import re

import django_filters
import django_filters.fields
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.validators import RegexValidator
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend, FilterSet
from rest_framework.exceptions import ValidationError
from rest_framework.fields import BooleanField


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    def filter(self, qs, value):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return super().filter(qs, value)


class PortalFilterSet(FilterSet):
    FILTER_DEFAULTS = {
        **FilterSet.FILTER_DEFAULTS,
        models.DateTimeField: {"filter_class": UTCDateTimeFilter},
    }


class PortalFilterBackend(DjangoFilterBackend):
    filterset_base = PortalFilterSet

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None:
            errors = _loose_values(filterset, request.query_params, queryset.model)
            if errors:
                raise ValidationError(errors)
        return super().filter_queryset(request, queryset, view)


# A filter form reads leniently, as the portal's pages need (an empty field is no filter, an
# unknown "yes" is no filter, 1.5 filters an id as 1.5). The API's schema is stricter (an
# integer, a boolean, a date, one of an enum) and a client sending anything else is told so.
_BOOLEAN_WORDS = {"true", "false", "True", "False", "1", "0"}


def _loose_values(filterset, params, model):
    errors = {}
    for name, field in filterset.form.fields.items():
        values = params.getlist(name)
        if not values:
            continue
        filter_ = filterset.filters.get(name)
        multiple = isinstance(field, forms.MultipleChoiceField | django_filters.fields.BaseCSVField)
        if len(values) > 1 and not multiple:
            errors[name] = [str(RegexValidator.message)]
            continue
        message = _loose_value(field, filter_, values[0], model)
        if message:
            errors[name] = [message]
    return errors


def _loose_value(field, filter_, value, model):
    if isinstance(field, forms.CharField) and not isinstance(field, forms.ChoiceField):
        return None
    if isinstance(field, forms.NullBooleanField):
        if value not in _BOOLEAN_WORDS:
            return str(BooleanField.default_error_messages["invalid"])
        return None
    if value == "":
        if isinstance(field, forms.ChoiceField):
            return str(field.error_messages["invalid_choice"]) % {"value": value}
        return str(field.error_messages.get("invalid") or field.error_messages["required"])
    if isinstance(filter_, django_filters.NumberFilter) and _integer_field(filter_, model):
        if not re.fullmatch(r"-?[0-9]+", value):
            return str(forms.IntegerField.default_error_messages["invalid"])
    return None


def _integer_field(filter_, model):
    path = filter_.field_name.split("__") if filter_.field_name else []
    field = None
    for part in path:
        try:
            field = model._meta.get_field(part)
        except (AttributeError, FieldDoesNotExist):
            return False
        model = field.related_model
    return isinstance(field, models.IntegerField | models.AutoField)
