"""The portfolio's list tables (``core.tables``): columns only; sorting, pages and downloads
come from the shared base."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.tables import NumberColumn, PortalTable

from . import selectors
from .choices import RAG_SYMBOLS, ProjectState, Rag


class PipelineTable(PortalTable):
    reference = tables.Column(verbose_name=_("Reference"), visible=False)
    title = tables.Column(verbose_name=_("Project"))
    programme = tables.Column(
        verbose_name=_("Programme"), accessor="programme__name", order_by=("programme__order",)
    )
    initiative = tables.Column(
        verbose_name=_("Initiative"), accessor="initiative__name", visible=False
    )
    sponsoring_unit = tables.Column(
        verbose_name=_("Sponsoring department"), accessor="sponsoring_unit__name"
    )
    state = tables.Column(verbose_name=_("State"), order_by=("state_order",))
    total_cost = NumberColumn(verbose_name=_("Total estimated cost (USD)"))
    is_major = tables.Column(verbose_name=_("Major"), visible=False, orderable=False)
    last_schedule = tables.Column(verbose_name=_("Schedule"), default="")
    last_budget = tables.Column(verbose_name=_("Budget"), default="")
    last_scope = tables.Column(verbose_name=_("Scope"), default="")

    caption = _("Projects")
    export_name = "portfolio-pipeline"
    row_header = "title"

    def render_title(self, record):
        badges = []
        if record.is_major:
            badges.append(format_html(' <span class="badge">{}</span>', _("major")))
        if selectors.is_overdue(record):
            badges.append(
                format_html(' <span class="badge overdue">{}</span>', _("status report overdue"))
            )
        return format_html(
            '<a href="{}">{} {}</a>{}',
            record.get_absolute_url(),
            record.reference,
            record.title,
            format_html_join("", "{}", ((badge,) for badge in badges)),
        )

    def value_title(self, record):
        return record.title

    def render_programme(self, record):
        if record.initiative:
            return format_html(
                "{}<br><small>{}</small>", record.programme.name, record.initiative.name
            )
        return record.programme.name

    def value_programme(self, record):
        return record.programme.name

    def render_state(self, record):
        # As portfolio/includes/state.html, without a template per row (issue 16).
        return format_html(
            '<span class="badge state-{}">{}</span>',
            record.state,
            _label(ProjectState, record.state),
        )

    def value_state(self, record):
        return record.get_state_display()

    def value_is_major(self, value):
        return _("yes") if value else _("no")

    def _rag(self, value):
        # As portfolio/includes/rag.html, without a template per cell (issue 16).
        if not value:
            return format_html("<span>{}</span>", _("No report"))
        return format_html(
            '<span class="rag rag-{}"><span aria-hidden="true">{}</span> {}</span>',
            value,
            RAG_SYMBOLS.get(value, RAG_SYMBOLS[Rag.GREEN]),
            _label(Rag, value),
        )

    def render_last_schedule(self, value):
        return self._rag(value)

    render_last_budget = render_last_scope = render_last_schedule

    def value_last_schedule(self, value):
        return value or ""

    value_last_budget = value_last_scope = value_last_schedule


class AssetTable(PortalTable):
    name = tables.Column(
        verbose_name=_("Asset"), linkify=("portfolio:asset", {"pk": tables.A("pk")})
    )
    code = tables.Column(verbose_name=_("Code"))
    kind = tables.Column(verbose_name=_("Kind"))
    owner_unit = tables.Column(verbose_name=_("Owner unit"), accessor="owner_unit__name")
    programme = tables.Column(
        verbose_name=_("Programme"), accessor="programme__name", order_by=("programme__order",)
    )
    lifecycle = tables.Column(verbose_name=_("Lifecycle status"))
    annual_running_cost = NumberColumn(verbose_name=_("Annual running cost (USD)"))
    project_count = NumberColumn(verbose_name=_("Projects"))

    caption = _("Systems, applications and infrastructure")
    export_name = "ict-assets-shown"
    row_header = "name"

    class Meta(PortalTable.Meta):
        per_page = 100
        empty_text = _("The inventory is empty.")


def _label(choices, value):
    """A choice's label, translated once per language rather than once per cell."""
    labels = _LABELS.setdefault((choices, get_language()), {})
    if value not in labels:
        labels[value] = str(dict(choices.choices).get(value, value))
    return labels[value]


_LABELS = {}
