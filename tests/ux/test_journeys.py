"""Acceptance 1 of issue 14: one journey per role in Chromium, each at 1280 px and at 390 px
(``journey_page``; a failing journey leaves a screenshot in ``test-results/screenshots/``).

- the chair decides an item from the dashboard;
- the PMO enters a full proposal using the grids;
- a chief fixes a wrong budget line and submits;
- the reviewer returns it;
- staff answer the survey.
"""

import re

import pytest

from tests.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page):
    """Nothing runs off a phone's screen: the page is no wider than the window."""
    page.wait_for_load_state()  # not while a click is still navigating
    width = page.evaluate("document.documentElement.scrollWidth")
    window = page.evaluate("window.innerWidth")
    assert width <= window + 1, f"{page.url} is {width} px wide in a {window} px window"


def main_text(page):
    return page.locator("main").inner_text()


def test_the_chair_decides_an_item_from_the_dashboard(journey_page, live_server):
    from governance import services
    from governance.models import Decision
    from tests.governance.factories import open_meeting_with_item
    from tests.testing.personas import ensure_personas

    page = journey_page
    people = ensure_personas()
    item = open_meeting_with_item(people, present=("km.chair", "km.member", "cito"))
    services.vote_cast(item=item, voter=people["km.member"], choice="for")
    services.vote_cast(item=item, voter=people["cito"], choice="for")

    log_in(page, live_server, "km.chair")
    fits(page)
    panel = page.get_by_role("region", name="Awaiting my decision")
    panel.get_by_role("link", name=item.title).click()
    page.wait_for_url(f"**/governance/items/{item.pk}/")
    fits(page)
    assert "2 for, 0 against, 0 abstaining" in main_text(page)
    page.get_by_label("Outcome").select_option("approved")
    page.get_by_label("Rationale").fill("Within the programme's resources.")
    page.get_by_role("button", name="Record the decision").click()
    # A decision cannot be undone: the page asks first, with the tally and the rule.
    assert "This cannot be undone" in main_text(page)
    fits(page)
    page.get_by_role("button", name=re.compile("Record the decision$")).click()
    page.wait_for_url(f"**/governance/items/{item.pk}/")  # back to the item, not the top
    assert "The decision is recorded." in main_text(page)
    assert "Decided: Approved" in main_text(page)
    fits(page)
    assert Decision.objects.get(item=item).outcome == "approved"


def test_the_pmo_enters_a_full_proposal_with_the_grids(journey_page, live_server):
    from portfolio.models import Project
    from tests.testing.personas import ensure_personas

    page = journey_page
    ensure_personas()
    log_in(page, live_server, "pmo")
    page.goto(f"{live_server.url}/portfolio/new/")
    page.get_by_label("Title").fill("Conference room booking")
    page.get_by_label("Summary").fill("One booking system for every duty station.")
    page.get_by_label("Programme served").select_option(label="Resource Management")
    sponsor = page.get_by_label("Sponsoring department")
    sponsor.select_option(index=1)
    page.get_by_label("Problem and objectives").fill("Rooms are double-booked.")
    page.get_by_label("Scope").fill("Headquarters and the offices away from it.")

    page.locator('[name="costs-0-year"]').fill("2027")
    page.locator('[name="costs-0-kind"]').select_option("one_time")
    page.locator('[name="costs-0-category"]').select_option("software")
    page.locator('[name="costs-0-amount"]').fill("120000")
    # another cost row, added in place (htmx), with the total running
    page.locator('button[name="add_row"][value="costs"]').click()
    page.locator('[name="costs-1-year"]').fill("2028")
    page.locator('[name="costs-1-kind"]').select_option("recurring")
    page.locator('[name="costs-1-category"]').select_option("staff")
    page.locator('[name="costs-1-amount"]').fill("30000")
    page.locator('[name="costs-1-amount"]').blur()
    page.locator('[name="benefits-0-year"]').fill("2028")
    page.locator('[name="benefits-0-description"]').fill("Staff time saved")
    page.locator('[name="benefits-0-amount"]').fill("200000")
    page.locator('[name="risks-0-description"]').fill("Low adoption")
    page.locator('[name="risks-0-likelihood"]').fill("2")
    page.locator('[name="risks-0-impact"]').fill("3")
    page.locator('[name="risks-0-mitigation"]').fill("Training")
    page.locator('[name="funding-0-source"]').fill("Regular budget")
    page.locator('[name="funding-0-amount"]').fill("150000")
    page.get_by_label("Dependencies").fill("The identity service.")
    page.get_by_label("Standards compliance").fill("Follows the architecture standards.")
    fits(page)
    page.get_by_role("button", name="Save draft").click()
    assert "Your draft was saved." in main_text(page)
    project = Project.objects.get(title="Conference room booking")
    case = project.current_case()
    assert sorted(line.amount for line in case.costlines.all()) == [30000, 120000]
    assert case.benefitlines.count() == case.risks.count() == case.fundingsources.count() == 1
    assert "150,000" in main_text(page)  # the funding total
    fits(page)


