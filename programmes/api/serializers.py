from rest_framework import serializers

from programmes.models import Initiative, Objective, PriorityArea, Programme


class ObjectiveSerializer(serializers.ModelSerializer):
    class Meta:
        model = Objective
        fields = ["order", "text", "text_zh"]


class InitiativeSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Initiative
        fields = [
            "id",
            "code",
            "programme",
            "order",
            "name",
            "name_zh",
            "timeframe",
            "benefit",
            "benefit_zh",
        ]


class ProgrammeSerializer(serializers.ModelSerializer):
    objectives = ObjectiveSerializer(many=True, read_only=True)
    initiatives = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    builds_on = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "code",
            "order",
            "name",
            "name_zh",
            "goal",
            "goal_zh",
            "builds_on",
            "objectives",
            "initiatives",
        ]


class PriorityAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = PriorityArea
        fields = ["id", "code", "order", "name", "name_zh", "description", "description_zh"]
