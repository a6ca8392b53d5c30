"""Acceptance 2 of issue 14: axe-core finds no serious or critical violation on any page a
person reaches from their dashboard: dashboards, lists, forms, meeting pages (agenda, item,
minutes), as each role sees them.

Each persona walks the portal in Chromium from the home page, following the links of every
page it reaches (downloads, the admin and the API aside), one page per kind of address (the
numbers in a path do not make a new kind), and axe-core runs on each page.
"""

import re
from urllib.parse import urlsplit

import pytest

from tests.testing.axe import describe, violations
from tests.testing.browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSONAS = ["km.chair", "pmo", "advisor", "chief.geneva", "budget.reviewer", "staff"]
PAGES_PER_PERSONA = 40
SKIP = ("/admin", "/static", "/accounts/logout", "/i18n", "/api/", "/media")
DOWNLOADS = re.compile(r"\.(pdf|ics|csv|xlsx|zip|json|xml|atom)$|/export|/download|/feed")


def kind_of(path):
    """One page per kind of address: /governance/items/12/ and /governance/items/13/ alike."""
    return re.sub(r"\d+", "N", path)


@pytest.fixture
def portal():
    """Something on every page: a meeting with a decided and an open item and an opinion, a
    project before a committee, a budget submission, an open survey, a KPI with values."""
    from governance import services
    from tests.budgets.factories import submission_of
    from tests.governance.factories import MotionFactory, open_meeting_with_item
    from tests.portfolio.factories import draft, walk
    from tests.programmes.factories import kpi, measurements
    from tests.survey.factories import SurveyFactory
    from tests.testing.personas import ensure_personas

    people = ensure_personas()
    project = walk(draft(people), people, "with_steering_committee")
    services.opinion_give(
        subject=project, author=people["advisor"], stance="concerns", text="Mind year two."
    )
    item = open_meeting_with_item(
        people, present=("km.chair", "km.member", "cito"), subject=project
    )
    decided = services.agenda_item_add(
        meeting=item.meeting, kind="decision", subject=MotionFactory(), actor=people["pmo"]
    )
    for voter in ("km.chair", "km.member", "cito"):
        services.vote_cast(item=decided, voter=people[voter], choice="for")
    services.vote_close_and_decide(item=decided, actor=people["km.chair"], outcome="approved")
    services.minutes_record(meeting=item.meeting, text="The committee met.", actor=people["pmo"])
    submission_of("unog", state="submitted", lines=3)
    SurveyFactory(title="ICT survey 2027")
    measurements(kpi("org-axe", name="Availability of the portal"), 4)
    return people


def walk(page, live_server, username):
    log_in(page, live_server, username)
    origin = live_server.url
    queue, kinds, failures = ["/"], set(), []
    while queue and len(kinds) < PAGES_PER_PERSONA:
        path = queue.pop(0)
        if kind_of(path) in kinds:
            continue
        kinds.add(kind_of(path))
        response = page.goto(origin + path)
        if response is None or response.status != 200:
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        found = violations(page)
        if found:
            failures.append(f"{username} {path}:\n{describe(found)}")
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            parts = urlsplit(href)
            if f"{parts.scheme}://{parts.netloc}" != origin:
                continue
            target = parts.path
            if target.startswith(SKIP) or DOWNLOADS.search(target) or "format=" in parts.query:
                continue
            if kind_of(target) not in kinds:
                queue.append(target)
    page.context.clear_cookies()
    return kinds, failures


@pytest.mark.parametrize("username", PERSONAS)
def test_every_page_a_persona_reaches_passes_axe(page, live_server, portal, username):
    kinds, failures = walk(page, live_server, username)
    assert len(kinds) > 10, f"{username} reached only {sorted(kinds)}"
    assert not failures, "\n\n".join(failures)


def test_the_meeting_pages_pass_axe_on_a_phone(phone_page, live_server, portal):
    from governance.models import Meeting

    meeting = Meeting.objects.get()
    item = meeting.items.order_by("position").first()
    log_in(phone_page, live_server, "km.chair")
    for path in (
        meeting.get_absolute_url(),
        f"/governance/items/{item.pk}/",
        f"/governance/meetings/{meeting.pk}/minutes/",
    ):
        phone_page.goto(live_server.url + path)
        found = violations(phone_page)
        assert not found, f"{path}:\n{describe(found)}"
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 391, f"{path} is {width} px wide on a phone"
