"""The report's figures computed again, independently: plain Python loops over the rows,
no annotation, no grouping, none of ``portfolio.reports.builder``."""

import datetime
from decimal import Decimal

from governance.models import Decision
from portfolio.models import Project
from portfolio.reports.quarters import Quarter

FUNDED = {"approved", "in_delivery", "completed"}
PIPELINE = {
    "submitted",
    "accepted",
    "endorsed",
    "with_steering_committee",
    "with_executive_committee",
    "deferred",
}
CLOSED = {"rejected", "completed", "cancelled"}
RANK = {"red": 0, "amber": 1, "green": 2}


def _state(project, cutoff):
    moves = sorted(
        (t for t in project.transitions.all() if t.at < cutoff), key=lambda t: (t.at, t.pk)
    )
    return (moves[-1].to_state, moves[-1].at) if moves else ("draft", None)


def _case(project, cutoff):
    cases = [c for c in project.business_cases.all() if c.frozen_at and c.frozen_at < cutoff]
    return max(cases, key=lambda c: c.number) if cases else None


def _report(project, quarter):
    reports = [
        r
        for r in project.status_reports.all()
        if r.period <= quarter.end and r.created_at < quarter.cutoff
    ]
    return max(reports, key=lambda r: r.period) if reports else None


def _rag(report):
    if report is None:
        return "none"
    values = {report.schedule, report.budget, report.scope}
    for rag in ("red", "amber"):
        if rag in values:
            return rag
    return "green"


