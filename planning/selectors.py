"""Reads of the planning area: scenarios as the user may see them, and the figures of a
scenario (costs per programme and year against the envelopes, value score, risk).

Every figure is computed from the same ``candidates()`` rows, read in a fixed number of
queries whatever the number of projects: the projects a scenario plans over, each with its
cost per year (the decided business case), its value score (its steering committee's
weighted criteria, ``portfolio.prioritisation``) and its risk (the highest likelihood x impact
of its business case's risks)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Sum
from django.http import Http404

from governance.choices import BodyKind
from governance.models import Body
from portfolio.choices import DEFAULT_WEIGHTS, EnvelopeState
from portfolio.models import CostLine, CriterionWeight, Project, ResourceEnvelope, Risk, Score
from portfolio.prioritisation import weighted_score
from programmes.models import Programme

from . import permissions
from .choices import FUNDED_CHOICES, PLANNED_STATES, Choice, ScenarioState, default_choice
from .models import ProjectDependency, Scenario

CENT = Decimal("0.01")


# --------------------------------------------------------------------------- scenarios
def scenarios_visible_to(user):
    """Planners see every scenario; the Executive Committee's members those put before it
    and decided (a draft is a working paper of OICT)."""
    if not permissions.can_read_plans(user):
        return Scenario.objects.none()
    qs = Scenario.objects.select_related("created_by")
    if not permissions.can_see_drafts(user):
        qs = qs.exclude(state=ScenarioState.DRAFT)
    return qs.order_by("name", "-number")


def scenario_visible_to(scenario, user):
    """The governance subject's visibility (``planning/apps.py``)."""
    return scenarios_visible_to(user).filter(pk=scenario.pk).exists()


def get_scenario(user, pk):
    scenario = scenarios_visible_to(user).filter(pk=pk).first()
    if scenario is None:
        raise Http404
    return scenario


# --------------------------------------------------------------------------- candidates
@dataclass
class Candidate:
    project: Project
    #: year -> cost (USD) of the decided business case
    costs: dict = field(default_factory=dict)
    value: Decimal | None = None
    risk: int | None = None
    requires: set = field(default_factory=set)

    @property
    def pk(self):
        return self.project.pk

    @property
    def is_running(self):
        return default_choice(self.project.state) == Choice.FUND

    def cost_in(self, years):
        return sum((self.costs.get(y, Decimal(0)) for y in years), Decimal(0))


def candidates():
    """Every project a scenario plans over, by programme order then title (5 queries)."""
    projects = list(
        Project.objects.filter(state__in=PLANNED_STATES)
        .select_related("programme")
        .order_by("programme__order", "title", "pk")
    )
    ids = [p.pk for p in projects]
    rows = {p.pk: Candidate(project=p) for p in projects}
    # The decided case is the latest frozen version: sum the lines of each frozen version and
    # keep the latest version's.
    latest = {}
    for line in (
        CostLine.objects.filter(
            business_case__project__in=ids, business_case__frozen_at__isnull=False
        )
        .values("business_case__project", "business_case__number", "year")
        .annotate(total=Sum("amount"))
    ):
        pk, number = line["business_case__project"], line["business_case__number"]
        if number > latest.get(pk, 0):
            latest[pk] = number
            rows[pk].costs = {}
        if number == latest[pk]:
            rows[pk].costs[line["year"]] = line["total"]
    risk_version = {}
    for line in Risk.objects.filter(
        business_case__project__in=ids, business_case__frozen_at__isnull=False
    ).values("business_case__project", "business_case__number", "likelihood", "impact"):
        pk, number = line["business_case__project"], line["business_case__number"]
        if number < risk_version.get(pk, 0):
            continue
        if number > risk_version.get(pk, 0):
            risk_version[pk] = number
            rows[pk].risk = None
        exposure = line["likelihood"] * line["impact"]
        rows[pk].risk = max(rows[pk].risk or 0, exposure)
    _values(rows, ids)
    for dep in ProjectDependency.objects.filter(project__in=ids).values("project", "requires"):
        rows[dep["project"]].requires.add(dep["requires"])
    return list(rows.values())


def _values(rows, ids):
    """Each project's value score: its steering committee's weighted mean of the members'
    average scores on each criterion (the ranking's score), on the version they scored."""
    committees = {
        b.programme_id: b.pk
        for b in Body.objects.filter(kind=BodyKind.STEERING_COMMITTEE).only("pk", "programme")
    }
    weights = defaultdict(lambda: dict(DEFAULT_WEIGHTS))
    for w in CriterionWeight.objects.filter(body__in=committees.values()):
        weights[w.body_id][w.criterion] = w.weight
    averages = defaultdict(dict)
    for row in (
        Score.objects.filter(project__in=ids, body__in=committees.values())
        .values("project", "body", "criterion")
        .annotate(avg=Avg("value"))
    ):
        averages[(row["project"], row["body"])][row["criterion"]] = row["avg"]
    for pk, candidate in rows.items():
        body = committees.get(candidate.project.programme_id)
        scores = averages.get((pk, body))
        if scores:
            candidate.value = weighted_score(scores, weights[body])


