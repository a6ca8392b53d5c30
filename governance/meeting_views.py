"""The pages of a meeting, as people run one: the agenda, one page per item, the minutes.

- the **agenda** (``meetings/<pk>/``): the meeting's facts, what its managers may do, and each
  item in one line with where it stands (votes, decision, your vote) and a link to its page;
- an **item** (``items/<pk>/``): what is decided, the opinions of advisory bodies, the votes,
  quorum, and the forms to vote, recuse or decide; every action on an item comes back here,
  with links to the previous and next item;
- the **minutes** (``meetings/<pk>/minutes/``): attendance, the vote results and the minutes,
  with their forms;
- the **board pack** and the **minutes** as PDF, and an ``.ics`` invitation.

These pages only read: every action is a POST view in ``body_views`` that calls a service.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core import clock
from core.pdf import pdf_response

from . import packs, rights, selectors, services, subjects
from . import tally as tally_rules
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    MinutesForm,
    RecusalForm,
    VoteForm,
)
from .models import Decision, Membership, Opinion, User
from .time_zones import zone_name_for

#: how long a meeting's calendar entry lasts (meetings have a start, not an end)
MEETING_DURATION = datetime.timedelta(hours=2)


# --------------------------------------------------------------------------- shared reading


def _tally(item):
    counts = {"for": 0, "against": 0, "abstain": 0}
    for vote in item.votes.all():
        counts[vote.choice] += 1
    return counts


def _subject_filter(items):
    pairs = {(i.content_type_id, i.object_id) for i in items if i.content_type_id}
    query = Q(pk__in=[])
    for content_type_id, object_id in pairs:
        query |= Q(content_type_id=content_type_id, object_id=object_id)
    return query


def _opinions_by_subject(items):
    grouped = {}
    for opinion in Opinion.objects.filter(_subject_filter(items)).select_related("author", "body"):
        grouped.setdefault((opinion.content_type_id, opinion.object_id), []).append(opinion)
    return grouped


def _earlier_decisions_by_subject(items):
    """Decisions in force on the agenda's subjects (one query), for the "supersedes" choice."""
    grouped = {}
    for decision in Decision.objects.filter(
        _subject_filter([i for i in items if i.is_decision]), superseded_by__isnull=True
    ).select_related("body"):
        grouped.setdefault((decision.content_type_id, decision.object_id), []).append(decision)
    return grouped


def _attendance(meeting):
    return list(
        meeting.attendance.current().select_related("member").order_by("member__display_name")
    )


def _rows(user, meeting, items, present_ids, *, forms=False):
    """One dict per item: where it stands for ``user``; with ``forms``, the forms they may
    use on it (vote, recusal, decision)."""
    body = meeting.body
    can_vote = rights.can_vote(user, body=body)
    can_decide = rights.can_decide(user, body=body)
    voting_ids = set(
        selectors.body_members(body).filter(votes=True).values_list("user_id", flat=True)
    )
    opinions = _opinions_by_subject(items)
    earlier = _earlier_decisions_by_subject(items) if forms and can_decide else {}
    rows = []
    for item in items:
        decision = getattr(item, "decision", None) if item.is_decision else None
        my_vote = next((v for v in item.votes.all() if v.voter_id == user.pk), None)
        recused = any(r.member_id == user.pk for r in item.recusals.all())
        open_for_votes = item.vote_is_open and meeting.state == "open" and decision is None
        row = {
            "item": item,
            "decision": decision,
            "my_vote": my_vote,
            "recused": recused,
            "open_for_votes": open_for_votes,
            "opinions": opinions.get((item.content_type_id, item.object_id), []),
            "tally": _tally(item),
            "rule_verdict": (
                tally_rules.verdict(body.decision_rule, tally_rules.Tally.of(item.votes.all()))
                if open_for_votes
                else None
            ),
            "quorum": (
                services.quorum_status(item, voting_ids=voting_ids, present_ids=present_ids)
                if open_for_votes
                else None
            ),
            "awaits_my_vote": (
                open_for_votes
                and can_vote
                and not my_vote
                and not recused
                and (meeting.is_written_procedure or user.pk in present_ids)
            ),
        }
        if forms and open_for_votes and can_vote and not my_vote and not recused:
            if meeting.is_written_procedure or user.pk in present_ids:
                row["vote_form"] = VoteForm(prefix=f"item{item.pk}")
            row["recusal_form"] = RecusalForm(prefix=f"item{item.pk}")
        if forms and open_for_votes and can_decide:
            subject = item.subject
            row["decision_form"] = DecisionForm(
                prefix=f"item{item.pk}",
                earlier=earlier.get((item.content_type_id, item.object_id), []),
                outcomes=subjects.decision_outcomes(subject) if subject is not None else None,
                rule=body.decision_rule,
                tally=tally_rules.Tally.of(item.votes.all()),
            )
        rows.append(row)
    return rows


