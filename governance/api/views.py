"""Governance endpoints. Reads go through ``governance.selectors`` (what a person may not see
is 404), writes through ``governance.services`` (what a person may not do is 403 with the
rights policy's message): an advisory member's token gives opinions and is refused every vote
and decision, exactly as in the browser."""

import contextlib

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.conditional import ETagMixin
from core.api.errors import Conflict
from governance import rights, selectors, services, subjects
from governance.administration import services as administration
from governance.choices import MeetingState
from governance.filtersets import DecisionFilter
from governance.models import Attendance, Decision, Meeting, Membership, User

from .serializers import (
    AgendaItemInputSerializer,
    AgendaItemMoveInputSerializer,
    AgendaItemSerializer,
    AgendaReorderInputSerializer,
    AttendanceInputSerializer,
    BodySerializer,
    DecideInputSerializer,
    DecisionDetailSerializer,
    DecisionSerializer,
    MeetingCloseInputSerializer,
    MeetingCreateInputSerializer,
    MeetingDetailSerializer,
    MeetingSerializer,
    MembershipAppointInputSerializer,
    MembershipEndInputSerializer,
    MembershipRecordSerializer,
    MembershipReplaceInputSerializer,
    MembershipRoleInputSerializer,
    OpinionInputSerializer,
    OpinionSerializer,
    RecusalInputSerializer,
    RecusalSerializer,
    VoteInputSerializer,
    VoteSerializer,
    WrittenProcedureCloseInputSerializer,
    WrittenProcedureInputSerializer,
)


class BodyViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """Governance bodies with their rights (decision or advisory) and current members."""

    serializer_class = BodySerializer
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"
    filterset_fields = {"kind": ["exact"], "rights": ["exact"]}
    ordering_fields = ["code", "name"]

    def get_queryset(self):
        members = Prefetch(
            "memberships",
            queryset=Membership.objects.current()
            .select_related("user")
            .order_by("role", "user__display_name"),
            to_attr="current_members",
        )
        return selectors.bodies_directory().prefetch_related(members)


class MeetingViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings and written procedures; the detail holds the agenda and the attendance.

    The PMO and a body's chair, vice-chair or secretary run its meetings: ``POST`` plans one,
    ``.../open/``, ``.../items/``, ``.../attendance/`` and ``.../close/`` run it, all through
    ``governance.services`` (others: 403 with the reason)."""

    filterset_fields = {
        "body__code": ["exact"],
        "state": ["exact"],
        "kind": ["exact"],
        "starts_at": ["gte", "lte"],
    }
    ordering_fields = ["starts_at", "title"]

    def get_queryset(self):
        queryset = selectors.meetings_visible_to(self.request.user)
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch(
                    "attendance", queryset=Attendance.objects.current().select_related("member")
                )
            )
        return queryset

    def get_serializer_class(self):
        return MeetingDetailSerializer if self.action == "retrieve" else MeetingSerializer

    def get_object(self):
        meeting = super().get_object()
        if self.action == "retrieve":
            self._agenda = selectors.agenda(meeting)
        return meeting

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["agenda"] = getattr(self, "_agenda", [])
        return context

    @extend_schema(request=MeetingCreateInputSerializer, responses={201: MeetingDetailSerializer})
    def create(self, request, *args, **kwargs):
        data = MeetingCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        meeting = services.meeting_create(
            body=values["body"],
            title=values["title"],
            starts_at=values["starts_at"],
            location=values["location"],
            actor=request.user,
        )
        return self._detail_response(meeting, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: MeetingDetailSerializer})
    @action(detail=True, methods=["post"], url_path="open")
    def open_meeting(self, request, pk=None):
        meeting = services.meeting_open(meeting=self.get_object(), actor=request.user)
        return self._detail_response(meeting)

    @extend_schema(request=MeetingCloseInputSerializer, responses={200: MeetingDetailSerializer})
    @action(detail=True, methods=["post"], url_path="close")
    def close_meeting(self, request, pk=None):
        meeting = self.get_object()
        data = MeetingCloseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        meeting = services.meeting_close(
            meeting=meeting, actor=request.user, minutes=data.validated_data.get("minutes")
        )
        return self._detail_response(meeting)

    @extend_schema(request=AgendaItemInputSerializer, responses={201: AgendaItemSerializer})
    @action(detail=True, methods=["post"], url_path="items")
    def add_item(self, request, pk=None):
        meeting = self.get_object()
        # Asked first, so that who may not run the meeting learns nothing about the subject.
        rights.check_manage_meetings(request.user, meeting.body)
        data = AgendaItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        subject = None
        if "subject_type" in values:
            subject = _visible_subject(request.user, values["subject_type"], values["subject_id"])
        item = services.agenda_item_add(
            meeting=meeting,
            kind=values["kind"],
            subject=subject,
            title=values["title"],
            notes=values["notes"],
            actor=request.user,
        )
        item = next(row for row in selectors.agenda(meeting) if row.pk == item.pk)
        return Response(AgendaItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AttendanceInputSerializer, responses={200: MeetingDetailSerializer})
    @action(detail=True, methods=["post"], url_path="attendance")
    def record_attendance(self, request, pk=None):
        meeting = self.get_object()
        # Asked first (the service asks again), so that who may not run the meeting learns
        # nothing about which usernames exist.
        rights.check_manage_meetings(request.user, meeting.body)
        data = AttendanceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        usernames = set(data.validated_data["attendees"])
        attendees = list(User.objects.filter(username__in=usernames))
        unknown = usernames - {user.username for user in attendees}
        if unknown:
            raise serializers.ValidationError(
                {
                    "attendees": [
                        _("No such person: %(names)s.") % {"names": ", ".join(sorted(unknown))}
                    ]
                }
            )
        meeting = services.attendance_record(
            meeting=meeting, attendees=attendees, actor=request.user
        )
        return self._detail_response(meeting)

    @extend_schema(
        request=AgendaReorderInputSerializer,
        responses={200: MeetingDetailSerializer},
        description=(
            "The chair, vice-chair or secretary (or the PMO) sets the agenda's order: `order` "
            "lists every item's id, first to last. 400 when the list is not the agenda, each "
            "item once, or when the meeting is closed (its record is locked); 409 when items "
            "were added since the client read the agenda (read it again)."
        ),
    )
    @action(detail=True, methods=["post"], url_path="reorder")
    def reorder_agenda(self, request, pk=None):
        meeting = self.get_object()
        rights.check_manage_meetings(request.user, meeting.body)
        data = AgendaReorderInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        order = data.validated_data["order"]
        with _agenda_refusals(meeting, field="order", order=order):
            services.agenda_reorder(meeting=meeting, actor=request.user, order=order)
        return self._detail_response(meeting)

    @extend_schema(
        request=None,
        responses={200: MeetingDetailSerializer},
        description=(
            "Add everything awaiting this body: an item for decision, at the end of a planned "
            "meeting's agenda, for every subject before the body that stands on no open item "
            "(the chair, vice-chair or secretary, or the PMO). 400 once the meeting is open "
            "or closed, or for a written procedure."
        ),
    )
    @action(detail=True, methods=["post"], url_path="fill")
    def fill_agenda(self, request, pk=None):
        meeting = self.get_object()
        rights.check_manage_meetings(request.user, meeting.body)
        with _agenda_refusals(meeting, field=None):
            services.agenda_fill(meeting=meeting, actor=request.user)
        return self._detail_response(meeting)

    def _detail_response(self, meeting, status_code=status.HTTP_200_OK):
        return _meeting_detail(self.request, meeting, status_code)


def _meeting_detail(request, meeting, status_code=status.HTTP_200_OK):
    """The meeting as its detail shows it, after an action on it."""
    meeting = (
        selectors.meetings_visible_to(request.user)
        .prefetch_related(
            Prefetch("attendance", queryset=Attendance.objects.current().select_related("member"))
        )
        .get(pk=meeting.pk)
    )
    context = {"request": request, "agenda": selectors.agenda(meeting)}
    data = MeetingDetailSerializer(meeting, context=context).data
    return Response(data, status=status_code)


class DecisionViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """The decisions register. Decisions are immutable: there is no write here; a body
    supersedes a decision by deciding again (``.../decide/`` with ``supersedes``)."""

    filterset_class = DecisionFilter
    lookup_value_regex = r"\d+"
    ordering_fields = ["recorded_at", "outcome"]

    def get_queryset(self):
        return selectors.decisions_visible_to(self.request.user)

    def get_serializer_class(self):
        return DecisionDetailSerializer if self.action == "retrieve" else DecisionSerializer

    def get_object(self):
        # Also open to people who may see the decided item without reading the register.
        decision = selectors.decision_for(self.request.user, self.kwargs["pk"])
        self.check_object_permissions(self.request, decision)
        return decision


class OpinionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Opinions of advisory members. ``POST`` gives one through ``opinion_give``: only current
    members of an advisory body may (others: 403 with the reason)."""

    serializer_class = OpinionSerializer
    filterset_fields = {"stance": ["exact"], "body__code": ["exact"], "object_id": ["exact"]}
    ordering_fields = ["created_at"]

    def get_queryset(self):
        return selectors.opinions_visible_to(self.request.user)

    @extend_schema(request=OpinionInputSerializer, responses={201: OpinionSerializer})
    def create(self, request, *args, **kwargs):
        data = OpinionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        subject = _visible_subject(
            request.user, data.validated_data["subject_type"], data.validated_data["subject_id"]
        )
        opinion = services.opinion_give(
            subject=subject,
            author=request.user,
            stance=data.validated_data["stance"],
            text=data.validated_data["text"],
        )
        return Response(OpinionSerializer(opinion).data, status=status.HTTP_201_CREATED)