# --------------------------------------------------------------------------- figures
@dataclass
class Line:
    """One project in a scenario."""

    candidate: Candidate
    choice: str
    phase_percent: int | None
    priority: int | None
    #: year -> cost in this scenario
    costs: dict
    #: value counted (a first phase counts its share)
    value: Decimal

    @property
    def project(self):
        return self.candidate.project

    @property
    def total(self):
        return sum(self.costs.values(), Decimal(0))

    @property
    def funded(self):
        return self.choice in FUNDED_CHOICES

    def get_choice_display(self):
        return Choice(self.choice).label


@dataclass
class Cell:
    programme: Programme
    year: int
    cost: Decimal
    envelope: Decimal | None

    @property
    def headroom(self):
        return None if self.envelope is None else self.envelope - self.cost

    @property
    def over(self):
        return self.envelope is not None and self.cost > self.envelope


@dataclass
class Figures:
    scenario: Scenario
    lines: list
    #: (programme code, year) -> Cell
    cells: dict
    programmes: list
    years: list
    total_cost: Decimal
    total_value: Decimal
    #: cost-weighted mean of the funded projects' risk exposure (1-25), None if none funded
    risk: Decimal | None
    funded_count: int

    def row(self, programme):
        return [self.cells[(programme.code, y)] for y in self.years]

    @property
    def grid(self):
        """(programme, its cells by year) for each programme: the envelope table's rows."""
        return [(p, self.row(p)) for p in self.programmes]

    @property
    def year_totals(self):
        return [
            sum((self.cells[(p.code, y)].cost for p in self.programmes), Decimal(0))
            for y in self.years
        ]

    @property
    def over_envelope(self):
        return [cell for cell in self.cells.values() if cell.over]


def line_costs(candidate, choice, phase_percent, years):
    if choice == Choice.FUND:
        share = Decimal(1)
    elif choice == Choice.PHASE:
        share = Decimal(phase_percent or 0) / 100
    else:
        share = Decimal(0)
    return {
        y: (candidate.costs.get(y, Decimal(0)) * share).quantize(CENT, rounding=ROUND_HALF_UP)
        for y in years
    }


def figures(scenario, *, rows=None, programmes=None):
    """The scenario's figures; ``rows`` (``candidates()``) and ``programmes`` may be shared
    between scenarios compared side by side."""
    rows = candidates() if rows is None else rows
    programmes = list(Programme.objects.order_by("order")) if programmes is None else programmes
    chosen = {c.project_id: c for c in scenario.choices.all()}
    envelopes = {(e.programme_id, e.year): e.amount for e in scenario.envelopes.all()}
    years = scenario.years
    lines = []
    for candidate in rows:
        chosen_row = chosen.get(candidate.pk)
        choice = chosen_row.choice if chosen_row else default_choice(candidate.project.state)
        percent = chosen_row.phase_percent if chosen_row else None
        value = candidate.value or Decimal(0)
        if choice == Choice.PHASE:
            value = (value * Decimal(percent or 0) / 100).quantize(CENT)
        elif choice not in FUNDED_CHOICES:
            value = Decimal(0)
        lines.append(
            Line(
                candidate=candidate,
                choice=choice,
                phase_percent=percent,
                priority=chosen_row.priority if chosen_row else None,
                costs=line_costs(candidate, choice, percent, years),
                value=value,
            )
        )
    cells = {}
    for programme in programmes:
        for year in years:
            cells[(programme.code, year)] = Cell(
                programme=programme,
                year=year,
                cost=Decimal(0),
                envelope=envelopes.get((programme.pk, year)),
            )
    by_pk = {p.pk: p for p in programmes}
    for line in lines:
        code = by_pk[line.project.programme_id].code
        for year, cost in line.costs.items():
            cells[(code, year)].cost += cost
    funded = [line for line in lines if line.funded]
    total_cost = sum((line.total for line in lines), Decimal(0))
    weighted = [(line.total, line.candidate.risk) for line in funded if line.candidate.risk]
    weight = sum((cost for cost, _risk in weighted), Decimal(0))
    risk = (
        (sum((cost * risk for cost, risk in weighted), Decimal(0)) / weight).quantize(CENT)
        if weight
        else None
    )
    return Figures(
        scenario=scenario,
        lines=lines,
        cells=cells,
        programmes=programmes,
        years=years,
        total_cost=total_cost,
        total_value=sum((line.value for line in lines), Decimal(0)),
        risk=risk,
        funded_count=len(funded),
    )


