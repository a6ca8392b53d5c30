"""Acceptance 2 of issue 18: the frontier's integer programme against brute force on small
synthetic portfolios (every subset tried), with envelopes and dependencies."""

import itertools
import random

import pytest

from planning.frontier import Item, budget_steps, frontier, solve


def synthetic(seed, n, *, groups=("k", "r", "i"), years=(2030, 2031)):
    rng = random.Random(seed)
    items = []
    for key in range(n):
        costs = {y: rng.randrange(0, 600_000, 10_000) for y in years}
        requires = frozenset()
        if key > 1 and rng.random() < 0.25:
            requires = frozenset({rng.randrange(0, key)})
        items.append(
            Item(
                key=key,
                group=rng.choice(groups),
                costs=costs,
                value=round(rng.uniform(1, 5), 2),
                requires=requires,
            )
        )
    envelopes = {(g, y): rng.randrange(300_000, 1_500_000, 50_000) for g in groups for y in years}
    return items, envelopes


def brute_force(items, budget, envelopes):
    best = 0.0
    keys = {item.key for item in items}
    for size in range(len(items) + 1):
        for subset in itertools.combinations(items, size):
            chosen = {item.key for item in subset}
            if sum(item.cost for item in subset) > budget:
                continue
            if any(not (item.requires <= chosen) or not (item.requires <= keys) for item in subset):
                continue
            fits = all(
                sum(item.costs.get(year, 0) for item in subset if item.group == group) <= cap
                for (group, year), cap in envelopes.items()
            )
            if fits:
                best = max(best, sum(item.value for item in subset))
    return round(best, 6)


@pytest.mark.parametrize("seed", range(8))
def test_the_frontier_matches_brute_force_on_small_portfolios(seed):
    items, envelopes = synthetic(seed, 10)
    total = sum(item.cost for item in items)
    for budget in budget_steps(0, total, 6):
        point = solve(items, budget, envelopes)
        assert point.exact
        assert point.value == pytest.approx(brute_force(items, budget, envelopes), abs=1e-6)
        chosen = [item for item in items if item.key in set(point.keys)]
        assert point.cost <= budget + 1e-6
        for item in chosen:
            assert item.requires <= set(point.keys)
        for (group, year), cap in envelopes.items():
            assert sum(i.costs.get(year, 0) for i in chosen if i.group == group) <= cap + 1e-6


def test_the_frontier_never_loses_value_as_the_budget_grows():
    items, envelopes = synthetic(42, 14)
    points = frontier(items, budget_steps(0, sum(i.cost for i in items), 10), envelopes)
    values = [p.value for p in points]
    assert values == sorted(values)
    assert len({tuple(sorted(p.keys)) for p in points}) == len(points)


def test_a_project_requiring_one_not_on_offer_is_never_chosen():
    items = [Item(key=1, group="k", costs={2030: 10}, value=5, requires=frozenset({99}))]
    assert solve(items, 100).keys == []
    assert solve([], 100).value == 0
