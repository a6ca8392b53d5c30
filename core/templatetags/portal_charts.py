"""``{% chart_bars chart %}``: the bars of a ``core.charts.BarChart`` as SVG, written in Python.

The template loop put each bar's numbers through the template engine (localising integers
one by one: a chart of 250 units cost more than the page's table); this writes the same
markup directly.
"""

from django import template
from django.template.defaultfilters import floatformat, truncatechars
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def chart_bars(chart):
    # Numbers are written as the engine wrote them (integers plain, widths to one decimal);
    # only the texts need escaping.
    bar_x, label_x, height = int(chart.bar_x), int(chart.label_width), int(chart.bar_height)
    parts = []
    for bar in chart.bars:
        css = f' class="{conditional_escape(bar.css)}"' if bar.css else ""
        # A label of 32 characters or fewer is never cut: skip the truncator's work.
        label = bar.label if len(str(bar.label)) <= 32 else truncatechars(bar.label, 32)
        label = conditional_escape(label)
        text = conditional_escape(bar.text if bar.text else floatformat(bar.value, "0g"))
        width = f"{float(bar.width):.1f}"
        parts.append(
            f"\n    <g{css}>"
            f'\n    <text x="{label_x}" y="{int(bar.text_y)}" text-anchor="end" '
            f'font-size="12">{label}</text>'
            f'\n    <rect x="{bar_x}" y="{int(bar.y)}" width="{width}" height="{height}" '
            f'fill="#1f5c99"></rect>'
            f'\n    <text x="{bar_x + 4}" dx="{width}" y="{int(bar.text_y)}" '
            f'font-size="12">{text}</text>'
            "\n    </g>\n    "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
