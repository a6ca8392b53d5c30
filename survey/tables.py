"""Survey list tables (``core.tables``): columns only."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.tables import NumberColumn, PortalTable


class SurveyTable(PortalTable):
    title = tables.Column(verbose_name=_("Survey"), linkify=True)
    audience = tables.Column(verbose_name=_("Audience"))
    status = tables.Column(verbose_name=_("Status"))
    opens_on = tables.Column(verbose_name=_("Opens"))
    closes_on = tables.Column(verbose_name=_("Closes"))
    response_count = NumberColumn(verbose_name=_("Responses"))
    answered = tables.Column(verbose_name=_("You"), exclude_from_export=True)

    caption = _("Surveys")
    export_name = "surveys"
    row_header = "title"

    def render_status(self, record):
        return format_html(
            '<span class="badge status-{}">{}</span>', record.status, record.get_status_display()
        )

    def value_status(self, record):
        return record.get_status_display()

    def render_opens_on(self, value):
        return date_format(value, "j M Y")

    render_closes_on = render_opens_on

    def value_opens_on(self, value):
        return value

    value_closes_on = value_opens_on

    def render_answered(self, record):
        if record.answered:
            return _("Answered")
        if record.status == "open":
            return format_html(
                '<a href="{}">{}</a>', reverse("survey:respond", args=[record.pk]), _("Answer")
            )
        return "–"
