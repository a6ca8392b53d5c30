"""In Chromium, under the Content Security Policy: the API documentation renders from the
portal's own files and the pages people use break no rule of the policy."""

import pytest

from tests.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _violations(page):
    found = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.on(
        "requestfailed",
        lambda request: (
            # Going to the next page cancels what the last one still loads (the favicon, say):
            # Chromium reports that as ERR_ABORTED, which is no breach of the policy.
            found.append(f"failed: {request.url} ({request.failure})")
            if request.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    return found


def test_the_api_docs_render_under_the_policy(page, live_server):
    found = _violations(page)
    page.goto(f"{live_server.url}/api/v1/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "ICT governance portal API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() > 10
    assert not found, found


def test_pages_break_no_rule_of_the_policy(page, live_server):
    from tests.testing.personas import ensure_personas

    ensure_personas()
    found = _violations(page)
    log_in(page, live_server, "pmo")
    for path in ("/", "/portfolio/", "/survey/", "/governance/", "/reports/", "/admin/"):
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("load")
    assert not found, found
