"""NPV, ROI and payback against worked examples computed by hand."""

from decimal import Decimal

import pytest

from portfolio import finance
from tests.portfolio.factories import draft

D = Decimal


def test_npv_roi_payback_of_a_three_year_case_at_ten_percent():
    # Costs 1,000 in 2026; benefits 600 in 2027 and 2028; rate 10 %.
    # Net flows: -1000, +600, +600.
    # NPV = -1000 + 600/1.1 + 600/1.21 = -1000 + 545.4545 + 495.8678 = 41.3223 -> 41.32
    # ROI = (1200 - 1000) / 1000 = 0.20
    # Cumulative: -1000, -400, +200: pays back in year 3, 400/600 into it -> 2.67 years
    result = finance.appraise([(2026, 1000)], [(2027, 600), (2028, 600)], rate="0.10")
    assert result.npv == D("41.32")
    assert result.roi == D("0.2000")
    assert result.payback_years == D("2.67")
    assert result.total_cost == D(1000) and result.total_benefit == D(1200)


def test_one_time_and_recurring_costs_at_eight_percent():
    # Costs: one-time 500 in 2026, recurring 100 in 2026, 2027, 2028 -> 600, 100, 100.
    # Benefits: 400 in 2027 and 2028. Net flows: -600, +300, +300.
    # NPV = -600 + 300/1.08 + 300/1.1664 = -600 + 277.7778 + 257.2016 = -65.0206 -> -65.02
    # ROI = (800 - 800) / 800 = 0
    # Cumulative: -600, -300, 0: paid back exactly at the end of year 3 -> 3.00 years
    costs = [(2026, 500), (2026, 100), (2027, 100), (2028, 100)]
    result = finance.appraise(costs, [(2027, 400), (2028, 400)], rate="0.08")
    assert result.npv == D("-65.02")
    assert result.roi == D("0.0000")
    assert result.payback_years == D("3.00")


def test_a_case_that_never_pays_back_has_no_payback_and_a_negative_roi():
    # Costs 1,000, benefits 100: ROI = (100 - 1000) / 1000 = -0.90; NPV at 0 % = -900.
    result = finance.appraise([(2026, 1000)], [(2027, 100)], rate="0")
    assert result.payback_years is None
    assert result.roi == D("-0.9000")
    assert result.npv == D("-900.00")


def test_gap_years_count_in_the_discounting():
    # Costs 1,000 in 2026; benefit 1,210 in 2028 (nothing in 2027); rate 10 %.
    # NPV = -1000 + 0/1.1 + 1210/1.21 = -1000 + 1000 = 0.00; payback: 1 + 1 + 1000/1210 = 2.83
    result = finance.appraise([(2026, 1000)], [(2028, 1210)], rate="0.10")
    assert result.years == [2026, 2027, 2028]
    assert result.npv == D("0.00")
    assert result.payback_years == D("2.83")


def test_no_cost_gives_no_roi():
    assert finance.appraise([], [(2026, 10)]).roi is None


@pytest.mark.django_db
def test_a_business_case_is_appraised_from_its_lines_with_the_settings_rate(personas, settings):
    settings.PORTFOLIO_DISCOUNT_RATE = "0.10"
    # draft(): cost 300,000 in 2026, benefit 150,000 in 2027.
    # NPV = -300000 + 150000/1.1 = -300000 + 136363.636 = -163636.36
    project = draft(personas)
    result = finance.appraise_case(project.current_case())
    assert result.npv == D("-163636.36")
    assert result.roi == D("-0.5000")
    assert result.payback_years is None
