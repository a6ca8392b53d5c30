"""Inline SVG bar charts for the report page. Each bar carries its number as text and each
series a pattern as well as a colour, and every chart has a table beside it: nothing depends
on colour alone."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .builder import NO_REPORT, RAG_ORDER
from .exports import rag_label, state_label

RAG_STYLES = {"red": "rag-red", "amber": "rag-amber", "green": "rag-green", NO_REPORT: "rag-none"}


@dataclass
class Bar:
    label: str
    value: float
    text: str
    y: int
    width: float
    css: str = ""


@dataclass
class Chart:
    title: str
    bars: list
    height: int
    label_width: int = 220
    plot_width: int = 420


def _bars(items, *, row_height=26, label_width=220, plot_width=420, css=None):
    highest = max((value for _, value, _ in items), default=0) or 1
    bars = []
    for index, (label, value, text) in enumerate(items):
        bars.append(
            Bar(
                label=label,
                value=value,
                text=text,
                y=index * row_height + 4,
                width=round(plot_width * (value or 0) / highest, 1),
                css=(css or {}).get(label, ""),
            )
        )
    return bars, len(items) * row_height + 8


def state_chart(figures):
    totals = figures["portfolio"]["totals"]["states"]
    items = [(state_label(s), n, str(n)) for s, n in totals.items() if n]
    bars, height = _bars(items)
    return Chart(_("Projects by state (all programmes)"), bars, height)


def rag_chart(figures):
    totals = figures["rag"]["totals"]["rag"]
    items = []
    css = {}
    for key in RAG_ORDER:
        label = rag_label(key)
        css[label] = RAG_STYLES[key]
        items.append((label, totals[key], str(totals[key])))
    bars, height = _bars(items, css=css)
    return Chart(_("RAG of projects in delivery"), bars, height)


def spend_chart(figures):
    items = []
    css = {}
    for row in figures["spend"]["rows"]:
        budget_label = _("%(programme)s: budget") % {"programme": row["programme_name"]}
        spend_label = _("%(programme)s: spend") % {"programme": row["programme_name"]}
        items.append((budget_label, row["budget"], f"{row['budget']:,.0f}"))
        items.append((spend_label, row["spend"], f"{row['spend']:,.0f}"))
        css[budget_label] = "bar-budget"
        css[spend_label] = "bar-spend"
    bars, height = _bars(items, label_width=300, css=css)
    return Chart(_("Spend against budget by programme (USD)"), bars, height, label_width=300)


def charts(figures):
    return [state_chart(figures), rag_chart(figures), spend_chart(figures)]
