"""Governance over REST: bodies, meetings, decisions, opinions, votes, decisions taken."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from governance import rights, services
from governance.choices import AgendaItemKind, MeetingKind, MeetingState
from governance.models import AgendaItem, Decision, Meeting, Motion, Opinion, Vote
from tests.governance.factories import (
    MeetingFactory,
    MotionFactory,
    body,
    open_meeting_with_item,
    vote_for,
)
from tests.portfolio.factories import draft
from tests.testing.api import ApiPersonaAccessMixin, token_client
from tests.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

#: Who reads the governance record (members of any body, PMO, CITO, budget reviewers, REST
#: clients); the others see only what concerns them.
NOT_READERS = {"proponent", "staff"}
KM_PRESENT = ("km.chair", "km.member", "cito")
#: Current members of an advisory body (the ICT Advisory Group, the member-state working
#: group, the ICT leadership council).
ADVISORY_MEMBERS = {"advisor", "ms.delegate", "chief.geneva", "chief.nairobi", "cito"}


def decided_item(personas):
    item = open_meeting_with_item(personas, present=KM_PRESENT)
    services.vote_cast(item=item, voter=personas["km.member"], choice="for")
    decision = services.vote_close_and_decide(
        item=item, actor=personas["km.chair"], outcome="approved", rationale="Sound."
    )
    return decision


# --------------------------------------------------------------------------- every persona


class TestBodyList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/bodies/"


class TestBodyDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/bodies/km-steering/"


class TestMeetingList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        open_meeting_with_item(personas)
        return "/api/v1/meetings/"


class TestMeetingDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL
    hidden = NOT_READERS

    def expected_status(self, username):
        return 404 if username in self.hidden else 200

    def get_url(self, personas):
        item = open_meeting_with_item(personas, present=KM_PRESENT)
        return f"/api/v1/meetings/{item.meeting_id}/"


class TestDecisionList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        decided_item(personas)
        return "/api/v1/decisions/?outcome=approved&body=km-steering"


class TestDecisionDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def expected_status(self, username):
        return 404 if username in NOT_READERS else 200

    def get_url(self, personas):
        return f"/api/v1/decisions/{decided_item(personas).pk}/"


class TestOpinionList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/opinions/"


class TestOpinionGive(ApiPersonaAccessMixin):
    """Only advisory members give opinions; who may not see the item gets the answer of a
    missing item (400 on the field), never a hint that it exists."""

    method = "post"
    allowed = ADVISORY_MEMBERS
    allowed_status = 201

    def expected_status(self, username):
        if username in NOT_READERS:
            return 400
        return super().expected_status(username)

    def get_url(self, personas):
        self.motion = MotionFactory(body=body("km-steering"))
        return "/api/v1/opinions/"

    def get_data(self, personas):
        return {
            "subject_type": "governance.motion",
            "subject_id": self.motion.pk,
            "stance": "support",
            "text": "Worth doing.",
        }


class TestVoteCast(ApiPersonaAccessMixin):
    method = "post"
    allowed = set(KM_PRESENT)
    allowed_status = 201
    hidden = NOT_READERS

    def get_url(self, personas):
        item = open_meeting_with_item(personas, present=KM_PRESENT)
        return f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}/votes/"

    def get_data(self, personas):
        return {"choice": "for"}


class TestRecusalDeclare(ApiPersonaAccessMixin):
    method = "post"
    allowed = set(KM_PRESENT)
    allowed_status = 201
    hidden = NOT_READERS

    def get_url(self, personas):
        item = open_meeting_with_item(personas, present=KM_PRESENT)
        return f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}/recusals/"

    def get_data(self, personas):
        return {"reason": "I proposed it."}


class TestDecide(ApiPersonaAccessMixin):
    method = "post"
    allowed = {"km.chair"}
    allowed_status = 201
    hidden = NOT_READERS

    def get_url(self, personas):
        item = vote_for(open_meeting_with_item(personas, present=KM_PRESENT), "approved")
        return f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}/decide/"

    def get_data(self, personas):
        return {"outcome": "approved", "rationale": "Agreed."}


# --------------------------------------------------------------------------- behaviour


def test_the_advisor_gives_an_opinion_and_is_refused_every_vote_and_decision(personas):
    item = open_meeting_with_item(personas, present=KM_PRESENT)
    client = token_client(personas["advisor"])
    opinion = client.post(
        "/api/v1/opinions/",
        {
            "subject_type": "governance.motion",
            "subject_id": item.object_id,
            "stance": "concerns",
            "text": "Mind the cost.",
        },
    )
    assert opinion.status_code == 201
    assert opinion.json()["body"] == "advisory-group"
    base = f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}"
    for url, data in [
        (f"{base}/votes/", {"choice": "for"}),
        (f"{base}/recusals/", {"reason": ""}),
        (f"{base}/decide/", {"outcome": "approved"}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 403, url
        assert "advisory rights only" in response.json()["error"]["message"]
    assert not Vote.objects.filter(item=item).exists()
    assert not Decision.objects.filter(item=item).exists()


def test_a_decision_member_may_not_give_an_opinion(personas):
    motion = MotionFactory(body=body("km-steering"))
    response = token_client(personas["km.member"]).post(
        "/api/v1/opinions/",
        {
            "subject_type": "governance.motion",
            "subject_id": motion.pk,
            "stance": "support",
            "text": "Yes.",
        },
    )
    assert response.status_code == 403
    assert "advisory body" in response.json()["error"]["message"]
    assert not Opinion.objects.exists()


def test_the_chair_decides_after_a_vote_and_the_decision_keeps_its_provenance(personas):
    item = open_meeting_with_item(personas, present=KM_PRESENT)
    base = f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}"
    vote = token_client(personas["km.member"]).post(f"{base}/votes/", {"choice": "for"})
    assert vote.status_code == 201
    response = token_client(personas["km.chair"]).post(
        f"{base}/decide/", {"outcome": "approved", "rationale": "Agreed."}
    )
    assert response.status_code == 201, response.json()
    decision = response.json()
    assert decision["outcome"] == "approved" and decision["votes_for"] == 1
    detail = token_client(personas["pmo"]).get(f"/api/v1/decisions/{decision['id']}/")
    assert detail.status_code == 200 and detail["ETag"]
    assert detail.json()["provenance"]
    assert detail.json()["subject"] == {"type": "governance.motion", "id": item.object_id}
    meeting = token_client(personas["pmo"]).get(f"/api/v1/meetings/{item.meeting_id}/").json()
    assert meeting["items"][0]["decision"] == decision["id"]
    assert {a["member"] for a in meeting["attendance"]} == set(KM_PRESENT)


def test_decisions_are_read_only(personas):
    decision = decided_item(personas)
    client = token_client(personas["pmo"])
    for method in ("put", "patch", "delete"):
        url = f"/api/v1/decisions/{decision.pk}/"
        response = getattr(client, method)(url, {"outcome": "rejected"})
        assert response.status_code == 405
    assert Decision.objects.get(pk=decision.pk).outcome == "approved"


def test_a_second_decision_on_the_item_is_refused_with_the_services_message(personas):
    decision = decided_item(personas)
    item = decision.item
    response = token_client(personas["km.chair"]).post(
        f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}/decide/", {"outcome": "rejected"}
    )
    assert response.status_code == 400
    messages = response.json()["error"]["fields"]["non_field_errors"]
    assert "already been recorded" in " ".join(messages)


def test_bad_input_gets_400_with_field_messages(personas):
    item = open_meeting_with_item(personas, present=KM_PRESENT)
    base = f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}"
    vote = token_client(personas["km.member"]).post(f"{base}/votes/", {"choice": "maybe"})
    assert vote.status_code == 400 and "choice" in vote.json()["error"]["fields"]
    decide = token_client(personas["km.chair"]).post(f"{base}/decide/", {"rank": 0})
    assert decide.status_code == 400
    assert {"outcome", "rank"} <= set(decide.json()["error"]["fields"])
    opinion = token_client(personas["advisor"]).post(
        "/api/v1/opinions/", {"subject_type": "nothing.here", "subject_id": 1, "stance": "x"}
    )
    assert opinion.status_code == 400
    assert {"subject_type", "stance", "text"} <= set(opinion.json()["error"]["fields"])
    assert not Vote.objects.exists() and not Opinion.objects.exists()


def test_an_item_of_another_meeting_is_404(personas):
    item = open_meeting_with_item(personas, present=KM_PRESENT)
    other = open_meeting_with_item(personas, present=KM_PRESENT)
    response = token_client(personas["km.member"]).post(
        f"/api/v1/meetings/{other.meeting_id}/items/{item.pk}/votes/", {"choice": "for"}
    )
    assert response.status_code == 404


def test_the_read_only_token_is_refused_every_write(personas):
    item = open_meeting_with_item(personas, present=KM_PRESENT)
    base = f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}"
    # Even a chair's read-only token cannot write.
    for user in (personas["api.reader"], personas["km.chair"], personas["advisor"]):
        client = token_client(user, read_only=True)
        for url, data in [
            (f"{base}/votes/", {"choice": "for"}),
            (f"{base}/recusals/", {}),
            (f"{base}/decide/", {"outcome": "approved"}),
            (
                "/api/v1/opinions/",
                {
                    "subject_type": "governance.motion",
                    "subject_id": item.object_id,
                    "stance": "support",
                    "text": "x",
                },
            ),
        ]:
            response = client.post(url, data)
            assert response.status_code == 403, (user, url)
            assert "read-only" in response.json()["error"]["message"]
    assert not Vote.objects.exists() and not Opinion.objects.exists()
    assert not Decision.objects.exists()


def test_decisions_filter_by_body_outcome_date_and_subject(personas):
    decision = decided_item(personas)
    client = token_client(personas["pmo"])
    today = timezone.localdate().isoformat()
    found = client.get(
        f"/api/v1/decisions/?body=km-steering&outcome=approved&recorded_from={today}"
        f"&subject={decision.subject_label[:6]}"
    ).json()
    assert [d["id"] for d in found["results"]] == [decision.pk]
    assert client.get("/api/v1/decisions/?outcome=rejected").json()["count"] == 0
    assert client.get("/api/v1/decisions/?recorded_from=not-a-date").status_code == 400


def test_bodies_show_rights_and_current_members(personas):
    body_json = token_client(personas["staff"]).get("/api/v1/bodies/advisory-group/").json()
    assert body_json["rights"] == "advisory" and body_json["has_decision_rights"] is False
    assert "advisor" in {m["username"] for m in body_json["members"]}


# --------------------------------------------------------------------------- query counts


def _grow_meetings(count):
    km = body("km-steering")
    starts = timezone.now() + datetime.timedelta(days=3)

    def grow():
        Meeting.objects.bulk_create(
            Meeting(
                body=km,
                title=f"Meeting {i}",
                kind=MeetingKind.MEETING,
                starts_at=starts,
                state=MeetingState.PLANNED,
            )
            for i in range(count)
        )

    return grow


def test_meeting_list_keeps_constant_queries(personas):
    _grow_meetings(10)()
    assert_constant_queries(
        token_client(personas["pmo"]), "/api/v1/meetings/?limit=500", _grow_meetings(990)
    )


def _grow_decisions_and_opinions(personas, count):
    """``count`` more decisions (each on its own item) and opinions, on three motions."""
    km = body("km-steering")

    def grow():
        motions = MotionFactory.create_batch(3, body=km)
        motion_type = ContentType.objects.get_for_model(Motion)
        meeting = Meeting.objects.create(
            body=km, title="Many", starts_at=timezone.now(), state=MeetingState.CLOSED
        )
        items = AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                position=i + 1,
                kind=AgendaItemKind.DECISION,
                title=f"Item {i}",
                content_type=motion_type,
                object_id=motions[i % 3].pk,
                vote_closed_at=timezone.now(),
            )
            for i in range(count)
        )
        Decision.objects.bulk_create(
            Decision(
                item=item,
                body=km,
                content_type=motion_type,
                object_id=item.object_id,
                subject_label=item.title,
                subject_version_label="motion v1",
                outcome="approved",
                quorum_required=2,
                quorum_present=3,
                recorded_by=personas["km.chair"],
            )
            for item in items
        )
        Opinion.objects.bulk_create(
            Opinion(
                content_type=motion_type,
                object_id=motions[i % 3].pk,
                author=personas["advisor"],
                body=body("advisory-group"),
                stance="support",
                text="Fine.",
            )
            for i in range(count)
        )

    return grow


def test_decision_list_keeps_constant_queries_for_10_and_1000_rows(personas):
    _grow_decisions_and_opinions(personas, 10)()
    assert_constant_queries(
        token_client(personas["pmo"]),
        "/api/v1/decisions/?limit=500",
        _grow_decisions_and_opinions(personas, 990),
    )


def test_opinion_list_keeps_constant_queries(personas):
    _grow_decisions_and_opinions(personas, 10)()
    assert_constant_queries(
        token_client(personas["advisor"]),
        "/api/v1/opinions/?limit=500",
        _grow_decisions_and_opinions(personas, 990),
    )


def test_body_list_keeps_constant_queries(personas):
    from governance.models import Membership, User

    km = body("km-steering")

    def grow():
        users = User.objects.bulk_create(
            User(username=f"member{i}", display_name=f"Member {i}") for i in range(100)
        )
        Membership.objects.bulk_create(
            Membership(
                body=km, user=user, role="member", votes=True, start=datetime.date(2024, 1, 1)
            )
            for user in users
        )

    assert_constant_queries(token_client(personas["staff"]), "/api/v1/bodies/", grow)


def test_a_non_numeric_id_is_404_not_a_server_error(personas):
    client = token_client(personas["pmo"])
    for url in (
        "/api/v1/decisions/abc/",
        "/api/v1/meetings/abc/",
        "/api/v1/surveys/abc/results/",
        "/api/v1/budget-submissions/abc/",
    ):
        assert client.get(url).status_code == 404, url


# --------------------------------------------------------------------------- running meetings

#: Who runs the meetings of the KM steering committee: the PMO (its secretariat) and its chair.
KM_RUNNERS = {"pmo", "km.chair"}


def _meeting(state=MeetingState.PLANNED):
    return MeetingFactory(body=body("km-steering"), state=state)


class TestMeetingCreate(ApiPersonaAccessMixin):
    method = "post"
    allowed = KM_RUNNERS
    allowed_status = 201

    def get_url(self, personas):
        return "/api/v1/meetings/"

    def get_data(self, personas):
        return {
            "body": "km-steering",
            "title": "KM session",
            "starts_at": "2027-03-01T10:00:00Z",
            "location": "Room S-2725",
        }


class TestMeetingOpen(ApiPersonaAccessMixin):
    method = "post"
    allowed = KM_RUNNERS
    hidden = NOT_READERS

    def get_url(self, personas):
        return f"/api/v1/meetings/{_meeting().pk}/open/"


class TestMeetingClose(ApiPersonaAccessMixin):
    method = "post"
    allowed = KM_RUNNERS
    hidden = NOT_READERS

    def get_url(self, personas):
        return f"/api/v1/meetings/{_meeting(MeetingState.OPEN).pk}/close/"


class TestAgendaItemAdd(ApiPersonaAccessMixin):
    method = "post"
    allowed = KM_RUNNERS
    allowed_status = 201
    hidden = NOT_READERS

    def get_url(self, personas):
        self.motion = MotionFactory(body=body("km-steering"))
        return f"/api/v1/meetings/{_meeting().pk}/items/"

    def get_data(self, personas):
        return {
            "kind": "decision",
            "subject_type": "governance.motion",
            "subject_id": self.motion.pk,
        }


class TestAttendanceRecord(ApiPersonaAccessMixin):
    method = "post"
    allowed = KM_RUNNERS
    hidden = NOT_READERS

    def get_url(self, personas):
        return f"/api/v1/meetings/{_meeting(MeetingState.OPEN).pk}/attendance/"

    def get_data(self, personas):
        return {"attendees": ["km.chair", "km.member"]}


def test_the_secretary_plans_and_runs_a_meeting_and_the_chair_decides(personas):
    pmo, chair = token_client(personas["pmo"]), token_client(personas["km.chair"])
    motion = MotionFactory(body=body("km-steering"))
    created = pmo.post(
        "/api/v1/meetings/",
        {"body": "km-steering", "title": "KM session", "starts_at": "2027-03-01T10:00:00+02:00"},
    )
    assert created.status_code == 201, created.json()
    meeting = created.json()
    assert meeting["state"] == MeetingState.PLANNED and meeting["body"] == "km-steering"
    assert meeting["starts_at"].startswith("2027-03-01T08:00:00")
    assert meeting["items"] == [] and meeting["attendance"] == []
    base = f"/api/v1/meetings/{meeting['id']}"

    item = pmo.post(
        f"{base}/items/",
        {"kind": "decision", "subject_type": "governance.motion", "subject_id": motion.pk},
    )
    assert item.status_code == 201, item.json()
    assert item.json()["subject"] == {"type": "governance.motion", "id": motion.pk}
    assert item.json()["title"] == str(motion) and item.json()["position"] == 1
    briefing = chair.post(f"{base}/items/", {"kind": "information", "title": "Budget outlook"})
    assert briefing.status_code == 201 and briefing.json()["position"] == 2

    opened = pmo.post(f"{base}/open/")
    assert opened.status_code == 200 and opened.json()["state"] == MeetingState.OPEN
    present = pmo.post(f"{base}/attendance/", {"attendees": ["km.chair", "km.member"]})
    assert present.status_code == 200, present.json()
    assert {a["member"] for a in present.json()["attendance"]} == {"km.chair", "km.member"}

    item_url = f"{base}/items/{item.json()['id']}"
    for client in (chair, token_client(personas["km.member"])):
        assert client.post(f"{item_url}/votes/", {"choice": "for"}).status_code == 201
    decided = chair.post(f"{item_url}/decide/", {"outcome": "approved"})
    assert decided.status_code == 201, decided.json()

    closed = pmo.post(f"{base}/close/", {"minutes": "The committee approved the motion."})
    assert closed.status_code == 200, closed.json()
    assert closed.json()["state"] == MeetingState.CLOSED
    assert closed.json()["minutes"] == "The committee approved the motion."
    assert Meeting.objects.get(pk=meeting["id"]).minutes_by == personas["pmo"]


def test_the_chair_closes_a_meeting_but_only_the_secretary_writes_its_minutes(personas):
    meeting = _meeting(MeetingState.OPEN)
    chair = token_client(personas["km.chair"])
    refused = chair.post(f"/api/v1/meetings/{meeting.pk}/close/", {"minutes": "Mine."})
    assert refused.status_code == 403
    assert "secretary" in refused.json()["error"]["message"]
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.OPEN and meeting.minutes == ""
    closed = chair.post(f"/api/v1/meetings/{meeting.pk}/close/")
    assert closed.status_code == 200 and closed.json()["state"] == MeetingState.CLOSED


def test_who_may_not_run_meetings_is_refused_with_the_rights_message(personas):
    meeting = _meeting()
    for username in ("advisor", "km.member", "cito"):
        client = token_client(personas[username])
        for url, data in [
            ("/api/v1/meetings/", {"body": "km-steering", "title": "M", "starts_at": "2027-01-01"}),
            (f"/api/v1/meetings/{meeting.pk}/open/", {}),
            (f"/api/v1/meetings/{meeting.pk}/items/", {"kind": "information", "title": "x"}),
            (f"/api/v1/meetings/{meeting.pk}/attendance/", {"attendees": ["km.member"]}),
            (f"/api/v1/meetings/{meeting.pk}/close/", {}),
        ]:
            response = client.post(url, data)
            assert response.status_code == 403, (username, url, response.json())
            assert "may run its meetings" in response.json()["error"]["message"]
    assert Meeting.objects.count() == 1 and not AgendaItem.objects.exists()
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANNED


def test_bad_meeting_input_gets_400_with_field_messages_and_creates_nothing(personas):
    client = token_client(personas["pmo"])
    before = Meeting.objects.count()
    created = client.post(
        "/api/v1/meetings/", {"body": "no-such-body", "starts_at": "next tuesday"}
    )
    assert created.status_code == 400
    assert {"body", "title", "starts_at"} <= set(created.json()["error"]["fields"])
    assert Meeting.objects.count() == before

    meeting = _meeting()
    items = f"/api/v1/meetings/{meeting.pk}/items/"
    decision = {"kind": "decision"}
    cases = [
        ({"kind": "vote"}, {"kind"}),
        (decision, {"subject_type", "subject_id"}),
        ({**decision, "subject_type": "governance.user", "subject_id": 1}, {"subject_type"}),
        ({**decision, "subject_type": "governance.motion", "subject_id": 999999}, {"subject_id"}),
        ({**decision, "subject_type": "governance.motion"}, {"subject_id"}),
        ({"kind": "information", "title": "   "}, {"title"}),
    ]
    for data, fields in cases:
        response = client.post(items, data)
        assert response.status_code == 400, data
        assert fields <= set(response.json()["error"]["fields"]), (data, response.json())
    missing = client.post(
        items, {"kind": "decision", "subject_type": "governance.motion", "subject_id": 999999}
    )
    assert missing.json()["error"]["fields"]["subject_id"] == ["No such item."]
    # A motion of another body is not this committee's to decide.
    other = MotionFactory(body=body("rm-steering"))
    wrong_body = client.post(
        items, {"kind": "decision", "subject_type": "governance.motion", "subject_id": other.pk}
    )
    assert wrong_body.status_code == 400 and "subject" in wrong_body.json()["error"]["fields"]
    assert not AgendaItem.objects.filter(meeting=meeting).exists()

    attendance = f"/api/v1/meetings/{meeting.pk}/attendance/"
    unknown = client.post(attendance, {"attendees": ["km.chair", "nobody.here"]})
    assert unknown.status_code == 400
    assert "nobody.here" in " ".join(unknown.json()["error"]["fields"]["attendees"])
    assert client.post(attendance, {"attendees": "km.chair"}).status_code == 400
    stranger = client.post(attendance, {"attendees": ["km.chair", "rm.member"]})
    assert stranger.status_code == 400
    assert "Not current members" in " ".join(stranger.json()["error"]["fields"]["non_field_errors"])
    assert not meeting.attendance.exists()


def test_a_subject_the_actor_may_not_see_is_no_such_item(personas):
    project = draft(personas)
    chair = personas["km.chair"]
    assert not rights.can_see(chair, project)
    response = token_client(chair).post(
        f"/api/v1/meetings/{_meeting().pk}/items/",
        {"kind": "decision", "subject_type": "portfolio.project", "subject_id": project.pk},
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["subject_id"] == ["No such item."]
    assert not AgendaItem.objects.exists()


def test_a_meeting_moves_only_forward_and_a_closed_one_is_locked(personas):
    client = token_client(personas["pmo"])
    meeting = _meeting(MeetingState.CLOSED)
    base = f"/api/v1/meetings/{meeting.pk}"
    for url, data in [
        (f"{base}/open/", {}),
        (f"{base}/close/", {}),
        (f"{base}/items/", {"kind": "information", "title": "Late"}),
        (f"{base}/attendance/", {"attendees": ["km.chair"]}),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400, url
        assert response.json()["error"]["fields"]["non_field_errors"], url
    assert not AgendaItem.objects.filter(meeting=meeting).exists()
    assert not meeting.attendance.exists()


def test_the_read_only_token_may_not_run_a_meeting(personas):
    meeting = _meeting()
    motion = MotionFactory(body=body("km-steering"))
    base = f"/api/v1/meetings/{meeting.pk}"
    for user in (personas["pmo"], personas["km.chair"], personas["api.reader"]):
        client = token_client(user, read_only=True)
        for url, data in [
            ("/api/v1/meetings/", {"body": "km-steering", "title": "T", "starts_at": "2027-01-01"}),
            (f"{base}/open/", {}),
            (
                f"{base}/items/",
                {"kind": "decision", "subject_type": "governance.motion", "subject_id": motion.pk},
            ),
            (f"{base}/attendance/", {"attendees": ["km.chair"]}),
            (f"{base}/close/", {"minutes": "x"}),
        ]:
            response = client.post(url, data)
            assert response.status_code == 403, (user, url)
            assert "read-only" in response.json()["error"]["message"]
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.PLANNED and Meeting.objects.count() == 1
    assert not AgendaItem.objects.exists() and not meeting.attendance.exists()
