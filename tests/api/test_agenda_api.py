"""Issue 11: agendas over the REST API as on the pages: the chair or the secretary reorders
the items (the whole order, or one item to a position) and adds everything awaiting the body
to a planned meeting, through the same services (``agenda_reorder``, ``agenda_item_move``,
``agenda_fill``) and with the same refusals: 403 for who may not run the meeting, 404 for
who may not see it, 400 with field messages for a bad order or a meeting whose state no
longer allows it, 409 for an order read before items were added. A subject stands on one
open item at a time, over the API too."""

import pytest

from governance import services
from governance.choices import AgendaItemKind, MeetingState
from governance.models import AgendaItem, Meeting
from portfolio.choices import ProjectState
from tests.governance.factories import MeetingFactory, MotionFactory, body
from tests.portfolio.factories import draft, walk
from tests.testing.api import ApiPersonaAccessMixin, token_client

pytestmark = pytest.mark.django_db

NOT_READERS = {"proponent", "staff"}
KM_SECRETARIAT = {"km.chair", "pmo"}


def add(meeting, subject, personas):
    return services.agenda_item_add(
        meeting=meeting, kind=AgendaItemKind.DECISION, subject=subject, actor=personas["pmo"]
    )


def agenda_of(meeting):
    return [i.title for i in AgendaItem.objects.filter(meeting=meeting).order_by("position")]


def meeting_with_items(personas, n=3):
    meeting = MeetingFactory()
    items = [add(meeting, MotionFactory(title=f"M{i}"), personas) for i in range(n)]
    return meeting, items


# --------------------------------------------------------------------------- every persona


class TestReorder(ApiPersonaAccessMixin):
    method = "post"
    allowed = KM_SECRETARIAT
    hidden = NOT_READERS

    def get_url(self, personas):
        meeting, self.items = meeting_with_items(personas, 2)
        return f"/api/v1/meetings/{meeting.pk}/reorder/"

    def get_data(self, personas):
        return {"order": [item.pk for item in reversed(self.items)]}


class TestMove(ApiPersonaAccessMixin):
    method = "post"
    allowed = KM_SECRETARIAT
    hidden = NOT_READERS

    def get_url(self, personas):
        meeting, items = meeting_with_items(personas, 2)
        return f"/api/v1/meetings/{meeting.pk}/items/{items[1].pk}/move/"

    def get_data(self, personas):
        return {"position": 1}


class TestFill(ApiPersonaAccessMixin):
    method = "post"
    allowed = KM_SECRETARIAT
    hidden = NOT_READERS

    def get_url(self, personas):
        MotionFactory()
        return f"/api/v1/meetings/{MeetingFactory().pk}/fill/"


# --------------------------------------------------------------------------- order


