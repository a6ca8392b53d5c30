"""The governance pages: bodies, meetings, votes, decisions, opinions.

Views never decide who may do what: they ask ``governance.rights`` which forms to show and
call ``governance.services`` to act; a refusal (``RightsError``) is a 403 page that says why.
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from core import confirm
from core.tables import filtered, table_page

from . import meeting_views, rights, selectors, services, subjects
from . import tally as tally_rules
from .choices import Outcome
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
from .models import Decision, User
from .rights import RightsError
from .tables import BodyTable, DecisionTable

BODY_DECISIONS_SHOWN = 20
BODY_MEETINGS_SHOWN = 20


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
    return table_page(request, "governance/body_list.html", BodyTable(selectors.bodies_directory()))


@login_required
@require_GET
def body_detail(request, code):
    return _body_page(request, selectors.body_for(request.user, code))


def _body_page(request, body, *, status=200, **bound):
    """The body's page; ``bound`` holds a form posted with errors, shown with what was typed
    (``meeting_form``, ``motion_form`` or ``procedure_form``) in place of an empty one."""
    user = request.user
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
        context["meeting_form"] = bound.get("meeting_form") or MeetingForm()
        if body.has_decision_rights:
            context["motion_form"] = bound.get("motion_form") or MotionForm()
            context["procedure_form"] = bound.get("procedure_form") or WrittenProcedureForm(
                motions=selectors.motions_off_agenda(body)
            )
    return render(request, "governance/body_detail.html", context, status=status)


def _refused_input(request, body, form_name, form, error=None):
    """Bad input on a form of the body's page: the page again, with the form as typed and its
    errors (a 400); nothing was changed."""
    if error is not None:
        _add_errors(form, error)
    return _body_page(request, body, status=400, **{form_name: form})


def _refused_agenda_item(request, meeting, form, error=None):
    """Bad input for a new agenda item: the agenda again (a 400) with the form as typed and
    its errors; nothing was changed. A locked meeting has no form: its refusal is a message."""
    if meeting.is_locked or meeting.is_written_procedure:
        raise _Invalid(meeting.get_absolute_url(), error.messages if error else _form_errors(form))
    if error is not None:
        _add_errors(form, error, renamed={"subject": "motion"})
    return meeting_views.agenda_page(request, meeting, status=400, agenda_form=form)


def _add_errors(form, error, renamed=None):
    """A service's refusal beside the field it names (``renamed`` maps the service's names
    to the form's), or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            name = (renamed or {}).get(name, name)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


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
    rights.check_manage_meetings(request.user, body)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        return _refused_input(request, body, "meeting_form", form)
    try:
        meeting = services.meeting_create(body=body, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _refused_input(request, body, "meeting_form", form, error)
    messages.success(request, _("The meeting is planned."))
    return redirect(meeting.get_absolute_url())


@governance_action
def motion_create(request, code):
    body = selectors.body_for(request.user, code)
    rights.check_manage_meetings(request.user, body)
    form = MotionForm(request.POST)
    if not form.is_valid():
        return _refused_input(request, body, "motion_form", form)
    try:
        motion = services.motion_create(body=body, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        return _refused_input(request, body, "motion_form", form, error)
    messages.success(request, _("The motion is before the body."))
    return redirect(motion.get_absolute_url())


@governance_action
def written_procedure_open(request, code):
    body = selectors.body_for(request.user, code)
    rights.check_manage_meetings(request.user, body)
    form = WrittenProcedureForm(request.POST, motions=selectors.motions_off_agenda(body))
    if not form.is_valid():
        return _refused_input(request, body, "procedure_form", form)
    try:
        item = services.written_procedure_open(
            body=body,
            subject=form.cleaned_data["motion"],
            deadline=form.cleaned_data["deadline"],
            actor=request.user,
        )
    except ValidationError as error:
        return _refused_input(request, body, "procedure_form", form, error)
    messages.success(request, _("The written procedure is open for votes."))
    return redirect(item.meeting.get_absolute_url())


def body_url(body):
    return reverse("governance:body", args=[body.code])


# --------------------------------------------------------------------------- meetings


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
    if not confirm.confirmed(request):
        rights.check_manage_meetings(request.user, meeting.body)
        if meeting.is_locked:
            raise _Invalid(meeting.get_absolute_url(), [_("The meeting is already closed.")])
        return confirm.ask(request, _meeting_close_confirmation(meeting))
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


def _meeting_close_confirmation(meeting):
    items = list(selectors.agenda(meeting))
    undecided = [i for i in items if i.is_decision and getattr(i, "decision", None) is None]
    return confirm.Irreversible(
        title=_("Close the meeting %(meeting)s") % {"meeting": meeting.title},
        consequence=_(
            "Closing locks the meeting's record: no vote, decision, attendance or minutes can be "
            "added or changed afterwards, and the meeting cannot be reopened."
        ),
        button=_("Close the meeting"),
        cancel_url=meeting.get_absolute_url(),
        facts=(
            (_("Body"), meeting.body.name),
            (_("Items on the agenda"), str(len(items))),
            (
                _("Decision items without a decision"),
                ", ".join(f"{i.position}. {i.title}" for i in undecided) or _("none"),
            ),
            (_("Minutes"), _("written") if meeting.minutes else _("not yet written")),
        ),
    )


def minutes(request, pk):
    """``meetings/<pk>/minutes/``: the minutes page, or saving the minutes."""
    if request.method == "POST":
        return minutes_record(request, pk)
    return meeting_views.minutes_page(request, pk)


def minutes_url(meeting):
    return reverse("governance:minutes", args=[meeting.pk])


@governance_action
def minutes_record(request, pk):
    meeting = _meeting(request, pk)
    form = MinutesForm(request.POST)
    form.is_valid()
    _call(
        minutes_url(meeting),
        services.minutes_record,
        meeting=meeting,
        text=form.cleaned_data.get("minutes", ""),
        actor=request.user,
    )
    messages.success(request, _("The minutes are saved."))
    return redirect(minutes_url(meeting))


@governance_action
def agenda_item_add(request, pk):
    meeting = _meeting(request, pk)
    url = meeting.get_absolute_url()
    form = AgendaItemForm(request.POST, motions=selectors.motions_off_agenda(meeting.body))
    if not form.is_valid():
        rights.check_manage_meetings(request.user, meeting.body)
        return _refused_agenda_item(request, meeting, form)
    data = form.cleaned_data
    try:
        services.agenda_item_add(
            meeting=meeting,
            kind=data["kind"],
            subject=data["motion"] if data["kind"] == "decision" else None,
            title=data["title"],
            notes=data["notes"],
            actor=request.user,
        )
    except ValidationError as error:
        return _refused_agenda_item(request, meeting, form, error)
    messages.success(request, _("The item is on the agenda."))
    return redirect(url)


@governance_action
def agenda_item_move(request, pk):
    """The chair or the secretary moves an item up or down the agenda (or to a position)."""
    item = _item(request, pk)
    meeting = item.meeting
    url = meeting.get_absolute_url()
    direction = request.POST.get("direction")
    position = {"up": item.position - 1, "down": item.position + 1}.get(
        direction, request.POST.get("position")
    )
    _call(url, services.agenda_item_move, item=item, actor=request.user, position=position)
    messages.success(request, _("The agenda's order is saved."))
    return redirect(f"{url}#item-{item.pk}")


@governance_action
def agenda_fill(request, pk):
    """ "Add everything awaiting this body" to a planned meeting's agenda."""
    meeting = _meeting(request, pk)
    url = meeting.get_absolute_url()
    added = _call(url, services.agenda_fill, meeting=meeting, actor=request.user)
    messages.success(
        request,
        ngettext(
            "%(n)s item awaiting the body is on the agenda.",
            "%(n)s items awaiting the body are on the agenda.",
            len(added),
        )
        % {"n": len(added)},
    )
    return redirect(url)


@governance_action
def attendance_record(request, pk):
    meeting = _meeting(request, pk)
    url = minutes_url(meeting)
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
    url = _next_or(request, meeting_views.item_url(item))
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
    url = meeting_views.item_url(item)
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
    """Record the body's decision: the page checks it (the tally under the body's rule,
    quorum, rationale), then asks to confirm with the tally and the rule shown, since the
    record is immutable."""
    item = _item(request, pk)
    url = meeting_views.item_url(item)
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
    values = {
        "item": item,
        "actor": request.user,
        "outcome": data["outcome"],
        "rank": data["rank"],
        "rationale": data["rationale"],
        "supersedes": data["supersedes"],
    }
    checked = _call(url, services.decision_check, **values)
    action = _decision_confirmation(checked, data, url)
    if not confirm.confirmed(request):
        return confirm.ask(request, action)
    try:
        services.vote_close_and_decide(**values)
    except ValidationError as error:
        return confirm.ask(request, action, errors=error.messages, status=409)
    messages.success(request, _("The decision is recorded."))
    return redirect(url)


def _decision_confirmation(checked, data, cancel_url):
    item, body = checked.item, checked.item.meeting.body
    outcome = Outcome(checked.outcome).label
    if checked.rank:
        outcome = _("%(outcome)s, rank %(rank)s") % {"outcome": outcome, "rank": checked.rank}
    facts = [
        (_("Body"), body.name),
        (_("Item"), f"{item.position}. {item.title}"),
        (_("Outcome"), outcome),
        (_("Decision rule"), tally_rules.rule_label(checked.rule)),
        (_("Tally"), str(checked.tally)),
        (_("What the tally gives"), checked.verdict),
        (
            _("Quorum"),
            _("%(counted)s taking part, %(required)s needed")
            % {"counted": checked.quorum.counted, "required": checked.quorum.required},
        ),
        (_("Rationale"), data["rationale"] or _("none")),
    ]
    if data["supersedes"] is not None:
        facts.append((_("Supersedes"), str(data["supersedes"])))
    return confirm.Irreversible(
        title=_("Record the decision on %(item)s") % {"item": item.title},
        consequence=_(
            "Recording closes the vote on this item and carries the decision out on its "
            "subject. A recorded decision never changes; only a later decision can supersede it."
        ),
        button=_("Record the decision"),
        cancel_url=cancel_url,
        facts=tuple(facts),
    )


@login_required
@require_GET
def awaiting_vote(request):
    """The worklists: awaiting my vote, awaiting my decision (chairs), open for my opinion
    (advisory members); every subject before the bodies, on an agenda or not."""
    rows = selectors.worklist(request.user)
    for row in rows:
        if row.action == "vote" and row.item is not None and row.meeting.is_written_procedure:
            row.vote_form = VoteForm(prefix=f"item{row.item.pk}")
    return render(
        request,
        "governance/awaiting_vote.html",
        {
            "to_vote": [r for r in rows if r.action == "vote"],
            "to_decide": [r for r in rows if r.action == "decide"],
            "for_opinion": selectors.open_for_opinion(request.user),
        },
    )


# --------------------------------------------------------------------------- decisions


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
    return table_page(
        request,
        "governance/decision_list.html",
        DecisionTable(filtered(filterset), records=selectors.decision_records),
        {"filter": filterset},
    )


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
        _keep_typed_opinion(request, subject, form)
        raise _Invalid(url, _form_errors(form))
    try:
        services.opinion_give(subject=subject, author=request.user, **form.cleaned_data)
    except ValidationError as error:
        _keep_typed_opinion(request, subject, form)
        raise _Invalid(url, error.messages) from error
    messages.success(request, _("Your opinion is recorded; it is shown to the deciders."))
    return redirect(url)


def _keep_typed_opinion(request, subject, form):
    """An opinion refused for bad input goes back to the subject's page (another app's page)
    with its errors as messages; what was typed waits in the session for the form there."""
    request.session[OpinionForm.typed_key(subject)] = {
        name: form.data.get(name, "") for name in form.fields
    }


def _next_or(request, default):
    candidate = request.POST.get("next") or request.GET.get("next")
    # Only a path on this site: anything else (a word, another host) would be a view name
    # to ``redirect`` or an open redirect.
    if (
        candidate
        and candidate.startswith("/")
        and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return candidate
    return default


@governance_action
def written_procedure_lapse(request, pk):
    """After its deadline, the chair closes a written procedure without a decision."""
    item = _item(request, pk)
    url = meeting_views.item_url(item)
    if not confirm.confirmed(request):
        rights.check_decide(request.user, body=item.meeting.body)
        if item.meeting.is_locked:
            raise _Invalid(url, [_("The written procedure is already closed.")])
        return confirm.ask(
            request,
            confirm.Irreversible(
                title=_("Close the written procedure %(item)s") % {"item": item.title},
                consequence=_(
                    "The written procedure closes without a decision: no more votes are taken "
                    "and it cannot be reopened; a new procedure would be needed."
                ),
                button=_("Close without a decision"),
                cancel_url=url,
                facts=(
                    (_("Body"), item.meeting.body.name),
                    (_("Votes cast"), str(item.votes.count())),
                ),
            ),
        )
    _call(url, services.written_procedure_close, item=item, actor=request.user)
    messages.success(request, _("The written procedure is closed without a decision."))
    return redirect(url)
