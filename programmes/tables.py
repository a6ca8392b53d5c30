"""The programmes' list pages on the shared table base (``core.tables``)."""

import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import NumberColumn, PortalTable

from .choices import Standing


def _standing(code):
    return render_to_string("programmes/includes/standing.html", {"standing": code})


def _standing_label(code):
    return str(Standing(code).label) if code in Standing.values else ""


class KpiTable(PortalTable):
    name = tables.Column(verbose_name=_("KPI"))
    code = tables.Column(verbose_name=_("Code"))
    owner = tables.Column(
        verbose_name=_("Owner"), accessor="owner_kind", order_by=("owner_kind", "owner_unit")
    )
    frequency = tables.Column(verbose_name=_("Frequency"))
    target = NumberColumn(verbose_name=_("Target"), decimals=2)
    latest_period_start = tables.DateColumn(verbose_name=_("Latest period"), format="Y-m-d")
    latest_value = NumberColumn(verbose_name=_("Latest value"), decimals=2)
    latest_standing = tables.Column(verbose_name=_("Standing"), empty_values=())

    caption = _("KPIs with their latest value")
    export_name = "kpis"
    row_header = "name"

    class Meta(PortalTable.Meta):
        empty_text = _("No KPI matches.")

    def __init__(self, data, *args, unit_names=None, owner_label=None, **kwargs):
        self.unit_names = unit_names or {}
        self.owner_label = owner_label
        super().__init__(data, *args, **kwargs)

    def render_name(self, record):
        inactive = (
            format_html(' <span class="badge">{}</span>', _("inactive"))
            if not record.active
            else ""
        )
        chinese = (
            format_html(' <span lang="zh-Hans" class="secondary">{}</span>', record.name_zh)
            if record.name_zh
            else ""
        )
        return format_html(
            '<a href="{}">{}</a>{}{}', record.get_absolute_url(), record.name, chinese, inactive
        )

    def value_name(self, record):
        return record.name

    def render_owner(self, record):
        return self.owner_label(record, self.unit_names)

    def value_owner(self, record):
        return self.owner_label(record, self.unit_names)

    def render_frequency(self, record):
        return record.get_frequency_display()

    def render_target(self, record):
        sign = "≤" if record.direction == "lower" else "≥"
        return f"{sign} {record.target:.2f} {record.symbol}".strip()

    def value_target(self, record):
        return record.target

    def render_latest_value(self, record):
        return f"{record.latest_value:.2f} {record.symbol}".strip()

    def render_latest_standing(self, record):
        return _standing(record.latest_standing)

    def value_latest_standing(self, record):
        return _standing_label(record.latest_standing)


class PlanTable(PortalTable):
    activity = tables.Column(verbose_name=_("Activity"))
    source = tables.Column(verbose_name=_("Source"))
    phase = tables.Column(verbose_name=_("Phase"))
    owner = tables.Column(verbose_name=_("Owner"))
    due = tables.DateColumn(verbose_name=_("Due"), format="Y-m-d")
    status = tables.Column(verbose_name=_("Status"))
    evidence_count = NumberColumn(verbose_name=_("Evidence"))

    caption = _("Activities of the implementation plan")
    export_name = "implementation-plan"
    row_header = "activity"

    class Meta(PortalTable.Meta):
        empty_text = _("No activity matches.")
        row_attrs = {
            "class": lambda record, table: "overdue-row" if record.is_overdue(table.today) else ""
        }

    def __init__(self, data, *args, today=None, **kwargs):
        self.today = today
        super().__init__(data, *args, **kwargs)

    def render_activity(self, record):
        chinese = (
            format_html(' <span lang="zh-Hans" class="secondary">{}</span>', record.activity_zh)
            if record.activity_zh
            else ""
        )
        return format_html(
            '<a href="{}">{}</a>{}', record.get_absolute_url(), record.activity, chinese
        )

    def value_activity(self, record):
        return record.activity

    def render_phase(self, record):
        return record.get_phase_display()

    def render_status(self, record):
        return render_to_string(
            "programmes/includes/plan_status.html",
            {"item": record, "overdue": record.is_overdue(self.today)},
        )

    def value_status(self, record):
        text = str(record.get_status_display())
        return f"{text} ({_('Overdue')})" if record.is_overdue(self.today) else text
