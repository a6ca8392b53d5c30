"""axe-core on the planning and transparency pages (issue 18), as a planner, a member-state
delegate and the public; and a planner starting a scenario from the frontier in the browser."""

import pytest

from tests.testing.axe import assert_accessible
from tests.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    from core import clock
    from core.loading import Loader
    from planning import services
    from portfolio import demo
    from tests.testing.personas import ensure_personas

    people = ensure_personas()
    demo.load(Loader())
    year = clock.today().year
    a = services.scenario_create(
        actor=people["pmo"], name="Axe A", first_year=year, last_year=year + 1
    )
    b = services.scenario_create(
        actor=people["pmo"], name="Axe B", first_year=year, last_year=year + 1
    )
    return people, a, b


def test_the_planning_pages_pass_axe_and_a_scenario_starts_from_the_frontier(
    page, live_server, world
):
    _people, a, b = world
    log_in(page, live_server, "pmo")
    for path in (
        "/planning/",
        f"/planning/{a.pk}/",
        f"/planning/compare/?ids={a.pk},{b.pk}",
        "/planning/frontier/?steps=4",
    ):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
    page.goto(f"{live_server.url}/planning/frontier/?steps=4")
    page.get_by_label("Name").last.fill("Started in the browser")
    page.get_by_role("button", name="Start a scenario from this point").last.click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Scenario:")
    assert_accessible(page)


def test_the_transparency_pages_pass_axe_for_a_delegate_and_the_public(page, live_server, world):
    from transparency import services

    people, _a, _b = world
    log_in(page, live_server, "ms.delegate")
    paths = [
        "/transparency/",
        "/transparency/decisions/",
        "/transparency/performance/",
        "/transparency/report/",
        "/transparency/data/",
    ]
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
    page.context.clear_cookies()
    services.public_access_set(actor=people["portal.admin"], enabled=True)
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert page.get_by_role("heading", level=1).is_visible()
        assert_accessible(page)
