"""The rules of meetings, votes, quorum, recusal, decisions and opinions, on the services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone

from governance import selectors, services
from governance.choices import MeetingState, MotionState, Outcome, Stance, VoteChoice
from governance.models import AuditEntry, Decision, Membership, Motion, Opinion, Vote
from governance.rights import RightsError

from . import factories
from .factories import MeetingFactory, MotionFactory, body, open_meeting_with_item

pytestmark = pytest.mark.django_db

KM_QUORUM = ("km.chair", "km.member", "cito")


def decide(item, personas, outcome=Outcome.APPROVED, **kwargs):
    """The km chair records ``outcome`` after the present members voted as it needs."""
    return factories.decide(item, personas["km.chair"], outcome, **kwargs)


def test_a_present_voting_member_votes_and_the_chair_records_the_decision(personas):
    item = open_meeting_with_item(personas, present=KM_QUORUM)
    services.vote_cast(item=item, voter=personas["km.member"], choice=VoteChoice.FOR)
    services.vote_cast(item=item, voter=personas["km.chair"], choice=VoteChoice.FOR)
    decision = decide(item, personas, rationale="Good value.")
    motion = item.subject
    motion.refresh_from_db()
    assert motion.state == MotionState.APPROVED
    assert (decision.votes_for, decision.votes_against, decision.quorum_present) == (2, 0, 3)
    assert decision.subject_version_label == "motion v1"
    assert [v["name"] for v in decision.provenance["votes"]] == [
        str(personas["km.member"]),
        str(personas["km.chair"]),
    ]
    assert len(decision.provenance["attendance"]) == 3
    assert AuditEntry.objects.filter(action="decision.record", object_id=str(decision.pk)).exists()


@pytest.mark.parametrize("username", ["advisor", "ms.delegate"])
def test_it_refuses_votes_and_decisions_by_advisory_members(personas, username):
    item = open_meeting_with_item(personas, present=KM_QUORUM)
    with pytest.raises(RightsError, match="advisory rights only"):
        services.vote_cast(item=item, voter=personas[username], choice=VoteChoice.FOR)
    with pytest.raises(RightsError, match="advisory rights only"):
        services.vote_close_and_decide(
            item=item, actor=personas[username], outcome=Outcome.APPROVED
        )
    assert not Vote.objects.filter(item=item).exists()
    assert not Decision.objects.filter(item=item).exists()


def test_km_member_cannot_vote_on_a_resource_management_item(personas):
    item = open_meeting_with_item(personas, "rm-steering", present=("rm.chair", "rm.member"))
    with pytest.raises(RightsError, match="not a current member"):
        services.vote_cast(item=item, voter=personas["km.member"], choice=VoteChoice.FOR)


def test_a_km_member_is_not_the_chair_so_cannot_record_the_decision(personas):
    item = open_meeting_with_item(personas, present=KM_QUORUM)
    with pytest.raises(RightsError, match="does not allow you"):
        services.vote_close_and_decide(
            item=item, actor=personas["km.member"], outcome=Outcome.APPROVED
        )


def test_a_recused_member_neither_votes_nor_counts_for_quorum(personas):
    # Voting members: km.chair, km.member, cito. Majority of those not recused.
    item = open_meeting_with_item(personas, present=("km.chair", "km.member"))
    assert services.quorum_status(item).holds
    services.recusal_declare(item=item, member=personas["km.member"], reason="My unit's project")
    quorum = services.quorum_status(item)
    assert (quorum.eligible, quorum.required, quorum.counted) == (2, 2, 1)
    with pytest.raises(ValidationError, match="declared a conflict"):
        services.vote_cast(item=item, voter=personas["km.member"], choice=VoteChoice.FOR)
    with pytest.raises(ValidationError, match="No quorum"):
        decide(item, personas)
    assert not Decision.objects.filter(item=item).exists()


def test_a_decision_without_quorum_is_refused(personas):
    item = open_meeting_with_item(personas, present=("km.chair",))
    with pytest.raises(ValidationError, match="No quorum"):
        decide(item, personas)
    item.subject.refresh_from_db()
    assert item.subject.state == MotionState.BEFORE_BODY


def test_a_membership_that_ended_yesterday_gives_no_vote_today(personas):
    item = open_meeting_with_item(personas, present=KM_QUORUM)
    Membership.objects.filter(user=personas["km.member"], body=body("km-steering")).update(
        end=timezone.localdate() - datetime.timedelta(days=1)
    )
    with pytest.raises(RightsError, match="not a current member"):
        services.vote_cast(item=item, voter=personas["km.member"], choice=VoteChoice.FOR)
    # and the ended membership no longer counts among the voting members for quorum
    assert services.quorum_status(item).eligible == 2


def test_cito_votes_only_where_the_membership_says_ex_officio_members_vote(personas):
    km_item = open_meeting_with_item(personas, present=KM_QUORUM)
    services.vote_cast(item=km_item, voter=personas["cito"], choice=VoteChoice.FOR)
    ec_item = open_meeting_with_item(
        personas, "executive-committee", present=("dsg", "usg.management", "cito")
    )
    with pytest.raises(RightsError, match="does not allow you"):
        services.vote_cast(item=ec_item, voter=personas["cito"], choice=VoteChoice.FOR)


def test_votes_are_one_per_member_per_item(personas):
    item = open_meeting_with_item(personas, present=KM_QUORUM)
    services.vote_cast(item=item, voter=personas["km.member"], choice=VoteChoice.FOR)
    with pytest.raises(ValidationError, match="already voted"):
        services.vote_cast(item=item, voter=personas["km.member"], choice=VoteChoice.AGAINST)
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(item=item, voter=personas["km.member"], choice=VoteChoice.AGAINST)
    assert item.votes.get().choice == VoteChoice.FOR


def test_a_member_not_recorded_present_does_not_vote(personas):
    item = open_meeting_with_item(personas, present=("km.chair",))
    with pytest.raises(ValidationError, match="present"):
        services.vote_cast(item=item, voter=personas["km.member"], choice=VoteChoice.FOR)


def test_the_outcome_of_an_item_is_recorded_once(personas):
    item = open_meeting_with_item(personas, present=KM_QUORUM)
    decide(item, personas)
    with pytest.raises(ValidationError, match="already been recorded"):
        decide(item, personas, outcome=Outcome.REJECTED)
    assert Decision.objects.filter(item=item).count() == 1


def test_a_prioritisation_needs_a_rank_and_sets_it(personas):
    item = open_meeting_with_item(personas, present=KM_QUORUM)
    with pytest.raises(ValidationError, match="rank"):
        decide(item, personas, outcome=Outcome.PRIORITISED)
    decision = decide(item, personas, outcome=Outcome.PRIORITISED, rank=2)
    item.subject.refresh_from_db()
    assert (decision.rank, item.subject.rank, item.subject.state) == (2, 2, "prioritised")


def test_a_recorded_decision_cannot_be_changed_by_the_model(personas):
    decision = decide(open_meeting_with_item(personas, present=KM_QUORUM), personas)
    decision.rationale = "Rewritten history"
    with pytest.raises(ValidationError, match="cannot be changed"):
        decision.save()
    with pytest.raises(ValidationError, match="cannot be deleted"):
        decision.delete()


def test_the_database_refuses_to_update_a_decision(personas):
    decision = decide(open_meeting_with_item(personas, present=KM_QUORUM), personas)
    with pytest.raises(ValidationError, match="never changed"), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(outcome=Outcome.REJECTED)
    # Past the ORM's refusal (the base manager is a plain one), the database refuses.
    with (
        pytest.raises((IntegrityError, DatabaseError), match="immutable|append-only"),
        transaction.atomic(),
    ):
        Decision._base_manager.filter(pk=decision.pk).update(outcome=Outcome.REJECTED)
    decision.refresh_from_db()
    assert decision.outcome == Outcome.APPROVED


def test_a_later_decision_supersedes_an_earlier_and_both_stay_visible(personas):
    first_item = open_meeting_with_item(personas, present=KM_QUORUM)
    first = decide(first_item, personas, outcome=Outcome.DEFERRED)
    second_item = open_meeting_with_item(personas, present=KM_QUORUM, subject=first_item.subject)
    factories.vote_for(second_item, Outcome.APPROVED)
    second = services.decision_supersede(
        decision=first, item=second_item, actor=personas["km.chair"], outcome=Outcome.APPROVED
    )
    assert second.supersedes == first
    first.refresh_from_db()
    assert first.superseded_by == second and first.outcome == Outcome.DEFERRED
    assert list(selectors.decisions_for(first_item.subject)) == [second, first]
    third_item = open_meeting_with_item(personas, present=KM_QUORUM, subject=first_item.subject)
    factories.vote_for(third_item, Outcome.REJECTED)
    with pytest.raises(ValidationError, match="already been superseded"):
        services.decision_supersede(
            decision=first, item=third_item, actor=personas["km.chair"], outcome=Outcome.REJECTED
        )


def test_a_subject_that_refuses_the_decision_leaves_nothing_recorded(personas, monkeypatch):
    item = open_meeting_with_item(personas, present=KM_QUORUM)

    def refuse(self, decision):
        raise ValidationError("Budget exhausted")

    monkeypatch.setattr(Motion, "apply_decision", refuse)
    with pytest.raises(ValidationError, match="Budget exhausted"):
        decide(item, personas)
    assert not Decision.objects.filter(item=item).exists()
    item.refresh_from_db()
    assert item.vote_closed_at is None


def test_opinions_seen_are_kept_in_the_provenance(personas):
    item = open_meeting_with_item(personas, present=KM_QUORUM)
    opinion = services.opinion_give(
        subject=item.subject, author=personas["advisor"], stance=Stance.CONCERNS, text="Costly."
    )
    decision = decide(item, personas)
    assert list(decision.opinions_seen.all()) == [opinion]
    assert decision.provenance["opinions"][0]["text"] == "Costly."


@pytest.mark.parametrize("username", ["advisor", "ms.delegate"])
def test_advisory_members_give_opinions_that_never_change_the_subject(personas, username):
    motion = MotionFactory()
    opinion = services.opinion_give(
        subject=motion, author=personas[username], stance=Stance.OPPOSE, text="Not now."
    )
    motion.refresh_from_db()
    assert motion.state == MotionState.BEFORE_BODY
    assert opinion.body.rights == "advisory"
    assert list(selectors.opinions_for(motion)) == [opinion]


@pytest.mark.parametrize("username", ["km.member", "km.chair", "staff"])
def test_it_refuses_opinions_from_non_advisory_members(personas, username):
    with pytest.raises(RightsError):
        services.opinion_give(
            subject=MotionFactory(), author=personas[username], stance=Stance.SUPPORT, text="x"
        )
    assert not Opinion.objects.exists()


def test_a_closed_meeting_is_locked(personas):
    item = open_meeting_with_item(personas, present=KM_QUORUM)
    meeting = item.meeting
    services.meeting_close(meeting=meeting, actor=personas["pmo"], minutes="Nothing decided.")
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CLOSED and meeting.minutes == "Nothing decided."
    for attempt in (
        lambda: services.vote_cast(item=item, voter=personas["km.member"], choice="for"),
        lambda: decide(item, personas),
        lambda: services.agenda_item_add(
            meeting=meeting, kind="information", title="Late", actor=personas["pmo"]
        ),
        lambda: services.minutes_record(meeting=meeting, text="Edited", actor=personas["pmo"]),
        lambda: services.meeting_open(meeting=meeting, actor=personas["pmo"]),
    ):
        with pytest.raises(ValidationError):
            attempt()


def test_only_the_secretary_writes_minutes_and_only_managers_run_meetings(personas):
    meeting = MeetingFactory()
    with pytest.raises(RightsError, match="secretary"):
        services.minutes_record(meeting=meeting, text="x", actor=personas["km.member"])
    with pytest.raises(RightsError, match="run its meetings"):
        services.meeting_open(meeting=meeting, actor=personas["km.member"])
    services.minutes_record(meeting=meeting, text="Draft", actor=personas["pmo"])
    services.meeting_open(meeting=meeting, actor=personas["km.chair"])


def test_an_item_for_decision_needs_a_subject_its_body_decides(personas):
    meeting = MeetingFactory(body=body("km-steering"))
    rm_motion = MotionFactory(body=body("rm-steering"))
    with pytest.raises(ValidationError, match="does not decide"):
        services.agenda_item_add(
            meeting=meeting, kind="decision", subject=rm_motion, actor=personas["pmo"]
        )
    first = services.agenda_item_add(
        meeting=meeting, kind="information", title="Briefing", actor=personas["pmo"]
    )
    second = services.agenda_item_add(
        meeting=meeting, kind="decision", subject=MotionFactory(), actor=personas["pmo"]
    )
    assert (first.position, second.position) == (1, 2)


class TestWrittenProcedure:
    def open(self, personas, days=3):
        return services.written_procedure_open(
            body=body("km-steering"),
            subject=MotionFactory(),
            deadline=timezone.now() + datetime.timedelta(days=days),
            actor=personas["pmo"],
        )

    def test_members_vote_until_the_deadline_and_the_chair_decides(self, personas):
        item = self.open(personas)
        services.vote_cast(item=item, voter=personas["km.member"], choice="for")
        services.vote_cast(item=item, voter=personas["km.chair"], choice="for")
        with pytest.raises(ValidationError, match="not every member"):
            decide(item, personas)
        services.vote_cast(item=item, voter=personas["cito"], choice="against")
        decision = decide(item, personas)
        assert decision.quorum_present == 3
        item.meeting.refresh_from_db()
        assert item.meeting.state == MeetingState.CLOSED

    def test_after_the_deadline_no_vote_is_taken_and_quorum_still_applies(self, personas):
        item = self.open(personas)
        services.vote_cast(item=item, voter=personas["km.chair"], choice="for")
        item.meeting.__class__.objects.filter(pk=item.meeting_id).update(
            deadline=timezone.now() - datetime.timedelta(minutes=1)
        )
        with pytest.raises(ValidationError, match="deadline"):
            services.vote_cast(item=item, voter=personas["km.member"], choice="for")
        with pytest.raises(ValidationError, match="No quorum"):
            services.written_procedure_close(
                item=item, actor=personas["km.chair"], outcome=Outcome.APPROVED
            )
        services.written_procedure_close(item=item, actor=personas["km.chair"])
        item.meeting.refresh_from_db()
        assert item.meeting.state == MeetingState.CLOSED
        assert not Decision.objects.exists()

    def test_a_recused_member_does_not_count_in_a_written_procedure(self, personas):
        item = self.open(personas)
        services.recusal_declare(item=item, member=personas["cito"], reason="Conflict")
        services.vote_cast(item=item, voter=personas["km.member"], choice="for")
        services.vote_cast(item=item, voter=personas["km.chair"], choice="abstain")
        decision = decide(item, personas)
        assert (decision.quorum_required, decision.quorum_present) == (2, 2)
        assert decision.provenance["recusals"][0]["reason"] == "Conflict"

    @pytest.mark.parametrize("username", ["advisor", "ms.delegate"])
    def test_advisory_members_cannot_vote_by_written_procedure(self, personas, username):
        item = self.open(personas)
        with pytest.raises(RightsError, match="advisory rights only"):
            services.vote_cast(item=item, voter=personas[username], choice="for")


def test_awaiting_my_vote_lists_open_items_until_voted(personas):
    item = open_meeting_with_item(personas, present=KM_QUORUM)
    assert list(selectors.awaiting_vote(personas["km.member"])) == [item]
    assert list(selectors.awaiting_vote(personas["rm.member"])) == []
    services.vote_cast(item=item, voter=personas["km.member"], choice="for")
    assert list(selectors.awaiting_vote(personas["km.member"])) == []
