"""axe-core finds no serious or critical violation on the dashboards, the search page and the
grid forms, at desktop and phone widths; the message list keeps its list semantics."""

import re

import pytest

from tests.testing.axe import assert_accessible
from tests.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DASHBOARD_PERSONAS = ["pmo", "cito", "km.chair", "advisor", "chief.geneva", "proponent", "staff"]


@pytest.fixture
def people():
    from tests.testing.personas import ensure_personas

    return ensure_personas()


def test_every_dashboard_search_and_grid_form_passes_axe(page, live_server, people):
    for username in DASHBOARD_PERSONAS:
        log_in(page, live_server, username)
        assert_accessible(page)
        page.context.clear_cookies()
    log_in(page, live_server, "proponent")
    for path in ("/search/?q=programme", "/portfolio/new/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page)
    # a refused save: the error summary, the messages and the grid with errors
    page.get_by_role("button", name="Save draft").click()
    assert page.locator("#error-summary").is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert_accessible(page)


def test_the_phone_layout_collapses_the_menu_and_passes_axe(phone_page, live_server, people):
    log_in(phone_page, live_server, "km.chair")
    menu = phone_page.get_by_role("button", name="Menu")
    assert menu.is_visible()
    assert not phone_page.get_by_role("navigation", name="Main").is_visible()
    menu.click()
    assert phone_page.get_by_role("navigation", name="Main").is_visible()
    assert_accessible(phone_page)


def test_the_confirmation_page_passes_axe_and_works_without_javascript(
    browser, page, live_server, people
):
    """The withdrawal of a draft, asked and confirmed with JavaScript off (the one mechanism
    every irreversible action uses: core/confirm.py), and the same page checked by axe-core
    (which needs JavaScript)."""
    from portfolio.models import Project
    from tests.portfolio.factories import draft

    checked, project = draft(people, title="Checked by axe"), draft(people)
    log_in(page, live_server, "proponent")
    page.goto(f"{live_server.url}{checked.get_absolute_url()}")
    page.get_by_label("Reason (Withdraw the proposal)").fill("Merged into the portal.")
    page.get_by_role("button", name="Withdraw the proposal…").click()
    assert page.get_by_role("heading", name="This cannot be undone").is_visible()
    assert_accessible(page)

    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    no_js = context.new_page()
    no_js.set_default_timeout(15_000)
    try:
        log_in(no_js, live_server, "proponent")
        no_js.goto(f"{live_server.url}{project.get_absolute_url()}")
        no_js.get_by_label("Reason (Withdraw the proposal)").fill("Merged into the portal.")
        no_js.get_by_role("button", name="Withdraw the proposal…").click()
        assert no_js.get_by_label("Reason").input_value() == "Merged into the portal."
        assert Project.objects.get(pk=project.pk).state == "draft"
        # the danger button's name starts with its warning sign
        no_js.get_by_role("button", name=re.compile("Withdraw the proposal$")).click()
        no_js.wait_for_url(f"{live_server.url}{project.get_absolute_url()}")
        assert Project.objects.get(pk=project.pk).state == "cancelled"
    finally:
        context.close()
