"""Putting a scenario before the Executive Committee and deciding it, as the secretary and
the chair would, through the governance services."""

from governance import services as gov
from governance.choices import VoteChoice
from planning import services
from tests.governance.factories import executive_session


def executive_meeting(personas):
    return executive_session(personas, "Quarterly portfolio session", present=())


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