def test_the_secretary_reorders_the_whole_agenda(personas):
    meeting, items = meeting_with_items(personas)
    response = token_client(personas["pmo"]).post(
        f"/api/v1/meetings/{meeting.pk}/reorder/",
        {"order": [items[2].pk, items[0].pk, items[1].pk]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert [i["title"] for i in response.json()["items"]] == ["M2", "M0", "M1"]
    assert agenda_of(meeting) == ["M2", "M0", "M1"]


@pytest.mark.parametrize(
    "order, message",
    [
        ("first", "list"),
        (["x"], "valid integer"),
        ([], "may not be empty"),
        ("twice", "exactly once"),
        ("other meeting", "exactly once"),
    ],
)
def test_a_bad_order_is_refused_with_a_field_message(personas, order, message):
    meeting, items = meeting_with_items(personas)
    other = add(MeetingFactory(), MotionFactory(), personas)
    named = {
        "twice": [items[0].pk, items[0].pk, items[1].pk],
        "other meeting": [items[0].pk, items[1].pk, other.pk],
    }
    order = named.get(order, order) if isinstance(order, str) else order
    response = token_client(personas["km.chair"]).post(
        f"/api/v1/meetings/{meeting.pk}/reorder/", {"order": order}, format="json"
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert "order" in error["fields"] and message in " ".join(error["fields"]["order"])
    assert agenda_of(meeting) == ["M0", "M1", "M2"]


def test_an_item_moves_to_a_position_and_past_the_end_goes_last(personas):
    meeting, items = meeting_with_items(personas)
    chair = token_client(personas["km.chair"])
    base = f"/api/v1/meetings/{meeting.pk}/items/"
    response = chair.post(f"{base}{items[2].pk}/move/", {"position": 1}, format="json")
    assert response.status_code == 200 and agenda_of(meeting) == ["M2", "M0", "M1"]
    assert chair.post(f"{base}{items[2].pk}/move/", {"position": 99}, format="json").json()
    assert agenda_of(meeting) == ["M0", "M1", "M2"]
    for bad in ({}, {"position": 0}, {"position": "first"}, {"position": 10**9}):
        refused = chair.post(f"{base}{items[0].pk}/move/", bad, format="json")
        assert refused.status_code == 400 and "position" in refused.json()["error"]["fields"]
    # an item of another meeting is not on this one: 404
    other = add(MeetingFactory(), MotionFactory(), personas)
    assert chair.post(f"{base}{other.pk}/move/", {"position": 1}).status_code == 404


def test_a_member_without_the_right_is_refused_with_the_reason(personas):
    meeting, items = meeting_with_items(personas)
    member = token_client(personas["km.member"])
    response = member.post(
        f"/api/v1/meetings/{meeting.pk}/reorder/", {"order": "not even a list"}, format="json"
    )
    assert response.status_code == 403 and response.json()["error"]["message"]
    response = member.post(
        f"/api/v1/meetings/{meeting.pk}/items/{items[0].pk}/move/", {"position": 3}
    )
    assert response.status_code == 403
    assert member.post(f"/api/v1/meetings/{meeting.pk}/fill/").status_code == 403
    assert agenda_of(meeting) == ["M0", "M1", "M2"]


def test_a_closed_meetings_agenda_is_locked(personas):
    """As for every other action on a closed meeting (test_governance_api.py): 400."""
    meeting, items = meeting_with_items(personas)
    services.meeting_open(meeting=meeting, actor=personas["pmo"])
    services.meeting_close(meeting=meeting, actor=personas["pmo"])
    pmo = token_client(personas["pmo"])
    base = f"/api/v1/meetings/{meeting.pk}"
    for url, data, message in [
        (f"{base}/reorder/", {"order": [i.pk for i in reversed(items)]}, "record is locked"),
        (f"{base}/items/{items[2].pk}/move/", {"position": 1}, "record is locked"),
        (f"{base}/fill/", {}, "Only a planned meeting"),
    ]:
        response = pmo.post(url, data, format="json")
        assert response.status_code == 400, url
        errors = response.json()["error"]["fields"]["non_field_errors"]
        assert message in " ".join(errors)
    assert agenda_of(meeting) == ["M0", "M1", "M2"]


def test_an_order_without_the_items_added_since_is_a_conflict_409(personas):
    meeting, items = meeting_with_items(personas, 2)
    read = [item.pk for item in reversed(items)]
    add(meeting, MotionFactory(title="Added meanwhile"), personas)
    response = token_client(personas["km.chair"]).post(
        f"/api/v1/meetings/{meeting.pk}/reorder/", {"order": read}, format="json"
    )
    assert response.status_code == 409
    assert "Read the meeting again" in response.json()["error"]["message"]
    assert agenda_of(meeting) == ["M0", "M1", "Added meanwhile"]


# --------------------------------------------------------------------------- fill


def test_fill_adds_everything_awaiting_the_body_once(personas):
    meeting = MeetingFactory()
    waiting = [MotionFactory(title="W1"), MotionFactory(title="W2")]
    elsewhere = MotionFactory(title="Elsewhere")
    add(MeetingFactory(), elsewhere, personas)
    other_body = MotionFactory(title="RM motion", body=body("rm-steering"))
    project = walk(draft(personas, title="Search"), personas, ProjectState.WITH_STEERING_COMMITTEE)
    pmo = token_client(personas["pmo"])
    response = pmo.post(f"/api/v1/meetings/{meeting.pk}/fill/")
    assert response.status_code == 200, response.json()
    titles = [i["title"] for i in response.json()["items"]]
    assert {m.title for m in waiting} <= set(titles) and str(project) in titles
    assert elsewhere.title not in titles and other_body.title not in titles
    again = pmo.post(f"/api/v1/meetings/{meeting.pk}/fill/")
    assert [i["title"] for i in again.json()["items"]] == titles  # nothing twice


def test_fill_is_for_a_planned_meeting_only(personas):
    meeting = MeetingFactory()
    services.meeting_open(meeting=meeting, actor=personas["pmo"])
    MotionFactory()
    response = token_client(personas["km.chair"]).post(f"/api/v1/meetings/{meeting.pk}/fill/")
    assert response.status_code == 400
    assert "planned meeting" in str(response.json()["error"]["fields"]["non_field_errors"])
    assert not Meeting.objects.get(pk=meeting.pk).items.exists()
    assert Meeting.objects.get(pk=meeting.pk).state == MeetingState.OPEN


# --------------------------------------------------------------------------- one open item


def test_the_api_refuses_a_project_already_on_an_open_item(personas):
    """Page and service: tests/governance/test_agendas_and_worklists.py; the motion case over
    the API is there too."""
    project = walk(draft(personas), personas, ProjectState.WITH_STEERING_COMMITTEE)
    add(MeetingFactory(), project, personas)
    meeting = MeetingFactory()
    response = token_client(personas["km.chair"]).post(
        f"/api/v1/meetings/{meeting.pk}/items/",
        {"kind": "decision", "subject_type": "portfolio.project", "subject_id": project.pk},
        format="json",
    )
    assert response.status_code == 400
    assert "already stands on item 1" in " ".join(response.json()["error"]["fields"]["subject"])
    assert not meeting.items.exists()


def test_the_schema_documents_the_agenda_actions(personas):
    schema = token_client(personas["api.reader"]).get(
        "/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json"
    )
    assert schema.status_code == 200
    paths = schema.json()["paths"] if schema["Content-Type"].endswith("json") else None
    text = schema.content.decode()
    for path in (
        "/api/v1/meetings/{id}/reorder/",
        "/api/v1/meetings/{id}/fill/",
        "/api/v1/meetings/{meeting_pk}/items/{item_pk}/move/",
    ):
        assert path in (paths or text)
    assert "AgendaReorderInput" in text and "AgendaItemMoveInput" in text
