"""`python -m tests.bench.frontier`: the efficient frontier on a synthetic portfolio of 200
projects (three programmes, three years, envelopes at 60% of each programme's yearly demand,
one in five projects with a dependency), 12 budgets from nothing to everything. A project's
yearly costs follow a profile (most in the first year), as business cases do. Prints the
time of each exact solve; a benchmark, not a timed test (the tests compare the solver with
brute force on small portfolios).

    make bench-frontier            # or: .venv/bin/python -m tests.bench.frontier [N] [POINTS]
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main():
    import random

    from planning.frontier import Item, budget_steps, solve

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 12
    rng = random.Random(2026)
    groups, years = ("knowledge", "resource", "infrastructure"), (2026, 2027, 2028)

    def profile(total):
        shares = (0.6, 0.25, 0.15)
        return {
            y: round(total * w * rng.uniform(0.8, 1.2), -3)
            for y, w in zip(years, shares, strict=True)
        }

    items = []
    for key in range(n):
        requires = (
            frozenset({rng.randrange(key)}) if key > 4 and rng.random() < 0.2 else frozenset()
        )
        items.append(
            Item(
                key=key,
                group=rng.choice(groups),
                costs=profile(rng.randrange(150_000, 6_000_000, 1_000)),
                value=round(rng.uniform(1, 5), 2),
                requires=requires,
            )
        )
    envelopes = {
        (g, y): sum(i.costs[y] for i in items if i.group == g) * 0.6 for g in groups for y in years
    }
    total = sum(i.cost for i in items)
    print(f"{n} projects, {len(envelopes)} envelopes, {steps} budgets")
    started = time.perf_counter()
    for budget in budget_steps(0, total, steps):
        t = time.perf_counter()
        point = solve(items, budget, envelopes)
        print(
            f"budget {budget:>16,.0f}  cost {point.cost:>16,.0f}  value {point.value:>8.2f}  "
            f"projects {len(point.keys):>3}  "
            f"{'optimal' if point.exact else f'NOT PROVEN (gap {point.gap:.2%})'}  "
            f"{time.perf_counter() - t:6.2f} s"
        )
    print(f"total: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
