"""The figures, as of the quarter's end, against an independent computation."""

import pytest
from django.core.exceptions import ValidationError

from portfolio.reports.builder import build_figures
from portfolio.reports.quarters import Quarter

from .expected import assert_figures_match, expected_figures
from .factories import make_history

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(personas):
    return make_history(personas)


def test_the_figures_equal_an_independent_computation(history):
    figures = build_figures("2026-Q3")
    assert_figures_match(figures, expected_figures("2026-Q3"))


def test_the_previous_quarter_also_matches(history):
    assert_figures_match(build_figures("2026-Q2"), expected_figures("2026-Q2"))


def test_a_project_approved_after_the_quarter_is_still_with_the_committee(history):
    figures = build_figures("2026-Q3")
    states = {p["reference"]: p["state"] for p in figures["projects"]}
    assert history["p2"].state == "approved"
    assert states[history["p2"].reference] == "with_steering_committee"
    assert [p["reference"] for p in figures["pipeline"]] == [history["p2"].reference]


def test_projects_created_after_the_quarter_are_left_out(history):
    references = {p["reference"] for p in build_figures("2026-Q3")["projects"]}
    assert history["p4"].reference not in references
    assert history["p6"].reference in references


def test_the_report_never_lists_a_draft_or_its_risks(history):
    """Issue 17: its readers (committees, reviewers, REST clients) may not see others' drafts."""
    from portfolio.models import Risk

    Risk.objects.create(
        business_case=history["p5"].case, description="Draft risk", likelihood=5, impact=5
    )
    figures = build_figures("2026-Q3")
    text = str(figures)
    assert history["p5"].reference not in text and history["p5"].title not in text
    assert "Draft risk" not in text
    assert figures["portfolio"]["totals"]["states"]["draft"] == 0


def test_spend_and_rag_come_from_reports_filed_by_the_quarters_end(history):
    figures = build_figures("2026-Q3")
    p1 = next(p for p in figures["projects"] if p["reference"] == history["p1"].reference)
    # The September report (red, 400,000) was filed in October: not in Q3's report.
    assert p1["spend"] == 250000.50
    assert p1["rag"] == "amber"
    assert p1["rag_before"] == "green"
    change = {c["reference"]: c["change"] for c in figures["rag"]["changes"]}
    assert change[history["p1"].reference] == "worsened"
    infrastructure = next(r for r in figures["spend"]["rows"] if r["programme"] == "infrastructure")
    assert infrastructure["budget"] == 800000.0
    assert infrastructure["percent_spent"] == 31.3


def test_decisions_are_those_recorded_in_the_quarter(history):
    figures = build_figures("2026-Q3")
    assert figures["decisions"]["totals"]["total"] == 2
    bodies = {r["body"] for r in figures["decisions"]["rows"]}
    assert bodies == {"im-steering", "executive-committee"}
    # Every decision body has a row, with zeros where it decided nothing.
    assert {"km-steering", "rm-steering"} <= {r["body"] for r in figures["decisions"]["by_body"]}


def test_overdue_and_top_risks(history):
    figures = build_figures("2026-Q3")
    assert [o["reference"] for o in figures["overdue"]["rows"]] == [history["p3"].reference]
    risks = [(r["reference"], r["exposure"]) for r in figures["risks"]]
    # The withdrawn project's 25-point risk is left out.
    assert risks == [
        (history["p2"].reference, 20),
        (history["p3"].reference, 9),
        (history["p2"].reference, 4),
    ]


def test_staffing_totals_come_from_the_snapshots_on_or_before_the_quarters_end(history):
    figures = build_figures("2026-Q3")
    assert figures["staffing"]["totals"]["total"] == 3783
    assert figures["staffing"]["as_of"] == "2026-09-30"


def test_the_number_of_queries_does_not_grow_with_projects(history, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        build_figures("2026-Q3")
    make_history(__import__("tests.testing.personas", fromlist=["x"]).ensure_personas())
    with CaptureQueriesContext(connection) as after:
        build_figures("2026-Q3")
    assert len(after) == len(before)


def test_quarters():
    q = Quarter.parse("2026-q3")
    assert str(q) == "2026-Q3"
    assert q.start.isoformat() == "2026-07-01" and q.end.isoformat() == "2026-09-30"
    assert str(q.previous) == "2026-Q2" and str(Quarter.parse("2026-Q1").previous) == "2025-Q4"
    assert str(Quarter.parse("2026-Q4").next) == "2027-Q1"
    for bad in ("0000-Q1", "2026-Q5", "2026Q1", ""):
        with pytest.raises(ValidationError):
            Quarter.parse(bad)


def test_budget_and_survey_sections(history):
    figures = build_figures("2026-Q3")
    assert figures["budget"]["cycle"] == "2026-2027"
    assert figures["budget"]["total"] == 200000.25  # Nairobi submitted in October
    assert [u["unit"] for u in figures["budget"]["units"]] == ["unog"]
    assert build_figures("2026-Q1")["budget"]["total"] == 200000.25
    assert figures["survey"]["overall"] == 60.0
    assert figures["survey"]["gap"] == -20.0 and figures["survey"]["meets_target"] is False
    # Q1 ended before the survey closed and before the cycle opened... the cycle opened on
    # 1 January, so Q1 has it; it has no survey.
    assert build_figures("2026-Q1")["survey"] is None


def test_the_change_in_states_since_the_previous_quarter(history):
    portfolio = build_figures("2026-Q3")["portfolio"]
    # P2 moved from endorsed (end of Q2) to the steering committee; P6 was withdrawn.
    assert portfolio["previous_totals"]["endorsed"] == 1
    assert portfolio["totals"]["states"]["endorsed"] == 0
    assert portfolio["previous_totals"]["submitted"] == 1
    assert portfolio["totals"]["states"]["cancelled"] == 1
