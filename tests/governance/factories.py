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
