"""Putting a scenario before the Executive Committee and deciding it, as the secretary and
the chair would, through the governance services."""

from core import clock
from governance import services as gov
from governance.choices import VoteChoice
from governance.models import Body
from planning import services


def executive_meeting(personas):
    meeting = gov.meeting_create(
        body=Body.objects.get(code="executive-committee"),
        title="Quarterly portfolio session",
        starts_at=clock.now(),
        actor=personas["pmo"],
    )
    gov.meeting_open(meeting=meeting, actor=personas["pmo"])
    return meeting


def decide(personas, scenario, outcome, *, rationale="Decided."):
    meeting = executive_meeting(personas)
    item = services.scenario_submit(scenario=scenario, actor=personas["pmo"], meeting=meeting)
    voters = [personas["dsg"], personas["usg.management"]]
    gov.attendance_record(meeting=meeting, attendees=voters, actor=personas["pmo"])
    # The votes give the outcome under the Committee's decision rule.
    choice = {"approved": VoteChoice.FOR, "rejected": VoteChoice.AGAINST}.get(
        outcome, VoteChoice.ABSTAIN
    )
    for voter in voters:
        gov.vote_cast(item=item, voter=voter, choice=choice)
    return gov.vote_close_and_decide(
        item=item, actor=personas["dsg"], outcome=outcome, rationale=rationale
    )
