"""Issue 11, acceptance 2: the envelope the Executive Committee allocates binds a steering
committee's approval; a rebalancing decision of the Executive Committee lifts it; without an
envelope only the Executive Committee approves, and the committee refers the project to it."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance import services as gov
from governance.choices import Outcome
from portfolio import services
from portfolio.choices import EnvelopeState, ProjectState
from portfolio.models import ResourceEnvelope
from programmes.models import Programme
from tests.planning.helpers import decide as ec_decides_scenario
from tests.portfolio.factories import draft, walk

from .test_committee import meeting_with

pytestmark = pytest.mark.django_db

S = ProjectState


def envelope(code, year, amount):
    return ResourceEnvelope.objects.create(
        programme=Programme.objects.get(code=code),
        year=year,
        amount=Decimal(amount),
        state=EnvelopeState.SET,
    )


def before_km(personas, cost, title="Knowledge graph"):
    return walk(
        draft(personas, title=title, cost=Decimal(cost)), personas, S.WITH_STEERING_COMMITTEE
    )


def test_the_envelope_binds_until_a_rebalancing_decision_raises_it(personas):
    from planning import services as planning

    envelope("knowledge", 2026, 100_000)
    project = before_km(personas, 650_000)
    item = meeting_with(project, personas)
    with pytest.raises(ValidationError) as refused:
        gov.vote_close_and_decide(item=item, actor=personas["km.chair"], outcome=Outcome.APPROVED)
    message = refused.value.messages[0]
    assert "2026: envelope USD 100,000, already committed USD 0" in message
    assert "this project USD 650,000: short by USD 550,000" in message
    assert "refer the project to the Executive Committee" in message
    project.refresh_from_db()
    assert project.state == S.WITH_STEERING_COMMITTEE
    # The Executive Committee rebalances: one decision sets several programmes' envelopes.
    scenario = planning.scenario_create(
        actor=personas["pmo"],
        name="Rebalancing 2026",
        first_year=2026,
        last_year=2026,
        envelopes={
            (Programme.objects.get(code="knowledge").pk, 2026): Decimal("700000"),
            (Programme.objects.get(code="resource").pk, 2026): Decimal("5000000"),
        },
    )
    ec_decides_scenario(personas, scenario, Outcome.APPROVED, rationale="Rebalanced.")
    assert {
        (e.programme.code, e.amount)
        for e in ResourceEnvelope.objects.filter(year=2026, state=EnvelopeState.SET)
        if e.decision_id
    } >= {("knowledge", Decimal("700000.00")), ("resource", Decimal("5000000.00"))}
    decision = gov.vote_close_and_decide(
        item=item, actor=personas["km.chair"], outcome=Outcome.APPROVED
    )
    project.refresh_from_db()
    assert project.state == S.APPROVED and decision.outcome == Outcome.APPROVED
    # ... and the next project finds the money committed.
    other = before_km(personas, 100_000, title="Wiki")
    with pytest.raises(ValidationError, match="already committed USD 650,000"):
        gov.vote_close_and_decide(
            item=meeting_with(other, personas), actor=personas["km.chair"], outcome="approved"
        )


def test_without_an_envelope_only_the_executive_committee_approves(personas):
    project = before_km(personas, 300_000)
    item = meeting_with(project, personas)
    with pytest.raises(ValidationError, match="no envelope for 2026.*only the Executive"):
        gov.vote_close_and_decide(item=item, actor=personas["km.chair"], outcome="approved")
    gov.vote_close_and_decide(
        item=item,
        actor=personas["km.chair"],
        outcome=Outcome.REFERRED,
        rationale="No envelope for 2026 yet.",
    )
    project.refresh_from_db()
    assert project.state == S.WITH_EXECUTIVE_COMMITTEE
    ec_item = meeting_with(project, personas, "executive-committee", ("dsg", "usg.management"))
    gov.vote_close_and_decide(item=ec_item, actor=personas["dsg"], outcome=Outcome.APPROVED)
    project.refresh_from_db()
    assert project.state == S.APPROVED


def test_the_executive_committee_ranks_a_major_project(personas):
    project = walk(
        draft(personas, title="ERP", cost=Decimal("4500000")), personas, S.WITH_EXECUTIVE_COMMITTEE
    )
    item = meeting_with(project, personas, "executive-committee", ("dsg", "usg.management"))
    decision = gov.vote_close_and_decide(
        item=item, actor=personas["dsg"], outcome=Outcome.PRIORITISED, rank=1
    )
    project.refresh_from_db()
    assert (decision.rank, project.priority_rank, project.state) == (
        1,
        1,
        S.WITH_EXECUTIVE_COMMITTEE,
    )


def test_the_prioritisation_page_shows_committed_money(client, personas):
    envelope("knowledge", 2026, 1_000_000)
    project = before_km(personas, 250_000)
    gov.vote_close_and_decide(
        item=meeting_with(project, personas), actor=personas["km.chair"], outcome="approved"
    )
    client.force_login(personas["km.chair"])
    page = client.get(reverse("portfolio:prioritisation", args=["knowledge"])).content.decode()
    assert "Committed to approved and in-delivery projects" in page and "250,000" in page
    assert "Headroom" in page and "750,000" in page


def test_services_refuse_without_the_governance_path(personas):
    envelope("knowledge", 2026, 10)
    project = before_km(personas, 300_000)
    from tests.portfolio.factories import decide

    with pytest.raises(services.PortfolioError, match="short by USD 299,990"):
        decide(project, Outcome.APPROVED, personas["km.chair"])
