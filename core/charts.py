"""Bar and line charts drawn as inline SVG, accessible: each bar or point carries its number as
text and each chart has a title and a data table beside it, so nothing depends on colour alone.

``bar_chart`` computes a bar chart's geometry, ``line_chart`` a line over periods with a target
line (a KPI's trend); ``templates/core/_bar_chart.html`` and ``_line_chart.html`` draw them::

    chart = bar_chart([("Geneva", 120, "120"), ("Nairobi", 80, "80")], title=_("Staff"))
    {% include "core/_bar_chart.html" with chart=chart chart_id="staff" %}
"""

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Bar:
    label: str
    value: Decimal | float | int
    text: str
    y: int
    width: float
    css: str = ""
    text_y: int = 0


@dataclass
class BarChart:
    title: str
    bars: list = field(default_factory=list)
    label_width: int = 220
    plot_width: int = 360
    bar_height: int = 22
    height: int = 0
    #: room right of the longest bar for its number
    text_room: int = 140

    @property
    def bar_x(self):
        return self.label_width + 4

    @property
    def width(self):
        return self.label_width + self.plot_width + self.text_room


def bar_chart(
    items, *, title="", label_width=220, plot_width=360, bar_height=22, gap=6, text_room=140
):
    """A ``BarChart`` of ``items``: ``(label, value)``, ``(label, value, text)`` or
    ``(label, value, text, css)``; one bar per item, scaled to the largest value. Without a
    text, the template shows the value rounded, with the locale's separators."""
    items = [tuple(item) + (None,) * (4 - len(item)) for item in items]
    values = [Decimal(str(value or 0)) for _label, value, _text, _css in items]
    largest = max(values, default=Decimal(0)) or Decimal(1)
    step = bar_height + gap
    bars = [
        Bar(
            label=label,
            value=value if value is not None else 0,
            text=text or "",
            y=index * step,
            width=round(float(amount / largest * plot_width), 1),
            css=css or "",
            text_y=index * step + round(bar_height * 0.7),
        )
        for index, ((label, value, text, css), amount) in enumerate(zip(items, values, strict=True))
    ]
    return BarChart(
        title=title,
        bars=bars,
        label_width=label_width,
        plot_width=plot_width,
        bar_height=bar_height,
        height=max(len(bars), 1) * step,
        text_room=text_room,
    )


def bars(rows, *, label="name", value="total", title=""):
    """A ``BarChart`` of ``rows`` (dicts): one bar per row, ``row[label]`` and ``row[value]``."""
    return bar_chart([(row[label], row[value]) for row in rows], title=title)


@dataclass
class Point:
    label: str
    value: Decimal | float | int
    text: str
    x: float
    y: float


@dataclass
class LineChart:
    """A line over periods with an optional horizontal target line (``target_y``)."""

    title: str
    points: list = field(default_factory=list)
    width: int = 640
    height: int = 240
    left: int = 16
    #: room right of the plot for the target line's label
    right: int = 96
    top: int = 24
    bottom: int = 40
    target_y: float | None = None
    target_text: str = ""

    @property
    def polyline(self):
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def baseline_y(self):
        return self.height - self.bottom

    @property
    def label_y(self):
        return self.height - self.bottom + 18

    @property
    def plot_right(self):
        return self.width - self.right


def line_chart(items, *, title="", target=None, target_text="", width=640, height=240):
    """A ``LineChart`` of ``items``: ``(label, value)`` or ``(label, value, text)``, in order
    (oldest first); items without a value are left out. The vertical scale spans the values and
    the target with some room, so the target line is always inside the chart. Each point
    carries its number as text and the target line its own label: no colour is needed to read
    the chart. ``templates/core/_line_chart.html`` draws it."""
    items = [tuple(item) + (None,) * (3 - len(item)) for item in items]
    items = [(label, value, text) for label, value, text in items if value is not None]
    chart = LineChart(title=title, width=width, height=height, target_text=target_text)
    numbers = [Decimal(str(value)) for _label, value, _text in items]
    scale = numbers + ([Decimal(str(target))] if target is not None else [])
    if not scale:
        return chart
    low, high = min(scale), max(scale)
    room = (high - low) * Decimal("0.15") or (abs(high) * Decimal("0.1") or Decimal(1))
    low, high = low - room, high + room
    plot_height = height - chart.top - chart.bottom
    plot_width = width - chart.left - chart.right

    def y_of(number):
        return chart.top + float((high - Decimal(str(number))) / (high - low)) * plot_height

    step = plot_width / max(len(items), 1)
    chart.points = [
        Point(
            label=str(label),
            value=value,
            text=text or "",
            x=round(chart.left + step * (index + 0.5), 1),
            y=round(y_of(value), 1),
        )
        for index, (label, value, text) in enumerate(items)
    ]
    if target is not None:
        chart.target_y = round(y_of(target), 1)
    return chart


@dataclass
class Mark:
    label: str
    x: float
    y: float
    #: a letter or number drawn in the marker, so a series never depends on colour alone
    symbol: str = ""
    css: str = ""


@dataclass
class XYChart:
    """Points placed by two numbers (value against cost): a ``line`` series joined in order
    and ``marks`` drawn as labelled symbols. ``templates/core/_xy_chart.html`` draws it."""

    title: str
    x_title: str = ""
    y_title: str = ""
    line: list = field(default_factory=list)
    marks: list = field(default_factory=list)
    x_ticks: list = field(default_factory=list)
    y_ticks: list = field(default_factory=list)
    width: int = 640
    height: int = 320
    left: int = 64
    right: int = 24
    top: int = 16
    bottom: int = 48

    @property
    def polyline(self):
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.line)

    @property
    def baseline_y(self):
        return self.height - self.bottom

    @property
    def plot_right(self):
        return self.width - self.right


def xy_chart(line, marks=(), *, title="", x_title="", y_title="", x_text=str, y_text=str):
    """An ``XYChart``: ``line`` is ``(label, x, y)`` in order, ``marks`` ``(label, x, y,
    symbol)``; both axes start at zero and end past the largest value. ``x_text``/``y_text``
    format the tick labels."""
    chart = XYChart(title=title, x_title=x_title, y_title=y_title)
    xs = [float(x) for _l, x, _y in line] + [float(m[1]) for m in marks]
    ys = [float(y) for _l, _x, y in line] + [float(m[2]) for m in marks]
    x_high = (max(xs, default=0) or 1) * 1.05
    y_high = (max(ys, default=0) or 1) * 1.1
    plot_w = chart.width - chart.left - chart.right
    plot_h = chart.height - chart.top - chart.bottom

    def place(x, y):
        return (
            round(chart.left + float(x) / x_high * plot_w, 1),
            round(chart.top + (1 - float(y) / y_high) * plot_h, 1),
        )

    for label, x, y in line:
        px, py = place(x, y)
        chart.line.append(Point(label=str(label), value=y, text="", x=px, y=py))
    for label, x, y, symbol in marks:
        px, py = place(x, y)
        chart.marks.append(Mark(label=str(label), x=px, y=py, symbol=str(symbol)))
    for k in range(5):
        x_value, y_value = x_high * k / 4, y_high * k / 4
        chart.x_ticks.append((round(chart.left + plot_w * k / 4, 1), x_text(x_value)))
        chart.y_ticks.append((round(chart.top + plot_h * (1 - k / 4), 1), y_text(y_value)))
    return chart
