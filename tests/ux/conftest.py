"""Browser journeys run at a desktop and a phone width and keep a screenshot when they fail."""

import pathlib

import pytest

#: where a failing journey leaves its screenshot (``test-results/`` is not committed)
SCREENSHOTS = pathlib.Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
WIDTHS = {
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(params=list(WIDTHS), ids=list(WIDTHS))
def journey_page(browser, request):
    """A page at 1280 px, then at 390 px; on failure, a full-page screenshot is saved to
    ``test-results/screenshots/<test>.png``."""
    context = browser.new_context(locale="en-GB", **WIDTHS[request.param])
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.width_name = request.param
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = "".join(c if c.isalnum() or c in "-_[]" else "_" for c in request.node.name)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    context.close()
