from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from survey import permissions
from survey.choices import Rating
from survey.models import Survey, Topic


class TopicSerializer(serializers.ModelSerializer):
    name_zh = serializers.CharField(source="name_zh_hans", read_only=True, allow_null=True)

    class Meta:
        model = Topic
        fields = ["code", "order", "name", "name_zh", "is_overall"]


class SurveySerializer(serializers.ModelSerializer):
    """A survey with its topics and what the caller may see of its results."""

    topics = TopicSerializer(many=True, read_only=True)
    compare_with = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    response_count = serializers.IntegerField(read_only=True)
    answered = serializers.BooleanField(read_only=True, help_text=_("Whether you answered it."))
    results_visible = serializers.SerializerMethodField(
        help_text=_("Whether you may read its topic-level results now.")
    )
    detailed_results_visible = serializers.SerializerMethodField(
        help_text=_("Whether you may read its breakdowns and comments now.")
    )

    class Meta:
        model = Survey
        fields = [
            "id",
            "title",
            "introduction",
            "audience",
            "status",
            "opens_on",
            "closes_on",
            "target",
            "compare_with",
            "topics",
            "response_count",
            "answered",
            "results_visible",
            "detailed_results_visible",
        ]

    @extend_schema_field(serializers.BooleanField())
    def get_results_visible(self, survey):
        return permissions.can_see_topic_results(self.context["request"].user, survey)

    @extend_schema_field(serializers.BooleanField())
    def get_detailed_results_visible(self, survey):
        return permissions.can_see_detailed_results(self.context["request"].user, survey)


class RatingCountSerializer(serializers.Serializer):
    rating = serializers.ChoiceField(choices=Rating.choices)
    label = serializers.CharField()
    count = serializers.IntegerField()


class TopicResultSerializer(serializers.Serializer):
    """One topic's satisfaction. A suppressed topic (fewer ratings than the minimum group size)
    shows no figure at all, so no answer can be traced to a person."""

    code = serializers.CharField(source="topic.code")
    name = serializers.CharField(source="topic.name")
    is_overall = serializers.BooleanField(source="topic.is_overall")
    suppressed = serializers.BooleanField()
    rated = serializers.SerializerMethodField()
    satisfaction = serializers.FloatField(source="rate", allow_null=True)
    target = serializers.IntegerField()
    gap = serializers.FloatField(allow_null=True)
    meets_target = serializers.BooleanField()
    earlier = serializers.SerializerMethodField()
    change = serializers.FloatField(allow_null=True)
    distribution = serializers.SerializerMethodField()

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_rated(self, result):
        return None if result.suppressed else result.rated

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_earlier(self, result):
        return None if result.suppressed else result.earlier

    @extend_schema_field(RatingCountSerializer(many=True, allow_null=True))
    def get_distribution(self, result):
        if result.suppressed:
            return None
        return [
            {"rating": r.value, "label": str(r.label), "count": result.counts.get(r.value, 0)}
            for r in Rating
        ]


class SurveyResultsSerializer(serializers.Serializer):
    survey = serializers.IntegerField(source="survey.pk")
    minimum_group_size = serializers.IntegerField(source="minimum")
    suppressed = serializers.BooleanField(
        help_text=_("True when fewer people answered than the minimum group size.")
    )
    respondents = serializers.SerializerMethodField()
    compare_with = serializers.SerializerMethodField()
    topics = TopicResultSerializer(many=True)

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_respondents(self, summary):
        return None if summary.suppressed else summary.respondents

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_compare_with(self, summary):
        return summary.compare_with.pk if summary.compare_with is not None else None
