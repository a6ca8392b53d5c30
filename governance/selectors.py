"""Reads of governance records, already restricted to what the user may see."""

from .models import Membership


def current_memberships(user):
    return (
        Membership.objects.current()
        .filter(user=user)
        .select_related("body", "body__programme")
        .order_by("body__pk")
    )


# --------------------------------------------------------------------------- bodies, meetings
# (imports here keep the foundation's selector above untouched)
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db.models import Count, Exists, OuterRef, Prefetch, Q  # noqa: E402
from django.http import Http404  # noqa: E402

from . import rights, subjects  # noqa: E402
from .choices import AgendaItemKind, MeetingState, MembershipRole  # noqa: E402
from .models import (  # noqa: E402
    AgendaItem,
    Body,
    Decision,
    Meeting,
    Motion,
    Opinion,
    Recusal,
    Vote,
)


def bodies_directory():
    """Every body with its number of current members (one query)."""
    current = Membership.objects.current()
    return (
        Body.objects.select_related("programme", "secretariat_unit")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__in=current), distinct=True)
        )
        .order_by("pk")
    )


def body_for(user, code):
    """A body's page is open to every signed-in person; its business is not (see below)."""
    try:
        return Body.objects.select_related("programme", "secretariat_unit").get(code=code)
    except Body.DoesNotExist as error:
        raise Http404 from error


def body_members(body):
    return (
        Membership.objects.current()
        .filter(body=body)
        .select_related("user")
        .order_by("role", "user__display_name")
    )


def body_chair(body):
    """The person chairing ``body`` today, or None."""
    membership = body_members(body).filter(role=MembershipRole.CHAIR).first()
    return membership.user if membership else None


def meetings_for(user, body):
    if not rights.can_see_body_business(user, body):
        return Meeting.objects.none()
    return body.meetings.annotate(item_count=Count("items")).order_by("-starts_at", "-pk")


def meeting_for(user, pk):
    """A meeting, with everything its page shows, or 404 for who may not see its body's
    business."""
    meeting = (
        Meeting.objects.select_related("body", "minutes_by", "created_by").filter(pk=pk).first()
    )
    if meeting is None or not rights.can_see_body_business(user, meeting.body):
        raise Http404
    return meeting


def agenda(meeting):
    """The meeting's items with their votes, recusals, decisions and subjects prefetched."""
    return list(
        meeting.items.select_related("content_type", "decision")
        .prefetch_related(
            Prefetch("votes", queryset=Vote.objects.select_related("voter")),
            Prefetch("recusals", queryset=Recusal.objects.select_related("member")),
            "subject",
        )
        .order_by("position")
    )


def item_for(user, pk):
    item = AgendaItem.objects.select_related("meeting", "meeting__body").filter(pk=pk).first()
    if item is None or not rights.can_see_body_business(user, item.meeting.body):
        raise Http404
    return item


def awaiting_vote(user):
    """Open decision items of the user's bodies on which they may vote and have not voted."""
    if not user.is_authenticated:
        return AgendaItem.objects.none()
    bodies = (
        Membership.objects.current()
        .filter(user=user, votes=True, body__rights="decision")
        .values("body_id")
    )
    return (
        AgendaItem.objects.filter(
            kind=AgendaItemKind.DECISION,
            vote_closed_at__isnull=True,
            meeting__state=MeetingState.OPEN,
            meeting__body_id__in=bodies,
        )
        .exclude(Exists(Vote.objects.filter(item=OuterRef("pk"), voter=user)))
        .exclude(Exists(Recusal.objects.filter(item=OuterRef("pk"), member=user)))
        .select_related("meeting", "meeting__body")
        .order_by("meeting__deadline", "meeting__starts_at", "position")
    )


# --------------------------------------------------------------------------- decisions


def decisions_visible_to(user):
    """The decisions register: the governance record at large for those who may read it."""
    if not rights.can_read_governance(user):
        return Decision.objects.none()
    return Decision.objects.select_related(
        "body", "content_type", "recorded_by", "item__meeting", "supersedes", "superseded_by"
    ).order_by("-recorded_at", "-pk")


