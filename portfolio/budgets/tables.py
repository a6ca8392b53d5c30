"""Budget list tables (``core.tables``): columns only."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import NumberColumn, PortalTable


class ReviewQueueTable(PortalTable):
    unit = tables.Column(
        verbose_name=_("Unit"),
        accessor="unit__name",
        linkify=("budgets:submission", {"pk": tables.A("pk")}),
    )
    cycle = tables.Column(
        verbose_name=_("Cycle"), accessor="cycle__name", order_by=("cycle__first_year",)
    )
    state = tables.Column(verbose_name=_("State"))
    submitted_at = tables.DateColumn(verbose_name=_("Submitted"), format="Y-m-d")
    total = NumberColumn(verbose_name=_("Total (USD)"), decimals=2)
    previous_total = NumberColumn(
        verbose_name=_("Previous cycle (USD)"), decimals=2, default=_("none")
    )

    caption = _("Submissions waiting for review, with the unit's previous cycle beside")
    export_name = "budgets-to-review"
    row_header = "unit"

    class Meta(PortalTable.Meta):
        empty_text = _("Nothing to review.")

    def render_state(self, record):
        return format_html('<span class="badge">{}</span>', record.get_state_display())

    def value_state(self, record):
        return record.get_state_display()


class ConsolidationUnitTable(PortalTable):
    name = tables.Column(verbose_name=_("Unit"))
    state = tables.Column(verbose_name=_("State"))
    total = NumberColumn(verbose_name=_("Total (USD)"), decimals=2)
    previous = NumberColumn(verbose_name=_("Previous cycle"), decimals=2, default="–")
    change = NumberColumn(
        verbose_name=_("Change (USD)"),
        decimals=2,
        default="–",
    )
    change_percent = NumberColumn(verbose_name=_("Change (%)"), decimals=1, default="–")

    caption = _("ICT budget by unit, with the change against the previous cycle")
    export_name = "budget-by-unit"
    row_header = "name"

    class Meta(PortalTable.Meta):
        empty_text = _("No submission counted yet.")
        per_page = 100
