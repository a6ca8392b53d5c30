"""Envelopes that bind (issue 11, paras 27(b), 49(i)-(j)).

A steering committee approves a project only within the resources the Executive Committee
allocated to its programme: for every year in which the project's business case has costs,
the programme's committed total (the costs of that year of its approved and in-delivery
projects) plus this project's must stay within the envelope set for that year. Where no
envelope is set for a year with costs, only the Executive Committee may approve; the
committee may refer the project to it instead ("referred").

The envelope rows of the programme's years are locked (``SELECT ... FOR UPDATE``) before the
committed sums are read, so two approvals at once cannot jointly exceed an envelope: the
second reads the first's commitment once the first commits.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery, Sum
from django.utils.translation import gettext as _

from .choices import EnvelopeState, ProjectState
from .models import BusinessCase, CostLine, ResourceEnvelope

#: States whose costs are committed against the envelope.
COMMITTED_STATES = (ProjectState.APPROVED, ProjectState.IN_DELIVERY)
#: States of a proposal submitted and not yet decided: its cost awaits a decision.
AWAITING_DECISION_STATES = (
    ProjectState.SUBMITTED,
    ProjectState.ACCEPTED,
    ProjectState.ENDORSED,
    ProjectState.WITH_STEERING_COMMITTEE,
    ProjectState.WITH_EXECUTIVE_COMMITTEE,
    ProjectState.DEFERRED,
)


@dataclass(frozen=True)
class YearCheck:
    year: int
    envelope: Decimal | None
    committed: Decimal
    cost: Decimal

    @property
    def shortfall(self):
        if self.envelope is None:
            return None
        return max(Decimal(0), self.committed + self.cost - self.envelope)


def costs_by_year(case):
    totals = defaultdict(Decimal)
    for year, amount in CostLine.objects.filter(business_case=case).values_list("year", "amount"):
        totals[year] += amount
    return dict(totals)


def _latest_case_lines(years, states):
    """The cost lines, in ``years``, of the latest submitted business case of each project in
    ``states``."""
    latest = (
        BusinessCase.objects.filter(project=OuterRef("business_case__project"))
        .exclude(frozen_at=None)
        .order_by("-number")
        .values("pk")[:1]
    )
    return CostLine.objects.filter(
        year__in=list(years),
        business_case__project__state__in=states,
        business_case_id=Subquery(latest),
    )


def committed_by_year(programme_id, years, *, exclude_project=None):
    """The costs, per year, of the programme's approved and in-delivery projects (each
    project's latest submitted business case)."""
    lines = _latest_case_lines(years, COMMITTED_STATES).filter(
        business_case__project__programme_id=programme_id
    )
    if exclude_project is not None:
        lines = lines.exclude(business_case__project=exclude_project)
    rows = lines.values("year").annotate(total=Sum("amount"))
    found = {row["year"]: row["total"] for row in rows}
    return {year: found.get(year) or Decimal(0) for year in years}


def totals_by_programme_year(years, states):
    """``{(programme id, year): total}`` of the costs in ``years`` of every project in
    ``states`` (its latest submitted business case), all programmes in one query; a pair
    without costs is absent."""
    rows = (
        _latest_case_lines(years, states)
        .values("business_case__project__programme_id", "year")
        .annotate(total=Sum("amount"))
    )
    return {
        (row["business_case__project__programme_id"], row["year"]): row["total"] for row in rows
    }


def envelopes_in_force(years):
    """``{(programme id, year): ResourceEnvelope}``: the envelope set last for each pair (one
    query)."""
    current = {}
    for envelope in ResourceEnvelope.objects.filter(
        year__in=list(years), state=EnvelopeState.SET
    ).order_by("-pk"):
        current.setdefault((envelope.programme_id, envelope.year), envelope)
    return current


def set_envelopes(programme_id, years, *, lock=False):
    """The envelope in force (the latest set) per year; with ``lock``, the rows are locked."""
    envelopes = ResourceEnvelope.objects.filter(
        programme_id=programme_id, year__in=list(years), state=EnvelopeState.SET
    ).order_by("year", "-pk")
    if lock:
        envelopes = envelopes.select_for_update()
    current = {}
    for envelope in envelopes:
        current.setdefault(envelope.year, envelope)
    return current


def check(project, case, *, lock=True):
    """The year checks of approving ``project`` on ``case``; locks the envelope rows."""
    costs = {year: amount for year, amount in costs_by_year(case).items() if amount}
    if not costs:
        return []
    envelopes = set_envelopes(project.programme_id, costs, lock=lock)
    committed = committed_by_year(project.programme_id, costs, exclude_project=project)
    return [
        YearCheck(
            year=year,
            envelope=envelopes[year].amount if year in envelopes else None,
            committed=committed[year],
            cost=costs[year],
        )
        for year in sorted(costs)
    ]


def _usd(amount):
    return f"USD {amount:,.0f}"


def refusal(checks):
    """The message refusing a steering committee's approval, or ``None`` when it fits."""
    missing = [c for c in checks if c.envelope is None]
    if missing:
        return _(
            "The Executive Committee has set no envelope for %(years)s, a year in which the "
            "business case has costs: only the Executive Committee may approve this project. "
            "Refer it to the Executive Committee instead."
        ) % {"years": ", ".join(str(c.year) for c in missing)}
    over = [c for c in checks if c.shortfall]
    if over:
        return (
            " ".join(
                _(
                    "%(year)s: envelope %(envelope)s, already committed %(committed)s, this "
                    "project %(cost)s: short by %(shortfall)s."
                )
                % {
                    "year": c.year,
                    "envelope": _usd(c.envelope),
                    "committed": _usd(c.committed),
                    "cost": _usd(c.cost),
                    "shortfall": _usd(c.shortfall),
                }
                for c in over
            )
            + " "
            + _(
                "The approval would exceed the envelope the Executive Committee allocated; refer "
                "the project to the Executive Committee instead, or ask it to rebalance."
            )
        )
    return None
