"""The service catalogue on the shared table base (``core.tables``)."""

import django_tables2 as tables
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import NumberColumn, PortalTable
from programmes.choices import Standing


def _standing(code):
    return str(Standing(code).label) if code in Standing.values else ""


class ServiceTable(PortalTable):
    name = tables.Column(verbose_name=_("Service"))
    code = tables.Column(verbose_name=_("Code"))
    owner_unit = tables.Column(verbose_name=_("Owner unit"), order_by=("owner_unit__name",))
    served = tables.Column(
        verbose_name=_("Units served"), accessor="pk", orderable=False, empty_values=()
    )
    programme = tables.Column(verbose_name=_("Programme"), order_by=("programme__order",))
    levels = tables.Column(
        verbose_name=_("Service levels, latest"), accessor="pk", orderable=False, empty_values=()
    )

    caption = _("ICT services and their service levels")
    export_name = "service-catalogue"
    row_header = "name"

    class Meta(PortalTable.Meta):
        empty_text = _("The catalogue is empty.")

    def render_name(self, record):
        # The name in the reader's language (modeltranslation).
        return format_html('<a href="{}">{}</a>', record.get_absolute_url(), record.name)

    def value_name(self, record):
        return record.name

    def render_owner_unit(self, record):
        return record.owner_unit.name

    def render_programme(self, record):
        return record.programme.name

    def render_served(self, record):
        if record.serves_all_units:
            return _("All units")
        return ", ".join(u.name for u in record.units_served.all())

    def value_served(self, record):
        return self.render_served(record)

    def render_levels(self, record):
        return render_to_string("performance/_service_levels.html", {"service": record})

    def value_levels(self, record):
        return "; ".join(
            f"{level.get_kind_display()}: "
            + (
                "–"
                if level.latest_value is None
                else f"{level.latest_value:.2f} {level.kpi.symbol} "
                f"({_standing(level.latest_standing)})"
            )
            for level in record.levels.all()
        )


def _sort_key(kpi):
    """Rows sort by a cell's latest value; a cell without one sorts last either way."""
    value = None if kpi is None else kpi.latest_value
    return (value is None, value or 0)


def across_table(across, user_sees_unit):
    """The view across ICT units: one row per unit, a column per indicator its KPIs measure
    (latest value and standing), the counts on, near and off target."""
    rows = []
    for row in across.rows:
        line = {
            "unit": row["unit"],
            "unit_name": row["unit"].name,
            "visible": user_sees_unit(row["unit"]),
            **{f"on_{s}": row["counts"][s] for s in Standing.values},
        }
        for index, kpi in enumerate(row["cells"]):
            line[f"kpi_{index}"] = kpi
            line[f"sort_{index}"] = _sort_key(kpi)
        rows.append(line)
    extra = [
        (
            f"kpi_{index}",
            IndicatorColumn(
                verbose_name=name, accessor=f"kpi_{index}", order_by=(f"sort_{index}",)
            ),
        )
        for index, (_indicator, name, _symbol) in enumerate(across.indicators)
    ]
    return AcrossTable(rows, extra_columns=extra)


class IndicatorColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, empty_values=(), **kwargs)

    def render(self, value):
        return render_to_string("performance/_indicator_cell.html", {"kpi": value})

    def value(self, value):
        if value is None or value.latest_value is None:
            return ""
        return f"{value.latest_value} ({_standing(value.latest_standing)})"


class AcrossTable(PortalTable):
    unit_name = tables.Column(verbose_name=_("ICT unit"))
    on_on_target = NumberColumn(verbose_name=_("On target"))
    on_near_target = NumberColumn(verbose_name=_("Near target"))
    on_off_target = NumberColumn(verbose_name=_("Off target"))

    caption = _("Latest value and standing of each unit's KPIs")
    export_name = "ict-unit-scorecards"
    row_header = "unit_name"

    class Meta(PortalTable.Meta):
        empty_text = _("No ICT unit has KPIs yet.")
        sequence = ("unit_name", "...", "on_on_target", "on_near_target", "on_off_target")

    def render_unit_name(self, record):
        if record["visible"]:
            return format_html(
                '<a href="{}">{}</a>',
                reverse("performance:scorecard", args=[record["unit"].code]),
                record["unit_name"],
            )
        return record["unit_name"]

    def value_unit_name(self, record):
        return record["unit_name"]
