"""Filtering defaults for every API list.

Date-time filters are compared in UTC: a client may send any ISO offset (``+19:15`` is valid
ISO 8601), which PostgreSQL refuses as a time zone, so the value is normalised first.
"""

import datetime

import django_filters
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend, FilterSet


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
