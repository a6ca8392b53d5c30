"""The lifecycle: every transition through its service, and illegal ones refused everywhere."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from governance.choices import Outcome
from governance.models import Notification
from portfolio import services
from portfolio.choices import TRANSITIONS, ProjectState
from portfolio.models import BusinessCase, ProjectTransition
from tests.portfolio.factories import ALL_TICKED, decide, draft, walk

S = ProjectState
pytestmark = pytest.mark.django_db


def snapshot(project):
    project.refresh_from_db()
    return (project.state, project.transitions.count(), project.business_cases.count())


def test_the_table_has_one_row_per_action_and_known_states():
    actions = [t.action for t in TRANSITIONS]
    assert len(actions) == len(set(actions))
    for t in TRANSITIONS:
        assert t.target in S.values and set(t.sources) <= set(S.values)


def test_submission_freezes_version_one_and_a_return_makes_version_two(personas):
    project = draft(personas)
    services.project_submit(project=project, actor=personas["proponent"])
    v1 = project.decided_case()
    assert v1.number == 1 and v1.is_frozen
    services.project_pmo_return(project=project, actor=personas["pmo"], comments="More detail.")
    case = services.business_case_save(
        project=project,
        actor=personas["proponent"],
        token=services.case_token(v1),
        fields={"scope": "All HQ departments and offices away."},
    )
    assert case.number == 2 and not case.is_frozen
    v1.refresh_from_db()
    assert v1.scope == "All HQ departments." and v1.costlines.count() == 1
    assert case.costlines.count() == 1  # the rows are carried over to the new version
    services.project_submit(project=project, actor=personas["proponent"])
    project.refresh_from_db()
    assert project.state == S.SUBMITTED and project.decided_case().number == 2


def test_a_stale_save_is_refused_and_nothing_changes(personas):
    project = draft(personas)
    token = services.case_token(project.current_case())
    services.business_case_save(
        project=project, actor=personas["proponent"], token=token, fields={"scope": "First edit."}
    )
    with pytest.raises(services.PortfolioError, match="Someone saved"):
        services.business_case_save(
            project=project,
            actor=personas["proponent"],
            token=token,
            fields={"scope": "Stale edit."},
        )
    assert project.current_case().scope == "First edit."


def test_a_frozen_version_cannot_be_edited_in_place(personas):
    project = walk(draft(personas), personas, S.SUBMITTED)
    with pytest.raises(services.PortfolioError, match="cannot be edited"):
        services.business_case_save(
            project=project,
            actor=personas["proponent"],
            token=services.case_token(project.current_case()),
            fields={"scope": "x"},
        )


def test_an_incomplete_case_cannot_be_submitted(personas):
    owner = personas["proponent"]
    project = services.project_create(
        actor=owner,
        title="Empty",
        programme=draft(personas).programme,
        sponsoring_unit=owner.organisation_unit,
    )
    with pytest.raises(services.PortfolioError, match="costs by year"):
        services.project_submit(project=project, actor=owner)
    assert snapshot(project)[0] == S.DRAFT


def test_pmo_cannot_accept_without_the_whole_checklist(personas):
    project = walk(draft(personas), personas, S.SUBMITTED)
    before = snapshot(project)
    with pytest.raises(services.PortfolioError, match="checklist"):
        services.project_pmo_accept(
            project=project, actor=personas["pmo"], checklist={"complete": True}
        )
    assert snapshot(project) == before


@pytest.mark.parametrize(
    "target",
    [S.WITH_STEERING_COMMITTEE, S.APPROVED, S.REJECTED, S.DEFERRED, S.COMPLETED, S.CANCELLED],
)
def test_walks_to_every_state(personas, target):
    project = walk(draft(personas), personas, target)
    assert project.state == target
    assert project.transitions.exclude(action="create").count() >= 1


def test_a_major_project_goes_on_to_the_executive_committee(personas):
    project = walk(draft(personas, cost=Decimal("1500000")), personas, S.WITH_STEERING_COMMITTEE)
    assert project.is_major
    project = decide(project, Outcome.APPROVED, personas["km.chair"])
    assert project.state == S.WITH_EXECUTIVE_COMMITTEE
    assert project.get_deciding_body().code == "executive-committee"
    project = decide(project, Outcome.APPROVED, personas["dsg"])
    assert project.state == S.APPROVED


def test_a_project_spanning_programmes_is_major_whatever_its_cost(personas, settings):
    settings.PORTFOLIO_MAJOR_PROJECT_THRESHOLD = 10**9
    assert draft(personas, spans=True).is_major
    assert not draft(personas, cost=Decimal("2000000")).is_major


# --- illegal transitions: service, page, admin, governance ------------------------------------
def test_service_refuses_an_illegal_transition_with_nothing_changed(personas):
    project = draft(personas)
    before = snapshot(project)
    with pytest.raises(services.PortfolioError, match="not allowed while the project is"):
        services.project_cito_endorse(project=project, actor=personas["cito"])
    assert snapshot(project) == before


def test_service_refuses_a_transition_by_the_wrong_person(personas):
    project = walk(draft(personas), personas, S.SUBMITTED)
    before = snapshot(project)
    with pytest.raises(services.PortfolioError, match="You may not"):
        services.project_pmo_accept(
            project=project, actor=personas["proponent"], checklist=ALL_TICKED
        )
    assert snapshot(project) == before


def test_service_refuses_a_decision_by_an_advisory_member(personas):
    project = walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
    before = snapshot(project)
    with pytest.raises(services.PortfolioError, match="Only the chair"):
        decide(project, Outcome.APPROVED, personas["advisor"])
    assert snapshot(project) == before


def test_a_decision_about_another_version_is_refused(personas):
    project = walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
    before = snapshot(project)
    other = BusinessCase.objects.exclude(project=project).first() or project.decided_case()
    decision = type(
        "D",
        (),
        {
            "outcome": Outcome.APPROVED,
            "recorded_by": personas["km.chair"],
            "rationale": "",
            "pk": None,
            "subject_version_pk": str(other.pk + 999),
        },
    )()
    with pytest.raises(services.PortfolioError, match="another version"):
        services.project_apply_decision(project=project, decision=decision)
    assert snapshot(project) == before


def test_committee_transitions_cannot_be_taken_directly(personas):
    project = walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
    before = snapshot(project)
    with pytest.raises(services.PortfolioError, match="committee decision"):
        services.project_transition(
            project=project, action="committee_approve", actor=personas["km.chair"]
        )
    assert snapshot(project) == before


def test_page_refuses_an_illegal_transition_with_a_message(client, personas):
    project = draft(personas)
    before = snapshot(project)
    client.force_login(personas["cito"])
    response = client.post(
        reverse("portfolio:project_act", args=[project.pk, "cito_endorse"]), follow=True
    )
    assert "not allowed while the project is" in response.content.decode()
    assert snapshot(project) == before


def test_page_refuses_an_advisor_approving(client, personas):
    project = walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
    before = snapshot(project)
    client.force_login(personas["advisor"])
    response = client.post(
        reverse("portfolio:project_act", args=[project.pk, "committee_approve"]), follow=True
    )
    assert "committee decision" in response.content.decode()
    assert snapshot(project) == before


def test_admin_action_refuses_an_illegal_transition_with_a_message(client, personas):
    project = draft(personas)
    before = snapshot(project)
    client.force_login(personas["cito"])
    personas["cito"].is_superuser = True
    personas["cito"].save(update_fields=["is_superuser"])
    response = client.post(
        reverse("admin:portfolio_project_changelist"),
        {"action": "action_cito_endorse", "_selected_action": [project.pk]},
        follow=True,
    )
    assert "not allowed while the project is" in response.content.decode()
    assert snapshot(project) == before


def test_admin_action_takes_a_legal_transition_through_the_service(client, personas):
    project = walk(draft(personas), personas, S.ACCEPTED)
    personas["cito"].is_superuser = True
    personas["cito"].save(update_fields=["is_superuser"])
    client.force_login(personas["cito"])
    client.post(
        reverse("admin:portfolio_project_changelist"),
        {"action": "action_cito_endorse", "_selected_action": [project.pk]},
    )
    project.refresh_from_db()
    assert project.state == S.ENDORSED
    assert project.transitions.last().actor == personas["cito"]


# --- available actions ---------------------------------------------------------------------
def test_available_actions_show_only_what_each_person_may_do(personas):
    project = walk(draft(personas), personas, S.SUBMITTED)
    names = lambda user: {t.action for t in services.available_actions(personas[user], project)}  # noqa: E731
    assert names("pmo") >= {"pmo_accept", "pmo_return"}
    assert "pmo_accept" not in names("proponent")
    assert names("staff") == set()
    project = walk(draft(personas, title="Other"), personas, S.WITH_STEERING_COMMITTEE)
    assert names("km.chair") == {
        "committee_approve",
        "committee_reject",
        "committee_defer",
        "committee_return",
    }
    assert names("km.member") == set() and names("advisor") == set()
    assert names("rm.chair") == set()


# --- audit and notifications ---------------------------------------------------------------
def test_each_transition_is_audited_and_notifies_who_acts_next_after_commit(
    personas, django_capture_on_commit_callbacks
):
    project = draft(personas)
    with django_capture_on_commit_callbacks(execute=True):
        services.project_submit(project=project, actor=personas["proponent"])
    record = ProjectTransition.objects.filter(project=project).last()
    assert (record.from_state, record.to_state, record.actor) == (
        S.DRAFT,
        S.SUBMITTED,
        personas["proponent"],
    )
    assert record.business_case.number == 1
    assert Notification.objects.filter(
        recipient=personas["pmo"], url=project.get_absolute_url()
    ).exists()
    assert any("pmo@example.org" in m.to for m in mail.outbox)


def test_nothing_is_notified_when_the_transaction_does_not_commit(personas):
    project = draft(personas)
    services.project_submit(project=project, actor=personas["proponent"])
    # pytest-django's test transaction never commits: on_commit callbacks never ran.
    assert not Notification.objects.filter(url=project.get_absolute_url()).exists()
