from rest_framework import serializers

from governance.performance.models import Service, ServiceLevel


class ScorecardMeasurementSerializer(serializers.Serializer):
    period = serializers.CharField(source="period_label")
    period_start = serializers.DateField()
    value = serializers.DecimalField(max_digits=16, decimal_places=2)
    target = serializers.DecimalField(max_digits=16, decimal_places=2)
    standing = serializers.CharField()


class ScorecardRowSerializer(serializers.Serializer):
    kpi = serializers.CharField(source="kpi.code")
    name = serializers.CharField(source="kpi.name")
    indicator = serializers.CharField(source="kpi.indicator")
    measure_unit = serializers.CharField(source="kpi.measure_unit")
    direction = serializers.CharField(source="kpi.direction")
    target = serializers.DecimalField(max_digits=16, decimal_places=2, source="kpi.target")
    change = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    measurements = ScorecardMeasurementSerializer(many=True)


class ScorecardSerializer(serializers.Serializer):
    unit = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    on_target = serializers.IntegerField()
    near_target = serializers.IntegerField()
    off_target = serializers.IntegerField()
    unmeasured = serializers.IntegerField()
    rows = ScorecardRowSerializer(many=True)


class AcrossCellSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    kpi = serializers.CharField(allow_null=True)
    period_start = serializers.DateField(allow_null=True)
    value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    standing = serializers.CharField(allow_null=True)


class AcrossRowSerializer(serializers.Serializer):
    unit = serializers.CharField()
    unit_name = serializers.CharField()
    on_target = serializers.IntegerField()
    near_target = serializers.IntegerField()
    off_target = serializers.IntegerField()
    cells = AcrossCellSerializer(many=True)


class IndicatorSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    name = serializers.CharField()


class AcrossSerializer(serializers.Serializer):
    indicators = IndicatorSerializer(many=True)
    units = AcrossRowSerializer(many=True)


class ServiceLevelSerializer(serializers.ModelSerializer):
    kpi = serializers.SlugRelatedField(slug_field="code", read_only=True)
    target = serializers.DecimalField(max_digits=16, decimal_places=2, source="kpi.target")
    latest_period_start = serializers.DateField(allow_null=True, read_only=True)
    latest_value = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, read_only=True
    )
    latest_standing = serializers.CharField(allow_null=True, read_only=True)

    class Meta:
        model = ServiceLevel
        fields = [
            "kind",
            "kpi",
            "target",
            "latest_period_start",
            "latest_value",
            "latest_standing",
        ]


class ServiceSerializer(serializers.ModelSerializer):
    name_zh = serializers.CharField(source="name_zh_hans", read_only=True, allow_null=True)
    description_zh = serializers.CharField(
        source="description_zh_hans", read_only=True, allow_null=True
    )

    owner_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    units_served = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)
    levels = ServiceLevelSerializer(many=True, read_only=True)

    class Meta:
        model = Service
        fields = [
            "code",
            "order",
            "name",
            "name_zh",
            "description",
            "description_zh",
            "owner_unit",
            "serves_all_units",
            "units_served",
            "programme",
            "survey_topic",
            "levels",
        ]
