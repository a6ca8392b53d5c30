"""core.charts: bar geometry scaled to the largest value; the template draws it accessibly."""

from decimal import Decimal

from django.template.loader import render_to_string

from core.charts import bar_chart, bars


def test_bars_are_scaled_to_the_largest_and_stacked():
    chart = bar_chart([("a", 50), ("b", 100, "100 USD", "bar-spend")], plot_width=200)
    first, second = chart.bars
    assert (first.width, second.width) == (100.0, 200.0)
    assert (first.y, second.y) == (0, chart.bar_height + 6)
    assert second.text == "100 USD" and second.css == "bar-spend" and first.text == ""
    assert chart.height == 2 * (chart.bar_height + 6)
    assert chart.width == chart.label_width + 200 + chart.text_room


def test_an_empty_or_all_zero_chart_has_room_for_one_row_and_no_division_by_zero():
    assert bar_chart([]).height == bar_chart([("a", 0)]).height > 0
    assert bar_chart([("a", 0), ("b", None)]).bars[1].width == 0


def test_bars_of_dicts_and_the_template_gives_a_title_and_each_number_as_text():
    chart = bars([{"name": "Geneva", "total": Decimal("1234.4")}], title="Budget")
    page = render_to_string("core/_bar_chart.html", {"chart": chart, "chart_id": "c"})
    assert 'role="img"' in page and '<title id="c-title">Budget</title>' in page
    assert ">1,234<" in page and "Geneva" in page
