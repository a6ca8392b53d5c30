"""Arabic pages are right to left, in Chromium: the document's direction, a table's first
column on the right, and no serious or critical axe-core violation (acceptance 3). A failing
test leaves a screenshot in test-results/."""

import contextlib
from pathlib import Path

import pytest

from tests.testing.axe import assert_accessible
from tests.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results"


@contextlib.contextmanager
def screenshot_on_failure(page, name):
    try:
        yield
    except BaseException:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        raise


def assert_right_to_left(page):
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def assert_first_column_on_the_right(table):
    cells = table.locator("tr").first.locator("th, td")
    first, last = cells.first.bounding_box(), cells.last.bounding_box()
    assert cells.count() > 1
    assert first["x"] > last["x"], (first, last)


def test_the_arabic_home_page_and_budget_form_are_right_to_left(page, live_server):
    from governance.models import User
    from tests.budgets.factories import CycleFactory, submission_of
    from tests.testing.personas import ensure_personas

    ensure_personas()
    submission = submission_of("unog", state="draft", cycle=CycleFactory(), lines=2)
    User.objects.filter(username="chief.geneva").update(preferred_language="ar")

    log_in(page, live_server, "chief.geneva")
    with screenshot_on_failure(page, "rtl-home"):
        assert_right_to_left(page)
        tables = page.locator("main table")
        if tables.count():
            assert_first_column_on_the_right(tables.first)
        assert_accessible(page)

    page.goto(f"{live_server.url}/budgets/submissions/{submission.pk}/edit/")
    with screenshot_on_failure(page, "rtl-budget-form"):
        assert_right_to_left(page)
        assert_first_column_on_the_right(page.locator("main table.grid").first)
        assert_accessible(page)
