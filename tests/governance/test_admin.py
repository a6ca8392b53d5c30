"""The admin acts through the services: same rights, same refusals, decisions read-only."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from governance.models import Decision, Meeting, Vote

from .factories import MeetingFactory, decide, open_meeting_with_item, vote_for

pytestmark = pytest.mark.django_db

KM_VOTERS = ("km.chair", "km.member", "cito")


def admin_user(user):
    # Even a superuser gets no governance right from the admin: rights follow memberships.
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


def run_action(client, model, action, pks):
    return client.post(
        reverse(f"admin:governance_{model}_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [str(pk) for pk in pks]},
        follow=True,
    )


@pytest.mark.parametrize("username", ["advisor", "ms.delegate"])
def test_the_admin_refuses_votes_by_advisory_members_with_the_same_message(
    client, personas, username
):
    item = open_meeting_with_item(personas, present=KM_VOTERS)
    client.force_login(admin_user(personas[username]))
    response = run_action(client, "agendaitem", "vote_for", [item.pk])
    assert "advisory rights only" in response.content.decode()
    assert not Vote.objects.exists()


@pytest.mark.parametrize("username", ["advisor", "ms.delegate"])
def test_the_admin_refuses_decisions_by_advisory_members_with_the_same_message(
    client, personas, username
):
    item = open_meeting_with_item(personas, present=KM_VOTERS)
    client.force_login(admin_user(personas[username]))
    response = run_action(client, "agendaitem", "decide_approved", [item.pk])
    assert "advisory rights only" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_chair_records_a_decision_through_the_admin(client, personas):
    item = vote_for(open_meeting_with_item(personas, present=KM_VOTERS), "approved")
    client.force_login(admin_user(personas["km.chair"]))
    response = run_action(client, "agendaitem", "decide_approved", [item.pk])
    assert "1 decision(s) recorded." in response.content.decode()
    assert Decision.objects.get().outcome == "approved"


def test_the_admin_refuses_a_decision_without_quorum(client, personas):
    item = open_meeting_with_item(personas, present=("km.chair",))
    client.force_login(admin_user(personas["km.chair"]))
    response = run_action(client, "agendaitem", "decide_approved", [item.pk])
    assert "No quorum" in response.content.decode()


def test_decisions_are_read_only_in_the_admin(client, personas):
    item = open_meeting_with_item(personas, present=KM_VOTERS)
    decision = decide(item, personas["km.chair"], "approved")
    client.force_login(admin_user(personas["pmo"]))
    url = reverse("admin:governance_decision_change", args=[decision.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="rationale"' not in page.content.decode()
    client.post(url, {"rationale": "rewritten", "outcome": "rejected"})
    decision.refresh_from_db()
    assert decision.outcome == "approved" and decision.rationale == ""
    assert (
        client.get(reverse("admin:governance_decision_delete", args=[decision.pk])).status_code
        == 403
    )
    assert client.get(reverse("admin:governance_decision_add")).status_code == 403


def test_meeting_actions_in_the_admin_follow_the_rights(client, personas):
    meeting = MeetingFactory()
    client.force_login(admin_user(personas["km.member"]))
    response = run_action(client, "meeting", "open_meetings", [meeting.pk])
    assert "run its meetings" in response.content.decode()
    client.force_login(admin_user(personas["pmo"]))
    run_action(client, "meeting", "open_meetings", [meeting.pk])
    assert Meeting.objects.get(pk=meeting.pk).state == "open"


@pytest.mark.parametrize(
    "model",
    ["meeting", "agendaitem", "vote", "recusal", "decision", "opinion", "motion", "auditentry"],
)
def test_every_governance_admin_list_opens(client, personas, model):
    open_meeting_with_item(personas, present=KM_VOTERS)
    client.force_login(admin_user(personas["pmo"]))
    assert client.get(reverse(f"admin:governance_{model}_changelist")).status_code == 200


def test_the_admin_creates_meetings_and_motions_through_the_services(client, personas):
    from governance.models import AuditEntry, Motion

    client.force_login(admin_user(personas["advisor"]))
    response = client.post(
        reverse("admin:governance_motion_add"),
        {"body": body_pk("km-steering"), "title": "Sneaky", "topic": "policy", "text": "x"},
        follow=True,
    )
    assert "run its meetings" in response.content.decode()
    assert not Motion.objects.filter(title="Sneaky").exists()
    client.force_login(admin_user(personas["pmo"]))
    client.post(
        reverse("admin:governance_meeting_add"),
        {
            "body": body_pk("km-steering"),
            "title": "Extraordinary session",
            "starts_at_0": "2030-01-15",
            "starts_at_1": "10:00",
            "location": "Geneva",
            "minutes": "",
            "items-TOTAL_FORMS": 0,
            "items-INITIAL_FORMS": 0,
            "attendance-TOTAL_FORMS": 0,
            "attendance-INITIAL_FORMS": 0,
        },
    )
    meeting = Meeting.objects.get(title="Extraordinary session")
    assert meeting.state == "planned" and meeting.created_by == personas["pmo"]
    assert AuditEntry.objects.filter(action="meeting.create", object_id=str(meeting.pk)).exists()


def body_pk(code):
    from governance.models import Body

    return Body.objects.get(code=code).pk
