"""Governance list tables (``core.tables``): columns only."""

import django_tables2 as tables
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from core.tables import NumberColumn, PortalTable


class DecisionTable(PortalTable):
    recorded_at = tables.Column(verbose_name=_("Decided at"))
    body = tables.Column(verbose_name=_("Body"), accessor="body__name")
    subject_label = tables.Column(verbose_name=_("Subject"))
    subject_version_label = tables.Column(verbose_name=_("Version decided"))
    outcome = tables.Column(verbose_name=_("Outcome"))
    rank = tables.Column(verbose_name=_("Rank"), visible=False, default="")
    votes_for = NumberColumn(verbose_name=_("For"))
    votes_against = NumberColumn(verbose_name=_("Against"))
    abstentions = NumberColumn(verbose_name=_("Abstentions"))
    quorum = tables.Column(
        verbose_name=_("Quorum (counted / required)"), accessor="quorum_present", visible=False
    )
    supersedes = tables.Column(
        verbose_name=_("Supersedes decision"), accessor="supersedes_id", visible=False, default=""
    )
    superseded_by = tables.Column(
        verbose_name=_("Superseded by decision"),
        accessor="superseded_by__pk",
        visible=False,
        default="",
    )
    status = tables.Column(
        verbose_name=_("Status"), accessor="pk", orderable=False, exclude_from_export=True
    )
    id = tables.Column(verbose_name=_("Decision"), accessor="pk", visible=False)
    # The subject's own record behind each decision (``governance.subjects.provenance_of``):
    # in the downloads only, read for every row at once.
    pmo_review = tables.Column(
        verbose_name=_("PMO review"), accessor="pk", orderable=False, visible=False
    )
    pmo_checklist = tables.Column(
        verbose_name=_("PMO checklist"), accessor="pk", orderable=False, visible=False
    )
    pmo_comments = tables.Column(
        verbose_name=_("PMO comments"), accessor="pk", orderable=False, visible=False
    )
    cito_endorsement = tables.Column(
        verbose_name=_("CITO endorsement"), accessor="pk", orderable=False, visible=False
    )
    cito_comment = tables.Column(
        verbose_name=_("CITO comment"), accessor="pk", orderable=False, visible=False
    )
    state_change = tables.Column(
        verbose_name=_("State change caused"), accessor="pk", orderable=False, visible=False
    )

    caption = _("Decisions")
    export_name = "decisions"
    row_header = "subject_label"

    class Meta(PortalTable.Meta):
        per_page = 50

    def __init__(self, data=None, *args, records=None, **kwargs):
        """``records(decisions)`` gives the subjects' records behind the decisions by id
        (``governance.selectors.decision_records``); read once, for the rows downloaded."""
        super().__init__(data, *args, **kwargs)
        self._read_records = records
        self._records = None

    def _record(self, record, key):
        if self._records is None:
            rows = getattr(self.data, "data", self.data)
            self._records = self._read_records(rows) if self._read_records else {}
        return (self._records.get(record.pk) or {}).get(key) or {}

    def value_pmo_review(self, record):
        review = self._record(record, "pmo_review")
        if not review:
            return ""
        return _join(
            f"{review['outcome_label']} (v{review['version']})", review["at"], _who(review)
        )

    def value_pmo_checklist(self, record):
        review = self._record(record, "pmo_review")
        return "; ".join(
            f"{item['label']}: {_('ticked') if item['ticked'] else _('not ticked')}"
            for item in review.get("checklist", [])
        )

    def value_pmo_comments(self, record):
        return self._record(record, "pmo_review").get("comments", "")

    def value_cito_endorsement(self, record):
        endorsement = self._record(record, "cito_endorsement")
        return _join(endorsement["at"], _who(endorsement)) if endorsement else ""

    def value_cito_comment(self, record):
        return self._record(record, "cito_endorsement").get("comment", "")

    def value_state_change(self, record):
        change = self._record(record, "state_change")
        if not change:
            return ""
        return _join(f"{change['from_label']} → {change['to_label']}", change["at"], _who(change))

    def render_recorded_at(self, value, record):
        return format_html(
            '<a href="{}"><time datetime="{}">{}</time></a>',
            reverse("governance:decision", args=[record.pk]),
            value.isoformat(),
            date_format(localtime(value), "j M Y"),
        )

    def value_recorded_at(self, value):
        return value.isoformat()

    def render_outcome(self, value, record):
        rank = (
            format_html(" ({})", _("rank %(rank)s") % {"rank": record.rank}) if record.rank else ""
        )
        return format_html(
            '<span class="badge outcome-{}">{}</span>{}',
            record.outcome,
            record.get_outcome_display(),
            rank,
        )

    def value_outcome(self, record):
        return record.get_outcome_display()

    def value_quorum(self, record):
        return f"{record.quorum_present} / {record.quorum_required}"

    def render_status(self, record):
        parts = []
        if record.supersedes_id:
            parts.append(
                _("Supersedes decision %(pk)s.") % {"pk": record.supersedes_id},
            )
        later = superseding(record)
        parts.append(
            _("Superseded by decision %(pk)s") % {"pk": later.pk} if later else _("In force")
        )
        return " ".join(str(part) for part in parts)

    def value_superseded_by(self, record):
        later = superseding(record)
        return later.pk if later else ""


