"""The governance pages: bodies, meetings, votes, decisions, opinions.

Views never decide who may do what: they ask ``governance.rights`` which forms to show and
call ``governance.services`` to act; a refusal (``RightsError``) is a 403 page that says why.
"""

import csv
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import rights, selectors, services, subjects
from .filtersets import DecisionFilter
from .forms import (
    AgendaItemForm,
    AttendanceForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
    MotionForm,
    OpinionForm,
    RecusalForm,
    VoteForm,
    WrittenProcedureForm,
)
from .models import Decision, Opinion, User
from .rights import RightsError

BODY_DECISIONS_SHOWN = 20
BODY_MEETINGS_SHOWN = 20
REGISTER_PAGE_SIZE = 50


def governance_action(view):
    """Run a POST action: a refusal becomes a 403 page with its message, bad input a message
    on the page the person came from; nothing is changed in either case."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except RightsError as error:
            return render(request, "governance/refused.html", {"message": str(error)}, status=403)
        except _Invalid as invalid:
            for message in invalid.messages:
                messages.error(request, message)
            return redirect(invalid.url)

    return login_required(require_POST(wrapper))


class _Invalid(Exception):
    def __init__(self, url, messages):
        self.url, self.messages = url, messages


def _call(url, service, **kwargs):
    try:
        result = service(**kwargs)
    except ValidationError as error:
        raise _Invalid(url, error.messages) from error
    return result


def _form_errors(form):
    return [
        f"{form.fields[name].label if name in form.fields else ''}: {error}".lstrip(": ")
        for name, errors in form.errors.items()
        for error in errors
    ]


# --------------------------------------------------------------------------- bodies


@login_required
@require_GET
def body_list(request):
    return render(request, "governance/body_list.html", {"bodies": selectors.bodies_directory()})


@login_required
@require_GET
def body_detail(request, code):
    user = request.user
    body = selectors.body_for(user, code)
    sees_business = rights.can_see_body_business(user, body)
    reads_decisions = rights.can_read_governance(user)
    can_manage = rights.can_manage_meetings(user, body)
    motions = selectors.pending_motions(body) if body.has_decision_rights else None
    context = {
        "body": body,
        "members": selectors.body_members(body),
        "sees_business": sees_business,
        "meetings": selectors.meetings_for(user, body)[:BODY_MEETINGS_SHOWN],
        "reads_decisions": reads_decisions,
        "decisions": (
            selectors.decisions_visible_to(user).filter(body=body)[:BODY_DECISIONS_SHOWN]
            if reads_decisions
            else []
        ),
        "motions": motions if sees_business else None,
        "rights_text": _rights_text(body),
        "my_membership": rights.current_membership(user, body),
        "can_manage": can_manage,
    }
    if can_manage:
        context["meeting_form"] = MeetingForm()
        if body.has_decision_rights:
            context["motion_form"] = MotionForm()
            context["procedure_form"] = WrittenProcedureForm(motions=motions)
    return render(request, "governance/body_detail.html", context)


def _rights_text(body):
    if body.has_decision_rights:
        scope = (
            _("the items of the %(programme)s programme") % {"programme": body.programme}
            if body.programme_id
            else _("items across the whole portfolio")
        )
        return _(
            "%(body)s has decision rights: its voting members vote and its chair records the "
            "body's decisions on %(scope)s."
        ) % {"body": body, "scope": scope}
    return _(
        "%(body)s has advisory rights only: its members give opinions on any item they may "
        "see; they never vote or decide."
    ) % {"body": body}


@governance_action
def meeting_create(request, code):
    body = selectors.body_for(request.user, code)
    url = body_url(body)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        rights.check_manage_meetings(request.user, body)
        raise _Invalid(url, _form_errors(form))
    meeting = _call(
        url, services.meeting_create, body=body, actor=request.user, **form.cleaned_data
    )
    messages.success(request, _("The meeting is planned."))
    return redirect(meeting.get_absolute_url())


@governance_action
def motion_create(request, code):
    body = selectors.body_for(request.user, code)
    url = body_url(body)
    form = MotionForm(request.POST)
    if not form.is_valid():
        rights.check_manage_meetings(request.user, body)
        raise _Invalid(url, _form_errors(form))
    motion = _call(url, services.motion_create, body=body, actor=request.user, **form.cleaned_data)
    messages.success(request, _("The motion is before the body."))
    return redirect(motion.get_absolute_url())


@governance_action
def written_procedure_open(request, code):
    body = selectors.body_for(request.user, code)
    url = body_url(body)
    form = WrittenProcedureForm(request.POST, motions=selectors.pending_motions(body))
    if not form.is_valid():
        rights.check_manage_meetings(request.user, body)
        raise _Invalid(url, _form_errors(form))
    item = _call(
        url,
        services.written_procedure_open,
        body=body,
        subject=form.cleaned_data["motion"],
        deadline=form.cleaned_data["deadline"],
        actor=request.user,
    )
    messages.success(request, _("The written procedure is open for votes."))
    return redirect(item.meeting.get_absolute_url())


def body_url(body):
    from django.urls import reverse

    return reverse("governance:body", args=[body.code])


# --------------------------------------------------------------------------- meetings


@login_required
@require_GET
def meeting_detail(request, pk):
    user = request.user
    meeting = selectors.meeting_for(user, pk)
    body = meeting.body
    items = selectors.agenda(meeting)
    attendance = list(meeting.attendance.select_related("member"))
    present_ids = {a.member_id for a in attendance}
    can_manage = rights.can_manage_meetings(user, body) and not meeting.is_locked
    can_vote = rights.can_vote(user, body=body)
    can_decide = rights.can_decide(user, body=body)
    voting_ids = set(
        selectors.body_members(body).filter(votes=True).values_list("user_id", flat=True)
    )
    opinions = _opinions_by_subject(items)
    earlier = _earlier_decisions_by_subject(items)
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
            "opinions": opinions.get((item.content_type_id, item.object_id), []),
            "tally": _tally(item),
            "quorum": (
                services.quorum_status(item, voting_ids=voting_ids, present_ids=present_ids)
                if open_for_votes
                else None
            ),
        }
        if open_for_votes and can_vote and not my_vote and not recused:
            if meeting.is_written_procedure or user.pk in present_ids:
                row["vote_form"] = VoteForm(prefix=f"item{item.pk}")
            row["recusal_form"] = RecusalForm(prefix=f"item{item.pk}")
        if open_for_votes and can_decide:
            row["decision_form"] = DecisionForm(
                prefix=f"item{item.pk}",
                earlier=earlier.get((item.content_type_id, item.object_id), []),
            )
        rows.append(row)
    context = {
        "meeting": meeting,
        "body": body,
        "rows": rows,
        "attendance": attendance,
        "can_manage": can_manage,
        "can_minutes": rights.can_write_minutes(user, body) and not meeting.is_locked,
        "can_vote": can_vote,
        "can_lapse": (
            meeting.is_written_procedure
            and not meeting.is_locked
            and meeting.deadline < timezone.now()
            and can_decide
        ),
        "now": timezone.now(),
    }
    if can_manage:
        members = User.objects.filter(
            pk__in=selectors.body_members(body).values("user_id")
        ).order_by("display_name", "username")
        context["agenda_form"] = (
            None
            if meeting.is_written_procedure
            else AgendaItemForm(motions=selectors.pending_motions(body))
        )
        if not meeting.is_written_procedure:
            context["attendance_form"] = AttendanceForm(
                members=members, initial={"attendees": list(present_ids)}
            )
    if context["can_minutes"]:
        context["minutes_form"] = MinutesForm(initial={"minutes": meeting.minutes})
    return render(request, "governance/meeting_detail.html", context)


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


def _meeting(request, pk):
    return selectors.meeting_for(request.user, pk)


@governance_action
def meeting_open(request, pk):
    meeting = _meeting(request, pk)
    _call(meeting.get_absolute_url(), services.meeting_open, meeting=meeting, actor=request.user)
    messages.success(request, _("The meeting is open."))
    return redirect(meeting.get_absolute_url())


@governance_action
def meeting_close(request, pk):
    meeting = _meeting(request, pk)
    minutes = request.POST.get("minutes")
    _call(
        meeting.get_absolute_url(),
        services.meeting_close,
        meeting=meeting,
        actor=request.user,
        minutes=minutes if minutes else None,
    )
    messages.success(request, _("The meeting is closed; its record is locked."))
    return redirect(meeting.get_absolute_url())


@governance_action
def minutes_record(request, pk):
    meeting = _meeting(request, pk)
    form = MinutesForm(request.POST)
    form.is_valid()
    _call(
        meeting.get_absolute_url(),
        services.minutes_record,
        meeting=meeting,
        text=form.cleaned_data.get("minutes", ""),
        actor=request.user,
    )
    messages.success(request, _("The minutes are saved."))
    return redirect(meeting.get_absolute_url())


@governance_action
def agenda_item_add(request, pk):
    meeting = _meeting(request, pk)
    url = meeting.get_absolute_url()
    form = AgendaItemForm(request.POST, motions=selectors.pending_motions(meeting.body))
    if not form.is_valid():
        rights.check_manage_meetings(request.user, meeting.body)
        raise _Invalid(url, _form_errors(form))
    data = form.cleaned_data
    _call(
        url,
        services.agenda_item_add,
        meeting=meeting,
        kind=data["kind"],
        subject=data["motion"] if data["kind"] == "decision" else None,
        title=data["title"],
        notes=data["notes"],
        actor=request.user,
    )
    messages.success(request, _("The item is on the agenda."))
    return redirect(url)


@governance_action
def attendance_record(request, pk):
    meeting = _meeting(request, pk)
    url = meeting.get_absolute_url()
    members = User.objects.filter(pk__in=selectors.body_members(meeting.body).values("user_id"))
    form = AttendanceForm(request.POST, members=members)
    if not form.is_valid():
        rights.check_manage_meetings(request.user, meeting.body)
        raise _Invalid(url, _form_errors(form))
    _call(
        url,
        services.attendance_record,
        meeting=meeting,
        attendees=list(form.cleaned_data["attendees"]),
        actor=request.user,
    )
    messages.success(request, _("Attendance is recorded."))
    return redirect(url)


# --------------------------------------------------------------------------- votes, decisions


def _item(request, pk):
    return selectors.item_for(request.user, pk)


@governance_action
def vote_cast(request, pk):
    item = _item(request, pk)
    url = _next_or(request, item.meeting.get_absolute_url())
    form = VoteForm(request.POST, prefix=f"item{item.pk}")
    if not form.is_valid():
        rights.check_vote(request.user, body=item.meeting.body)
        raise _Invalid(url, _form_errors(form))
    _call(
        url, services.vote_cast, item=item, voter=request.user, choice=form.cleaned_data["choice"]
    )
    messages.success(request, _("Your vote is recorded."))
    return redirect(url)


@governance_action
def recusal_declare(request, pk):
    item = _item(request, pk)
    url = item.meeting.get_absolute_url()
    form = RecusalForm(request.POST, prefix=f"item{item.pk}")
    form.is_valid()
    _call(
        url,
        services.recusal_declare,
        item=item,
        member=request.user,
        reason=form.cleaned_data.get("reason", ""),
    )
    messages.success(request, _("Your conflict of interest is recorded: you are recused."))
    return redirect(url)


@governance_action
def vote_close_and_decide(request, pk):
    item = _item(request, pk)
    url = item.meeting.get_absolute_url()
    earlier = Decision.objects.filter(
        content_type_id=item.content_type_id,
        object_id=item.object_id,
        superseded_by__isnull=True,
    )
    form = DecisionForm(request.POST, prefix=f"item{item.pk}", earlier=earlier)
    if not form.is_valid():
        rights.check_decide(request.user, body=item.meeting.body)
        raise _Invalid(url, _form_errors(form))
    data = form.cleaned_data
    decision = _call(
        url,
        services.vote_close_and_decide,
        item=item,
        actor=request.user,
        outcome=data["outcome"],
        rank=data["rank"],
        rationale=data["rationale"],
        supersedes=data["supersedes"],
    )
    messages.success(request, _("The decision is recorded."))
    return redirect(decision.get_absolute_url())


@login_required
@require_GET
def awaiting_vote(request):
    items = list(selectors.awaiting_vote(request.user))
    for item in items:
        item.vote_form = VoteForm(prefix=f"item{item.pk}")
    return render(request, "governance/awaiting_vote.html", {"items": items})


# --------------------------------------------------------------------------- decisions


CSV_FIELDS = (
    ("recorded_at", _("Decided at")),
    ("body", _("Body")),
    ("subject", _("Subject")),
    ("version", _("Version decided")),
    ("outcome", _("Outcome")),
    ("rank", _("Rank")),
    ("for", _("For")),
    ("against", _("Against")),
    ("abstain", _("Abstentions")),
    ("quorum", _("Quorum (counted / required)")),
    ("supersedes", _("Supersedes decision")),
    ("superseded_by", _("Superseded by decision")),
    ("id", _("Decision")),
)


@login_required
@require_GET
def decision_list(request):
    if not rights.can_read_governance(request.user):
        raise PermissionDenied(
            _("The decisions register is open to members of governance bodies, the PMO and OICT.")
        )
    filterset = DecisionFilter(
        request.GET or None, queryset=selectors.decisions_visible_to(request.user)
    )
    decisions = (
        filterset.qs
        if filterset.is_bound and filterset.is_valid()
        else (selectors.decisions_visible_to(request.user))
    )
    if request.GET.get("format") == "csv":
        return _decisions_csv(decisions)
    page = Paginator(decisions, REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "governance/decision_list.html",
        {"filter": filterset, "page": page, "query": query.urlencode()},
    )


def _decisions_csv(decisions):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="decisions.csv"'
    writer = csv.writer(response)
    writer.writerow([str(label) for _key, label in CSV_FIELDS])
    for d in decisions:
        superseded_by = getattr(d, "superseded_by", None) if _has_superseded(d) else None
        writer.writerow(
            [
                d.recorded_at.isoformat(),
                d.body.name,
                d.subject_label,
                d.subject_version_label,
                d.get_outcome_display(),
                d.rank or "",
                d.votes_for,
                d.votes_against,
                d.abstentions,
                f"{d.quorum_present} / {d.quorum_required}",
                d.supersedes_id or "",
                superseded_by.pk if superseded_by else "",
                d.pk,
            ]
        )
    return response


def _has_superseded(decision):
    try:
        return decision.superseded_by is not None
    except Decision.superseded_by.RelatedObjectDoesNotExist:
        return False


@login_required
@require_GET
def decision_detail(request, pk):
    decision = selectors.decision_for(request.user, pk)
    return render(
        request,
        "governance/decision_detail.html",
        {"decision": decision, "superseded_by": _superseded_by(decision)},
    )


def _superseded_by(decision):
    return decision.superseded_by if _has_superseded(decision) else None


# --------------------------------------------------------------------------- motions, opinions


@login_required
@require_GET
def motion_detail(request, pk):
    motion = selectors.motion_for(request.user, pk)
    return render(request, "governance/motion_detail.html", {"motion": motion})


@governance_action
def opinion_give(request, content_type_id, object_id):
    try:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist as error:
        raise Http404 from error
    if model is None or not subjects.is_registered(model):
        raise Http404
    subject = model._default_manager.filter(pk=object_id).first()
    if subject is None or not rights.can_see(request.user, subject):
        raise Http404
    url = _next_or(request, subject.get_absolute_url())
    form = OpinionForm(request.POST)
    if not form.is_valid():
        rights.check_give_opinion(request.user, subject)
        raise _Invalid(url, _form_errors(form))
    _call(url, services.opinion_give, subject=subject, author=request.user, **form.cleaned_data)
    messages.success(request, _("Your opinion is recorded; it is shown to the deciders."))
    return redirect(url)


def _next_or(request, default):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@governance_action
def written_procedure_lapse(request, pk):
    """After its deadline, the chair closes a written procedure without a decision."""
    item = _item(request, pk)
    url = item.meeting.get_absolute_url()
    _call(url, services.written_procedure_close, item=item, actor=request.user)
    messages.success(request, _("The written procedure is closed without a decision."))
    return redirect(url)