def decision_for(user, pk):
    """A decision as ``user`` may see it (``rights.decision_access``), or 404. The record a
    page, the API or an export shows is ``decision.shown_provenance``: whole for readers of the
    register, redacted for a party to the subject."""
    decision = (
        Decision.objects.select_related(
            "body", "content_type", "recorded_by", "item__meeting", "supersedes", "superseded_by"
        )
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404
    access = rights.decision_access(user, decision)
    if access is None:
        raise Http404
    decision.access = access
    records = subjects.provenance_of([decision])[0]
    subject = decision.subject if records and access == rights.FULL else None
    if records and access == rights.FULL and (subject is None or not rights.can_see(user, subject)):
        # A reader of the register who may not open the subject gets no link to it.
        records = {
            key: None if entry is None else {**entry, "url": ""} for key, entry in records.items()
        }
    # The subject's records are read live (append-only: as they were when the body decided,
    # plus the state change the decision caused), in the reader's language.
    decision.shown_provenance = (
        decision.provenance | records
        if access == rights.FULL
        else rights.redact_provenance(decision.provenance) | rights.redact_record(records)
    )
    return decision


def decision_records(decisions):
    """The subjects' own records behind each of ``decisions`` (``subjects.provenance_of``),
    by decision id: for readers of the register (lists and exports of the register)."""
    decisions = list(decisions)
    return {
        decision.pk: records
        for decision, records in zip(decisions, subjects.provenance_of(decisions), strict=True)
    }


def decisions_for(subject, user=None):
    """Every decision on ``subject``, latest first, superseded ones included (and marked).

    With ``user``, empty unless the user may read the register or is a party to the subject
    (``rights.subject_record_access``)."""
    if user is not None and rights.subject_record_access(user, subject) is None:
        return Decision.objects.none()
    return (
        Decision.objects.for_subject(subject)
        .select_related("body", "recorded_by", "item__meeting", "supersedes", "superseded_by")
        .order_by("-recorded_at", "-pk")
    )


def opinions_for(subject, user=None):
    """Every opinion given on ``subject``, latest first (deciders see them beside it).

    With ``user``, empty unless the user may read the register or is a party to the subject
    (a party sees them redacted: ``rights.subject_record_access``)."""
    if user is not None and rights.subject_record_access(user, subject) is None:
        return Opinion.objects.none()
    return (
        Opinion.objects.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
        )
        .select_related("author", "body")
        .order_by("-created_at", "-pk")
    )


# --------------------------------------------------------------------------- motions


def motions_visible_to(user):
    if rights.can_read_governance(user):
        return Motion.objects.select_related("body")
    if not user.is_authenticated:
        return Motion.objects.none()
    return Motion.objects.filter(proposed_by=user).select_related("body")


def motion_for(user, pk):
    motion = motions_visible_to(user).filter(pk=pk).first()
    if motion is None:
        raise Http404
    return motion


def pending_motions(body):
    return Motion.objects.filter(body=body).exclude(state="withdrawn").order_by("title")


def motions_off_agenda(body):
    """The body's motions that may be put on an agenda now: not withdrawn and on no open
    item for decision (a subject stands on one at a time, so the choice is not offered)."""
    on_open_item = AgendaItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Motion),
        object_id=OuterRef("pk"),
        kind=AgendaItemKind.DECISION,
        vote_closed_at__isnull=True,
    )
    return pending_motions(body).exclude(Exists(on_open_item))


# --------------------------------------------------------------------------- across bodies
# (the REST API lists meetings and opinions across bodies; same rule as the pages)


def meetings_visible_to(user):
    """Meetings of every body whose business ``user`` may see (the governance record)."""
    if not rights.can_read_governance(user):
        return Meeting.objects.none()
    return (
        Meeting.objects.select_related("body")
        .annotate(item_count=Count("items"))
        .order_by("-starts_at", "-pk")
    )


def opinions_visible_to(user):
    """Opinions are part of the governance record: its readers see them all; others see
    their own."""
    opinions = Opinion.objects.select_related("author", "body", "content_type")
    if rights.can_read_governance(user):
        return opinions.order_by("-created_at", "-pk")
    if not getattr(user, "is_authenticated", False):
        return Opinion.objects.none()
    return opinions.filter(author=user).order_by("-created_at", "-pk")


# --------------------------------------------------------------------------- worklists
# (issue 11: every subject before each decision body a person sits on, on an agenda or not)
import datetime  # noqa: E402
from dataclasses import dataclass  # noqa: E402

from core import clock  # noqa: E402

from . import subjects as subject_registry  # noqa: E402
from .choices import Rights  # noqa: E402

CHAIR_ROLES = (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR)


@dataclass
class WorkItem:
    """A subject awaiting a body's decision, and where it stands for one person."""

    body: object
    subject: object
    #: the open agenda item (meeting or written procedure) it stands on, if any
    item: object = None
    #: "decide" (the chair), "vote" (a voting member) or "opinion" (an advisory member)
    action: str = "vote"
    votes_cast: int = 0

    @property
    def meeting(self):
        return self.item.meeting if self.item is not None else None

    @property
    def deadline(self):
        """The written procedure's deadline, or the meeting's start; ``None`` off any agenda."""
        meeting = self.meeting
        if meeting is None:
            return None
        return meeting.deadline or meeting.starts_at

    @property
    def url(self):
        if self.item is not None:
            from django.urls import reverse

            return reverse("governance:item", args=[self.item.pk])
        return self.subject.get_absolute_url()


