from rest_framework import serializers

from staffing.models import StaffingSnapshot


class StaffingSnapshotSerializer(serializers.ModelSerializer):
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    international = serializers.IntegerField(read_only=True)
    total = serializers.IntegerField(read_only=True)

    class Meta:
        model = StaffingSnapshot
        fields = [
            "id", "unit", "as_of", "d", "p", "fs", "gs", "international", "local", "unv", "icc",
            "contractors", "total", "source",
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


class StaffingSummarySerializer(serializers.Serializer):
    as_of = serializers.DateField()
    latest_snapshot = serializers.DateField(allow_null=True)
    rows = StaffingRowSerializer(many=True)
    totals = StaffingTotalsSerializer()


class AsOfQuerySerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False)
