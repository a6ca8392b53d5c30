"""Governance records for REST clients: bodies, meetings, decisions, opinions, votes.

Read serializers show what the selectors hand them; input serializers only validate the
shape of a request: the services decide who may do what.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from governance import rights, subjects
from governance.choices import AgendaItemKind, MembershipRole, Outcome, Stance, VoteChoice
from governance.models import (
    AgendaItem,
    Attendance,
    Body,
    Decision,
    Meeting,
    Membership,
    Opinion,
    Vote,
)


class MembershipSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    display_name = serializers.CharField(source="user.display_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["username", "display_name", "role", "votes", "start", "end"]


class BodySerializer(serializers.ModelSerializer):
    """A body with its rights (decision or advisory) and its current members."""

    name_zh = serializers.CharField(source="name_zh_hans", read_only=True, allow_null=True)
    programme = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    secretariat_unit = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    has_decision_rights = serializers.BooleanField(read_only=True)
    members = MembershipSerializer(source="current_members", many=True, read_only=True)

    class Meta:
        model = Body
        fields = [
            "code",
            "name",
            "name_zh",
            "kind",
            "rights",
            "has_decision_rights",
            "programme",
            "cadence",
            "cadence_note",
            "composition",
            "mandate",
            "secretariat_unit",
            "quorum_rule",
            "quorum_minimum",
            "paragraph",
            "members",
        ]


def subject_type_label(content_type):
    return f"{content_type.app_label}.{content_type.model}" if content_type else None


class SubjectSerializer(serializers.Serializer):
    type = serializers.CharField()
    id = serializers.IntegerField()


class VoteSerializer(serializers.ModelSerializer):
    voter = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Vote
        fields = ["id", "item", "voter", "choice", "cast_at"]


class AgendaItemSerializer(serializers.ModelSerializer):
    subject = serializers.SerializerMethodField()
    vote_is_open = serializers.BooleanField(read_only=True)
    votes = VoteSerializer(many=True, read_only=True)
    recused = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "position",
            "kind",
            "title",
            "notes",
            "subject",
            "vote_is_open",
            "vote_closed_at",
            "votes",
            "recused",
            "decision",
        ]

    @extend_schema_field(SubjectSerializer(allow_null=True))
    def get_subject(self, item):
        if not item.content_type_id:
            return None
        return {"type": subject_type_label(item.content_type), "id": item.object_id}

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_recused(self, item):
        return [recusal.member.username for recusal in item.recusals.all()]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_decision(self, item):
        try:
            return item.decision.pk
        except Decision.DoesNotExist:
            return None


class AttendanceSerializer(serializers.ModelSerializer):
    member = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = Attendance
        fields = ["member", "recorded_at"]


class MeetingSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    item_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "body",
            "kind",
            "title",
            "starts_at",
            "location",
            "deadline",
            "state",
            "opened_at",
            "closed_at",
            "item_count",
        ]


class MeetingDetailSerializer(MeetingSerializer):
    """A meeting with its agenda (votes, recusals, decisions) and who was present."""

    items = serializers.SerializerMethodField()
    attendance = AttendanceSerializer(many=True, read_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "minutes", "items", "attendance"]

    @extend_schema_field(AgendaItemSerializer(many=True))
    def get_items(self, meeting):
        return AgendaItemSerializer(self.context.get("agenda", []), many=True).data


class DecisionSerializer(serializers.ModelSerializer):
    body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    subject = serializers.SerializerMethodField()
    meeting = serializers.IntegerField(source="item.meeting_id", read_only=True)
    recorded_by = serializers.SlugRelatedField(
        slug_field="username", read_only=True, allow_null=True
    )

    class Meta:
        model = Decision
        fields = [
            "id",
            "body",
            "subject",
            "subject_label",
            "subject_version_label",
            "subject_version_pk",
            "outcome",
            "rank",
            "rationale",
            "votes_for",
            "votes_against",
            "abstentions",
            "quorum_required",
            "quorum_present",
            "meeting",
            "item",
            "supersedes",
            "recorded_by",
            "recorded_at",
        ]

    @extend_schema_field(SubjectSerializer)
    def get_subject(self, decision):
        return {"type": subject_type_label(decision.content_type), "id": decision.object_id}


class DecisionDetailSerializer(DecisionSerializer):
    """With the frozen provenance: votes, recusals, attendance and opinions at the time. A
    party to the subject who may not read the register gets it redacted (counts, no names,
    no minutes: ``governance.rights.decision_access``) and no ``recorded_by``."""

    superseded_by = serializers.SerializerMethodField()
    provenance = serializers.SerializerMethodField()

    class Meta(DecisionSerializer.Meta):
        fields = [*DecisionSerializer.Meta.fields, "superseded_by", "provenance"]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_provenance(self, decision):
        return getattr(decision, "shown_provenance", decision.provenance)

    def to_representation(self, decision):
        data = super().to_representation(decision)
        if getattr(decision, "access", rights.FULL) != rights.FULL:
            data["recorded_by"] = None
        return data

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_superseded_by(self, decision):
        try:
            return decision.superseded_by.pk
        except Decision.superseded_by.RelatedObjectDoesNotExist:
            return None


class OpinionSerializer(serializers.ModelSerializer):
    author = serializers.SlugRelatedField(slug_field="username", read_only=True)
    body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    subject = serializers.SerializerMethodField()

    class Meta:
        model = Opinion
        fields = ["id", "subject", "author", "body", "stance", "text", "created_at"]

    @extend_schema_field(SubjectSerializer)
    def get_subject(self, opinion):
        return {"type": subject_type_label(opinion.content_type), "id": opinion.object_id}


def _subject_type_choices():
    return sorted(model._meta.label_lower for model in subjects.registered_models())


class OpinionInputSerializer(serializers.Serializer):
    subject_type = serializers.ChoiceField(
        choices=[], help_text=_("The kind of item, e.g. governance.motion or portfolio.project.")
    )
    subject_id = serializers.IntegerField(min_value=1)
    stance = serializers.ChoiceField(choices=Stance.choices)
    text = serializers.CharField(max_length=20000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Models register as subjects when their apps are ready: read the registry late.
        self.fields["subject_type"].choices = _subject_type_choices()


class VoteInputSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=VoteChoice.choices)


class RecusalInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class DecideInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    rank = serializers.IntegerField(min_value=1, max_value=32767, required=False, allow_null=True)
    rationale = serializers.CharField(
        max_length=20000, required=False, allow_blank=True, default=""
    )
    supersedes = serializers.IntegerField(
        min_value=1,
        required=False,
        allow_null=True,
        help_text=_("The earlier decision on the same subject that this one supersedes."),
    )


class RecusalSerializer(serializers.Serializer):
    item = serializers.IntegerField(source="item_id")
    member = serializers.CharField(source="member.username")
    reason = serializers.CharField()
    declared_at = serializers.DateTimeField()


class MeetingCreateInputSerializer(serializers.Serializer):
    body = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Body.objects.all(),
        help_text=_("The code of the body that meets, e.g. km-steering."),
    )
    title = serializers.CharField(max_length=250)
    starts_at = serializers.DateTimeField()
    location = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class MeetingCloseInputSerializer(serializers.Serializer):
    minutes = serializers.CharField(
        max_length=100000,
        required=False,
        allow_blank=True,
        help_text=_("The minutes, if the secretary records them on closing."),
    )


class AgendaItemInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AgendaItemKind.choices)
    subject_type = serializers.ChoiceField(
        choices=[],
        required=False,
        help_text=_("For decision items: the kind of item, e.g. portfolio.project."),
    )
    subject_id = serializers.IntegerField(min_value=1, max_value=2147483647, required=False)
    title = serializers.CharField(
        max_length=250,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Defaults to the subject's name."),
    )
    notes = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_type"].choices = _subject_type_choices()

    def validate(self, attrs):
        names = ("subject_type", "subject_id")
        if attrs["kind"] == AgendaItemKind.DECISION:
            message = _("An item for decision names its subject.")
        elif any(name in attrs for name in names):
            message = _("A subject is named by its type and its number.")
        else:
            return attrs
        missing = {name: [message] for name in names if name not in attrs}
        if missing:
            raise serializers.ValidationError(missing)
        return attrs


class WrittenProcedureInputSerializer(serializers.Serializer):
    body = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Body.objects.all(),
        help_text=_("The code of the deciding body, e.g. km-steering."),
    )
    subject_type = serializers.ChoiceField(
        choices=[], help_text=_("The kind of item put to the vote, e.g. governance.motion.")
    )
    subject_id = serializers.IntegerField(min_value=1, max_value=2147483647)
    deadline = serializers.DateTimeField(help_text=_("Votes are taken until then."))
    title = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")
    notes = serializers.CharField(max_length=20000, required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_type"].choices = _subject_type_choices()


class WrittenProcedureCloseInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=Outcome.choices,
        required=False,
        allow_null=True,
        help_text=_(
            "The decision, under the body's decision rule; without one, after the deadline, "
            "the procedure lapses."
        ),
    )
    rank = serializers.IntegerField(min_value=1, max_value=32767, required=False, allow_null=True)
    rationale = serializers.CharField(
        max_length=20000, required=False, allow_blank=True, default=""
    )


class AgendaReorderInputSerializer(serializers.Serializer):
    order = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2147483647),
        allow_empty=False,
        max_length=1000,
        help_text=_("Every item's id, first to last: the whole agenda, each item once."),
    )


class AgendaItemMoveInputSerializer(serializers.Serializer):
    position = serializers.IntegerField(
        min_value=1,
        max_value=32767,
        help_text=_("The item's new place on the agenda (1 = first); the others keep their order."),
    )


class AttendanceInputSerializer(serializers.Serializer):
    attendees = serializers.ListField(
        child=serializers.CharField(max_length=150),
        max_length=500,
        help_text=_("The usernames of the members present: the list replaces the record."),
    )


# --------------------------------------------------------------------------- memberships
class MembershipRecordSerializer(serializers.ModelSerializer):
    """A seat on a body, past, current or future: who sat where when."""

    body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    display_name = serializers.CharField(source="user.display_name", read_only=True)
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = Membership
        fields = [
            "id",
            "body",
            "username",
            "display_name",
            "role",
            "votes",
            "start",
            "end",
            "is_current",
        ]

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_is_current(self, membership):
        return membership.is_current()


class _UsernameField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        from governance.models import User

        super().__init__(slug_field="username", queryset=User.objects.all(), **kwargs)


class MembershipAppointInputSerializer(serializers.Serializer):
    body = serializers.SlugRelatedField(slug_field="code", queryset=Body.objects.all())
    username = _UsernameField()
    role = serializers.ChoiceField(choices=MembershipRole.choices)
    votes = serializers.BooleanField(required=False, allow_null=True, default=None)
    start = serializers.DateField(required=False, allow_null=True, default=None)
    end = serializers.DateField(required=False, allow_null=True, default=None)


class MembershipEndInputSerializer(serializers.Serializer):
    last_day = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("The membership's last day; without it, it ends now."),
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class MembershipRoleInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=MembershipRole.choices)
    votes = serializers.BooleanField(required=False, allow_null=True, default=None)
    on = serializers.DateField(required=False, allow_null=True, default=None)
    holder_stays = serializers.BooleanField(
        required=False,
        default=True,
        help_text=_("Whoever held a chair or vice-chair seat stays on as a voting member."),
    )


class MembershipReplaceInputSerializer(serializers.Serializer):
    username = _UsernameField()
    on = serializers.DateField(required=False, allow_null=True, default=None)