def _visible_subject(user, label, pk):
    model = next((m for m in subjects.registered_models() if m._meta.label_lower == label), None)
    subject = model._default_manager.filter(pk=pk).first() if model is not None else None
    if subject is None or not rights.can_see(user, subject):
        # The same answer whether the item does not exist or is hidden from this person.
        raise serializers.ValidationError({"subject_id": [_("No such item.")]})
    return subject


class _ItemActionView(APIView):
    """An action on an agenda item of a meeting the user may see (otherwise 404)."""

    def get_item(self, request, meeting_pk, item_pk):
        item = selectors.item_for(request.user, item_pk)
        if item.meeting_id != int(meeting_pk):
            raise Http404
        return item


@contextlib.contextmanager
def _agenda_refusals(meeting, *, field, order=None):
    """The agenda services' refusals over the API. The meeting's state (closed, or not a
    planned meeting for filling) is a 400 with the service's message, as for every other
    action on a meeting; a refusal of the person stays a 403. An ``order`` that lists items
    of this agenda, each once, but not the items added since the client read it is a 409
    (read the meeting again); any other refusal is a 400 under ``field``."""
    try:
        yield
    except DjangoValidationError as error:
        if isinstance(error, PermissionError) or hasattr(error, "error_dict"):
            raise
        meeting = Meeting.objects.get(pk=meeting.pk)
        if meeting.state == MeetingState.CLOSED or field is None:
            raise
        if order is not None and len(set(order)) == len(order):
            current = set(meeting.items.values_list("pk", flat=True))
            if set(order) < current:
                raise Conflict(
                    _(
                        "The agenda has items your order does not list: it changed since you "
                        "read it. Read the meeting again and send the whole order."
                    )
                ) from error
        raise serializers.ValidationError({field: error.messages}) from error


class AgendaItemMoveView(_ItemActionView):
    """The chair, vice-chair or secretary (or the PMO) moves an item to ``position`` (1 =
    first) on an agenda that is not closed; the others keep their order."""

    @extend_schema(
        request=AgendaItemMoveInputSerializer,
        responses={200: MeetingDetailSerializer},
        description=(
            "A position beyond the last puts the item last. 400 when the meeting is closed "
            "(its record is locked)."
        ),
    )
    def post(self, request, meeting_pk, item_pk):
        item = self.get_item(request, meeting_pk, item_pk)
        rights.check_manage_meetings(request.user, item.meeting.body)
        data = AgendaItemMoveInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with _agenda_refusals(item.meeting, field="position"):
            services.agenda_item_move(
                item=item, actor=request.user, position=data.validated_data["position"]
            )
        return _meeting_detail(request, item.meeting)


