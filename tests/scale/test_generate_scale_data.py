"""``generate_scale_data`` (issue 16): refuses SQLite unless asked, makes every state and kind
of record at a small size, and the same seed gives the same data."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from guardian.shortcuts import get_objects_for_user

from governance.models import Body, BodyUserObjectPermission, Decision, Membership, Vote
from portfolio.budgets.models import BudgetSubmission
from portfolio.choices import ProjectState
from portfolio.models import BusinessCase, Project, ProjectTransition, StatusReport
from staffing.models import StaffingSnapshot
from survey.models import Answer, Response, Survey
from survey.scale import TITLE

pytestmark = pytest.mark.django_db


def _generate(**options):
    call_command("generate_scale_data", projects=40, allow_sqlite=True, stdout=_Quiet(), **options)


class _Quiet:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the refusal is SQLite's")
def test_it_refuses_sqlite_without_the_flag():
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate_scale_data", projects=40, stdout=_Quiet())
    assert not Project.objects.exists()


def test_it_generates_every_state_and_each_kind_of_record():
    _generate()
    projects = Project.objects.filter(summary="Generated for the scale benchmark.")
    assert projects.count() == 40
    assert set(projects.values_list("state", flat=True)) == set(ProjectState.values)
    assert BusinessCase.objects.filter(project__in=projects).count() >= 40
    assert StatusReport.objects.filter(project__in=projects).exists()
    delivered = projects.filter(state=ProjectState.IN_DELIVERY).first()
    assert ProjectTransition.objects.filter(
        project=delivered, to_state=ProjectState.IN_DELIVERY
    ).exists()
    decision = Decision.objects.filter(object_id__in=projects.values("pk")).first()
    assert decision is not None
    assert Vote.objects.filter(item=decision.item).count() == decision.votes_for + (
        decision.votes_against + decision.abstentions
    )
    assert ProjectTransition.objects.filter(decision_id=decision.pk).exists()
    assert BudgetSubmission.objects.filter(unit__code__startswith="scale-").count() == 10
    assert StaffingSnapshot.objects.filter(unit__code__startswith="scale-").exists()
    survey = Survey.objects.get(title=TITLE)
    responses = Response.objects.filter(survey=survey).count()
    assert responses == 400  # 100,000 at 10,000 projects
    assert Answer.objects.filter(response__survey=survey).count() == 400 * survey.topics.count()


def test_members_hold_the_guardian_rows_their_membership_gives():
    _generate()
    membership = (
        Membership.objects.current()
        .filter(user__username__startswith="scale.", body__kind="steering_committee")
        .first()
    )
    assert BodyUserObjectPermission.objects.filter(user=membership.user).exists()
    assert membership.body in get_objects_for_user(membership.user, "governance.view_body", Body)


def _fingerprint():
    return (
        list(
            Project.objects.filter(summary__startswith="Generated")
            .order_by("title")
            .values_list("title", "state", "total_cost", "proponent__username")
        ),
        sorted(
            Answer.objects.filter(response__survey__title=TITLE).values_list("rating", flat=True)
        ),
    )


def test_the_same_seed_gives_the_same_data():
    with transaction.atomic():
        _generate()
        first = _fingerprint()
        transaction.set_rollback(True)
    _generate()
    assert _fingerprint() == first
    assert first[0]


def test_a_second_run_is_refused():
    _generate()
    with pytest.raises(CommandError, match="already holds"):
        _generate()
