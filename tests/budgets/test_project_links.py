"""A budget line may fund only a project its author may see: the same rule for the edit form,
the API and the import, which all go through the budgets services."""

import pytest

from portfolio.budgets.imports import budget_lines_import
from portfolio.budgets.services import BudgetError, submission_save_lines
from portfolio.choices import ProjectState
from tests.budgets.factories import submission_of
from tests.portfolio.factories import draft, walk

pytestmark = pytest.mark.django_db


def line(project_id):
    return {
        "category": "hardware",
        "source": "regular_budget",
        "year": 2026,
        "amount": "1000",
        "justification": "",
        "initiative_id": None,
        "project_id": project_id,
    }


def test_a_line_cannot_fund_a_project_its_author_may_not_see(personas):
    hidden = draft(personas)  # the proponent's draft: chief.geneva may not see it
    submission = submission_of("unog")
    before = (submission.version, list(submission.lines.values_list("pk", "amount")))
    with pytest.raises(BudgetError, match="Unknown project"):
        submission_save_lines(
            submission=submission,
            lines=[line(hidden.pk)],
            expected_version=submission.version,
            actor=personas["chief.geneva"],
        )
    submission.refresh_from_db()
    assert (submission.version, list(submission.lines.values_list("pk", "amount"))) == before


def test_a_line_funds_a_submitted_project_its_author_may_see(personas):
    visible = walk(draft(personas), personas, ProjectState.SUBMITTED)
    # The CITO, chief of OICT, prepares OICT's budget and sees every project.
    oict = submission_of("oict")
    submission_save_lines(
        submission=oict,
        lines=[line(visible.pk)],
        expected_version=oict.version,
        actor=personas["cito"],
    )
    assert oict.lines.get().project_id == visible.pk


def test_the_import_reports_a_hidden_project_as_unknown(personas):
    hidden = draft(personas)
    submission = submission_of("unog")
    rows = [
        ["unit", "category", "source", "year", "amount", "justification", "initiative", "project"],
        ["unog", "hardware", "regular_budget", "2026", "1000", "", "", str(hidden.pk)],
    ]
    report = budget_lines_import(
        cycle=submission.cycle, rows=rows, actor=personas["chief.geneva"], dry_run=True
    )
    assert not report.ok
    assert any("unknown project" in str(reason) for _line, reason in report.errors)
