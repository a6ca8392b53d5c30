"""The report page's charts (``core.charts``). Each bar carries its number as text and each
series a pattern as well as a colour, and every chart has a table beside it: nothing depends
on colour alone."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.charts import bar_chart

from .builder import NO_REPORT, RAG_ORDER
from .exports import rag_label, state_label

RAG_STYLES = {"red": "rag-red", "amber": "rag-amber", "green": "rag-green", NO_REPORT: "rag-none"}
#: the bar geometry of the report page (its stylesheet draws 20-pixel bars)
GEOMETRY = {"plot_width": 420, "bar_height": 20, "gap": 6, "text_room": 80}


def state_chart(figures):
    totals = figures["portfolio"]["totals"]["states"]
    items = [(state_label(s), n, str(n)) for s, n in totals.items() if n]
    return bar_chart(items, title=_("Projects by state (all programmes)"), **GEOMETRY)


def rag_chart(figures):
    totals = figures["rag"]["totals"]["rag"]
    items = [(rag_label(key), totals[key], str(totals[key]), RAG_STYLES[key]) for key in RAG_ORDER]
    return bar_chart(items, title=_("RAG of projects in delivery"), **GEOMETRY)


def _amount(value):
    return number_format(value, decimal_pos=0, force_grouping=True)


def spend_chart(figures):
    items = []
    for row in figures["spend"]["rows"]:
        budget_label = _("%(programme)s: budget") % {"programme": row["programme_name"]}
        spend_label = _("%(programme)s: spend") % {"programme": row["programme_name"]}
        items.append((budget_label, row["budget"], _amount(row["budget"]), "bar-budget"))
        items.append((spend_label, row["spend"], _amount(row["spend"]), "bar-spend"))
    return bar_chart(
        items,
        title=_("Spend against budget by programme (USD)"),
        label_width=300,
        **GEOMETRY,
    )


def charts(figures):
    return [state_chart(figures), rag_chart(figures), spend_chart(figures)]