def test_a_chief_fixes_a_wrong_budget_line_and_submits(journey_page, live_server):
    from decimal import Decimal

    from portfolio.budgets.models import BudgetSubmission
    from tests.budgets.factories import submission_of
    from tests.testing.personas import ensure_personas

    page = journey_page
    ensure_personas()
    submission = submission_of("unon", lines=2)
    wrong = submission.lines.order_by("pk").first()
    type(wrong).objects.filter(pk=wrong.pk).update(amount=Decimal("1250000"))  # a typo: 1.25 m

    log_in(page, live_server, "chief.nairobi")
    page.goto(f"{live_server.url}/budgets/")
    page.get_by_role("link", name="Open the submission").first.click()
    page.get_by_role("link", name="Edit the lines").click()
    page.wait_for_url(f"**/budgets/submissions/{submission.pk}/edit/")
    fits(page)
    amount = page.locator('input[name$="-amount"][value^="1250000"]')
    assert amount.count() == 1
    amount.fill("125000")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/budgets/submissions/{submission.pk}/")
    assert "125,000.00" in page.get_by_role("table", name="Budget lines").inner_text()
    page.get_by_role("button", name="Submit to OICT").click()
    assert "Submitted" in page.locator(".facts").inner_text()
    fits(page)
    submission = BudgetSubmission.objects.get(pk=submission.pk)
    assert submission.state == "submitted"
    assert submission.lines.get(pk=wrong.pk).amount == Decimal("125000")


def test_the_reviewer_returns_a_budget_with_comments(journey_page, live_server):
    from portfolio.budgets.models import BudgetSubmission
    from tests.budgets.factories import submission_of
    from tests.testing.personas import ensure_personas

    page = journey_page
    ensure_personas()
    submission = submission_of("unon", state="submitted", lines=2)

    log_in(page, live_server, "budget.reviewer")
    fits(page)
    page.goto(f"{live_server.url}/budgets/review/")
    page.get_by_role("link", name="United Nations Office at Nairobi").click()
    page.wait_for_url(f"**/budgets/submissions/{submission.pk}/")
    fits(page)
    page.get_by_label("Comment").fill("Split the servers by site.")
    page.get_by_role("button", name="Return with comments").click()
    assert "This cannot be undone" in main_text(page)
    page.get_by_role("button", name="Return with comments").click()
    assert "Returned with comments" in page.locator(".facts").inner_text()
    fits(page)
    assert BudgetSubmission.objects.get(pk=submission.pk).state == "returned"


def test_staff_answer_the_survey(journey_page, live_server):
    from django.urls import reverse

    from survey.models import Participation
    from tests.survey.factories import SurveyFactory
    from tests.testing.personas import ensure_personas

    page = journey_page
    people = ensure_personas()
    survey = SurveyFactory(title="ICT survey 2027")
    topics = list(survey.topics.all())

    log_in(page, live_server, "staff")
    fits(page)
    page.get_by_role("link", name=survey.title).first.click()  # the dashboard's open surveys
    page.wait_for_url(f"**{reverse('survey:respond', args=[survey.pk])}")
    fits(page)
    for topic in topics:
        page.get_by_role("group", name=topic.name).get_by_label("Satisfied", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url(f"**{reverse('survey:thanks', args=[survey.pk])}")
    assert "recorded anonymously" in page.content()
    fits(page)
    assert Participation.objects.filter(survey=survey, user=people["staff"]).count() == 1
