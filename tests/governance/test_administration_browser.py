"""The portal administrator appoints a member and a new chair in the browser; the new member
votes at once and the former chair can no longer record the decision."""

import pytest

from tests.testing.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_administrator_appoints_a_member_and_a_new_chair(page, live_server):
    from governance import rights
    from governance.models import Body, User
    from tests.governance.factories import open_meeting_with_item
    from tests.testing.personas import ensure_personas

    personas = ensure_personas()
    item = open_meeting_with_item(personas, present=("km.chair", "km.member", "cito"))
    # Votes and decisions are taken on the item page (the meeting page lists the agenda).
    meeting_url = f"{live_server.url}/governance/items/{item.pk}/"

    log_in(page, live_server, "portal.admin")
    page.get_by_role("link", name="Administration").first.click()
    page.get_by_role("link", name="Governance bodies and memberships").click()
    page.get_by_role("link", name="Knowledge Management Steering Committee").click()
    appoint = page.get_by_role("form", name="Appoint a member")
    appoint.get_by_label("Person").select_option(label="Staff member (staff)")
    appoint.get_by_label("Role").select_option("member")
    appoint.get_by_role("button", name="Appoint").click()
    assert "Staff member is appointed member" in page.locator("main").inner_text()

    page.get_by_role(
        "link", name="Change the role of Member, Knowledge Management Steering Committee"
    ).click()
    page.get_by_label("New role").select_option("chair")
    page.get_by_role("button", name="Confirm").click()
    main = page.locator("main").inner_text()
    assert "is now chair" in main
    log_out(page)

    km = Body.objects.get(code="km-steering")
    staff, former_chair = (User.objects.get(username=n) for n in ("staff", "km.chair"))
    assert rights.can_vote(staff, body=km)
    assert not rights.can_decide(former_chair, body=km)

    # The secretary records the new member present; the member votes in the browser.
    from governance import services

    services.attendance_record(
        meeting=item.meeting,
        attendees=[personas["km.chair"], personas["km.member"], personas["cito"], staff],
        actor=personas["pmo"],
    )
    log_in(page, live_server, "staff")
    page.goto(meeting_url)
    page.get_by_label("For", exact=True).check()
    page.get_by_role("button", name="Vote", exact=True).click()
    assert "Your vote is recorded." in page.locator("main").inner_text()
    log_out(page)

    log_in(page, live_server, "km.chair")
    page.goto(meeting_url)
    assert page.get_by_role("button", name="Record the decision").count() == 0
    log_out(page)

    log_in(page, live_server, "km.member")
    page.goto(meeting_url)
    assert page.get_by_role("button", name="Record the decision").count() == 1
