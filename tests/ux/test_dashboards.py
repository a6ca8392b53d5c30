"""The home page is a dashboard per role: each persona sees the panels of each of its roles,
counts link to the lists behind them, charts come with their figures as a table, and the
number of queries stays the same as rows grow."""

import pytest
from django.urls import reverse

from governance.choices import AgendaItemKind
from governance.models import Body
from portfolio.choices import ProjectState
from tests.governance.factories import MeetingFactory, MotionFactory
from tests.portfolio.factories import bulk_projects
from tests.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

#: persona -> panels its dashboard must show
EXPECTED_PANELS = {
    "km.chair": {"panel-awaiting-vote", "panel-awaiting-decision", "panel-next-meetings"},
    "km.member": {"panel-awaiting-vote", "panel-next-meetings"},
    "advisor": {"panel-open-for-opinion", "panel-next-meetings"},
    "pmo": {"panel-pmo-work", "panel-pipeline", "panel-next-meetings"},
    "cito": {"panel-envelopes", "panel-rag", "panel-decisions-quarter"},
    "dsg": {"panel-envelopes", "panel-rag", "panel-decisions-quarter", "panel-awaiting-decision"},
    "chief.geneva": {"panel-my-unit"},
    "budget.reviewer": {"panel-budget-review"},
    "proponent": {"panel-my-proposals"},
}


def grow(personas, n=3):
    """More of everything the dashboards count: projects in every state (those awaiting a
    steering committee or the Executive Committee fill worklists and "open for my opinion"),
    open meetings with decision items in several bodies, and a proponent's proposals."""
    from governance import services

    for state in (
        ProjectState.SUBMITTED,
        ProjectState.IN_DELIVERY,
        ProjectState.ENDORSED,
        ProjectState.WITH_STEERING_COMMITTEE,
        ProjectState.WITH_EXECUTIVE_COMMITTEE,
    ):
        bulk_projects(n, personas, state=state)
    for code in ("km-steering", "executive-committee", "rm-steering"):
        body = Body.objects.get(code=code)
        for _ in range(n):
            meeting = MeetingFactory(body=body)
            services.agenda_item_add(
                meeting=meeting,
                kind=AgendaItemKind.DECISION,
                subject=MotionFactory(body=body),
                actor=personas["pmo"],
            )
            services.meeting_open(meeting=meeting, actor=personas["pmo"])


@pytest.mark.parametrize("username", sorted(EXPECTED_PANELS))
def test_each_role_sees_its_panels(client, personas, username):
    grow(personas, n=1)
    client.force_login(personas[username])
    content = client.get(reverse("home")).content.decode()
    for panel in EXPECTED_PANELS[username]:
        assert f'id="{panel}"' in content, f"{username} misses {panel}"


def test_a_member_without_roles_sees_no_worklist(client, staff):
    client.force_login(staff)
    content = client.get(reverse("home")).content.decode()
    assert 'id="panel-awaiting-vote"' not in content
    assert 'id="panel-pmo-work"' not in content


def test_counts_link_to_the_lists_behind_them(client, personas):
    bulk_projects(2, personas, state=ProjectState.SUBMITTED)
    client.force_login(personas["pmo"])
    content = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("portfolio:pipeline")}?state=submitted"' in content


def test_charts_have_a_data_table_and_text_beside_colour(client, personas):
    client.force_login(personas["cito"])
    content = client.get(reverse("home")).content.decode()
    assert 'role="img"' in content
    assert "The figures as a table" in content
    assert "▲ Amber" in content  # a symbol and a word, not colour alone


@pytest.mark.parametrize("username", sorted(EXPECTED_PANELS))
def test_dashboard_queries_stay_constant(client, personas, username):
    client.force_login(personas[username])
    grow(personas, n=1)
    assert_constant_queries(client, reverse("home"), lambda: grow(personas, n=3))
