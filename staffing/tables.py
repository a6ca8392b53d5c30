"""The Annex IV tables (ICT staff by unit on a date, and over time) on the shared table base."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import NumberColumn, PortalTable

from .choices import CATEGORY_LABELS

COLUMN_LABELS = {**CATEGORY_LABELS, "international": _("International"), "total": _("Total")}
#: Annex IV's column order: D, P, FS, GS, international, local, UNV, ICC, contractors, total.
ANNEX_IV_COLUMNS = (
    "d",
    "p",
    "fs",
    "gs",
    "international",
    "local",
    "unv",
    "icc",
    "contractors",
    "total",
)


def _number_columns(totals=None):
    return [
        (
            name,
            NumberColumn(
                verbose_name=COLUMN_LABELS[name],
                accessor=name,
                footer=f"{totals[name]:,}" if totals is not None else None,
            ),
        )
        for name in ANNEX_IV_COLUMNS
    ]


class SummaryTable(PortalTable):
    unit_name = tables.Column(verbose_name=_("Department or office"), footer=_("Total"))

    export_name = "ict-staffing"
    row_header = "unit_name"

    class Meta(PortalTable.Meta):
        empty_text = _("No staffing snapshot on or before this date.")
        per_page = 200  # Annex IV on one page

    def __init__(self, summary, **kwargs):
        super().__init__(
            summary["rows"],
            extra_columns=_number_columns(summary["totals"]),
            caption=_("ICT staff as of %(date)s") % {"date": summary["as_of"]},
            **kwargs,
        )


class TrendTable(PortalTable):
    as_of = tables.DateColumn(verbose_name=_("Date"), format="Y-m-d")

    caption = _("ICT staff by category on each snapshot date")
    export_name = "ict-staffing-trend"
    row_header = "as_of"

    class Meta(PortalTable.Meta):
        empty_text = _("No snapshots.")

    def __init__(self, rows, **kwargs):
        super().__init__(rows, extra_columns=_number_columns(), **kwargs)

    def render_as_of(self, value):
        day = value.isoformat()
        return format_html('<a href="{}?as_of={}">{}</a>', reverse("staffing:summary"), day, day)


class PlanCellColumn(tables.Column):
    """A category's planned, actual and actual-minus-planned figures in one cell (sorted by the
    gap); a download gets the three as "planned / actual / gap"."""

    def __init__(self, name, **kwargs):
        self.category = name
        super().__init__(
            verbose_name=COLUMN_LABELS[name],
            accessor=f"{name}_gap",
            order_by=(f"{name}_gap", f"{name}_planned"),
            empty_values=(),
            attrs={"th": {"class": "numbers"}, "td": {"class": "numbers"}},
            **kwargs,
        )

    def _figures(self, record):
        dash = "–"
        planned, actual, gap = (
            record[f"{self.category}_{k}"] for k in ("planned", "actual", "gap")
        )
        return (
            f"{planned:,}",
            dash if actual is None else f"{actual:,}",
            dash if gap is None else f"{gap:+,}",
        )

    def render(self, record):
        planned, actual, gap = self._figures(record)
        return format_html(
            '{}<br><span class="secondary">{} {}</span><br><span class="secondary">{} {}</span>',
            planned,
            _("actual"),
            actual,
            _("gap"),
            gap,
        )

    def value(self, record):
        return " / ".join(self._figures(record))


class PlanTable(PortalTable):
    unit_name = tables.Column(verbose_name=_("Unit"))
    actual_as_of = tables.DateColumn(verbose_name=_("Actual as of"), format="Y-m-d")

    export_name = "ict-staffing-plan"
    row_header = "unit_name"

    class Meta(PortalTable.Meta):
        empty_text = _("No staffing plan for this year.")
        per_page = 100

    def __init__(self, rows, *, year, **kwargs):
        flat = []
        for row in rows:
            line = {"unit_name": row["unit"].name, "actual_as_of": row["actual_as_of"]}
            for cell in row["cells"]:
                for key in ("planned", "actual", "gap"):
                    line[f"{cell['name']}_{key}"] = cell[key]
            flat.append(line)
        names = (*CATEGORY_LABELS, "international", "total")
        super().__init__(
            flat,
            extra_columns=[(name, PlanCellColumn(name)) for name in names],
            caption=_(
                "Planned headcount for %(year)s in each cell, then the actual (latest snapshot "
                "in the year) and the gap (actual minus planned)"
            )
            % {"year": year},
            **kwargs,
        )
