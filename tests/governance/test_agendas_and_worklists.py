"""Issue 11, acceptance 3: a subject stands on one open agenda item at a time (service,
database, page, API); the chair or secretary orders the agenda and fills a planned one with
everything awaiting the body; the worklists list every item before a person's bodies."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from governance import selectors, services
from governance.choices import AgendaItemKind, Outcome
from governance.models import AgendaItem
from governance.rights import RightsError
from portfolio.choices import ProjectState
from tests.portfolio.factories import draft, walk
from tests.testing.api import token_client
from tests.testing.queries import assert_constant_queries

from .factories import MeetingFactory, MotionFactory, body, decide, open_meeting_with_item
from .test_views import NOT_READERS, PostMixin

pytestmark = pytest.mark.django_db

KM_VOTERS = ("km.chair", "km.member", "cito")


def add(meeting, subject, personas, actor="pmo"):
    return services.agenda_item_add(
        meeting=meeting, kind=AgendaItemKind.DECISION, subject=subject, actor=personas[actor]
    )


# --------------------------------------------------------------------------- one open item


def test_the_service_refuses_a_subject_already_on_an_open_item(personas):
    motion = MotionFactory()
    first, second = MeetingFactory(), MeetingFactory()
    item = add(first, motion, personas)
    for meeting in (first, second):
        with pytest.raises(ValidationError, match="already stands on item 1"):
            add(meeting, motion, personas)
    assert AgendaItem.objects.filter(object_id=motion.pk).count() == 1
    # decided, the motion may come back on a later agenda (a new decision supersedes)
    services.meeting_open(meeting=first, actor=personas["pmo"])
    services.attendance_record(
        meeting=first, attendees=[personas[u] for u in KM_VOTERS], actor=personas["pmo"]
    )
    decide(item, personas["km.chair"], Outcome.DEFERRED)
    assert add(second, motion, personas).position == 1


def test_the_database_refuses_a_second_open_item(personas):
    item = add(MeetingFactory(), MotionFactory(), personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItem.objects.create(
            meeting=MeetingFactory(),
            position=1,
            kind=AgendaItemKind.DECISION,
            title="Again",
            content_type=item.content_type,
            object_id=item.object_id,
        )


def test_the_page_refuses_it_and_no_longer_offers_the_subject(client, personas):
    motion = MotionFactory(title="Cloud-first policy")
    meeting = MeetingFactory()
    add(MeetingFactory(), motion, personas)
    client.force_login(personas["pmo"])
    page = client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    assert f'value="{motion.pk}"' not in page
    response = client.post(
        reverse("governance:agenda_item_add", args=[meeting.pk]),
        {"kind": "decision", "motion": motion.pk},
        follow=True,
    )
    assert "already stands on item 1" in response.content.decode() or (
        "Select a valid choice" in response.content.decode()
    )
    assert not meeting.items.exists()


def test_the_project_page_hides_the_control_while_on_an_open_item(client, personas):
    project = walk(draft(personas), personas, ProjectState.WITH_STEERING_COMMITTEE)
    url = reverse("portfolio:committee_item", args=[project.pk])
    meeting = MeetingFactory()
    client.force_login(personas["pmo"])
    assert "Put on the agenda for decision" in client.get(url).content.decode()
    add(meeting, project, personas)
    assert "Put on the agenda for decision" not in client.get(url).content.decode()
    response = client.post(url, {"agenda": "1", "meeting": MeetingFactory().pk}, follow=True)
    assert "already stands on item 1" in response.content.decode()
    assert AgendaItem.objects.filter(object_id=project.pk).count() == 1


def test_the_api_refuses_a_subject_already_on_an_open_item(personas):
    motion = MotionFactory()
    add(MeetingFactory(), motion, personas)
    meeting = MeetingFactory()
    response = token_client(personas["pmo"]).post(
        f"/api/v1/meetings/{meeting.pk}/items/",
        {
            "kind": "decision",
            "subject_type": "governance.motion",
            "subject_id": motion.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "already stands on item 1" in str(response.json())
    assert not meeting.items.exists()


# --------------------------------------------------------------------------- order and fill


def test_the_chair_and_the_secretary_reorder_the_agenda(personas):
    meeting = MeetingFactory()
    items = [add(meeting, MotionFactory(title=f"M{n}"), personas) for n in range(3)]
    services.agenda_item_move(item=items[2], actor=personas["km.chair"], position=1)
    assert [i.title for i in meeting.items.order_by("position")] == ["M2", "M0", "M1"]
    services.agenda_reorder(
        meeting=meeting, actor=personas["pmo"], order=[items[0].pk, items[1].pk, items[2].pk]
    )
    assert [i.title for i in meeting.items.order_by("position")] == ["M0", "M1", "M2"]
    with pytest.raises(RightsError):
        services.agenda_item_move(item=items[0], actor=personas["km.member"], position=3)
    with pytest.raises(ValidationError, match="exactly once"):
        services.agenda_reorder(meeting=meeting, actor=personas["pmo"], order=[items[0].pk])


def test_the_page_moves_an_item_down(client, personas):
    meeting = MeetingFactory()
    first = add(meeting, MotionFactory(title="First"), personas)
    add(meeting, MotionFactory(title="Second"), personas)
    client.force_login(personas["km.chair"])
    page = client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    assert "Move down" in page and "Add everything awaiting this body" in page
    client.post(reverse("governance:agenda_item_move", args=[first.pk]), {"direction": "down"})
    assert [i.title for i in meeting.items.order_by("position")] == ["Second", "First"]


def test_add_everything_awaiting_the_body_fills_a_planned_agenda(client, personas):
    meeting = MeetingFactory()
    waiting = [MotionFactory(), MotionFactory()]
    elsewhere = MotionFactory()
    add(MeetingFactory(), elsewhere, personas)
    project = walk(draft(personas), personas, ProjectState.WITH_STEERING_COMMITTEE)
    client.force_login(personas["pmo"])
    client.post(reverse("governance:agenda_fill", args=[meeting.pk]))
    on_agenda = {(i.content_type.model, i.object_id) for i in meeting.items.all()}
    assert {("motion", m.pk) for m in waiting} <= on_agenda
    assert ("project", project.pk) in on_agenda and ("motion", elsewhere.pk) not in on_agenda
    assert services.agenda_fill(meeting=meeting, actor=personas["pmo"]) == []  # nothing twice
    services.meeting_open(meeting=meeting, actor=personas["pmo"])
    with pytest.raises(ValidationError, match="planned meeting"):
        services.agenda_fill(meeting=meeting, actor=personas["pmo"])


class TestMoveForm(PostMixin):
    allowed = {"km.chair", "pmo"}
    hidden = NOT_READERS

    def get_url(self, personas):
        meeting = MeetingFactory()
        add(meeting, MotionFactory(), personas)
        item = add(meeting, MotionFactory(), personas)
        return reverse("governance:agenda_item_move", args=[item.pk])

    def get_data(self, personas):
        return {"direction": "up"}


class TestFillForm(PostMixin):
    allowed = {"km.chair", "pmo"}
    hidden = NOT_READERS

    def get_url(self, personas):
        return reverse("governance:agenda_fill", args=[MeetingFactory().pk])

    def get_data(self, personas):
        return {"fill": "1"}


# --------------------------------------------------------------------------- worklists


def test_dsg_sees_the_executive_committees_pending_project(client, personas):
    project = walk(
        draft(personas, title="ERP upgrade", cost=Decimal("4500000")),
        personas,
        ProjectState.WITH_EXECUTIVE_COMMITTEE,
    )
    rows = selectors.worklist(personas["dsg"])
    assert [(r.subject, r.action, r.item) for r in rows] == [(project, "decide", None)]
    assert [r.subject for r in selectors.worklist(personas["usg.management"])] == [project]
    client.force_login(personas["dsg"])
    page = client.get(reverse("governance:awaiting_vote")).content.decode()
    assert "Awaiting my decision" in page and "ERP upgrade" in page
    assert "Not yet on an agenda" in page
    home = client.get(reverse("home")).content.decode()
    assert "ERP upgrade" in home


def test_what_is_pending_before_many_bodies_is_read_in_one_query_per_model(personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from governance import subjects
    from governance.choices import MOTION_PENDING_STATES, BodyKind
    from governance.models import Body, Motion
    from portfolio.choices import EnvelopeState
    from portfolio.models import Project, ResourceEnvelope
    from tests.portfolio.factories import bulk_projects

    bulk_projects(12, personas, state=ProjectState.WITH_STEERING_COMMITTEE)
    bulk_projects(3, personas, state=ProjectState.WITH_EXECUTIVE_COMMITTEE)
    MotionFactory(body=body("km-steering"))
    bodies = list(Body.objects.order_by("pk"))

    def by_hand(b):
        """What awaits ``b``, read body by body without the registry."""
        motions = Motion.objects.filter(body=b, state__in=MOTION_PENDING_STATES)
        projects = Project.objects.none()
        envelopes = ResourceEnvelope.objects.none()
        if b.kind == BodyKind.STEERING_COMMITTEE:
            projects = Project.objects.filter(
                state=ProjectState.WITH_STEERING_COMMITTEE, programme_id=b.programme_id
            )
        elif b.kind == BodyKind.EXECUTIVE_COMMITTEE:
            projects = Project.objects.filter(state=ProjectState.WITH_EXECUTIVE_COMMITTEE)
            envelopes = ResourceEnvelope.objects.filter(state=EnvelopeState.PROPOSED)
        return [
            *motions.order_by("created_at", "pk"),
            *projects.order_by("created_at", "pk"),
            *envelopes.order_by("year", "pk"),
        ]

    expected = [(b, s) for b in bodies for s in by_hand(b)]
    with CaptureQueriesContext(connection) as queries:
        found = subjects.pending_among(bodies)
    assert found == expected
    assert len(found) > 15  # a project with the Executive Committee is before it only
    assert len(queries) <= 3  # motions, projects, envelopes
    executive = body("executive-committee")
    assert subjects.pending_before(executive) == by_hand(executive)


def test_the_worklist_names_the_meeting_or_the_deadline_and_decided_items_leave(client, personas):
    item = open_meeting_with_item(personas, present=KM_VOTERS)
    rows = selectors.worklist(personas["km.member"])
    row = next(r for r in rows if r.subject == item.subject)
    assert row.item == item and row.deadline == item.meeting.starts_at
    decide(item, personas["km.chair"], Outcome.APPROVED)
    for username in ("km.member", "km.chair"):
        assert item.subject not in [r.subject for r in selectors.worklist(personas[username])]


def test_the_advisor_sees_items_open_for_opinion(client, personas):
    item = open_meeting_with_item(personas)
    assert item.subject in [r.subject for r in selectors.open_for_opinion(personas["advisor"])]
    client.force_login(personas["advisor"])
    page = client.get(reverse("governance:awaiting_vote")).content.decode()
    assert "Open for my opinion" in page and item.subject.title in page
    services.opinion_give(
        subject=item.subject, author=personas["advisor"], stance="support", text="Yes."
    )
    assert item.subject not in [r.subject for r in selectors.open_for_opinion(personas["advisor"])]
    assert selectors.open_for_opinion(personas["km.member"]) == []


@pytest.mark.parametrize("username", ["km.member", "km.chair", "dsg", "advisor"])
def test_the_worklist_page_runs_constant_queries(client, personas, username):
    from tests.portfolio.factories import bulk_projects

    the_body = body("km-steering")
    add(MeetingFactory(body=the_body), MotionFactory(body=the_body), personas)  # prefetches run
    for state in (ProjectState.WITH_STEERING_COMMITTEE, ProjectState.WITH_EXECUTIVE_COMMITTEE):
        bulk_projects(1, personas, state=state)

    def grow():
        meeting = MeetingFactory(body=the_body)
        for _ in range(3):
            add(meeting, MotionFactory(body=the_body), personas)
            MotionFactory(body=the_body)
        # projects awaiting a committee, off any agenda (each visible or not to the persona)
        for state in (ProjectState.WITH_STEERING_COMMITTEE, ProjectState.WITH_EXECUTIVE_COMMITTEE):
            bulk_projects(4, personas, state=state)

    client.force_login(personas[username])
    assert_constant_queries(client, reverse("governance:awaiting_vote"), grow)
