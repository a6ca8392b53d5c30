"""The PMO asks for a report in the browser, follows the run and reads and prints it."""

import pytest

from tests.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pmo_asks_for_a_report_reads_it_and_prints_it(page, live_server):
    from tests.testing.personas import ensure_personas

    from .factories import make_history

    make_history(ensure_personas())
    log_in(page, live_server, "pmo")
    page.goto(f"{live_server.url}/reports/")
    page.get_by_role("link", name="Ask for a report").click()
    page.get_by_role("textbox", name="Quarter").fill("2026-Q3")
    page.get_by_role("button", name="Build the report").click()
    page.get_by_role("link", name="Read the report").click()
    assert "Quarterly portfolio report 2026-Q3" in page.get_by_role("heading", level=1).inner_text()
    charts = page.get_by_role("img")
    assert charts.count() == 3 and charts.first.is_visible()
    table = page.locator('table[data-section="rag"]')
    assert "Amber" in table.inner_text()
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("link", name="Download the workbook (XLSX)").is_visible()
    assert table.is_visible()