def comparison(scenarios):
    """Figures of up to four scenarios over the same candidates, side by side."""
    rows = candidates()
    programmes = list(Programme.objects.order_by("order"))
    scenarios = list(
        Scenario.objects.filter(pk__in=[s.pk for s in scenarios]).prefetch_related(
            "choices", "envelopes"
        )
    )
    return [figures(s, rows=rows, programmes=programmes) for s in scenarios]


def set_envelopes(years):
    """The envelopes the Executive Committee has set, (programme id, year) -> amount."""
    found = {}
    for envelope in ResourceEnvelope.objects.filter(
        year__in=list(years), state=EnvelopeState.SET
    ).order_by("pk"):
        found[(envelope.programme_id, envelope.year)] = envelope.amount
    return found


def scenario_with_lines(user, pk):
    scenario = get_scenario(user, pk)
    return Scenario.objects.prefetch_related("choices", "envelopes").get(pk=scenario.pk)


# --------------------------------------------------------------------------- rebalancing
@dataclass
class EnvelopeRow:
    """One programme in one year on the rebalancing page: the envelope in force (and the
    decision that set it), the money committed, the money awaiting a decision, headroom."""

    programme: Programme
    year: int
    envelope: ResourceEnvelope | None
    committed: Decimal
    awaiting: Decimal

    @property
    def amount(self):
        return self.envelope.amount if self.envelope is not None else None

    @property
    def decision_id(self):
        return self.envelope.decision_id if self.envelope is not None else None

    @property
    def decision_url(self):
        from django.urls import reverse

        decision_id = self.decision_id
        return reverse("governance:decision", args=[decision_id]) if decision_id else ""

    @property
    def headroom(self):
        """Envelope less committed money (negative: a shortfall), ``None`` without envelope."""
        return None if self.envelope is None else self.envelope.amount - self.committed

    @property
    def shortfall(self):
        headroom = self.headroom
        return -headroom if headroom is not None and headroom < 0 else None

    @property
    def headroom_after_pending(self):
        """What would remain if every proposal awaiting a decision were approved."""
        headroom = self.headroom
        return None if headroom is None else headroom - self.awaiting


@dataclass
class EnvelopeTable:
    years: list
    programmes: list
    #: (programme id, year) -> EnvelopeRow
    rows: dict
    #: rebalancings before the Executive Committee now
    pending: list

    def year_rows(self, year):
        return [self.rows[(p.pk, year)] for p in self.programmes]

    @property
    def by_year(self):
        """(year, its rows, its totals) for each year: the page's tables."""
        return [(y, self.year_rows(y), self.totals(y)) for y in self.years]

    def totals(self, year):
        rows = self.year_rows(year)
        envelopes = [r.amount for r in rows if r.amount is not None]
        return {
            "envelope": sum(envelopes, Decimal(0)) if envelopes else None,
            "committed": sum((r.committed for r in rows), Decimal(0)),
            "awaiting": sum((r.awaiting for r in rows), Decimal(0)),
        }


def envelope_table(years):
    """Per programme and year: envelope in force, committed, awaiting decision, headroom; and
    the rebalancings before the Executive Committee (5 queries whatever the portfolio's
    size)."""
    from portfolio.envelopes import (
        AWAITING_DECISION_STATES,
        COMMITTED_STATES,
        envelopes_in_force,
        totals_by_programme_year,
    )

    years = list(years)
    programmes = list(Programme.objects.order_by("order"))
    envelopes = envelopes_in_force(years)
    committed = totals_by_programme_year(years, COMMITTED_STATES)
    awaiting = totals_by_programme_year(years, AWAITING_DECISION_STATES)
    rows = {
        (p.pk, y): EnvelopeRow(
            programme=p,
            year=y,
            envelope=envelopes.get((p.pk, y)),
            committed=committed.get((p.pk, y)) or Decimal(0),
            awaiting=awaiting.get((p.pk, y)) or Decimal(0),
        )
        for p in programmes
        for y in years
    }
    return EnvelopeTable(
        years=years, programmes=programmes, rows=rows, pending=list(rebalancings_pending())
    )


def rebalancings_pending(year=None):
    """Rebalancings put before the Executive Committee and not yet decided."""
    from .choices import ScenarioKind

    qs = Scenario.objects.filter(
        kind=ScenarioKind.REBALANCING, state=ScenarioState.BEFORE_COMMITTEE
    ).order_by("first_year", "pk")
    if year is not None:
        qs = qs.filter(first_year=year)
    return qs
