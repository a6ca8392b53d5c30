"""The efficient frontier: for each budget, the set of projects of greatest total value that
fits the budget, each programme's envelope in each year and the dependencies between projects.

Each point is an exact 0-1 integer programme solved by SciPy's ``milp`` (the HiGHS solver),
not a heuristic::

    maximise    sum(value[i] * x[i])
    subject to  sum(cost[i] * x[i])                     <= budget
                sum(cost[i, y] * x[i] for i in programme p) <= envelope[p, y]   (where set)
                x[i] <= x[j]                             for i requiring j
                x[i] in {0, 1}

Values (weighted scores to two decimals) enter in hundredths, so the objective is integral
and HiGHS proves optimality exactly (no relative gap is allowed). A point that would take
longer than its time limit gives the best set found and says so (``exact`` false, with the
solver's gap). ``solve`` is pure (plain numbers in, plain numbers out): the tests compare it
with brute force, and ``tests/bench/frontier.py`` times it on 200 projects.
"""

import time
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

#: a solve that takes longer than this gives its best point so far, marked inexact
TIME_LIMIT_SECONDS = 30
#: the pages' and the API's limit per point: a request never waits long
REQUEST_TIME_LIMIT_SECONDS = 3


@dataclass(frozen=True)
class Item:
    key: int
    group: str
    #: year -> cost
    costs: dict
    value: float
    requires: frozenset = frozenset()

    @property
    def cost(self):
        return sum(self.costs.values())


@dataclass
class Point:
    budget: float
    cost: float
    value: float
    keys: list = field(default_factory=list)
    exact: bool = True
    #: the solver's relative gap when not proven optimal
    gap: float = 0.0


def solve(items, budget, envelopes=None, *, time_limit=TIME_LIMIT_SECONDS):
    """The best set of ``items`` within ``budget`` and ``envelopes`` ((group, year) -> cap).

    Returns a ``Point``; ``keys`` are the chosen items' keys, in the order given."""
    items = list(items)
    n = len(items)
    if n == 0:
        return Point(budget=float(budget), cost=0.0, value=0.0)
    envelopes = envelopes or {}
    costs = np.array([float(item.cost) for item in items])
    hundredths = np.array([round(float(item.value) * 100) for item in items], dtype=float)
    objective = -hundredths
    index = {item.key: i for i, item in enumerate(items)}
    rows, lower, upper = [], [], []
    rows.append({i: costs[i] for i in range(n)})
    lower.append(-np.inf)
    upper.append(float(budget))
    for (group, year), cap in sorted(envelopes.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
        row = {
            i: float(item.costs.get(year, 0))
            for i, item in enumerate(items)
            if item.group == group and item.costs.get(year)
        }
        if row:
            rows.append(row)
            lower.append(-np.inf)
            upper.append(float(cap))
    for i, item in enumerate(items):
        for required in item.requires:
            j = index.get(required)
            if j is None:
                # What it requires is not on offer: it cannot be chosen.
                rows.append({i: 1.0})
                lower.append(-np.inf)
                upper.append(0.0)
            else:
                rows.append({i: 1.0, j: -1.0})
                lower.append(-np.inf)
                upper.append(0.0)
    matrix = lil_matrix((len(rows), n))
    for r, row in enumerate(rows):
        for i, coefficient in row.items():
            matrix[r, i] = coefficient
    result = milp(
        objective,
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        constraints=LinearConstraint(matrix.tocsr(), lower, upper),
        options={"time_limit": time_limit, "mip_rel_gap": 0},
    )
    if result.x is None:
        return Point(budget=float(budget), cost=0.0, value=0.0, exact=False)
    chosen = [i for i in range(n) if result.x[i] > 0.5]
    return Point(
        budget=float(budget),
        cost=float(sum(costs[i] for i in chosen)),
        value=float(sum(hundredths[i] for i in chosen)) / 100,
        keys=[items[i].key for i in chosen],
        exact=result.status == 0,
        gap=0.0 if result.status == 0 else float(getattr(result, "mip_gap", 0) or 0),
    )


def frontier(items, budgets, envelopes=None, *, time_limit=TIME_LIMIT_SECONDS):
    """``solve`` at each budget, in increasing order; a point that adds no value to the one
    before is dropped (a dearer set of equal value is not efficient)."""
    points = []
    for budget in sorted(budgets):
        point = solve(items, budget, envelopes, time_limit=time_limit)
        if points and point.value <= points[-1].value:
            continue
        points.append(point)
    return points


def budget_steps(low, high, steps):
    low, high = float(low), float(high)
    if steps < 2 or high <= low:
        return [high]
    return [low + (high - low) * k / (steps - 1) for k in range(steps)]


# --------------------------------------------------------------------------- the portfolio
@dataclass
class PortfolioFrontier:
    points: list
    first_year: int
    last_year: int
    low: Decimal
    high: Decimal
    seconds: float
    #: candidate pk -> Candidate
    candidates: dict


def portfolio_frontier(
    *, first_year, last_year, low=None, high=None, steps=12, time_limit=REQUEST_TIME_LIMIT_SECONDS
):
    """The frontier over the projects a scenario plans over (``selectors.candidates``), their
    costs over ``first_year``..``last_year``, within the envelopes the Executive Committee has
    set for those years."""
    from programmes.models import Programme

    from .selectors import candidates, set_envelopes

    years = list(range(first_year, last_year + 1))
    rows = candidates()
    items = [
        Item(
            key=c.pk,
            group=c.project.programme_id,
            costs={y: float(c.costs.get(y, 0)) for y in years if c.costs.get(y)},
            value=float(c.value or 0),
            requires=frozenset(c.requires),
        )
        for c in rows
    ]
    everything = sum((c.cost_in(years) for c in rows), Decimal(0))
    low = Decimal(0) if low is None else Decimal(low)
    high = everything if high is None else Decimal(high)
    envelopes = {
        (programme_id, year): float(amount)
        for (programme_id, year), amount in set_envelopes(years).items()
        if programme_id in set(Programme.objects.values_list("pk", flat=True))
    }
    started = time.perf_counter()
    points = frontier(items, budget_steps(low, high, steps), envelopes, time_limit=time_limit)
    return PortfolioFrontier(
        points=points,
        first_year=first_year,
        last_year=last_year,
        low=low,
        high=high,
        seconds=time.perf_counter() - started,
        candidates={c.pk: c for c in rows},
    )
