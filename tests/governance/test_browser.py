"""A committee member votes and the chair records the decision, in the browser; an advisory
member gives an opinion and finds no vote form."""

import pytest

from tests.testing.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_votes_the_chair_decides_and_an_advisor_gives_an_opinion(page, live_server):
    from governance.models import Decision
    from tests.governance.factories import open_meeting_with_item
    from tests.testing.personas import ensure_personas

    personas = ensure_personas()
    item = open_meeting_with_item(personas, present=("km.chair", "km.member", "cito"))
    meeting_url = f"{live_server.url}/governance/meetings/{item.meeting_id}/"
    motion_url = f"{live_server.url}{item.subject.get_absolute_url()}"

    log_in(page, live_server, "advisor")
    page.goto(motion_url)
    page.get_by_label("Stance").select_option("concerns")
    page.get_by_role("textbox", name="Opinion").fill("Check the costs first.")
    page.get_by_role("button", name="Give your opinion").click()
    assert "Check the costs first." in page.locator("main").inner_text()
    page.goto(meeting_url)
    assert page.get_by_role("button", name="Vote").count() == 0
    log_out(page)

    log_in(page, live_server, "km.member")
    page.goto(f"{live_server.url}/governance/awaiting-my-vote/")
    page.get_by_role("link", name="Vote at the meeting").click()
    page.get_by_label("For", exact=True).check()
    page.get_by_role("button", name="Vote", exact=True).click()
    assert "Your vote is recorded." in page.locator("main").inner_text()
    log_out(page)

    log_in(page, live_server, "km.chair")
    page.goto(meeting_url)
    page.get_by_role("link", name=item.title).click()  # the agenda links to the item's page
    assert "Check the costs first." in page.locator("main").inner_text()
    page.get_by_label("Outcome").select_option("approved")
    page.get_by_label("Rationale").fill("Within the programme's resources.")
    page.get_by_role("button", name="Record the decision").click()
    # The record is immutable: a confirmation page restates it with the tally and the rule.
    assert "This cannot be undone" in page.locator("main").inner_text()
    page.get_by_role("button", name="Record the decision").click()
    assert "The decision is recorded." in page.locator("main").inner_text()
    assert "Check the costs first." in page.locator("main").inner_text()  # opinions seen
    assert Decision.objects.get(item=item).outcome == "approved"
