"""Two demo scenarios the PMO prepared for the Executive Committee's quarterly session: one
funds the whole pipeline in order of value, the other holds spending to the envelopes the
committee has set (the efficient frontier's point within them); and a rebalancing the
committee decided a month ago, raising this year's envelopes of two programmes at once."""

import datetime
from decimal import Decimal

from core import clock
from governance import services as gov
from governance.choices import MembershipRole, Outcome, VoteChoice
from governance.demo import moment
from governance.models import Body, Membership, User
from programmes.models import Programme

from . import selectors, services
from .choices import PIPELINE_STATES, Choice, ScenarioKind
from .frontier import portfolio_frontier
from .models import Scenario

#: What the demo's rebalancing adds to this year's envelopes (USD).
REBALANCING = {"knowledge": Decimal(500_000), "resource": Decimal(250_000)}

NAMES = ("Fund the whole pipeline", "Within the envelopes")


def load(loader):
    pmo = User.objects.filter(username="pmo").first()
    label = Scenario._meta.verbose_name_plural
    if pmo is None:
        return
    year = clock.today().year
    rows = selectors.candidates()
    if not rows:
        return
    if not Scenario.objects.filter(name=NAMES[0]).exists():
        pipeline = sorted(
            (c for c in rows if c.project.state in PIPELINE_STATES),
            key=lambda c: (-(c.value or Decimal(0)), c.pk),
        )
        scenario = services.scenario_create(
            actor=pmo,
            name=NAMES[0],
            first_year=year,
            last_year=year + 2,
            description="Every proposal reviewed by the PMO funded, the most valuable first.",
        )
        for rank, candidate in enumerate(pipeline, start=1):
            services.scenario_choice_set(
                scenario=scenario,
                actor=pmo,
                project=candidate.project,
                choice=Choice.FUND,
                priority=rank,
            )
        loader.counts[(label, "created")] += 1
    else:
        loader.counts[(label, "unchanged")] += 1
    if not Scenario.objects.filter(name=NAMES[1]).exists():
        envelopes = selectors.set_envelopes([year])
        budget = sum(envelopes.values(), Decimal(0))
        result = portfolio_frontier(
            first_year=year, last_year=year, low=budget, high=budget, steps=2
        )
        chosen = set(result.points[-1].keys) if result.points else set()
        services.scenario_create(
            actor=pmo,
            name=NAMES[1],
            first_year=year,
            last_year=year,
            description="The efficient frontier's choice within this year's envelopes.",
            choices={
                c.project: Choice.FUND
                if c.pk in chosen
                else (Choice.STOP if c.is_running else Choice.DEFER)
                for c in rows
            },
        )
        loader.counts[(label, "created")] += 1
    else:
        loader.counts[(label, "unchanged")] += 1
    _rebalancing(loader, pmo)


def _rebalancing(loader, pmo):
    """A month ago (within this year) the PMO put a rebalancing of this year's envelopes to
    the Executive Committee's session; the members voted for it and the chair approved it,
    which set the envelopes of every programme at once."""
    label = Scenario._meta.verbose_name_plural
    body = Body.objects.filter(code="executive-committee").first()
    if body is None or Scenario.objects.filter(kind=ScenarioKind.REBALANCING).exists():
        loader.counts[(label, "unchanged")] += 1
        return
    today = clock.today()
    day = max(today - datetime.timedelta(days=30), today.replace(month=1, day=1))
    year = day.year
    with clock.frozen_at(moment(day, 9)):
        current = selectors.set_envelopes([year])
        amounts = {
            p: current.get((p.pk, year), Decimal(0)) + REBALANCING.get(p.code, Decimal(0))
            for p in Programme.objects.order_by("order")
        }
        meeting = gov.meeting_create(
            body=body,
            title=f"{body.name}: rebalancing session {day:%Y-%m-%d}",
            starts_at=moment(day, 10),
            location="New York",
            actor=pmo,
        )
        item = services.rebalancing_propose(
            actor=pmo,
            year=year,
            amounts=amounts,
            rationale="The Knowledge and Resource Management pipelines outgrew their "
            "envelopes; the committee's priorities come first.",
            meeting=meeting,
        )
    with clock.frozen_at(moment(day, 10)):
        gov.meeting_open(meeting=meeting, actor=pmo)
        voters = [m.user for m in Membership.objects.current().filter(body=body, votes=True)]
        gov.attendance_record(meeting=meeting, attendees=[*voters, pmo], actor=pmo)
    chair = Membership.objects.current(day).get(body=body, role=MembershipRole.CHAIR).user
    with clock.frozen_at(moment(day, 11)):
        for voter in voters:
            gov.vote_cast(item=item, voter=voter, choice=VoteChoice.FOR)
        gov.vote_close_and_decide(
            item=item,
            actor=chair,
            outcome=Outcome.APPROVED,
            rationale="Rebalanced to the highest priorities.",
        )
    with clock.frozen_at(moment(day, 13)):
        gov.meeting_close(
            meeting=meeting, actor=pmo, minutes="The Committee rebalanced this year's envelopes."
        )
    loader.counts[(label, "created")] += 1
