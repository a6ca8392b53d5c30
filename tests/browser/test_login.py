"""A person logs in through the browser and sees their home page."""

import pytest

from governance.demo import PERSONAS
from tests.testing.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_every_persona_logs_in_and_sees_their_home_page(page, live_server):
    from tests.testing.personas import ensure_personas

    ensure_personas()
    for username, (display_name, *_rest) in PERSONAS.items():
        log_in(page, live_server, username)
        heading = page.get_by_role("heading", level=1)
        assert display_name in heading.inner_text()
        assert page.get_by_role("main").is_visible()
        assert page.get_by_role("navigation", name="Main").is_visible()
        log_out(page)
        page.wait_for_url(f"{live_server.url}/accounts/login/")


def test_a_committee_member_sees_their_body_and_rights(page, live_server):
    from tests.testing.personas import ensure_personas

    ensure_personas()
    log_in(page, live_server, "km.member")
    main = page.get_by_role("main").inner_text()
    assert "Knowledge Management Steering Committee (Decision rights)" in main
    assert page.get_by_role("heading", name="Awaiting my vote").is_visible()


def test_a_wrong_password_shows_an_error(page, live_server):
    from tests.testing.personas import ensure_personas

    ensure_personas()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("dsg")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    assert "Please enter a correct username and password" in page.content()