def expected_figures(quarter_text):
    q = Quarter.parse(quarter_text)
    cutoff = q.cutoff
    rows = []
    for p in Project.objects.prefetch_related(
        "transitions", "business_cases__costlines", "business_cases__risks", "status_reports"
    ).select_related("programme"):
        if p.created_at >= cutoff or p.state == "draft":
            continue
        state, since = _state(p, cutoff)
        if state == "draft":
            # The report shows what its readers may see: never a draft (issue 17).
            continue
        case = _case(p, cutoff)
        report = _report(p, q)
        rows.append(
            {
                "project": p,
                "programme": p.programme.code,
                "state": state,
                "since": since,
                "case": case,
                "budget": sum((c.amount for c in case.costlines.all()), Decimal(0))
                if case
                else Decimal(0),
                "spend": report.actual_spend if report else Decimal(0),
                "last_period": report.period if report else None,
                "rag": _rag(report),
                "rag_before": _rag(_report(p, q.previous)),
            }
        )

    by_programme_state = {}
    for r in rows:
        key = (r["programme"], r["state"])
        by_programme_state[key] = by_programme_state.get(key, 0) + 1

    spend = {}
    for r in rows:
        if r["state"] in FUNDED:
            budget, spent, n = spend.get(r["programme"], (Decimal(0), Decimal(0), 0))
            spend[r["programme"]] = (budget + r["budget"], spent + r["spend"], n + 1)

    rag = {}
    changes = {}
    for r in rows:
        if r["state"] == "in_delivery":
            rag[(r["programme"], r["rag"])] = rag.get((r["programme"], r["rag"]), 0) + 1
            before, now = r["rag_before"], r["rag"]
            if before not in RANK:
                change = "new"
            elif RANK[now if now in RANK else "red"] > RANK[before]:
                change = "improved"
            elif now not in RANK or RANK[now] < RANK[before]:
                change = "worsened"
            else:
                change = "unchanged"
            changes[r["project"].reference] = change

    decisions = [
        d
        for d in Decision.objects.select_related("body")
        if q.start_instant <= d.recorded_at < cutoff
    ]
    decisions_by_body = {}
    for d in decisions:
        decisions_by_body[(d.body.code, d.outcome)] = (
            decisions_by_body.get((d.body.code, d.outcome), 0) + 1
        )

    pipeline = sorted(
        (r for r in rows if r["state"] in PIPELINE), key=lambda r: (r["since"], r["project"].pk)
    )

    due = (q.end.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    overdue = []
    for r in rows:
        if r["state"] != "in_delivery":
            continue
        started = max(
            (
                t.at
                for t in r["project"].transitions.all()
                if t.to_state == "in_delivery" and t.at < cutoff
            ),
            default=None,
        )
        if r["last_period"] is not None:
            late = r["last_period"] < due
        else:
            late = started is not None and started.date() < due
        if late:
            overdue.append(r["project"].reference)

    risks = []
    for r in rows:
        if r["state"] in CLOSED or r["case"] is None:
            continue
        for risk in r["case"].risks.all():
            risks.append(
                (
                    -(risk.likelihood * risk.impact),
                    -risk.impact,
                    risk.pk,
                    r["project"].reference,
                    risk.description,
                )
            )
    risks.sort()

    return {
        "by_programme_state": by_programme_state,
        "project_count": len(rows),
        "previous_count": sum(
            1
            for p in Project.objects.prefetch_related("transitions")
            if p.created_at < q.previous.cutoff
            and p.state != "draft"
            and _state(p, q.previous.cutoff)[0] != "draft"
        ),
        "spend": spend,
        "rag": rag,
        "changes": changes,
        "decisions_by_body": decisions_by_body,
        "decision_count": len(decisions),
        "pipeline": [r["project"].reference for r in pipeline],
        "overdue": sorted(overdue),
        "risks": [(ref, text) for *_rest, ref, text in risks[:10]],
        "states": {r["project"].reference: r["state"] for r in rows},
        "budget_total": _budget_total(q),
        "survey": _survey(q),
    }


def _budget_total(q):
    from portfolio.budgets.models import BudgetCycle

    cycles = [c for c in BudgetCycle.objects.all() if c.opens_on <= q.end <= c.closes_on]
    if not cycles:
        return None
    total = Decimal(0)
    for submission in cycles[0].submissions.all():
        events = [e for e in submission.events.all() if e.to_state and e.created_at < q.cutoff]
        if not events:
            continue
        state = max(events, key=lambda e: (e.created_at, e.pk)).to_state
        if state != "draft":
            total += sum((line.amount for line in submission.lines.all()), Decimal(0))
    return total


def _survey(q):
    from survey.models import Survey

    surveys = sorted(
        (s for s in Survey.objects.all() if s.closes_on <= q.end and s.status == "closed"),
        key=lambda s: s.closes_on,
    )
    if not surveys:
        return None
    survey = surveys[-1]
    ratings = [
        a.rating for r in survey.responses.all() for a in r.answers.all() if a.topic.is_overall
    ]
    rated = [r for r in ratings if r != 0]
    satisfied = [r for r in rated if r >= 4]
    return {
        "target": survey.target,
        "overall": round(100 * len(satisfied) / len(rated), 1) if len(rated) >= 5 else None,
    }


def assert_figures_match(figures, expected):
    """Every figure the report shows against the independent computation."""
    got_states = {}
    for row in figures["portfolio"]["rows"]:
        for state, n in row["states"].items():
            if n:
                got_states[(row["programme"], state)] = n
    assert got_states == expected["by_programme_state"]
    assert figures["portfolio"]["totals"]["total"] == expected["project_count"]
    assert sum(figures["portfolio"]["previous_totals"].values()) == expected["previous_count"]
    assert {p["reference"]: p["state"] for p in figures["projects"]} == expected["states"]

    got_spend = {
        row["programme"]: (Decimal(str(row["budget"])), Decimal(str(row["spend"])), row["projects"])
        for row in figures["spend"]["rows"]
        if row["projects"]
    }
    assert got_spend == {
        k: (v[0].quantize(Decimal("0.01")), v[1].quantize(Decimal("0.01")), v[2])
        for k, v in expected["spend"].items()
    }
    assert Decimal(str(figures["spend"]["totals"]["spend"])) == sum(
        (v[1] for v in expected["spend"].values()), Decimal(0)
    )

    got_rag = {
        (row["programme"], rag): n
        for row in figures["rag"]["rows"]
        for rag, n in row["rag"].items()
        if n
    }
    assert got_rag == expected["rag"]
    assert {c["reference"]: c["change"] for c in figures["rag"]["changes"]} == expected["changes"]

    got_decisions = {
        (row["body"], outcome): n
        for row in figures["decisions"]["by_body"]
        for outcome, n in row["outcomes"].items()
        if n
    }
    assert got_decisions == expected["decisions_by_body"]
    assert figures["decisions"]["totals"]["total"] == expected["decision_count"]

    assert [p["reference"] for p in figures["pipeline"]] == expected["pipeline"]
    assert sorted(o["reference"] for o in figures["overdue"]["rows"]) == expected["overdue"]
    assert [(r["reference"], r["risk"]) for r in figures["risks"]] == expected["risks"]

    if expected["budget_total"] is None:
        assert figures["budget"] is None
    else:
        assert Decimal(str(figures["budget"]["total"])) == expected["budget_total"]
    if expected["survey"] is None:
        assert figures["survey"] is None
    else:
        assert figures["survey"]["overall"] == expected["survey"]["overall"]
        assert figures["survey"]["target"] == expected["survey"]["target"]
