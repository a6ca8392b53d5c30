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

from . import rights  # noqa: E402
from .choices import AgendaItemKind, MeetingState  # noqa: E402
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
    decision = (
        Decision.objects.select_related(
            "body", "content_type", "recorded_by", "item__meeting", "supersedes", "superseded_by"
        )
        .filter(pk=pk)
        .first()
    )
    if decision is None:
        raise Http404
    if rights.can_read_governance(user):
        return decision
    subject = decision.subject
    if subject is None or not rights.can_see(user, subject):
        raise Http404
    return decision


def decisions_for(subject, user=None):
    """Every decision on ``subject``, latest first, superseded ones included (and marked).

    With ``user``, empty unless the user may see the subject."""
    if user is not None and not rights.can_see(user, subject):
        return Decision.objects.none()
    return (
        Decision.objects.for_subject(subject)
        .select_related("body", "recorded_by", "item__meeting", "supersedes", "superseded_by")
        .order_by("-recorded_at", "-pk")
    )


def opinions_for(subject, user=None):
    """Every opinion given on ``subject``, latest first (deciders see them beside it)."""
    if user is not None and not rights.can_see(user, subject):
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