class VoteCastView(_ItemActionView):
    """Cast a vote on a decision item: current voting members of the deciding body who are
    present (or any voting member in a written procedure)."""

    @extend_schema(request=VoteInputSerializer, responses={201: VoteSerializer})
    def post(self, request, meeting_pk, item_pk):
        item = self.get_item(request, meeting_pk, item_pk)
        data = VoteInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vote = services.vote_cast(
            item=item, voter=request.user, choice=data.validated_data["choice"]
        )
        return Response(VoteSerializer(vote).data, status=status.HTTP_201_CREATED)


class RecusalDeclareView(_ItemActionView):
    """Declare one's conflict of interest on an item (voting members only)."""

    @extend_schema(request=RecusalInputSerializer, responses={201: RecusalSerializer})
    def post(self, request, meeting_pk, item_pk):
        item = self.get_item(request, meeting_pk, item_pk)
        data = RecusalInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        recusal = services.recusal_declare(
            item=item, member=request.user, reason=data.validated_data["reason"]
        )
        return Response(RecusalSerializer(recusal).data, status=status.HTTP_201_CREATED)


class DecideView(_ItemActionView):
    """The chair (or vice-chair) closes the vote and records the body's decision."""

    @extend_schema(request=DecideInputSerializer, responses={201: DecisionDetailSerializer})
    def post(self, request, meeting_pk, item_pk):
        item = self.get_item(request, meeting_pk, item_pk)
        data = DecideInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        supersedes = None
        if values.get("supersedes"):
            supersedes = Decision.objects.filter(pk=values["supersedes"]).first()
            if supersedes is None:
                raise serializers.ValidationError({"supersedes": [_("No such decision.")]})
        decision = services.vote_close_and_decide(
            item=item,
            actor=request.user,
            outcome=values["outcome"],
            rank=values.get("rank"),
            rationale=values.get("rationale", ""),
            supersedes=supersedes,
        )
        return _decision_created(request, decision)


def _decision_created(request, decision):
    """The recorded decision as its detail shows it (with the state change it caused)."""
    decision = selectors.decision_for(request.user, decision.pk)
    return Response(DecisionDetailSerializer(decision).data, status=status.HTTP_201_CREATED)


