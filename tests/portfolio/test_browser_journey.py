"""The whole investment journey, through the pages, in headless Chromium.

proponent drafts and submits; pmo returns it; proponent submits version 2; pmo accepts; cito
endorses; the KM steering committee meets (governance's meeting pages), km.member and km.chair
vote with quorum and the chair records approval; the project, being major, goes on to the
Executive Committee, which approves it; it enters delivery, gets a status report and is
completed. advisor gives an opinion at each committee step and cannot approve.
"""

import datetime
import re

import pytest

from tests.testing.browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KM_CHAIR = "Chair, Knowledge Management Steering Committee"
KM_MEMBER = "Member, Knowledge Management Steering Committee"


def as_user(page, live_server, username):
    if page.url.startswith(live_server.url) and "/accounts/login/" not in page.url:
        log_out(page)
        page.wait_for_url(f"{live_server.url}/accounts/login/")
    log_in(page, live_server, username)


def state_is(page, text):
    assert text in page.locator("dl.facts").first.inner_text(), page.locator("main").inner_text()


def plan_meeting(page, live_server, body_code, title):
    page.goto(f"{live_server.url}/governance/bodies/{body_code}/")
    page.get_by_text("Plan a meeting").click()
    page.get_by_label("Title").fill(title)
    starts = (datetime.datetime.now() + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Starts at").fill(starts)
    page.get_by_role("button", name="Plan the meeting").click()
    page.wait_for_url("**/governance/meetings/*/")
    return page.url


def put_on_agenda_and_open(page, live_server, project_url, meeting_title, attendees):
    page.goto(project_url + "committee/")
    meeting = page.get_by_label("Meeting", exact=True)
    meeting.select_option(index=0)
    assert meeting_title in meeting.inner_text()
    page.get_by_role("button", name="Put on the agenda for decision").click()
    page.wait_for_url("**/governance/meetings/*/")
    meeting_url = page.url
    page.get_by_role("button", name="Open the meeting").click()
    page.wait_for_url(meeting_url)
    # Attendance is recorded on the meeting's minutes page.
    page.goto(meeting_url + "minutes/")
    for name in attendees:
        page.get_by_label(name, exact=True).check()
    page.get_by_role("button", name="Record attendance").click()
    page.wait_for_load_state()
    assert "Attendance is recorded." in page.locator(".messages").inner_text()
    return meeting_url


def goto_item(page, meeting_url):
    """The meeting's agenda links to each item's page, where votes and decisions are taken."""
    page.goto(meeting_url)
    page.locator('main a[href*="/governance/items/"]').first.click()
    page.wait_for_url("**/governance/items/*/")


def give_opinion_and_cannot_approve(page, live_server, project_url, text):
    as_user(page, live_server, "advisor")
    page.goto(project_url + "committee/")
    page.get_by_label("Stance").select_option("support")
    page.get_by_role("textbox", name="Opinion").fill(text)
    page.get_by_role("button", name="Give your opinion").click()
    page.wait_for_url("**/committee/")
    assert text in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Record the decision").count() == 0
    page.goto(project_url)
    assert page.get_by_role("button", name="Approve").count() == 0
    # Posting an approval by hand is refused, with a message, and nothing changes.
    page.evaluate(
        """url => { const f = document.createElement('form'); f.method = 'post'; f.action = url;
        const t = document.createElement('input'); t.name = 'csrfmiddlewaretoken';
        t.value = document.querySelector('[name=csrfmiddlewaretoken]').value; f.appendChild(t);
        document.body.appendChild(f); f.submit(); }""",
        project_url + "act/committee_approve/",
    )
    page.wait_for_load_state()
    assert "committee decision" in page.locator(".messages").inner_text()


def vote_for(page, live_server, username, meeting_url):
    as_user(page, live_server, username)
    goto_item(page, meeting_url)
    page.get_by_label("For", exact=True).check()
    page.get_by_role("button", name="Vote", exact=True).click()
    page.wait_for_load_state()
    assert "Your vote is recorded." in page.locator("main").inner_text()


def record_decision(page, meeting_url, outcome_label, rationale):
    goto_item(page, meeting_url)
    assert "Quorum holds." in page.locator("main").inner_text()
    page.get_by_role("combobox", name="Outcome").select_option(label=outcome_label)
    page.get_by_role("textbox", name="Rationale").fill(rationale)
    page.get_by_role("button", name="Record the decision").click()
    # The record is immutable: a confirmation page restates it with the tally and the rule.
    assert "This cannot be undone" in page.locator("main").inner_text()
    page.get_by_role("button", name=re.compile("Record the decision$")).click()
    page.wait_for_load_state()
    assert "The decision is recorded." in page.locator("main").inner_text()
    # The item links to the decision's record.
    page.locator('main a[href*="/governance/decisions/"]').first.click()
    page.wait_for_url("**/governance/decisions/*/")


def test_the_whole_investment_journey_through_the_pages(page, live_server):
    from programmes.models import Initiative, Programme
    from tests.testing.personas import ensure_personas

    ensure_personas()
    knowledge = Programme.objects.get(code="knowledge")
    search = Initiative.objects.get(code="enterprise-search")

    # 1. The proponent drafts (save draft, with a field-level error first) and submits.
    as_user(page, live_server, "proponent")
    page.goto(f"{live_server.url}/portfolio/new/")
    page.locator("#id_title").fill("Enterprise search across the Secretariat")
    page.locator("#id_summary").fill("One search over documents, web sites and records.")
    page.locator("#id_programme").select_option(str(knowledge.pk))
    page.locator("#id_initiative").select_option(str(search.pk))
    page.locator("#id_problem").fill("Staff cannot find what the organisation already knows.")
    page.locator("#id_scope").fill("Headquarters document systems.")
    page.locator('[name="costs-0-year"]').fill("2026")
    page.locator('[name="costs-0-kind"]').select_option("one_time")
    page.locator('[name="costs-0-category"]').select_option("contractual")
    page.locator('[name="costs-0-amount"]').fill("-1")
    page.get_by_role("button", name="Save draft").click()
    assert "greater than or equal to 0" in page.locator("main").inner_text()
    page.locator('[name="costs-0-amount"]').fill("1500000")
    page.locator('[name="benefits-0-year"]').fill("2027")
    page.locator('[name="benefits-0-description"]').fill("Staff time saved")
    page.locator('[name="benefits-0-amount"]').fill("900000")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/portfolio/*/edit/")
    assert "Your draft was saved." in page.locator(".messages").inner_text()
    project_url = page.url.removesuffix("edit/")
    page.get_by_role("button", name="Save and submit to the PMO").click()
    page.wait_for_url(project_url)
    state_is(page, "Submitted to the PMO")

    # 2. The PMO returns it with comments.
    as_user(page, live_server, "pmo")
    page.goto(project_url)
    page.get_by_role("link", name="Review the business case (PMO)").click()
    assert "Possible overlaps" in page.locator("main").inner_text()
    page.get_by_label("Complete against the standard template").check()
    page.get_by_label("Comments").fill("Give the recurring costs and the scope beyond HQ.")
    page.get_by_label("Return to the proponent").check()
    page.get_by_role("button", name="Record the review").click()
    page.wait_for_url(project_url)
    state_is(page, "Returned to the proponent")

    # 3. The proponent edits (version 2) and submits again; the versions compare side by side.
    as_user(page, live_server, "proponent")
    page.goto(project_url)
    page.get_by_role("link", name="Edit the business case").click()
    assert "saving makes version 2" in page.locator("main").inner_text()
    page.locator("#id_scope").fill("Headquarters and offices away from headquarters.")
    page.get_by_role("button", name="Save and submit to the PMO").click()
    page.wait_for_url(project_url)
    state_is(page, "Submitted to the PMO")
    page.get_by_role("link", name="Compare versions side by side").click()
    compare = page.locator("main").inner_text()
    assert "Headquarters document systems." in compare
    assert "Headquarters and offices away from headquarters." in compare

    # 4. The PMO accepts version 2.
    as_user(page, live_server, "pmo")
    page.goto(project_url + "review/")
    for label in (
        "Complete against the standard template",
        "Compliant with architecture and standards",
        "Overlap with other projects examined",
        "Metrics comparable with other cases",
    ):
        page.get_by_label(label).check()
    page.get_by_label("Accept", exact=True).check()
    page.get_by_role("button", name="Record the review").click()
    page.wait_for_url(project_url)
    state_is(page, "Accepted by the PMO")

    # 5. The CITO endorses.
    as_user(page, live_server, "cito")
    page.goto(project_url)
    page.get_by_role("button", name="Endorse (CITO)").click()
    page.wait_for_url(project_url)
    state_is(page, "Endorsed by the CITO")

    # 6. The PMO places it before the KM steering committee and prepares the meeting.
    as_user(page, live_server, "pmo")
    page.goto(project_url)
    page.get_by_role("button", name="Place before the steering committee").click()
    page.wait_for_url(project_url)
    state_is(page, "With the steering committee")
    plan_meeting(page, live_server, "km-steering", "KM steering committee, session 1")
    km_meeting = put_on_agenda_and_open(
        page, live_server, project_url, "KM steering committee, session 1", [KM_CHAIR, KM_MEMBER]
    )

    # 7. The advisor gives an opinion and cannot approve.
    give_opinion_and_cannot_approve(
        page, live_server, project_url, "The Advisory Group supports a phased roll-out."
    )

    # 8. km.member and km.chair vote; the chair records the approval with quorum.
    vote_for(page, live_server, "km.member", km_meeting)
    vote_for(page, live_server, "km.chair", km_meeting)
    record_decision(page, km_meeting, "Approved", "Good value; within the envelope.")
    assert "business case v2" in page.locator("main").inner_text()
    page.goto(project_url)
    # A major project (USD 1.5 million) goes on to the Executive Committee.
    state_is(page, "With the Executive Committee")

    # 9. The Executive Committee meets; the advisor gives an opinion again; the DSG records it.
    as_user(page, live_server, "pmo")
    plan_meeting(page, live_server, "executive-committee", "Executive Committee, Q3")
    ec_meeting = put_on_agenda_and_open(
        page,
        live_server,
        project_url,
        "Executive Committee, Q3",
        ["Deputy Secretary-General", "Under-Secretary-General for Management"],
    )
    give_opinion_and_cannot_approve(
        page, live_server, project_url, "Member states' services depend on this; approve it."
    )
    vote_for(page, live_server, "usg.management", ec_meeting)
    vote_for(page, live_server, "dsg", ec_meeting)
    record_decision(page, ec_meeting, "Approved", "Approved as a major project.")
    page.goto(project_url)
    state_is(page, "Approved")

    # 10. Delivery: started, a status report, completion with lessons learned.
    as_user(page, live_server, "pmo")
    page.goto(project_url)
    page.get_by_role("button", name="Start delivery").click()
    page.wait_for_url(project_url)
    state_is(page, "In delivery")
    as_user(page, live_server, "proponent")
    page.goto(project_url)
    page.get_by_role("link", name="File a status report").click()
    page.get_by_label("Month reported").fill(datetime.date.today().replace(day=1).isoformat())
    page.get_by_label("Schedule").select_option("green")
    page.get_by_label("Budget", exact=False).first.select_option("amber")
    page.get_by_label("Scope").select_option("green")
    page.get_by_label("Percent complete").fill("60")
    page.get_by_label("Actual spend to date").fill("700000")
    page.get_by_role("button", name="File the report").click()
    page.wait_for_url(project_url)
    history = page.get_by_role("table", name="Status report history").inner_text()
    assert "Amber" in history and "60%" in history
    assert page.locator("svg.chart").count() == 1
    as_user(page, live_server, "pmo")
    page.goto(project_url)
    page.get_by_label("Reason (Close as completed)").fill("Pilot first; budget for training.")
    page.get_by_role("button", name="Close as completed").click()
    # Closing cannot be undone: the page asks first.
    assert "This cannot be undone" in page.locator("main").inner_text()
    page.locator("main button.danger").click()
    page.wait_for_url(project_url)
    state_is(page, "Completed")
    timeline = page.locator("ol.timeline").inner_text()
    for step in (
        "Submitted to the PMO",
        "Returned to the proponent",
        "Endorsed by the CITO",
        "With the Executive Committee",
        "In delivery",
        "Completed",
    ):
        assert step in timeline
