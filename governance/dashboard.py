"""Governance panels of the home page: what awaits a person's vote, decision or opinion, the
next meetings of their bodies, and the decisions of the quarter (the Executive Committee and
the CITO). Each panel runs a fixed number of queries."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import clock
from core.charts import bar_chart
from core.dashboard import Count as PanelCount
from core.dashboard import DataTable, Entry, Panel

from . import rights, roles, selectors
from .choices import AgendaItemKind, BodyKind, MeetingState, MembershipRole, Outcome, Rights
from .models import Meeting

SHOWN = 5


def panels(user):
    memberships = rights.current_seats(user)
    voting = [m for m in memberships if m.votes and m.body.rights == Rights.DECISION]
    chairing = [
        m
        for m in memberships
        if m.body.rights == Rights.DECISION
        and m.role in {MembershipRole.CHAIR, MembershipRole.VICE_CHAIR}
    ]
    advisory = [m for m in memberships if m.body.rights == Rights.ADVISORY]
    rows = selectors.worklist(user) if voting or chairing else []
    if voting:
        yield awaiting_vote_panel(user, rows)
    if chairing:
        yield awaiting_decision_panel(user, rows=rows)
    if advisory:
        yield open_for_opinion_panel(user)
    if memberships or roles.is_pmo(user):
        yield next_meetings_panel(user, [m.body_id for m in memberships])
    if roles.is_cito(user) or any(m.body.kind == BodyKind.EXECUTIVE_COMMITTEE for m in memberships):
        yield decisions_this_quarter_panel(user)


def item_url(item):
    return reverse("governance:item", args=[item.pk])


def _when(moment):
    return date_format(moment, "DATETIME_FORMAT") if moment else ""


def _where(row):
    """Where a worklist row stands: its meeting or written procedure and deadline."""
    if row.item is None:
        return _("%(body)s; not yet on an agenda") % {"body": row.body}
    meeting = row.meeting
    if meeting.is_written_procedure:
        return _("%(body)s, written procedure; votes until %(deadline)s") % {
            "body": row.body,
            "deadline": _when(meeting.deadline),
        }
    return _("%(body)s, %(meeting)s, %(when)s") % {
        "body": row.body,
        "meeting": meeting.title,
        "when": _when(meeting.starts_at),
    }


def _worklist_panel(rows, *, key, title, order, label, empty, intro=""):
    url = reverse("governance:awaiting_vote")
    return Panel(
        key=key,
        title=title,
        order=order,
        intro=intro,
        counts=[PanelCount(label, len(rows), url)],
        entries=[Entry(str(row.subject), row.url, _where(row)) for row in rows[:SHOWN]],
        empty=empty,
        more_url=url if len(rows) > SHOWN else "",
    )


def awaiting_vote_panel(user, rows=None):
    rows = [r for r in (selectors.worklist(user) if rows is None else rows) if r.action == "vote"]
    return _worklist_panel(
        rows,
        key="awaiting-vote",
        title=_("Awaiting my vote"),
        order=10,
        label=_("Items open for your vote"),
        empty=_("No item awaits your vote."),
    )


def awaiting_decision(user, body_ids=None):
    """What awaits the decision of the bodies ``user`` chairs (``selectors.worklist``)."""
    return [r for r in selectors.worklist(user) if r.action == "decide"]


def awaiting_decision_panel(user, body_ids=None, rows=None):
    rows = [r for r in (selectors.worklist(user) if rows is None else rows) if r.action == "decide"]
    return _worklist_panel(
        rows,
        key="awaiting-decision",
        title=_("Awaiting my decision"),
        order=11,
        intro=_("Items before the bodies you chair: put them to the vote and record the decision."),
        label=_("Items to decide"),
        empty=_("No item awaits your decision."),
    )


def open_for_opinion(user):
    """Subjects before a decision body that ``user`` has not yet advised on."""
    return selectors.open_for_opinion(user)


def open_for_opinion_panel(user):
    return _worklist_panel(
        selectors.open_for_opinion(user),
        key="open-for-opinion",
        title=_("Open for my opinion"),
        order=12,
        intro=_("Items before a decision body on which you have not yet advised."),
        label=_("Items open for your opinion"),
        empty=_("Nothing awaits your opinion."),
    )


def upcoming_meetings(user, body_ids):
    since = clock.now() - datetime.timedelta(hours=12)
    meetings = Meeting.objects.filter(
        state__in=[MeetingState.PLANNED, MeetingState.OPEN], starts_at__gte=since
    )
    if not roles.is_pmo(user):
        meetings = meetings.filter(body_id__in=body_ids)
    return (
        meetings.select_related("body")
        .annotate(
            item_count=Count("items", distinct=True),
            decision_count=Count(
                "items", filter=Q(items__kind=AgendaItemKind.DECISION), distinct=True
            ),
        )
        .order_by("starts_at", "pk")
    )


def readiness(meeting):
    if not meeting.item_count:
        return _("agenda empty")
    items = ngettext("%(n)s item", "%(n)s items", meeting.item_count) % {"n": meeting.item_count}
    return _("%(items)s, %(decisions)s for decision") % {
        "items": items,
        "decisions": meeting.decision_count,
    }


def next_meetings_panel(user, body_ids):
    meetings = list(upcoming_meetings(user, body_ids)[:SHOWN])
    empty_agendas = sum(1 for m in meetings if not m.item_count)
    return Panel(
        key="next-meetings",
        title=_("Next meetings"),
        order=20,
        counts=[
            PanelCount(
                _("Next meetings of your bodies"),
                len(meetings),
                reverse("governance:bodies"),
                note=_("%(n)s with an empty agenda") % {"n": empty_agendas}
                if empty_agendas
                else "",
            )
        ],
        entries=[
            Entry(
                f"{m.title}",
                m.get_absolute_url(),
                _("%(body)s, %(when)s (%(state)s): %(readiness)s")
                % {
                    "body": m.body,
                    "when": _when(m.starts_at),
                    "state": m.get_state_display(),
                    "readiness": readiness(m),
                },
            )
            for m in meetings
        ],
        empty=_("No meeting is planned."),
    )


def quarter_start(day):
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def decisions_this_quarter_panel(user):
    start = quarter_start(clock.today())
    decisions = selectors.decisions_visible_to(user).filter(recorded_at__date__gte=start)
    by_outcome = decisions.order_by().values("outcome").annotate(n=Count("pk"))
    counts = {row["outcome"]: row["n"] for row in by_outcome}
    url = reverse("governance:decisions")
    rows = [(label, counts.get(value, 0)) for value, label in Outcome.choices]
    total = sum(n for _label, n in rows)
    since = date_format(start, "DATE_FORMAT")
    return Panel(
        key="decisions-quarter",
        title=_("Decisions this quarter"),
        order=40,
        counts=[PanelCount(_("Decisions recorded since %(date)s") % {"date": since}, total, url)],
        wide=True,
        chart=bar_chart(
            [(str(label), n, str(n)) for label, n in rows],
            title=_("Decisions recorded since %(date)s, by outcome") % {"date": since},
        )
        if total
        else None,
        table=DataTable(
            _("Decisions since %(date)s by outcome") % {"date": since},
            [_("Outcome"), _("Decisions")],
            [[label, n] for label, n in rows],
        ),
    )