def _meeting_context(user, meeting):
    body = meeting.body
    return {
        "meeting": meeting,
        "body": body,
        "can_manage": rights.can_manage_meetings(user, body) and not meeting.is_locked,
        "can_minutes": rights.can_write_minutes(user, body) and not meeting.is_locked,
        "now": clock.now(),
        "chair_zone": zone_name_for(selectors.body_chair(body)),
    }


# --------------------------------------------------------------------------- the agenda


@login_required
@require_GET
def meeting_detail(request, pk):
    return agenda_page(request, selectors.meeting_for(request.user, pk))


def agenda_page(request, meeting, *, status=200, agenda_form=None):
    """The meeting's agenda; ``agenda_form`` is an item form posted with errors, shown with
    what was typed in place of an empty one."""
    user = request.user
    body = meeting.body
    items = selectors.agenda(meeting)
    present_ids = set(meeting.attendance.current().values_list("member_id", flat=True))
    context = _meeting_context(user, meeting)
    context.update(
        {
            "rows": _rows(user, meeting, items, present_ids),
            "present_count": len(present_ids),
            "section": "agenda",
        }
    )
    if context["can_manage"] and not meeting.is_written_procedure:
        context["agenda_form"] = agenda_form or AgendaItemForm(
            motions=selectors.motions_off_agenda(body)
        )
    return render(request, "governance/meeting/agenda.html", context, status=status)


# --------------------------------------------------------------------------- one item


@login_required
@require_GET
def item_detail(request, pk):
    user = request.user
    found = selectors.item_for(user, pk)
    meeting = selectors.meeting_for(user, found.meeting_id)
    items = selectors.agenda(meeting)
    index = next(i for i, item in enumerate(items) if item.pk == found.pk)
    item = items[index]
    present_ids = set(meeting.attendance.current().values_list("member_id", flat=True))
    (row,) = _rows(user, meeting, [item], present_ids, forms=True)
    context = _meeting_context(user, meeting)
    can_decide = rights.can_decide(user, body=meeting.body)
    context.update(
        {
            "row": row,
            "item": item,
            "previous": items[index - 1] if index > 0 else None,
            "next": items[index + 1] if index + 1 < len(items) else None,
            "position_of": {"n": index + 1, "count": len(items)},
            "can_lapse": (
                meeting.is_written_procedure
                and not meeting.is_locked
                and meeting.deadline < clock.now()
                and can_decide
            ),
            "section": "item",
        }
    )
    return render(request, "governance/meeting/item.html", context)


# --------------------------------------------------------------------------- the minutes


