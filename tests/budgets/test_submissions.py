"""The submission workflow: who may do what, in which state, and the history it leaves."""

from decimal import Decimal

import pytest
from django.urls import reverse

from governance import services as governance_services
from governance.rights import RightsError
from portfolio.budgets import services
from portfolio.budgets.choices import Action, SubmissionState
from portfolio.budgets.models import BudgetLine, BudgetSubmissionEvent
from tests.budgets.factories import CycleFactory, UserFactory, submission_of, unit

pytestmark = pytest.mark.django_db

LINE = {
    "category": "hardware",
    "source": "regular_budget",
    "year": 2026,
    "amount": Decimal("5"),
    "justification": "laptops",
}


def _draft(chief_nairobi):
    return services.submission_create(cycle=CycleFactory(), unit=unit("unon"), actor=chief_nairobi)


def test_the_chief_prepares_submits_and_the_reviewer_approves(chief_nairobi, budget_reviewer):
    submission = _draft(chief_nairobi)
    submission = services.submission_save_lines(
        submission=submission, lines=[LINE], expected_version=1, actor=chief_nairobi
    )
    submission = services.submission_submit(submission=submission, actor=chief_nairobi)
    submission = services.submission_start_review(submission=submission, actor=budget_reviewer)
    submission = services.submission_approve(submission=submission, actor=budget_reviewer)
    assert submission.state == SubmissionState.APPROVED
    actions = list(submission.events.values_list("action", flat=True))
    assert actions == [
        Action.CREATED,
        Action.LINES_SAVED,
        Action.SUBMIT,
        Action.START_REVIEW,
        Action.APPROVE,
    ]
    assert submission.version == 5


def test_returned_submission_is_revised_and_resubmitted(chief_nairobi, budget_reviewer):
    submission = services.submission_submit(submission=_draft(chief_nairobi), actor=chief_nairobi)
    with pytest.raises(services.BudgetError):
        services.submission_return(submission=submission, actor=budget_reviewer, comment=" ")
    submission = services.submission_return(
        submission=submission, actor=budget_reviewer, comment="Split hardware by site."
    )
    submission = services.submission_save_lines(
        submission=submission,
        lines=[LINE],
        expected_version=submission.version,
        actor=chief_nairobi,
    )
    submission = services.submission_resubmit(submission=submission, actor=chief_nairobi)
    assert submission.state == SubmissionState.RESUBMITTED
    assert submission.events.get(action=Action.RETURN).comment == "Split hardware by site."


def test_it_refuses_line_edits_by_the_reviewer(budget_reviewer):
    submission = submission_of("unon")
    with pytest.raises(RightsError):
        services.submission_save_lines(
            submission=submission, lines=[LINE], expected_version=None, actor=budget_reviewer
        )


def test_it_refuses_edits_of_another_units_draft(chief_geneva):
    submission = submission_of("unon")
    with pytest.raises(RightsError):
        services.submission_save_lines(
            submission=submission, lines=[LINE], expected_version=None, actor=chief_geneva
        )


@pytest.mark.parametrize("state", ["approved", "submitted", "under_review", "resubmitted"])
def test_nobody_edits_a_submission_out_of_the_chiefs_hands(chief_nairobi, state):
    submission = submission_of("unon", state=state)
    with pytest.raises(services.BudgetError):
        services.submission_save_lines(
            submission=submission, lines=[LINE], expected_version=None, actor=chief_nairobi
        )


def test_it_refuses_approval_by_the_chief_and_submission_by_the_reviewer(
    chief_nairobi, budget_reviewer
):
    with pytest.raises(RightsError):
        services.submission_approve(
            submission=submission_of("unon", state="submitted"), actor=chief_nairobi
        )
    with pytest.raises(RightsError):
        services.submission_submit(submission=submission_of("unog"), actor=budget_reviewer)


def test_it_refuses_a_transition_not_in_the_table(budget_reviewer):
    with pytest.raises(services.BudgetError):
        services.submission_approve(submission=submission_of("unon"), actor=budget_reviewer)


def test_a_delegate_the_chief_names_prepares_the_budget(chief_nairobi):
    delegate = UserFactory(username="deputy.nairobi")
    governance_services.delegate_add(unit=unit("unon"), user=delegate, actor=chief_nairobi)
    submission = services.submission_save_lines(
        submission=_draft(chief_nairobi), lines=[LINE], expected_version=1, actor=delegate
    )
    assert submission.lines.count() == 1


