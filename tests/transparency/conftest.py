import pytest

from core import clock
from core.loading import Loader
from tests.testing.shared import once_per_module


def _build_world():
    """The governance and portfolio demo (decisions, votes, opinions, projects in every
    state), a quarterly report, and three scenarios: a draft, one not adopted and one
    published by the Executive Committee."""
    from governance import demo as governance_demo
    from governance.choices import Outcome
    from planning import services
    from portfolio import demo as portfolio_demo
    from portfolio.reports.builder import build_figures
    from portfolio.reports.models import QuarterlyReport
    from portfolio.reports.quarters import Quarter
    from tests.planning.helpers import decide
    from tests.testing.personas import ensure_personas

    personas = ensure_personas()
    governance_demo.load(Loader())
    portfolio_demo.load(Loader())
    year = clock.today().year
    pmo = personas["pmo"]
    services.scenario_create(
        actor=pmo, name="Secret draft scenario", first_year=year, last_year=year
    )
    rejected = services.scenario_create(
        actor=pmo, name="Scenario the committee rejected", first_year=year, last_year=year
    )
    decide(personas, rejected, Outcome.REJECTED, rationale="Not this one.")
    published = services.scenario_create(
        actor=pmo, name="Scenario the committee published", first_year=year, last_year=year
    )
    decide(personas, published, Outcome.APPROVED, rationale="Rebalanced as proposed.")
    quarter = Quarter.of(clock.today()).previous
    QuarterlyReport.objects.create(
        quarter=str(quarter),
        period_start=quarter.start,
        period_end=quarter.end,
        figures=build_figures(quarter),
        workbook=b"",
        csv_archive=b"",
    )


_world = once_per_module(_build_world, "_published_world")


@pytest.fixture
def published_world(_published_world, personas):
    """The world above, built once for the test module; the personas, fresh for each test."""
    return personas
