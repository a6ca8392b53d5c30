"""``available_actions`` is the truth: for every state and every persona, each action it
offers succeeds through the service, and each one it withholds is refused with nothing changed.
"""

from decimal import Decimal

import pytest
from django.db import transaction

from portfolio import services
from portfolio.choices import COMMITTEE, TRANSITIONS, ProjectState
from portfolio.models import Project
from tests.portfolio.factories import ALL_TICKED, draft, walk
from tests.testing.personas import PERSONA_NAMES

S = ProjectState
pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def attempt(project, action, user):
    """Take ``action`` in a savepoint that is always rolled back; return the error, if any."""
    try:
        with transaction.atomic():
            services.project_transition(
                project=project, action=action, actor=user, reason="Because.", checklist=ALL_TICKED
            )
            raise Rollback
    except Rollback:
        return None
    except services.PortfolioError as error:
        return error


def test_available_actions_match_what_the_services_allow_for_every_state_and_persona(personas):
    projects = [
        walk(
            draft(
                personas,
                title=f"Project {state}",
                cost=Decimal("2000000")
                if state == S.WITH_EXECUTIVE_COMMITTEE
                else Decimal("300000"),
            ),
            personas,
            state,
        )
        for state in S.values
    ]
    assert {p.state for p in projects} == set(S.values)
    checked = 0
    for project in projects:
        for username in PERSONA_NAMES:
            user = personas[username]
            offered = {t.action for t in services.available_actions(user, project)}
            for t in TRANSITIONS:
                before = Project.objects.filter(pk=project.pk).values_list("state", flat=True)[0]
                error = attempt(project, t.action, user)
                if t.who == COMMITTEE:
                    assert error is not None  # only ever through a governance decision
                elif t.action in offered:
                    assert error is None, (project.state, username, t.action, error)
                else:
                    assert error is not None, (project.state, username, t.action)
                    assert error.messages and error.messages[0]
                after = Project.objects.filter(pk=project.pk).values_list("state", flat=True)[0]
                assert before == after
                checked += 1
    assert checked == len(S.values) * len(PERSONA_NAMES) * len(TRANSITIONS)