def test_only_the_chief_names_delegates(chief_geneva):
    with pytest.raises(RightsError):
        governance_services.delegate_add(unit=unit("unon"), user=UserFactory(), actor=chief_geneva)


def test_saving_lines_records_each_change_in_the_history(chief_nairobi):
    submission = _draft(chief_nairobi)
    submission = services.submission_save_lines(
        submission=submission, lines=[LINE], expected_version=1, actor=chief_nairobi
    )
    changed = {**LINE, "amount": Decimal("7")}
    submission = services.submission_save_lines(
        submission=submission, lines=[changed], expected_version=2, actor=chief_nairobi
    )
    event = submission.events.filter(action=Action.LINES_SAVED).last()
    assert event.changes[0]["change"] == "changed"
    assert event.changes[0]["was"]["amount"] == "5.00"
    assert event.changes[0]["amount"] == "7.00"


def test_it_refuses_a_negative_amount_and_a_year_outside_the_cycle(chief_nairobi):
    submission = _draft(chief_nairobi)
    for bad in ({**LINE, "amount": Decimal("-1")}, {**LINE, "year": 2031}):
        with pytest.raises(services.BudgetError):
            services.submission_save_lines(
                submission=submission, lines=[bad], expected_version=None, actor=chief_nairobi
            )
    assert not BudgetLine.objects.filter(submission=submission).exists()


def test_the_reviewer_comments_without_changing_the_state(client, budget_reviewer):
    submission = submission_of("unon", state="submitted")
    client.force_login(budget_reviewer)
    client.post(
        reverse("budgets:submission_act", args=[submission.pk]),
        {"action": "comment", "comment": "Check the software line."},
    )
    submission.refresh_from_db()
    assert submission.state == SubmissionState.SUBMITTED
    assert BudgetSubmissionEvent.objects.get(submission=submission, action="comment").comment


def test_submitting_notifies_the_reviewers(chief_nairobi, budget_reviewer):
    from governance.models import Notification

    services.submission_submit(submission=_draft(chief_nairobi), actor=chief_nairobi)
    assert Notification.objects.filter(recipient=budget_reviewer).exists()


def test_the_edit_page_saves_lines_and_rejects_bad_input(client, chief_nairobi):
    submission = _draft(chief_nairobi)
    client.force_login(chief_nairobi)
    url = reverse("budgets:submission_edit", args=[submission.pk])
    data = _formset_data(version=1, lines=[("hardware", "regular_budget", 2026, "-3")])
    response = client.post(url, data)
    assert response.status_code == 400
    assert submission.lines.count() == 0
    data = _formset_data(version=1, lines=[("hardware", "regular_budget", 2026, "300")])
    assert client.post(url, data).status_code == 302
    assert submission.lines.get().amount == Decimal("300")


def _formset_data(*, version, lines, prefix="form"):
    data = {
        "version": version,
        f"{prefix}-TOTAL_FORMS": len(lines),
        f"{prefix}-INITIAL_FORMS": 0,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for index, (category, source, year, amount) in enumerate(lines):
        data |= {
            f"{prefix}-{index}-category": category,
            f"{prefix}-{index}-source": source,
            f"{prefix}-{index}-year": year,
            f"{prefix}-{index}-amount": amount,
            f"{prefix}-{index}-justification": "",
        }
    return data


def test_untouched_extra_rows_of_the_edit_page_are_ignored(client, chief_nairobi):
    submission = _draft(chief_nairobi)
    client.force_login(chief_nairobi)
    url = reverse("budgets:submission_edit", args=[submission.pk])
    data = _formset_data(version=1, lines=[("hardware", "regular_budget", 2026, "300")])
    data |= {"form-TOTAL_FORMS": 3, "form-1-amount": "", "form-2-amount": ""}
    assert client.post(url, data).status_code == 302
    assert submission.lines.count() == 1


def test_the_reviewer_sees_the_previous_cycle_by_category_beside(client, budget_reviewer):
    from tests.budgets.factories import LineFactory, previous_cycle

    current = submission_of("unon", state="submitted", lines=0)
    LineFactory(submission=current, category="hardware", amount=Decimal("150"))
    old = submission_of("unon", state="approved", cycle=previous_cycle(), lines=0)
    LineFactory(submission=old, category="hardware", year=2024, amount=Decimal("100"))
    client.force_login(budget_reviewer)
    response = client.get(reverse("budgets:submission", args=[current.pk]))
    row = response.context["comparison"][0]
    assert (row["total"], row["previous"], row["change_percent"]) == (150, 100, Decimal("50.0"))
