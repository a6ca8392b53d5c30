from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from governance.models import OrganisationUnit
from staffing.models import StaffingSnapshot


class StaffingSnapshotSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    international = serializers.IntegerField(read_only=True)
    total = serializers.IntegerField(read_only=True)

    class Meta:
        model = StaffingSnapshot
        fields = [
            "id",
            "unit",
            "as_of",
            "d",
            "p",
            "fs",
            "gs",
            "international",
            "local",
            "unv",
            "icc",
            "contractors",
            "total",
            "source",
        ]


class StaffingRowSerializer(serializers.Serializer):
    unit = serializers.CharField()
    unit_name = serializers.CharField()
    snapshot = serializers.DateField()
    d = serializers.IntegerField()
    p = serializers.IntegerField()
    fs = serializers.IntegerField()
    gs = serializers.IntegerField()
    international = serializers.IntegerField()
    local = serializers.IntegerField()
    unv = serializers.IntegerField()
    icc = serializers.IntegerField()
    contractors = serializers.IntegerField()
    total = serializers.IntegerField()


class StaffingTotalsSerializer(serializers.Serializer):
    d = serializers.IntegerField()
    p = serializers.IntegerField()
    fs = serializers.IntegerField()
    gs = serializers.IntegerField()
    international = serializers.IntegerField()
    local = serializers.IntegerField()
    unv = serializers.IntegerField()
    icc = serializers.IntegerField()
    contractors = serializers.IntegerField()
    total = serializers.IntegerField()


class StaffingTrendRowSerializer(StaffingTotalsSerializer):
    """Totals of every unit's latest snapshot on one snapshot date."""

    as_of = serializers.DateField()


class StaffingSummarySerializer(serializers.Serializer):
    as_of = serializers.DateField()
    latest_snapshot = serializers.DateField(allow_null=True)
    rows = StaffingRowSerializer(many=True)
    totals = StaffingTotalsSerializer()


class AsOfQuerySerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False)


class StaffingSnapshotInputSerializer(serializers.Serializer):
    """A unit's headcount on a date, by Annex IV category (missing categories count 0)."""

    unit = serializers.SlugRelatedField(
        slug_field="code",
        queryset=OrganisationUnit.objects.all(),
        help_text=_("The unit's code, e.g. unog."),
    )
    as_of = serializers.DateField()
    d = serializers.IntegerField(min_value=0, max_value=100000, default=0)
    p = serializers.IntegerField(min_value=0, max_value=100000, default=0)
    fs = serializers.IntegerField(min_value=0, max_value=100000, default=0)
    gs = serializers.IntegerField(min_value=0, max_value=100000, default=0)
    local = serializers.IntegerField(min_value=0, max_value=100000, default=0)
    unv = serializers.IntegerField(min_value=0, max_value=100000, default=0)
    icc = serializers.IntegerField(min_value=0, max_value=100000, default=0)
    contractors = serializers.IntegerField(min_value=0, max_value=100000, default=0)
    source = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