class MembershipViewSet(ETagMixin, viewsets.ReadOnlyModelViewSet):
    """Memberships of the governance bodies, past, current and future (``?current=true``: those
    in force today), for the portal administrators and the CITO.

    The portal administrator appoints (``POST``), ends (``.../end/``), changes a member's role
    (``.../role/``: making someone chair ends the current chair's seat) and hands a seat over
    (``.../replace/``), through ``governance.administration.services``, as on the
    administration pages: rights follow on the next request."""

    serializer_class = MembershipRecordSerializer
    filterset_fields = {
        "body__code": ["exact"],
        "user__username": ["exact"],
        "role": ["exact"],
        "votes": ["exact"],
    }
    ordering_fields = ["start", "end", "role"]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not rights.can_view_structure(request.user):
            raise PermissionDenied(
                _("Only portal administrators and the CITO see the membership records.")
            )

    def get_queryset(self):
        queryset = Membership.objects.select_related("body", "user").order_by(
            "body__code", "-start", "pk"
        )
        if self.request.query_params.get("current", "").lower() in ("true", "1", "yes"):
            queryset = queryset.current()
        return queryset

    def _record(self, membership, status_code=status.HTTP_200_OK):
        membership = self.get_queryset().get(pk=membership.pk)
        return Response(MembershipRecordSerializer(membership).data, status=status_code)

    @extend_schema(
        request=MembershipAppointInputSerializer, responses={201: MembershipRecordSerializer}
    )
    def create(self, request, *args, **kwargs):
        rights.check_administer_structure(request.user)
        data = MembershipAppointInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        membership = administration.membership_appoint(
            body=values["body"],
            user=values["username"],
            role=values["role"],
            votes=values["votes"],
            start=values["start"],
            end=values["end"],
            actor=request.user,
        )
        return self._record(membership, status.HTTP_201_CREATED)

    @extend_schema(
        request=MembershipEndInputSerializer,
        responses={200: MembershipRecordSerializer, 204: None},
    )
    @action(detail=True, methods=["post"], url_path="end")
    def end(self, request, pk=None):
        membership = self.get_object()
        rights.check_administer_structure(request.user)
        data = MembershipEndInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ended = administration.membership_end(
            membership=membership,
            actor=request.user,
            last_day=data.validated_data["last_day"],
            reason=data.validated_data["reason"],
        )
        if ended is None:  # withdrawn before it started: gone, with its trace in the audit
            return Response(status=status.HTTP_204_NO_CONTENT)
        return self._record(ended)

    @extend_schema(
        request=MembershipRoleInputSerializer, responses={201: MembershipRecordSerializer}
    )
    @action(detail=True, methods=["post"], url_path="role")
    def change_role(self, request, pk=None):
        membership = self.get_object()
        rights.check_administer_structure(request.user)
        data = MembershipRoleInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        new = administration.membership_change_role(
            membership=membership,
            role=values["role"],
            votes=values["votes"],
            on=values["on"],
            holder_stays=values["holder_stays"],
            actor=request.user,
        )
        return self._record(new, status.HTTP_201_CREATED)

    @extend_schema(
        request=MembershipReplaceInputSerializer, responses={201: MembershipRecordSerializer}
    )
    @action(detail=True, methods=["post"], url_path="replace")
    def replace(self, request, pk=None):
        membership = self.get_object()
        rights.check_administer_structure(request.user)
        data = MembershipReplaceInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        new = administration.membership_replace(
            membership=membership,
            user=data.validated_data["username"],
            on=data.validated_data["on"],
            actor=request.user,
        )
        return self._record(new, status.HTTP_201_CREATED)


class WrittenProcedureOpenView(APIView):
    """Open a written procedure: one subject put to a body's vote until a deadline (the
    chair, the secretary or the PMO). Members vote through ``.../items/<id>/votes/``; the chair
    closes it through ``.../items/<id>/close/``, under the body's decision rule."""

    @extend_schema(request=WrittenProcedureInputSerializer, responses={201: AgendaItemSerializer})
    def post(self, request):
        data = WrittenProcedureInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        # Asked first, so that who may not run the body's meetings learns nothing about the
        # subject.
        rights.check_manage_meetings(request.user, values["body"])
        subject = _visible_subject(request.user, values["subject_type"], values["subject_id"])
        item = services.written_procedure_open(
            body=values["body"],
            subject=subject,
            deadline=values["deadline"],
            actor=request.user,
            title=values["title"],
            notes=values["notes"],
        )
        item = next(row for row in selectors.agenda(item.meeting) if row.pk == item.pk)
        return Response(AgendaItemSerializer(item).data, status=status.HTTP_201_CREATED)


class WrittenProcedureCloseView(_ItemActionView):
    """The chair closes a written procedure: records the decision (the same quorum, rule and
    rationale checks as a meeting), or, with no outcome once the deadline has passed, lets it
    lapse (204)."""

    @extend_schema(
        request=WrittenProcedureCloseInputSerializer,
        responses={201: DecisionDetailSerializer, 204: None},
    )
    def post(self, request, meeting_pk, item_pk):
        item = self.get_item(request, meeting_pk, item_pk)
        data = WrittenProcedureCloseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        decision = services.written_procedure_close(
            item=item,
            actor=request.user,
            outcome=values.get("outcome"),
            rank=values.get("rank"),
            rationale=values.get("rationale", ""),
        )
        if decision is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return _decision_created(request, decision)
