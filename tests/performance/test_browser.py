"""A unit's chief, in a browser, goes from the home page to the unit's scorecard and enters a
KPI value: an out-of-range value is refused with the range, a valid one shows in the table and
the trend chart."""

import datetime

import pytest

from programmes.models import Measurement
from tests.programmes.factories import measurements, unit_kpi
from tests.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_chief_enters_the_units_kpi_value_from_the_scorecard(page, live_server, personas):
    measure = unit_kpi("unog", "desk-availability", name="Service desk availability")
    measurements(measure, 2, first=datetime.date(2025, 1, 1))
    log_in(page, live_server, "chief.geneva")
    page.get_by_role("link", name="Your ICT unit's scorecard").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Scorecard:")
    page.get_by_role("link", name="Service desk availability").first.click()

    page.get_by_label("Period:", exact=True).select_option("2025-Q3")
    page.get_by_label("Value (%):").fill("140")
    page.get_by_role("button", name="Record the value").click()
    summary = page.get_by_role("alert")
    assert "outside the range" in summary.inner_text() and "from 0 to 100" in summary.inner_text()
    assert page.get_by_label("Value (%):").input_value() == "140"

    page.get_by_label("Value (%):").fill("97.5")
    page.get_by_role("button", name="Record the value").click()
    page.get_by_role("status").wait_for()
    table = page.get_by_role("table").last
    assert "2025-Q3" in table.inner_text() and "97.50" in table.inner_text()
    assert page.get_by_role("img", name="Service desk availability by period").count() == 1
    assert (
        Measurement.objects.get(kpi=measure, period_start=datetime.date(2025, 7, 1)).value == 97.5
    )
