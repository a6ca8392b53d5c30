import pytest

from core.loading import Loader
from planning import demo, selectors
from planning.choices import ScenarioKind, ScenarioState
from planning.models import Scenario

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_scenarios_to_compare_and_a_second_run_creates_nothing(demo_data):
    loader = Loader()
    demo.load(loader)
    scenarios = Scenario.objects.filter(kind=ScenarioKind.SCENARIO)
    assert set(scenarios.values_list("name", flat=True)) == set(demo.NAMES)
    compared = selectors.comparison(scenarios)
    assert len(compared) == 2 and all(f.total_cost > 0 for f in compared)
    within = next(f for f in compared if f.scenario.name == demo.NAMES[1])
    assert not within.over_envelope
    again = Loader()
    demo.load(again)
    assert Scenario.objects.count() == 3


def test_the_demo_has_a_past_rebalancing_the_executive_committee_approved(demo_data):
    from governance.models import Decision
    from portfolio.models import ResourceEnvelope

    demo.load(Loader())
    rebalancing = Scenario.objects.get(kind=ScenarioKind.REBALANCING)
    assert rebalancing.state == ScenarioState.PUBLISHED
    decision = Decision.objects.get(pk=rebalancing.decision_id)
    assert (decision.outcome, decision.body.code, decision.votes_for) == (
        "approved",
        "executive-committee",
        2,
    )
    year = rebalancing.first_year
    table = selectors.envelope_table([year])
    raised = {row.programme.code: row for row in table.year_rows(year)}
    assert raised["knowledge"].decision_id == decision.pk
    assert raised["resource"].decision_id == decision.pk
    assert ResourceEnvelope.objects.filter(decision_id=decision.pk).count() == 2


@pytest.fixture
def demo_data(personas):
    from portfolio import demo as portfolio_demo

    portfolio_demo.load(Loader())