@login_required
@require_GET
def minutes_page(request, pk):
    user = request.user
    meeting = selectors.meeting_for(user, pk)
    attendance = _attendance(meeting)
    present_ids = {a.member_id for a in attendance}
    items = selectors.agenda(meeting)
    context = _meeting_context(user, meeting)
    context.update(
        {
            "attendance": attendance,
            "rows": _rows(user, meeting, items, present_ids),
            "section": "minutes",
        }
    )
    if context["can_manage"] and not meeting.is_written_procedure:
        members = User.objects.filter(
            pk__in=selectors.body_members(meeting.body).values("user_id")
        ).order_by("display_name", "username")
        context["attendance_form"] = AttendanceForm(
            members=members, initial={"attendees": list(present_ids)}
        )
    if context["can_minutes"] and not meeting.is_written_procedure:
        context["minutes_form"] = MinutesForm(initial={"minutes": meeting.minutes})
    return render(request, "governance/meeting/minutes.html", context)


# --------------------------------------------------------------------------- documents


def _filename(meeting, what, extension):
    day = meeting.starts_at.date().isoformat()
    return f"{slugify(meeting.body.code)}-{day}-{what}.{extension}"


def _document_context(request, meeting):
    attendance = _attendance(meeting)
    present_ids = {a.member_id for a in attendance}
    items = selectors.agenda(meeting)
    rows = _rows(request.user, meeting, items, present_ids)
    sections = packs.sections_for(items, request.user)
    for row in rows:
        row["pack"] = sections.get(row["item"].pk)
    members = list(
        Membership.objects.current(on=timezone.localdate(meeting.starts_at))
        .filter(body=meeting.body)
        .select_related("user")
        .order_by("role", "user__display_name")
    )
    member_ids = {m.user_id for m in members}
    return {
        "meeting": meeting,
        "body": meeting.body,
        "attendance": attendance,
        "roll": [(m.user, m.get_role_display(), m.user_id in present_ids) for m in members]
        + [
            (a.member, _("not a member that day"), True)
            for a in attendance
            if a.member_id not in member_ids
        ],
        "rows": rows,
        "printed_at": clock.now(),
        "printed_by": request.user,
        "site": request.build_absolute_uri("/"),
    }


@login_required
@require_GET
def board_pack_pdf(request, pk):
    """Everything a member reads before the meeting: the agenda, then per item its notes,
    what its app adds (a project's business case versions and PMO review) and the opinions
    of advisory bodies."""
    meeting = selectors.meeting_for(request.user, pk)
    return pdf_response(
        request,
        "governance/pdf/board_pack.html",
        _document_context(request, meeting),
        _filename(meeting, "board-pack", "pdf"),
    )


@login_required
@require_GET
def minutes_pdf(request, pk):
    """The minutes with attendance and the vote results; marked a draft until the meeting is
    closed (closing signs the record off: it never changes afterwards)."""
    meeting = selectors.meeting_for(request.user, pk)
    if meeting.is_written_procedure:
        raise Http404
    return pdf_response(
        request,
        "governance/pdf/minutes.html",
        _document_context(request, meeting),
        _filename(meeting, "minutes" if meeting.is_locked else "minutes-draft", "pdf"),
    )


@login_required
@require_GET
def meeting_ics(request, pk):
    """An iCalendar invitation: the meeting at its time and place (or a written procedure's
    voting deadline), linking back to its agenda."""
    from icalendar import Calendar, Event

    meeting = selectors.meeting_for(request.user, pk)
    url = request.build_absolute_uri(meeting.get_absolute_url())
    calendar = Calendar()
    calendar.add("prodid", "-//ICT governance portal//meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{request.get_host()}")
    event.add("dtstamp", clock.now())
    if meeting.is_written_procedure:
        event.add("summary", _("Votes close: %(title)s") % {"title": meeting.title})
        event.add("dtstart", meeting.deadline)
        event.add("dtend", meeting.deadline)
    else:
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + MEETING_DURATION)
    if meeting.location:
        event.add("location", meeting.location)
    event.add(
        "description",
        _("%(body)s. Agenda and papers: %(url)s") % {"body": meeting.body.name, "url": url},
    )
    event.add("url", url)
    event.add("status", "CONFIRMED")
    event.add("sequence", 0)
    calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(meeting, "invite", "ics")}"'
    )
    return response


def item_url(item):
    return reverse("governance:item", args=[item.pk])
