"""Net present value, return on investment and payback period of a business case.

Computed from the case's costs and quantified benefits by year; never typed in.

Conventions (stated on the business case page):
- Year ``t`` counts from the case's first year (``t = 0``); each year's net flow (benefits minus
  costs) is discounted by ``(1 + rate) ** t``: the first year is not discounted.
- ROI = (total benefits - total costs) / total costs, undiscounted, over the case's years.
- Payback = years until cumulative net flow is no longer negative, interpolated linearly inside
  the year it turns (a case that never pays back has no payback period).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Appraisal:
    years: list
    costs: dict
    benefits: dict
    total_cost: Decimal
    total_benefit: Decimal
    npv: Decimal
    roi: Decimal | None
    payback_years: Decimal | None
    rate: Decimal


def discount_rate():
    return Decimal(str(settings.PORTFOLIO_DISCOUNT_RATE))


def flows_by_year(costs, benefits):
    """``costs`` and ``benefits``: iterables of ``(year, amount)``."""
    cost_by_year, benefit_by_year = {}, {}
    for year, amount in costs:
        cost_by_year[year] = cost_by_year.get(year, Decimal(0)) + Decimal(amount)
    for year, amount in benefits:
        benefit_by_year[year] = benefit_by_year.get(year, Decimal(0)) + Decimal(amount)
    years = sorted(set(cost_by_year) | set(benefit_by_year))
    if years:
        years = list(range(years[0], years[-1] + 1))
    return years, cost_by_year, benefit_by_year


def npv(net_flows, rate):
    """Net present value of ``net_flows`` (first year undiscounted)."""
    total = Decimal(0)
    for t, flow in enumerate(net_flows):
        total += Decimal(flow) / (1 + rate) ** t
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


def roi(total_benefit, total_cost):
    if not total_cost:
        return None
    return ((total_benefit - total_cost) / total_cost).quantize(
        Decimal("0.0001"), rounding=ROUND_HALF_UP
    )


def payback_years(net_flows):
    cumulative = Decimal(0)
    for index, flow in enumerate(net_flows):
        before = cumulative
        cumulative += Decimal(flow)
        if cumulative >= 0 and (before < 0 or index == 0):
            if before >= 0:
                return Decimal(0)
            fraction = -before / Decimal(flow)
            return (Decimal(index) + fraction).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return None


def appraise(costs, benefits, rate=None):
    rate = discount_rate() if rate is None else Decimal(str(rate))
    years, cost_by_year, benefit_by_year = flows_by_year(costs, benefits)
    net = [benefit_by_year.get(y, Decimal(0)) - cost_by_year.get(y, Decimal(0)) for y in years]
    total_cost = sum(cost_by_year.values(), Decimal(0))
    total_benefit = sum(benefit_by_year.values(), Decimal(0))
    return Appraisal(
        years=years,
        costs=cost_by_year,
        benefits=benefit_by_year,
        total_cost=total_cost,
        total_benefit=total_benefit,
        npv=npv(net, rate),
        roi=roi(total_benefit, total_cost),
        payback_years=payback_years(net) if total_cost else None,
        rate=rate,
    )


def appraise_case(business_case, rate=None):
    """Appraise a ``BusinessCase`` from its cost and benefit lines."""
    return appraise(
        [(line.year, line.amount) for line in business_case.costlines.all()],
        [(line.year, line.amount) for line in business_case.benefitlines.all()],
        rate,
    )
