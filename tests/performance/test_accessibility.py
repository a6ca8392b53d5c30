"""axe-core (tests/testing/axe.py) finds no serious or critical violation on the performance
pages, at 1280 px and on a 390 px phone: the KPI list and a KPI (with its trend chart and
entry form), the implementation plan and one of its items, the ICT unit scorecards (the
Leadership Council view and a unit's), the service catalogue, a service, the forms that keep
it, and the programme and initiative pages."""

import datetime

import pytest
from django.urls import reverse

from tests.testing.axe import assert_accessible
from tests.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people():
    from tests.testing.personas import ensure_personas

    return ensure_personas()


def performance_paths(people):
    from governance.performance import services as catalogue
    from governance.performance.models import Service
    from programmes.models import PlanItem
    from tests.programmes.factories import kpi, measurements, unit_kpi

    first = datetime.date(2025, 1, 1)
    for unit in ("unog", "unon"):
        for indicator in ("avail", "desk"):
            measurements(unit_kpi(unit, indicator), 4, first=first)
    organisation = kpi("org-axe", name="Share of users satisfied")
    measurements(organisation, 4, first=first)
    desk = Service.objects.get(code="service-desk")
    level = catalogue.service_level_set(
        service=desk, kpi=organisation, kind="satisfaction", actor=people["pmo"]
    )
    item = PlanItem.objects.order_by("due", "code").first()
    return [
        reverse("programmes:kpis"),
        reverse("programmes:kpi", args=["org-axe"]),
        reverse("programmes:kpi_edit", args=["org-axe"]),
        reverse("programmes:plan"),
        reverse("programmes:plan_item", args=[item.code]),
        reverse("performance:scorecards"),
        reverse("performance:scorecard", args=["unog"]),
        reverse("performance:services"),
        desk.get_absolute_url(),
        reverse("performance:service_edit", args=[desk.code]),
        reverse("performance:service_level_edit", args=[desk.code, level.pk]),
        reverse("programmes:list"),
        reverse("programmes:detail", args=["knowledge"]),
        reverse("programmes:initiative", args=["enterprise-search"]),
    ]


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_performance_pages_pass_axe(request, live_server, people, width):
    page = request.getfixturevalue("page" if width == "desktop" else "phone_page")
    paths = performance_paths(people)
    log_in(page, live_server, "pmo")
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert_accessible(page)
    # a refused value: the error summary on the KPI page
    page.goto(f"{live_server.url}{reverse('programmes:kpi', args=['org-axe'])}")
    page.get_by_label("Value (%):").fill("140")
    page.get_by_role("button", name="Record the value").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)
    # the chief of a unit sees the unit's scorecard as OICT does
    page.context.clear_cookies()
    log_in(page, live_server, "chief.geneva")
    page.goto(f"{live_server.url}{reverse('performance:scorecard', args=['unog'])}")
    assert_accessible(page)
