import datetime

import factory
from django.utils import timezone

from governance.choices import AgendaItemKind, MeetingKind, MeetingState, MotionState
from governance.models import Body, Meeting, Motion


def body(code):
    return Body.objects.get(code=code)


class MotionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Motion

    body = factory.LazyFunction(lambda: Body.objects.get(code="km-steering"))
    title = factory.Sequence(lambda n: f"Motion {n}")
    text = "Adopt the policy."
    state = MotionState.BEFORE_BODY


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.LazyFunction(lambda: Body.objects.get(code="km-steering"))
    title = factory.Sequence(lambda n: f"Meeting {n}")
    kind = MeetingKind.MEETING
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    state = MeetingState.PLANNED


def open_meeting_with_item(personas, body_code="km-steering", present=(), subject=None):
    """An open meeting of the body with one decision item on a new motion, and the given
    personas recorded as present (through the services, as the secretary would)."""
    from governance import services

    the_body = body(body_code)
    subject = subject or MotionFactory(body=the_body)
    secretary = personas["pmo"]
    meeting = MeetingFactory(body=the_body)
    item = services.agenda_item_add(
        meeting=meeting, kind=AgendaItemKind.DECISION, subject=subject, actor=secretary
    )
    services.meeting_open(meeting=meeting, actor=secretary)
    if present:
        services.attendance_record(
            meeting=meeting, attendees=[personas[name] for name in present], actor=secretary
        )
    item.refresh_from_db()
    return item


def vote_for(item, outcome, voters=None):
    """Cast the votes that give ``outcome`` under any decision rule (unanimous for an
    approval or a ranking, against for a rejection, abstentions otherwise): by ``voters``, or
    else by every voting member who may vote on the item (present, or any in a written
    procedure) and has not voted yet. Returns the item."""
    from governance import services
    from governance.choices import Outcome, VoteChoice
    from governance.models import Membership

    choice = {
        Outcome.APPROVED: VoteChoice.FOR,
        Outcome.PRIORITISED: VoteChoice.FOR,
        Outcome.REJECTED: VoteChoice.AGAINST,
    }.get(outcome, VoteChoice.ABSTAIN)
    meeting = item.meeting
    if voters is None:
        members = Membership.objects.current().filter(body=meeting.body, votes=True)
        if not meeting.is_written_procedure:
            members = members.filter(user__in=meeting.attendance.values("member"))
        voted = set(item.votes.values_list("voter_id", flat=True))
        recused = set(item.recusals.values_list("member_id", flat=True))
        done = voted | recused
        voters = [m.user for m in members.select_related("user") if m.user_id not in done]
    for voter in voters:
        services.vote_cast(item=item, voter=voter, choice=choice)
    return item


def decide(item, actor, outcome, **kwargs):
    """Unless votes were cast already, vote as ``outcome`` needs (``vote_for``); then record
    it (with a rationale for a procedural outcome unless one is given)."""
    from governance import services
    from governance.choices import PROCEDURAL_OUTCOMES

    if not item.votes.exists():
        vote_for(item, outcome)
    if outcome in PROCEDURAL_OUTCOMES:
        kwargs.setdefault("rationale", "The body needs more time.")
    return services.vote_close_and_decide(item=item, actor=actor, outcome=outcome, **kwargs)


#: the Executive Committee's voting members among the personas
EXECUTIVE_VOTERS = ("dsg", "usg.management")


def executive_session(personas, title="Executive Committee session", present=EXECUTIVE_VOTERS):
    """An open meeting of the Executive Committee, planned and opened by its secretary (the
    PMO), with ``present`` recorded as attending."""
    from core import clock
    from governance import services

    meeting = services.meeting_create(
        body=body("executive-committee"), title=title, starts_at=clock.now(), actor=personas["pmo"]
    )
    services.meeting_open(meeting=meeting, actor=personas["pmo"])
    if present:
        services.attendance_record(
            meeting=meeting, attendees=[personas[p] for p in present], actor=personas["pmo"]
        )
    return meeting


def executive_vote(personas, item, *choices):
    """The Executive Committee's voters cast ``choices`` on ``item``, in order."""
    from governance import services

    for voter, choice in zip(EXECUTIVE_VOTERS, choices, strict=False):
        services.vote_cast(item=item, voter=personas[voter], choice=choice)
