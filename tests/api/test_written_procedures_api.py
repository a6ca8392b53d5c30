"""Issue 11: written procedures over the REST API as on the pages (open, vote, close), under
the body's decision rule."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.choices import DecisionRule
from governance.models import Body, Decision, Meeting
from tests.governance.factories import MotionFactory, open_meeting_with_item
from tests.governance.test_decision_rules import CARRIED, NOT_CARRIED
from tests.testing.api import ApiPersonaAccessMixin, token_client

pytestmark = pytest.mark.django_db

NOT_READERS = {"proponent", "staff"}
MANAGERS = {"km.chair", "pmo"}


def open_payload(motion, days=3):
    return {
        "body": "km-steering",
        "subject_type": "governance.motion",
        "subject_id": motion.pk,
        "deadline": (timezone.now() + datetime.timedelta(days=days)).isoformat(),
    }


def open_procedure(personas, motion=None):
    motion = motion or MotionFactory()
    response = token_client(personas["pmo"]).post(
        "/api/v1/written-procedures/", open_payload(motion), format="json"
    )
    assert response.status_code == 201, response.json()
    item = response.json()
    meeting = Meeting.objects.get(items__pk=item["id"])
    return meeting, item["id"]


class TestOpen(ApiPersonaAccessMixin):
    method = "post"
    allowed = MANAGERS
    allowed_status = 201

    def get_url(self, personas):
        return "/api/v1/written-procedures/"

    def get_data(self, personas):
        return open_payload(MotionFactory())


class TestClose(ApiPersonaAccessMixin):
    method = "post"
    allowed = {"km.chair"}
    allowed_status = 201
    hidden = NOT_READERS

    def get_url(self, personas):
        meeting, item = open_procedure(personas)
        for username in ("km.chair", "km.member", "cito"):
            token_client(personas[username]).post(
                f"/api/v1/meetings/{meeting.pk}/items/{item}/votes/", {"choice": "for"}
            )
        return f"/api/v1/meetings/{meeting.pk}/items/{item}/close/"

    def get_data(self, personas):
        return {"outcome": "approved"}


def test_open_vote_and_close_under_the_decision_rule(personas):
    Body.objects.filter(code="km-steering").update(decision_rule="consensus")
    meeting, item = open_procedure(personas)
    base = f"/api/v1/meetings/{meeting.pk}/items/{item}/"
    for username, choice in (("km.chair", "for"), ("km.member", "for"), ("cito", "against")):
        response = token_client(personas[username]).post(f"{base}votes/", {"choice": choice})
        assert response.status_code == 201
    chair = token_client(personas["km.chair"])
    refused = chair.post(f"{base}close/", {"outcome": "approved"}, format="json")
    assert refused.status_code == 400
    assert "consensus" in str(refused.json()) and "2 for, 1 against" in str(refused.json())
    refused = chair.post(f"{base}close/", {"outcome": "deferred"}, format="json")
    assert refused.status_code == 400 and "rationale" in str(refused.json())
    closed = chair.post(f"{base}close/", {"outcome": "rejected"}, format="json")
    assert closed.status_code == 201 and closed.json()["outcome"] == "rejected"
    assert Decision.objects.get().votes_against == 1
    meeting.refresh_from_db()
    assert meeting.state == "closed"


def test_the_same_subject_is_not_opened_twice(personas):
    motion = MotionFactory()
    open_procedure(personas, motion)
    response = token_client(personas["pmo"]).post(
        "/api/v1/written-procedures/", open_payload(motion), format="json"
    )
    assert response.status_code == 400 and "already stands on item 1" in str(response.json())


def test_an_advisor_may_not_open_vote_or_close(personas):
    meeting, item = open_procedure(personas)
    advisor = token_client(personas["advisor"])
    base = f"/api/v1/meetings/{meeting.pk}/items/{item}/"
    assert advisor.post(f"{base}votes/", {"choice": "for"}).status_code == 403
    assert advisor.post(f"{base}close/", {"outcome": "approved"}, format="json").status_code == 403
    response = advisor.post(
        "/api/v1/written-procedures/", open_payload(MotionFactory()), format="json"
    )
    assert response.status_code == 403


def test_it_lapses_without_an_outcome_only_after_the_deadline(personas):
    meeting, item = open_procedure(personas)
    chair = token_client(personas["km.chair"])
    url = f"/api/v1/meetings/{meeting.pk}/items/{item}/close/"
    assert chair.post(url, {}, format="json").status_code == 400
    Meeting.objects.filter(pk=meeting.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert chair.post(url, {}, format="json").status_code == 204
    meeting.refresh_from_db()
    assert meeting.state == "closed" and not Decision.objects.exists()


# --------------------------------------------------------------------------- the same rules
# (as the decide page and the meeting's decide endpoint: tests/governance/test_decision_rules.py)


def voted_procedure(personas, rule, choices):
    Body.objects.filter(code="km-steering").update(decision_rule=rule)
    meeting, item = open_procedure(personas)
    base = f"/api/v1/meetings/{meeting.pk}/items/{item}/"
    for username, choice in zip(("km.chair", "km.member", "cito"), choices, strict=True):
        response = token_client(personas[username]).post(f"{base}votes/", {"choice": choice})
        assert response.status_code == 201, response.json()
    return meeting, f"{base}close/"


def close(personas, url, **data):
    return token_client(personas["km.chair"]).post(url, data, format="json")


@pytest.mark.parametrize(("rule", "choices"), NOT_CARRIED)
def test_closing_with_an_approval_the_tally_does_not_carry_is_refused(personas, rule, choices):
    meeting, url = voted_procedure(personas, rule, choices)
    response = close(personas, url, outcome="approved")
    assert response.status_code == 400
    message = " ".join(response.json()["error"]["fields"]["non_field_errors"])
    assert "does not carry the motion" in message
    assert DecisionRule(rule).label.lower() in message and " for, " in message
    ranked = close(personas, url, outcome="prioritised", rank=1)
    assert ranked.status_code == 400 and "does not carry the motion" in str(ranked.json())
    assert not Decision.objects.exists()
    assert Meeting.objects.get(pk=meeting.pk).state == "open"  # still open: nothing recorded
    assert close(personas, url, outcome="rejected").status_code == 201


@pytest.mark.parametrize(("rule", "choices"), CARRIED)
def test_closing_with_a_rejection_the_tally_carries_is_refused(personas, rule, choices):
    _meeting, url = voted_procedure(personas, rule, choices)
    response = close(personas, url, outcome="rejected")
    assert response.status_code == 400 and "carries the motion" in str(response.json())
    assert not Decision.objects.exists()
    decided = close(personas, url, outcome="approved")
    assert decided.status_code == 201
    assert decided.json()["provenance"]["decision_rule"]["rule"] == rule


@pytest.mark.parametrize(
    ("rule", "outcome"),
    [
        (DecisionRule.SIMPLE_MAJORITY, "deferred"),
        (DecisionRule.TWO_THIRDS, "returned"),
        (DecisionRule.CONSENSUS, "deferred"),
    ],
)
def test_a_procedural_outcome_needs_a_rationale_over_the_api_too(personas, rule, outcome):
    _meeting, url = voted_procedure(personas, rule, ("for", "for", "for"))
    response = close(personas, url, outcome=outcome, rationale="  ")
    assert response.status_code == 400 and "give the rationale" in str(response.json())
    decided = close(personas, url, outcome=outcome, rationale="Wait for the costing.")
    assert decided.status_code == 201 and decided.json()["rationale"] == "Wait for the costing."


def test_a_ranking_needs_a_rank(personas):
    _meeting, url = voted_procedure(personas, DecisionRule.SIMPLE_MAJORITY, ("for",) * 3)
    response = close(personas, url, outcome="prioritised")
    assert response.status_code == 400 and "Give a rank" in str(response.json())


def test_it_closes_before_the_deadline_only_once_every_member_has_voted(personas):
    meeting, item = open_procedure(personas)
    base = f"/api/v1/meetings/{meeting.pk}/items/{item}/"
    for username in ("km.member", "km.chair"):
        token_client(personas[username]).post(f"{base}votes/", {"choice": "for"})
    response = close(personas, f"{base}close/", outcome="approved")
    assert response.status_code == 400 and "not every member has voted" in str(response.json())
    Meeting.objects.filter(pk=meeting.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=1)
    )
    late = token_client(personas["cito"]).post(f"{base}votes/", {"choice": "for"})
    assert late.status_code == 400 and "deadline" in str(late.json())
    # after the deadline the votes cast decide (2 of 3 members: quorum; carried)
    assert close(personas, f"{base}close/", outcome="approved").status_code == 201
    again = close(personas, f"{base}close/", outcome="approved")
    assert again.status_code == 400 and Decision.objects.count() == 1


def test_the_page_and_the_api_give_the_same_refusal(client, personas):
    meeting, url = voted_procedure(personas, DecisionRule.CONSENSUS, ("for", "for", "against"))
    api = close(personas, url, outcome="approved").json()["error"]["fields"]["non_field_errors"]
    item = meeting.items.get()
    client.force_login(personas["km.chair"])
    page = client.post(
        reverse("governance:vote_close_and_decide", args=[item.pk]),
        {f"item{item.pk}-outcome": "approved", "confirmed": "1"},
        follow=True,
    ).content.decode()
    assert html.escape(api[0]) in page
    assert not Decision.objects.exists()


def test_closing_a_meeting_item_as_a_written_procedure_is_refused(personas):
    item = open_meeting_with_item(personas, present=("km.chair", "km.member", "cito"))
    url = f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}/close/"
    response = close(personas, url, outcome="deferred", rationale="Later.")
    assert response.status_code == 400 and "not a written procedure" in str(response.json())
    advisor = token_client(personas["advisor"]).post(url, {"outcome": "approved"}, format="json")
    assert advisor.status_code == 403  # who may not decide learns nothing more
