"""Report list tables (``core.tables``): columns only."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import NumberColumn, PortalTable


class ReportTable(PortalTable):
    quarter = tables.Column(verbose_name=_("Quarter"), linkify=True)
    period_start = tables.DateColumn(verbose_name=_("Period start"), format="Y-m-d")
    period_end = tables.DateColumn(verbose_name=_("Period end"), format="Y-m-d")
    generated_at = tables.DateTimeColumn(verbose_name=_("Generated"), format="Y-m-d H:i")
    is_current = tables.Column(verbose_name=_("Status"))
    downloads = tables.Column(
        verbose_name=_("Downloads"), accessor="pk", orderable=False, exclude_from_export=True
    )

    caption = _("Reports")
    export_name = "quarterly-reports"
    row_header = "quarter"

    class Meta(PortalTable.Meta):
        empty_text = _("No report yet.")

    def render_is_current(self, value):
        return _("Current") if value else _("Superseded (kept)")

    value_is_current = render_is_current

    def render_downloads(self, record):
        return format_html(
            '<a href="{}">XLSX</a> · <a href="{}">{}</a>',
            reverse("reports:workbook", args=[record.pk]),
            reverse("reports:csv_archive", args=[record.pk]),
            _("CSV (ZIP)"),
        )


class RunTable(PortalTable):
    quarter = tables.Column(verbose_name=_("Quarter"), linkify=True)
    state = tables.Column(verbose_name=_("State"))
    requested_by = tables.Column(
        verbose_name=_("Requested by"),
        accessor="requested_by__display_name",
        default=_("Schedule"),
    )
    queued_at = tables.DateTimeColumn(verbose_name=_("Queued"), format="Y-m-d H:i")
    attempts = NumberColumn(verbose_name=_("Attempts"))

    caption = _("Report runs, newest first")
    export_name = "report-runs"
    row_header = "quarter"

    class Meta(PortalTable.Meta):
        empty_text = _("No run yet.")

    def render_quarter(self, value, record):
        if record.regenerate:
            return format_html("{} ({})", value, _("regenerate"))
        return value

    def value_quarter(self, value):
        return value

    def render_state(self, record):
        return format_html('<span class="badge">{}</span>', record.get_state_display())

    def value_state(self, record):
        return record.get_state_display()

    def render_requested_by(self, record):
        return record.requested_by.display_name or record.requested_by.username

    value_requested_by = render_requested_by