def _who(entry):
    return (entry.get("by") or {}).get("name", "")


def _join(*parts):
    return ", ".join(str(part) for part in parts if part)


def superseding(decision):
    """The decision that superseded ``decision`` (read from the joined row), or None."""
    try:
        return decision.superseded_by
    except type(decision).superseded_by.RelatedObjectDoesNotExist:
        return None


class BodyTable(PortalTable):
    name = tables.Column(
        verbose_name=_("Body"), linkify=("governance:body", {"code": tables.A("code")})
    )
    rights = tables.Column(verbose_name=_("Rights"))
    scope = tables.Column(
        verbose_name=_("Scope"), accessor="programme__name", order_by=("programme__order",)
    )
    cadence = tables.Column(verbose_name=_("Cadence"))
    member_count = NumberColumn(verbose_name=_("Current members"))

    caption = _("Governance bodies, their rights and scope")
    export_name = "governance-bodies"
    row_header = "name"

    def render_rights(self, record):
        return format_html(
            '<span class="badge rights-{}">{}</span>', record.rights, record.get_rights_display()
        )

    def value_rights(self, record):
        return record.get_rights_display()

    def render_scope(self, record):
        if not record.has_decision_rights:
            return _("Advice on any item")
        return record.programme.name if record.programme else _("Whole portfolio")

    value_scope = render_scope


class NotificationTable(PortalTable):
    select = tables.Column(
        verbose_name=_("Select"), accessor="pk", orderable=False, exclude_from_export=True
    )
    subject = tables.Column(verbose_name=_("Notification"))
    created_at = tables.DateTimeColumn(verbose_name=_("Received"), format="Y-m-d H:i")
    read_at = tables.Column(verbose_name=_("Status"), empty_values=())

    caption = _("Notifications, newest first")
    export_name = "notifications"
    row_header = "subject"

    class Meta(PortalTable.Meta):
        empty_text = _("You have no notifications.")

    def render_select(self, record):
        if record.read_at:
            return ""
        return format_html(
            '<input type="checkbox" name="notification" value="{}" id="notification-{}"'
            ' aria-label="{}">',
            record.pk,
            record.pk,
            _("Select “%(subject)s”") % {"subject": record.subject},
        )

    def render_subject(self, record):
        title = (
            format_html('<a href="{}">{}</a>', record.url, record.subject)
            if record.url
            else record.subject
        )
        if record.body:
            return format_html(
                '{}<p class="secondary">{}</p>', title, linebreaksbr(record.body, autoescape=True)
            )
        return title

    def value_subject(self, record):
        return record.subject

    def render_read_at(self, record):
        if record.resolved_at:
            return record.get_resolution_display()
        return _("Read") if record.read_at else format_html("<strong>{}</strong>", _("Unread"))

    def value_read_at(self, record):
        if record.resolved_at:
            return record.get_resolution_display()
        return _("Read") if record.read_at else _("Unread")
