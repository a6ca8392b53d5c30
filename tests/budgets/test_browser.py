"""A chief prepares and submits a budget in the browser; the reviewer returns it."""

import pytest

from tests.testing.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_chief_submits_and_the_reviewer_returns_with_comments(page, live_server):
    from tests.budgets.factories import CycleFactory
    from tests.testing.personas import ensure_personas

    ensure_personas()
    cycle = CycleFactory()
    log_in(page, live_server, "chief.nairobi")
    page.goto(f"{live_server.url}/budgets/")
    page.get_by_role("button", name=f"Start the budget for {cycle.name}").click()
    page.locator('[name="form-0-category"]').select_option("hardware")
    page.locator('[name="form-0-source"]').select_option("regular_budget")
    page.locator('[name="form-0-year"]').select_option("2026")
    page.locator('[name="form-0-amount"]').fill("125000")
    page.locator('[name="form-0-justification"]').fill("Replace servers")
    page.get_by_role("button", name="Save").click()
    assert "125,000.00" in page.get_by_role("table", name="Budget lines").inner_text()
    page.get_by_role("button", name="Submit to OICT").click()
    assert "Submitted" in page.locator(".facts").inner_text()
    log_out(page)

    log_in(page, live_server, "budget.reviewer")
    page.goto(f"{live_server.url}/budgets/review/")
    page.get_by_role("link", name="United Nations Office at Nairobi").click()
    page.get_by_label("Comment").fill("Split the servers by site.")
    page.get_by_role("button", name="Return with comments").click()
    # Returning cannot be undone: the page asks first, keeping the comment.
    assert "This cannot be undone" in page.locator("main").inner_text()
    assert page.get_by_label("Comment").input_value() == "Split the servers by site."
    page.get_by_role("button", name="Return with comments").click()
    assert "Returned with comments" in page.locator(".facts").inner_text()
    history = page.get_by_role("table", name="Every change").inner_text()
    assert "Split the servers by site." in history
