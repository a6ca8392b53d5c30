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


def test_the_bars_are_written_as_the_template_loop_wrote_them():
    from django.utils import translation

    chart = bar_chart(
        [("<b>A very long unit name, longer than the room</b>", 50), ("B", 100, "100 USD", "x")],
        plot_width=200,
    )
    with translation.override("fr"):
        page = render_to_string("core/_bar_chart.html", {"chart": chart, "chart_id": "c"})
    assert "<b>" not in page
    assert "&lt;b&gt;A very long unit name, longe…</text>" in page
    assert '<g>\n    <text x="220" y="15" text-anchor="end" font-size="12">' in page
    assert '<rect x="224" y="0" width="100.0" height="22" fill="#1f5c99"></rect>' in page
    assert '<text x="228" dx="100.0" y="15" font-size="12">50</text>' in page
    assert '<g class="x">' in page and ">100 USD</text>" in page
    big = bar_chart([("Geneva", Decimal("1234567.4"))])
    with translation.override("fr"):
        page = render_to_string("core/_bar_chart.html", {"chart": big, "chart_id": "c"})
    assert ">1\xa0234\xa0567</text>" in page
