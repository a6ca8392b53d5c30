"""Every governance page and form, for every persona: allowed, 403, or 404 for what the
persona may not see."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.choices import Outcome
from governance.models import Decision, Opinion, Vote
from tests.testing.personas import PERSONA_NAMES
from tests.testing.views import PersonaAccessMixin

from .factories import (
    MeetingFactory,
    MotionFactory,
    body,
    decide,
    open_meeting_with_item,
    vote_for,
)

pytestmark = pytest.mark.django_db

NOT_READERS = {"proponent", "staff"}
READERS = set(PERSONA_NAMES) - NOT_READERS
KM_VOTERS = {"km.chair", "km.member", "cito"}
ADVISORY_MEMBERS = {"advisor", "ms.delegate", "chief.geneva", "chief.nairobi", "cito"}


def km_item(personas):
    return open_meeting_with_item(personas, present=tuple(KM_VOTERS))


class TestBodiesDirectory(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("governance:bodies")


class TestBodyPage(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("governance:body", args=["km-steering"])


class TestMeetingPage(PersonaAccessMixin):
    allowed = READERS
    hidden = NOT_READERS

    def get_url(self, personas):
        return reverse("governance:meeting", args=[km_item(personas).meeting_id])


class TestAwaitingMyVote(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        km_item(personas)
        return reverse("governance:awaiting_vote")


class TestDecisionsRegister(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return reverse("governance:decisions")


class TestDecisionsCsv(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return reverse("governance:decisions") + "?format=csv"


def a_decision(personas):
    return decide(km_item(personas), personas["km.chair"], Outcome.APPROVED)


class TestDecisionPage(PersonaAccessMixin):
    allowed = READERS
    hidden = NOT_READERS

    def get_url(self, personas):
        return reverse("governance:decision", args=[a_decision(personas).pk])


class TestMotionPage(PersonaAccessMixin):
    allowed = READERS
    hidden = NOT_READERS

    def get_url(self, personas):
        return reverse("governance:motion", args=[MotionFactory(proposed_by=personas["pmo"]).pk])


class PostMixin(PersonaAccessMixin):
    method = "post"
    allowed_status = 302
    hidden = NOT_READERS


class TestVoteForm(PostMixin):
    allowed = KM_VOTERS

    def get_url(self, personas):
        self.item = km_item(personas)
        return reverse("governance:vote_cast", args=[self.item.pk])

    def get_data(self, personas):
        return {f"item{self.item.pk}-choice": "for"}


class TestRecusalForm(PostMixin):
    allowed = KM_VOTERS

    def get_url(self, personas):
        self.item = km_item(personas)
        return reverse("governance:recusal_declare", args=[self.item.pk])

    def get_data(self, personas):
        return {f"item{self.item.pk}-reason": "My unit proposes it"}


class TestDecisionForm(PostMixin):
    allowed = {"km.chair"}

    def get_url(self, personas):
        self.item = vote_for(km_item(personas), Outcome.APPROVED)
        return reverse("governance:vote_close_and_decide", args=[self.item.pk])

    def get_data(self, personas):
        return {f"item{self.item.pk}-outcome": "approved", "confirmed": "1"}


class TestOpinionForm(PostMixin):
    allowed = ADVISORY_MEMBERS

    def get_url(self, personas):
        motion = MotionFactory()
        content_type = ContentType.objects.get_for_model(motion)
        return reverse("governance:opinion_give", args=[content_type.pk, motion.pk])

    def get_data(self, personas):
        return {"stance": "support", "text": "A sound policy."}


class MeetingManagement(PostMixin):
    allowed = {"km.chair", "pmo"}
    url_name = None

    def get_url(self, personas):
        self.meeting = MeetingFactory(body=body("km-steering"))
        return reverse(self.url_name, args=[self.meeting.pk])


class TestOpenMeeting(MeetingManagement):
    url_name = "governance:meeting_open"


class TestCloseMeeting(MeetingManagement):
    url_name = "governance:meeting_close"

    def get_data(self, personas):
        return {"confirmed": "1"}


class TestAgendaForm(MeetingManagement):
    url_name = "governance:agenda_item_add"

    def get_data(self, personas):
        return {"kind": "information", "title": "Briefing by OICT"}


class TestAttendanceForm(MeetingManagement):
    url_name = "governance:attendance_record"

    def get_data(self, personas):
        return {"attendees": [personas["km.member"].pk]}


class TestMinutesForm(MeetingManagement):
    allowed = {"pmo"}
    url_name = "governance:minutes_record"

    def get_data(self, personas):
        return {"minutes": "The committee met."}


class BodyManagement(PostMixin):
    allowed = {"km.chair", "pmo"}
    hidden = set()  # the body page is open to all; acting on it is not
    url_name = None

    def get_url(self, personas):
        return reverse(self.url_name, args=["km-steering"])


class TestPlanMeetingForm(BodyManagement):
    url_name = "governance:meeting_create"

    def get_data(self, personas):
        return {"title": "Q3 meeting", "starts_at": "2030-07-01T10:00", "location": "New York"}


class TestMotionForm(BodyManagement):
    url_name = "governance:motion_create"

    def get_data(self, personas):
        return {"title": "Adopt a records policy", "topic": "policy", "text": "Adopt it."}


class TestWrittenProcedureForm(BodyManagement):
    url_name = "governance:written_procedure_open"

    def get_url(self, personas):
        self.motion = MotionFactory()
        return super().get_url(personas)

    def get_data(self, personas):
        deadline = timezone.now() + datetime.timedelta(days=5)
        return {"motion": self.motion.pk, "deadline": deadline.strftime("%Y-%m-%dT%H:%M")}


# ----------------------------------------------------------------- acceptance 1, the HTML route


@pytest.mark.parametrize("username", ["advisor", "ms.delegate"])
def test_the_vote_form_refuses_advisory_members_with_a_clear_message(client, personas, username):
    item = km_item(personas)
    client.force_login(personas[username])
    response = client.post(
        reverse("governance:vote_cast", args=[item.pk]), {f"item{item.pk}-choice": "for"}
    )
    assert response.status_code == 403
    assert "advisory rights only" in response.content.decode()
    assert not Vote.objects.filter(item=item).exists()


@pytest.mark.parametrize("username", ["advisor", "ms.delegate"])
def test_the_decision_form_refuses_advisory_members_with_a_clear_message(
    client, personas, username
):
    item = km_item(personas)
    client.force_login(personas[username])
    response = client.post(
        reverse("governance:vote_close_and_decide", args=[item.pk]),
        {f"item{item.pk}-outcome": "approved"},
    )
    assert response.status_code == 403
    assert "advisory rights only" in response.content.decode()
    assert not Decision.objects.exists()


@pytest.mark.parametrize("username", ["advisor", "ms.delegate"])
def test_advisory_members_post_opinions_through_the_motion_page(client, personas, username):
    motion = MotionFactory()
    client.force_login(personas[username])
    page = client.get(reverse("governance:motion", args=[motion.pk])).content.decode()
    assert "Give your opinion" in page
    content_type = ContentType.objects.get_for_model(motion)
    response = client.post(
        reverse("governance:opinion_give", args=[content_type.pk, motion.pk]),
        {"stance": "concerns", "text": "Mind the cost.", "next": motion.get_absolute_url()},
        follow=True,
    )
    assert "Mind the cost." in response.content.decode()
    assert Opinion.objects.get().author == personas[username]
    motion.refresh_from_db()
    assert motion.state == "before_body"


def test_the_item_page_shows_forms_only_to_those_allowed(client, personas):
    item = km_item(personas)
    url = reverse("governance:item", args=[item.pk])
    client.force_login(personas["advisor"])
    page = client.get(url).content.decode()
    assert "Record the decision" not in page and 'value="for"' not in page
    client.force_login(personas["km.chair"])
    page = client.get(url).content.decode()
    assert "Record the decision" in page and 'value="for"' in page
    client.force_login(personas["km.member"])
    page = client.get(url).content.decode()
    assert "Record the decision" not in page and 'value="for"' in page


def test_a_decision_without_quorum_is_refused_through_the_form(client, personas):
    item = open_meeting_with_item(personas, present=("km.chair",))
    client.force_login(personas["km.chair"])
    response = client.post(
        reverse("governance:vote_close_and_decide", args=[item.pk]),
        {f"item{item.pk}-outcome": "approved"},
        follow=True,
    )
    assert "No quorum" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_register_filters_and_exports_csv(client, personas):
    approved = a_decision(personas)
    rm_item = open_meeting_with_item(personas, "rm-steering", present=("rm.chair", "rm.member"))
    services.vote_close_and_decide(item=rm_item, actor=personas["rm.chair"], outcome="rejected")
    client.force_login(personas["pmo"])
    url = reverse("governance:decisions")
    page = client.get(url, {"body": "km-steering"}).content.decode()
    assert approved.subject_label in page and rm_item.title not in page
    page = client.get(url, {"outcome": "rejected"}).content.decode()
    assert rm_item.title in page and approved.subject_label not in page
    csv = client.get(url, {"outcome": "approved", "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().strip().splitlines()
    assert len(lines) == 2 and approved.subject_label in lines[1]


def test_awaiting_my_vote_lists_the_items_of_my_bodies(client, personas):
    item = km_item(personas)
    client.force_login(personas["km.member"])
    assert item.title in client.get(reverse("governance:awaiting_vote")).content.decode()
    client.force_login(personas["rm.member"])
    assert item.title not in client.get(reverse("governance:awaiting_vote")).content.decode()


def test_deciders_see_opinions_beside_the_item_on_the_item_page(client, personas):
    item = km_item(personas)
    services.opinion_give(
        subject=item.subject, author=personas["ms.delegate"], stance="oppose", text="Too early."
    )
    client.force_login(personas["km.chair"])
    page = client.get(reverse("governance:item", args=[item.pk])).content.decode()
    assert "Too early." in page and "Oppose" in page


def test_the_decision_page_shows_the_provenance_and_supersession(client, personas):
    first = a_decision(personas)
    item = open_meeting_with_item(personas, present=tuple(KM_VOTERS), subject=first.subject)
    second = services.decision_supersede(
        decision=first, item=item, actor=personas["km.chair"], outcome="rejected"
    )
    client.force_login(personas["km.member"])
    page = client.get(reverse("governance:decision", args=[first.pk])).content.decode()
    assert f"decision {second.pk}" in page and "Superseded by" in page
    assert str(personas["km.member"]) in page  # attendance and votes as recorded
    page = client.get(reverse("governance:motion", args=[first.object_id])).content.decode()
    assert "Approved" in page and "Rejected" in page  # both decisions stay visible


def test_the_chair_supersedes_an_earlier_decision_through_the_form(client, personas):
    first = a_decision(personas)
    item = open_meeting_with_item(personas, present=tuple(KM_VOTERS), subject=first.subject)
    client.force_login(personas["km.chair"])
    page = client.get(reverse("governance:item", args=[item.pk])).content.decode()
    assert f'value="{first.pk}"' in page
    client.post(
        reverse("governance:vote_close_and_decide", args=[item.pk]),
        {
            f"item{item.pk}-outcome": "rejected",
            f"item{item.pk}-supersedes": first.pk,
            "confirmed": "1",
        },
    )
    second = Decision.objects.get(item=item)
    assert second.supersedes == first and second.outcome == "rejected"


class TestLapseWrittenProcedureForm(PostMixin):
    allowed = {"km.chair"}

    def get_url(self, personas):
        item = services.written_procedure_open(
            body=body("km-steering"),
            subject=MotionFactory(),
            deadline=timezone.now() + datetime.timedelta(days=1),
            actor=personas["pmo"],
        )
        type(item.meeting).objects.filter(pk=item.meeting_id).update(
            deadline=timezone.now() - datetime.timedelta(hours=1)
        )
        return reverse("governance:written_procedure_lapse", args=[item.pk])

    def get_data(self, personas):
        return {"confirmed": "1"}


def test_the_chair_sees_the_lapse_button_once_the_deadline_has_passed(client, personas):
    item = services.written_procedure_open(
        body=body("km-steering"),
        subject=MotionFactory(),
        deadline=timezone.now() + datetime.timedelta(days=1),
        actor=personas["pmo"],
    )
    url = reverse("governance:item", args=[item.pk])
    client.force_login(personas["km.chair"])
    assert "without a decision" not in client.get(url).content.decode()
    type(item.meeting).objects.filter(pk=item.meeting_id).update(
        deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    assert "without a decision" in client.get(url).content.decode()
    client.post(reverse("governance:written_procedure_lapse", args=[item.pk]), {"confirmed": "1"})
    item.meeting.refresh_from_db()
    assert item.meeting.state == "closed" and not Decision.objects.exists()