def open_items(bodies=None, pairs=None):
    """Open decision items (vote not closed, meeting not closed) of ``bodies`` or about the
    (content type id, object id) ``pairs``, with meeting, body, votes, recusals and subject
    (a fixed number of queries), by pair: the first open item of each subject."""
    query = Q(pk__in=[])
    if bodies is not None:
        query |= Q(meeting__body__in=list(bodies))
    # One condition per model, not one per subject: hundreds of pending subjects would
    # otherwise make a query whose compiling costs more than its running.
    object_ids = {}
    for content_type_id, object_id in pairs or ():
        object_ids.setdefault(content_type_id, []).append(object_id)
    for content_type_id, ids in object_ids.items():
        query |= Q(content_type_id=content_type_id, object_id__in=ids)
    items = (
        AgendaItem.objects.filter(query, kind=AgendaItemKind.DECISION, vote_closed_at__isnull=True)
        .exclude(meeting__state=MeetingState.CLOSED)
        .select_related("meeting", "meeting__body", "content_type")
        .prefetch_related("votes", "recusals", "subject")
        .order_by("meeting__starts_at", "pk")
    )
    found = {}
    for item in items:
        found.setdefault((item.content_type_id, item.object_id), item)
    return found


def motions_pending_among(bodies):
    """``(body, motion)`` for the motions awaiting a decision of any of ``bodies``."""
    from .choices import MOTION_PENDING_STATES

    by_pk = {body.pk: body for body in bodies}
    motions = Motion.objects.filter(body_id__in=by_pk, state__in=MOTION_PENDING_STATES)
    return [(by_pk[m.body_id], m) for m in motions.order_by("created_at", "pk")]


def _pair(subject):
    return (ContentType.objects.get_for_model(subject).pk, subject.pk)


def _subjects_before(bodies, pairs_extra=()):
    """(body, subject, open item or None) for every subject pending before ``bodies`` and
    every subject on an open decision item of theirs."""
    bodies = list(bodies)
    pending = subject_registry.pending_among(bodies)
    items = open_items(bodies=bodies, pairs=[_pair(s) for _b, s in pending])
    by_body = {body.pk: body for body in bodies}
    rows, seen = [], set()
    for body, subject in pending:
        pair = _pair(subject)
        item = items.get(pair)
        rows.append((body, subject, item if item and item.meeting.body_id == body.pk else None))
        seen.add(pair)
    for pair, item in items.items():
        if pair not in seen and item.meeting.body_id in by_body and item.subject is not None:
            rows.append((by_body[item.meeting.body_id], item.subject, item))
    return rows


def _by_deadline(rows):
    far = clock.now() + datetime.timedelta(days=36500)
    return sorted(rows, key=lambda row: (row.deadline is None, row.deadline or far, row.body.pk))


def worklist(user):
    """What awaits ``user``'s vote or decision: every subject before each decision body they
    sit on (the Executive Committee included), on an agenda or not, with the open item's
    meeting or written-procedure deadline. A voter's list leaves out what they voted on or
    are recused from; a decided subject is no longer pending, so it leaves every list."""
    if not getattr(user, "is_authenticated", False):
        return []
    memberships = {
        m.body_id: m
        for m in rights.current_seats(user)
        if m.body.rights == Rights.DECISION and (m.votes or m.role in CHAIR_ROLES)
    }
    rows = []
    for body, subject, item in _subjects_before(m.body for m in memberships.values()):
        votes = list(item.votes.all()) if item is not None else []
        if memberships[body.pk].role in CHAIR_ROLES:
            rows.append(WorkItem(body, subject, item, "decide", len(votes)))
            continue
        if item is not None and (
            any(v.voter_id == user.pk for v in votes)
            or any(r.member_id == user.pk for r in item.recusals.all())
        ):
            continue
        rows.append(WorkItem(body, subject, item, "vote", len(votes)))
    return _by_deadline(rows)


def open_for_opinion(user):
    """For a member of an advisory body: every subject before a decision body that they may
    see and have not yet advised on, with its meeting or written-procedure deadline."""
    if not rights.holds_seat(user, rights=Rights.ADVISORY):
        return []
    bodies = Body.objects.filter(rights=Rights.DECISION).order_by("pk")
    given = set(Opinion.objects.filter(author=user).values_list("content_type_id", "object_id"))
    before = [row for row in _subjects_before(bodies) if _pair(row[1]) not in given]
    visible = subjects.visible_subjects([subject for _body, subject, _item in before], user)
    rows = [
        WorkItem(body, subject, item, "opinion")
        for body, subject, item in before
        if _pair(subject) in visible
    ]
    return _by_deadline(rows)
