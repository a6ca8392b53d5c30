"""Every write to meetings, votes, decisions and opinions: one function per action.

HTML views, admin actions, the API and other apps' services (portfolio puts projects on
agendas through these) all call the same functions, so a rule holds whoever asks. Each service
checks the actor's right with ``governance.rights`` (raising ``RightsError``, whose message is
safe to show), checks the state, writes an audit entry in the same transaction and leaves side
effects (e-mail) to ``transaction.on_commit``. Bad input raises ``ValidationError``.
"""

import math
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import clock

from . import rights, subjects
from . import tally as tally_rules
from .audit import audit
from .choices import (
    MEETING_TRANSITIONS,
    AgendaItemKind,
    MeetingKind,
    MeetingState,
    MotionTopic,
    Outcome,
    QuorumRule,
    Stance,
    VoteChoice,
)
from .models import (
    AgendaItem,
    Attendance,
    Body,
    BudgetDelegate,
    Decision,
    Meeting,
    Membership,
    Motion,
    Opinion,
    Recusal,
    Vote,
)
from .notifications import notify, resolve

# --------------------------------------------------------------------------- motions


def motion_create(*, body, title, text, actor, topic=MotionTopic.POLICY):
    """Put a matter (policy, strategy, resources, priorities) before a decision body."""
    rights.check_manage_meetings(actor, body)
    with transaction.atomic():
        motion = Motion(body=body, title=title, text=text, topic=topic, proposed_by=actor)
        motion.full_clean()
        motion.save()
        audit(actor=actor, action="motion.create", target=motion, summary=title)
    return motion


# --------------------------------------------------------------------------- unit delegates


@transaction.atomic
def delegate_add(*, unit, user, actor):
    """The chief of an ICT unit names someone to prepare the unit's figures with them."""
    if not rights.is_chief_of(actor, unit):
        raise rights.RightsError(
            _("Only the chief of %(unit)s names its delegates.") % {"unit": unit}
        )
    if user.pk == unit.chief_id:
        raise ValidationError(_("The chief already prepares the unit's budget."))
    delegate, created = BudgetDelegate.objects.get_or_create(
        unit=unit, user=user, defaults={"named_by": actor}
    )
    if not created:
        raise ValidationError(_("%(user)s is already a delegate.") % {"user": user})
    return delegate


@transaction.atomic
def delegate_remove(*, delegate, actor):
    if not rights.is_chief_of(actor, delegate.unit):
        raise rights.RightsError(
            _("Only the chief of %(unit)s names its delegates.") % {"unit": delegate.unit}
        )
    delegate.delete()


# --------------------------------------------------------------------------- meetings


def meeting_create(*, body, title, starts_at, actor, location=""):
    rights.check_manage_meetings(actor, body)
    with transaction.atomic():
        meeting = Meeting(
            body=body,
            title=title,
            starts_at=starts_at,
            location=location,
            kind=MeetingKind.MEETING,
            state=MeetingState.PLANNED,
            created_by=actor,
        )
        meeting.full_clean()
        meeting.save()
        audit(actor=actor, action="meeting.create", target=meeting, summary=title)
    return meeting


def meeting_open(*, meeting, actor):
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        rights.check_manage_meetings(actor, meeting.body)
        _check_transition(meeting, MeetingState.OPEN)
        meeting.state = MeetingState.OPEN
        meeting.opened_at = clock.now()
        meeting.save(update_fields=["state", "opened_at"])
        audit(actor=actor, action="meeting.open", target=meeting, summary=meeting.title)
        voters = _voting_members(meeting.body)
        if meeting.items.filter(kind=AgendaItemKind.DECISION).exists():
            notify(
                recipients=voters,
                subject=lambda: (
                    _("%(meeting)s is open: items await your vote") % {"meeting": meeting}
                ),
                url=meeting.get_absolute_url(),
                key=f"meeting-open:{meeting.pk}",
            )
    return meeting


def meeting_close(*, meeting, actor, minutes=None):
    """Close (and so lock) a meeting. Decision items not decided stay undecided."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        rights.check_manage_meetings(actor, meeting.body)
        _check_transition(meeting, MeetingState.CLOSED)
        fields = ["state", "closed_at"]
        if minutes is not None and minutes != meeting.minutes:
            rights.check_write_minutes(actor, meeting.body)
            meeting.minutes, meeting.minutes_by = minutes, actor
            fields += ["minutes", "minutes_by"]
        meeting.state = MeetingState.CLOSED
        meeting.closed_at = clock.now()
        meeting.save(update_fields=fields)
        meeting.items.filter(vote_closed_at__isnull=True, kind=AgendaItemKind.DECISION).update(
            vote_closed_at=meeting.closed_at
        )
        audit(actor=actor, action="meeting.close", target=meeting, summary=meeting.title)
        resolve(
            keys=[f"meeting-open:{meeting.pk}"]
            + [f"vote-awaited:{pk}" for pk in meeting.items.values_list("pk", flat=True)],
            withdrawn=True,
        )
    return meeting


def minutes_record(*, meeting, text, actor):
    """The secretary writes the minutes until the meeting is closed."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        rights.check_write_minutes(actor, meeting.body)
        _check_not_locked(meeting)
        meeting.minutes = text
        meeting.minutes_by = actor
        meeting.save(update_fields=["minutes", "minutes_by"])
        audit(actor=actor, action="meeting.minutes", target=meeting, summary=meeting.title)
    return meeting


def agenda_item_add(*, meeting, kind, actor, subject=None, title="", notes=""):
    """Add an item at the end of the agenda. A decision item names a decidable subject
    (any registered model: a motion, a portfolio project) that the meeting's body decides."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        rights.check_manage_meetings(actor, meeting.body)
        _check_not_locked(meeting)
        if meeting.is_written_procedure:
            raise ValidationError(_("A written procedure has a single item."))
        item = _new_item(meeting, kind=kind, subject=subject, title=title, notes=notes)
        audit(
            actor=actor,
            action="agenda_item.add",
            target=item,
            summary=f"{meeting}: {item}",
            meeting=meeting.pk,
        )
        if item.is_decision and meeting.state == MeetingState.OPEN:
            _notify_vote_awaited(meeting, item)
    return item


def attendance_record(*, meeting, attendees, actor):
    """Record who is present: ``attendees`` replaces the list, except that a member who has
    already voted in the meeting cannot be struck off."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        rights.check_manage_meetings(actor, meeting.body)
        _check_not_locked(meeting)
        if meeting.is_written_procedure:
            raise ValidationError(_("A written procedure has no attendance: members vote."))
        wanted = {user.pk: user for user in attendees}
        members = set(
            Membership.objects.current()
            .filter(body=meeting.body, user_id__in=wanted)
            .values_list("user_id", flat=True)
        )
        strangers = [str(user) for pk, user in wanted.items() if pk not in members]
        if strangers:
            raise ValidationError(
                _("Not current members of %(body)s: %(names)s.")
                % {"body": meeting.body, "names": ", ".join(sorted(strangers))}
            )
        latest = {a.member_id: a for a in meeting.attendance.filter(superseded_by__isnull=True)}
        present = {pk for pk, entry in latest.items() if entry.present}
        leaving = present - set(wanted)
        voted = set(
            Vote.objects.filter(item__meeting=meeting, voter_id__in=leaving).values_list(
                "voter_id", flat=True
            )
        )
        if voted:
            raise ValidationError(_("A member who has voted in this meeting stays present."))
        # Appended, never changed: an entry striking a member off (or bringing them back)
        # supersedes their latest one.
        Attendance.objects.bulk_create(
            [
                Attendance(
                    meeting=meeting,
                    member_id=pk,
                    present=False,
                    supersedes=latest[pk],
                    recorded_by=actor,
                )
                for pk in sorted(leaving)
            ]
            + [
                Attendance(
                    meeting=meeting,
                    member=user,
                    supersedes=latest.get(pk),
                    recorded_by=actor,
                )
                for pk, user in wanted.items()
                if pk not in present
            ]
        )
        audit(
            actor=actor,
            action="meeting.attendance",
            target=meeting,
            summary=meeting.title,
            present=sorted(wanted),
        )
    return meeting


# --------------------------------------------------------------------------- votes


def vote_cast(*, item, voter, choice):
    """A present voting member votes once on a decision item while its vote is open."""
    if choice not in VoteChoice.values:
        raise ValidationError(_("Vote for, against or abstain."))
    with transaction.atomic():
        item = _lock_item(item)
        meeting = item.meeting
        rights.check_vote(voter, body=meeting.body)
        _check_vote_open(item)
        if item.recusals.filter(member=voter).exists():
            raise ValidationError(
                _("You declared a conflict of interest on this item, so you do not vote on it.")
            )
        if (
            not meeting.is_written_procedure
            and not meeting.attendance.current().filter(member=voter).exists()
        ):
            raise ValidationError(
                _("Only members recorded as present vote; ask the secretary to record you.")
            )
        if item.votes.filter(voter=voter).exists():
            raise ValidationError(_("You have already voted on this item."))
        try:
            with transaction.atomic():
                vote = Vote.objects.create(item=item, voter=voter, choice=choice)
        except IntegrityError as error:
            raise ValidationError(_("You have already voted on this item.")) from error
        audit(actor=voter, action="vote.cast", target=vote, summary=str(item), choice=choice)
        _resolve_vote_awaited(item, [voter])
    return vote


def recusal_declare(*, item, member, reason="", actor=None):
    """A voting member declares a conflict of interest: recused, they neither vote nor count
    for quorum. The member declares it, or the chair/secretary records it for them."""
    actor = actor or member
    with transaction.atomic():
        item = _lock_item(item)
        body = item.meeting.body
        if actor.pk != member.pk:
            rights.check_manage_meetings(actor, body)
        rights.check_declare_recusal(member, body)
        _check_vote_open(item, opening_required=False)
        if item.votes.filter(voter=member).exists():
            raise ValidationError(
                _("%(member)s has already voted: a conflict is declared before voting.")
                % {"member": member}
            )
        recusal, created = Recusal.objects.get_or_create(
            item=item, member=member, defaults={"reason": reason}
        )
        if created:
            audit(actor=actor, action="recusal.declare", target=recusal, summary=str(item))
            _resolve_vote_awaited(item, [member], withdrawn=True)
    return recusal


@dataclass(frozen=True)
class Quorum:
    rule: str
    required: int
    counted: int
    eligible: int

    @property
    def holds(self):
        return self.eligible > 0 and self.counted >= self.required


def quorum_status(item, *, voting_ids=None, present_ids=None):
    """Quorum under the body's rule, among its current voting members not recused.

    At a meeting the present ones count; in a written procedure, those who voted. A page
    showing many items passes ``voting_ids`` and ``present_ids`` (read once) and prefetches
    each item's votes and recusals.
    """
    meeting = item.meeting
    body = meeting.body
    if voting_ids is None:
        voting_ids = set(
            Membership.objects.current()
            .filter(body=body, votes=True)
            .values_list("user_id", flat=True)
        )
    eligible = set(voting_ids) - {r.member_id for r in item.recusals.all()}
    if meeting.is_written_procedure:
        taking_part = {v.voter_id for v in item.votes.all()}
    else:
        if present_ids is None:
            present_ids = set(meeting.attendance.current().values_list("member_id", flat=True))
        taking_part = set(present_ids)
    counted = len(eligible & taking_part)
    return Quorum(
        rule=body.quorum_rule,
        required=required_for_quorum(body, len(eligible)),
        counted=counted,
        eligible=len(eligible),
    )


def required_for_quorum(body, eligible):
    if body.quorum_rule == QuorumRule.FIXED:
        return body.quorum_minimum or 1
    if body.quorum_rule == QuorumRule.TWO_THIRDS:
        return max(1, math.ceil(eligible * 2 / 3))
    return eligible // 2 + 1


@dataclass(frozen=True)
class DecisionCheck:
    """What a decision would record, checked: the page shows it before asking to confirm."""

    item: object
    subject: object
    outcome: str
    rank: int | None
    rule: str
    tally: tally_rules.Tally
    quorum: Quorum

    @property
    def verdict(self):
        return tally_rules.verdict(self.rule, self.tally)


def decision_check(*, item, actor, outcome, rank=None, rationale="", supersedes=None):
    """Check a decision without recording it (nothing is written or locked): the same
    refusals as ``vote_close_and_decide`` (``RightsError``, ``ValidationError``)."""
    item = AgendaItem.objects.select_related("meeting__body").get(pk=item.pk)
    model = item.content_type.model_class() if item.content_type_id else None
    subject = model._default_manager.filter(pk=item.object_id).first() if model else None
    return _check_decision(
        item,
        subject,
        actor=actor,
        outcome=outcome,
        rank=rank,
        rationale=rationale,
        supersedes=supersedes,
    )


def _check_decision(item, subject, *, actor, outcome, rank, rationale, supersedes):
    meeting = item.meeting
    body = meeting.body
    rights.check_decide(actor, body=body)
    if not item.is_decision:
        raise ValidationError(_("Only an item for decision is decided."))
    if Decision.objects.filter(item=item).exists():
        raise ValidationError(_("The decision on this item has already been recorded."))
    _check_vote_open(item, deadline_applies=False)
    if meeting.is_written_procedure and clock.now() < meeting.deadline:
        quorum = quorum_status(item)
        if quorum.counted < quorum.eligible:
            raise ValidationError(
                _(
                    "The written procedure runs until %(deadline)s and not every member "
                    "has voted yet."
                )
                % {"deadline": timezone.localtime(meeting.deadline).strftime("%Y-%m-%d %H:%M")}
            )
    if subject is None:
        raise ValidationError(_("The subject of this item no longer exists."))
    if rights.deciding_body(subject) != body:
        raise ValidationError(
            _("%(body)s does not have %(subject)s before it now.")
            % {"body": body, "subject": subject}
        )
    if outcome not in subjects.decision_outcomes(subject):
        raise ValidationError(
            _("“%(outcome)s” is not a possible outcome for %(subject)s now.")
            % {"outcome": outcome, "subject": subject}
        )
    if outcome == Outcome.PRIORITISED:
        try:
            rank = int(rank) if rank not in (None, "") else None
        except (TypeError, ValueError):
            rank = None
        if not rank or rank < 1:
            raise ValidationError(_("Give a rank (1 is the highest priority)."))
    else:
        rank = None
    if supersedes is not None:
        _check_supersedable(supersedes, subject)
    quorum = quorum_status(item)
    if not quorum.holds:
        raise ValidationError(
            _(
                "No quorum: %(counted)s of the %(required)s voting members needed are "
                "taking part (recused members do not count). The decision is not recorded."
            )
            % {"counted": quorum.counted, "required": quorum.required}
        )
    tally = tally_rules.Tally.of(item.votes.all())
    tally_rules.check_outcome(body.decision_rule, tally, outcome, rationale)
    return DecisionCheck(
        item=item,
        subject=subject,
        outcome=outcome,
        rank=rank,
        rule=body.decision_rule,
        tally=tally,
        quorum=quorum,
    )


def vote_close_and_decide(*, item, actor, outcome, rank=None, rationale="", supersedes=None):
    """The chair closes the vote on a decision item and records the body's decision.

    Refused without quorum, and when the outcome contradicts the tally under the body's
    decision rule (``governance.tally``). Applies the decision to the subject
    (``subjects.apply_decision``) in the same transaction, with the item and the subject rows
    locked: two concurrent attempts give exactly one decision (the lock, then the unique item
    of ``Decision``).
    """
    with transaction.atomic():
        item = _lock_item(item)
        meeting = item.meeting
        body = meeting.body
        rights.check_decide(actor, body=body)
        if item.is_decision and item.content_type_id:
            subject = _lock_subject(item)
        else:
            subject = None
        checked = _check_decision(
            item,
            subject,
            actor=actor,
            outcome=outcome,
            rank=rank,
            rationale=rationale,
            supersedes=supersedes,
        )
        rank, quorum = checked.rank, checked.quorum
        now = clock.now()
        votes = list(item.votes.select_related("voter").order_by("cast_at", "pk"))
        recusals = list(item.recusals.select_related("member"))
        opinions = list(
            Opinion.objects.filter(
                content_type=item.content_type, object_id=item.object_id
            ).select_related("author", "body")
        )
        attendance = list(meeting.attendance.current().select_related("member"))
        version_label, version_pk = subjects.subject_version(subject)
        tally = {choice: sum(1 for v in votes if v.choice == choice) for choice in VoteChoice}
        decision = Decision(
            item=item,
            body=body,
            content_type=item.content_type,
            object_id=item.object_id,
            subject_label=str(subject)[:300],
            subject_version_label=str(version_label)[:200],
            subject_version_pk="" if version_pk is None else str(version_pk),
            outcome=outcome,
            rank=rank,
            rationale=rationale,
            votes_for=tally[VoteChoice.FOR],
            votes_against=tally[VoteChoice.AGAINST],
            abstentions=tally[VoteChoice.ABSTAIN],
            quorum_required=quorum.required,
            quorum_present=quorum.counted,
            supersedes=supersedes,
            recorded_by=actor,
            recorded_at=now,
            provenance=_provenance(
                subject,
                version_label,
                version_pk,
                meeting,
                item,
                quorum,
                attendance,
                votes,
                recusals,
                opinions,
            )
            | {
                "decision_rule": {
                    "rule": checked.rule,
                    "label": tally_rules.rule_label(checked.rule),
                    "carried": checked.tally.carries(checked.rule),
                    "verdict": checked.verdict,
                }
            },
        )
        # The subject's own record behind the decision (its PMO review and endorsement...),
        # as it stands when the body decides; the state change it causes follows the save and
        # is read live (``selectors.decision_for``).
        decision.provenance |= {
            key: value
            for key, value in subjects.provenance_of([decision])[0].items()
            if key != "state_change"
        }
        decision.full_clean(exclude=["item", "supersedes"])
        try:
            with transaction.atomic():
                decision.save()
        except IntegrityError as error:
            raise ValidationError(
                _("The decision on this item has already been recorded.")
            ) from error
        decision.opinions_seen.set(opinions)
        subjects.apply_decision(subject, decision)
        item.vote_closed_at = now
        item.save(update_fields=["vote_closed_at"])
        if meeting.is_written_procedure:
            meeting.state = MeetingState.CLOSED
            meeting.closed_at = now
            meeting.save(update_fields=["state", "closed_at"])
        audit(
            actor=actor,
            action="decision.record",
            target=decision,
            summary=str(decision),
            outcome=outcome,
            supersedes=supersedes.pk if supersedes else None,
        )
        _resolve_vote_awaited(item, None, withdrawn=True)
        notify(
            recipients=[m.user for m in _current_members(body)],
            subject=lambda: (
                _("%(body)s decided: %(subject)s – %(outcome)s")
                % {"body": body, "subject": subject, "outcome": decision.get_outcome_display()}
            ),
            url=decision.get_absolute_url(),
            key=f"decision:{decision.pk}",
        )
    return decision


def decision_supersede(*, decision, item, actor, outcome, rank=None, rationale=""):
    """Record, on ``item``, a later decision on the same subject that supersedes
    ``decision``. Both stay visible; the earlier one is not changed."""
    return vote_close_and_decide(
        item=item,
        actor=actor,
        outcome=outcome,
        rank=rank,
        rationale=rationale,
        supersedes=decision,
    )


def written_procedure_open(*, body, subject, deadline, actor, title="", notes=""):
    """Put one subject to a body's vote between meetings, until ``deadline``."""
    rights.check_manage_meetings(actor, body)
    if deadline <= clock.now():
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    with transaction.atomic():
        meeting = Meeting(
            body=body,
            kind=MeetingKind.WRITTEN_PROCEDURE,
            title=title or _("Written procedure: %(subject)s") % {"subject": subject},
            starts_at=clock.now(),
            deadline=deadline,
            state=MeetingState.OPEN,
            opened_at=clock.now(),
            created_by=actor,
        )
        meeting.full_clean()
        meeting.save()
        item = _new_item(
            meeting, kind=AgendaItemKind.DECISION, subject=subject, title="", notes=notes
        )
        audit(actor=actor, action="written_procedure.open", target=meeting, summary=meeting.title)
        _notify_vote_awaited(meeting, item)
    return item


def written_procedure_close(*, item, actor, outcome=None, rank=None, rationale=""):
    """Close a written procedure: record the decision (same quorum and recusal rules as a
    meeting), or, without an outcome and once the deadline has passed, let it lapse."""
    # Who may not decide is refused before learning anything about the item.
    rights.check_decide(actor, body=item.meeting.body)
    if not item.meeting.is_written_procedure:
        raise ValidationError(_("This item is not a written procedure."))
    if outcome:
        return vote_close_and_decide(
            item=item, actor=actor, outcome=outcome, rank=rank, rationale=rationale
        )
    with transaction.atomic():
        item = _lock_item(item)
        meeting = item.meeting
        rights.check_decide(actor, body=meeting.body)
        _check_not_locked(meeting)
        if clock.now() < meeting.deadline:
            raise ValidationError(_("A written procedure lapses only after its deadline."))
        meeting.state = MeetingState.CLOSED
        meeting.closed_at = clock.now()
        meeting.save(update_fields=["state", "closed_at"])
        item.vote_closed_at = meeting.closed_at
        item.save(update_fields=["vote_closed_at"])
        audit(actor=actor, action="written_procedure.lapse", target=meeting, summary=str(item))
        _resolve_vote_awaited(item, None, withdrawn=True)
    return None


# --------------------------------------------------------------------------- opinions


def opinion_give(*, subject, author, stance, text):
    """A current member of an advisory body gives an opinion on a subject they may see.

    An opinion never changes the subject's state: nothing on the subject is called.
    """
    if not subjects.is_registered(subject):
        raise ValidationError(_("Opinions are given on items before governance bodies."))
    rights.check_give_opinion(author, subject)
    if stance not in Stance.values:
        raise ValidationError({"stance": _("Choose a stance.")})
    if not (text or "").strip():
        raise ValidationError({"text": _("Write your opinion.")})
    body = (
        Body.objects.filter(
            memberships__in=Membership.objects.current().filter(user=author),
            rights="advisory",
        )
        .order_by("pk")
        .first()
    )
    with transaction.atomic():
        opinion = Opinion.objects.create(
            content_type=ContentType.objects.get_for_model(subject),
            object_id=subject.pk,
            author=author,
            body=body,
            stance=stance,
            text=text.strip(),
        )
        audit(actor=author, action="opinion.give", target=opinion, summary=str(subject))
    return opinion


# --------------------------------------------------------------------------- helpers


def _new_item(meeting, *, kind, subject, title, notes):
    if kind not in AgendaItemKind.values:
        raise ValidationError({"kind": _("Choose the kind of item.")})
    content_type = object_id = None
    if kind == AgendaItemKind.DECISION:
        if subject is None:
            raise ValidationError({"subject": _("An item for decision names its subject.")})
        if not subjects.is_registered(subject):
            raise ValidationError({"subject": _("This record cannot be put to a body.")})
        if rights.deciding_body(subject) != meeting.body:
            raise ValidationError(
                {
                    "subject": _("%(body)s does not decide %(subject)s now.")
                    % {"body": meeting.body, "subject": subject}
                }
            )
    if subject is not None:
        content_type = ContentType.objects.get_for_model(subject)
        object_id = subject.pk
        if kind == AgendaItemKind.DECISION:
            _check_not_on_open_item(content_type, object_id, subject)
    title = (title or (str(subject) if subject is not None else "")).strip()
    if not title:
        raise ValidationError({"title": _("Give the item a title.")})
    last = meeting.items.order_by("-position").values_list("position", flat=True).first()
    item = AgendaItem(
        meeting=meeting,
        position=(last or 0) + 1,
        kind=kind,
        title=title[:250],
        notes=notes,
        content_type=content_type,
        object_id=object_id,
    )
    item.full_clean()
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError as error:
        # Another request put the subject on an open item meanwhile (the database's
        # "one open item per subject" constraint).
        _check_not_on_open_item(content_type, object_id, subject)
        raise ValidationError(_("The item could not be added; try again.")) from error
    return item


def open_item_of(subject):
    """The open decision item (vote not closed, meeting not closed) ``subject`` stands on,
    or ``None``: a subject stands on at most one at a time."""
    return (
        AgendaItem.objects.filter(
            content_type=ContentType.objects.get_for_model(subject),
            object_id=subject.pk,
            kind=AgendaItemKind.DECISION,
            vote_closed_at__isnull=True,
        )
        .exclude(meeting__state=MeetingState.CLOSED)
        .select_related("meeting")
        .first()
    )


def _check_not_on_open_item(content_type, object_id, subject):
    existing = (
        AgendaItem.objects.filter(
            content_type=content_type,
            object_id=object_id,
            kind=AgendaItemKind.DECISION,
            vote_closed_at__isnull=True,
        )
        .select_related("meeting")
        .first()
    )
    if existing is not None:
        raise ValidationError(
            {
                "subject": _(
                    "%(subject)s already stands on item %(position)s of %(meeting)s: a subject "
                    "is on one open agenda item at a time."
                )
                % {
                    "subject": subject,
                    "position": existing.position,
                    "meeting": existing.meeting,
                }
            }
        )


def agenda_item_move(*, item, actor, position):
    """The chair or the secretary moves an item to ``position`` (1 = first) on an agenda that
    is not closed; the others keep their order."""
    with transaction.atomic():
        meeting = _lock_meeting(item.meeting)
        rights.check_manage_meetings(actor, meeting.body)
        _check_not_locked(meeting)
        items = list(meeting.items.order_by("position", "pk"))
        moving = next((i for i in items if i.pk == item.pk), None)
        if moving is None:
            raise ValidationError(_("This item is not on the meeting's agenda."))
        try:
            position = int(position)
        except (TypeError, ValueError) as error:
            raise ValidationError(_("Give the new position as a number.")) from error
        position = min(max(position, 1), len(items))
        items.remove(moving)
        items.insert(position - 1, moving)
        _renumber(meeting, items)
        audit(
            actor=actor,
            action="agenda_item.move",
            target=moving,
            summary=f"{meeting}: {moving.title} → {position}",
            meeting=meeting.pk,
        )
    return moving


def agenda_reorder(*, meeting, actor, order):
    """Set the whole agenda's order: ``order`` lists every item's id, first to last."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        rights.check_manage_meetings(actor, meeting.body)
        _check_not_locked(meeting)
        items = {i.pk: i for i in meeting.items.all()}
        try:
            wanted = [int(pk) for pk in order]
        except (TypeError, ValueError) as error:
            raise ValidationError(_("List the items by their ids.")) from error
        if sorted(wanted) != sorted(items):
            raise ValidationError(_("List every item of the agenda exactly once."))
        _renumber(meeting, [items[pk] for pk in wanted])
        audit(actor=actor, action="agenda.reorder", target=meeting, summary=meeting.title)
    return list(meeting.items.order_by("position"))


def _renumber(meeting, ordered):
    # Two passes keep (meeting, position) unique at every step.
    offset = 10000
    AgendaItem.objects.filter(meeting=meeting).update(position=models.F("position") + offset)
    for index, item in enumerate(ordered, start=1):
        AgendaItem.objects.filter(pk=item.pk).update(position=index)
        item.position = index


def agenda_fill(*, meeting, actor):
    """ "Add everything awaiting this body": an item for decision, at the end of a planned
    meeting's agenda, for every subject before its body that stands on no open item."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting)
        rights.check_manage_meetings(actor, meeting.body)
        if meeting.state != MeetingState.PLANNED or meeting.is_written_procedure:
            raise ValidationError(_("Only a planned meeting's agenda is filled this way."))
        added = []
        for subject in subjects.pending_before(meeting.body):
            if open_item_of(subject) is not None:
                continue
            if rights.deciding_body(subject) != meeting.body:
                continue
            added.append(
                _new_item(
                    meeting, kind=AgendaItemKind.DECISION, subject=subject, title="", notes=""
                )
            )
        audit(
            actor=actor,
            action="agenda.fill",
            target=meeting,
            summary=f"{meeting.title}: {len(added)}",
            meeting=meeting.pk,
        )
    return added


def _lock_meeting(meeting):
    return Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)


def _lock_item(item):
    locked = AgendaItem.objects.select_for_update(of=("self",)).get(pk=item.pk)
    # The meeting is read (not locked) separately: the item's lock already serialises votes
    # and decisions on it.
    locked.meeting = Meeting.objects.select_related("body").get(pk=locked.meeting_id)
    return locked


def _lock_subject(item):
    model = item.content_type.model_class()
    return model._default_manager.select_for_update(of=("self",)).get(pk=item.object_id)


def _check_transition(meeting, target):
    if target not in MEETING_TRANSITIONS[meeting.state]:
        raise ValidationError(
            _("A meeting that is %(state)s cannot become %(target)s.")
            % {
                "state": meeting.get_state_display().lower(),
                "target": MeetingState(target).label.lower(),
            }
        )


def _check_not_locked(meeting):
    if meeting.state == MeetingState.CLOSED:
        raise ValidationError(_("The meeting is closed: its record is locked."))


def _check_vote_open(item, *, opening_required=True, deadline_applies=True):
    meeting = item.meeting
    if not item.is_decision:
        raise ValidationError(_("Only an item for decision is voted on."))
    _check_not_locked(meeting)
    if item.vote_closed_at is not None:
        raise ValidationError(_("The vote on this item is closed."))
    if opening_required and meeting.state != MeetingState.OPEN:
        raise ValidationError(_("Votes are taken once the meeting is open."))
    if deadline_applies and meeting.is_written_procedure and clock.now() > meeting.deadline:
        raise ValidationError(_("The deadline of this written procedure has passed."))


def _check_supersedable(earlier, subject):
    if (
        earlier.content_type_id != ContentType.objects.get_for_model(subject).pk
        or earlier.object_id != subject.pk
    ):
        raise ValidationError(_("A decision is superseded only by one on the same subject."))
    if Decision.objects.filter(supersedes=earlier).exists():
        raise ValidationError(_("That decision has already been superseded."))


def _current_members(body):
    return Membership.objects.current().filter(body=body).select_related("user")


def _voting_members(body):
    return [m.user for m in _current_members(body).filter(votes=True)]


def _notify_vote_awaited(meeting, item):
    notify(
        recipients=_voting_members(meeting.body),
        subject=lambda: _("Your vote is awaited: %(item)s") % {"item": item.title},
        url=reverse("governance:item", args=[item.pk]),
        key=f"vote-awaited:{item.pk}",
    )


def _resolve_vote_awaited(item, voters, *, withdrawn=False):
    """The item no longer awaits these voters (``None``: anyone): their "vote awaited"
    notification is done (they voted) or withdrawn (recused, decided, lapsed); so is the
    meeting's "items await your vote" once no open item of the meeting awaits them."""
    meeting = item.meeting
    resolve(key=f"vote-awaited:{item.pk}", recipients=voters, withdrawn=withdrawn)
    if meeting.is_written_procedure or voters is None:
        if meeting.is_written_procedure or meeting.state == MeetingState.CLOSED:
            resolve(key=f"meeting-open:{meeting.pk}", withdrawn=withdrawn)
        return
    for voter in voters:
        still_open = (
            meeting.items.filter(kind=AgendaItemKind.DECISION, vote_closed_at__isnull=True)
            .exclude(votes__voter=voter)
            .exclude(recusals__member=voter)
            .exists()
        )
        if not still_open:
            resolve(key=f"meeting-open:{meeting.pk}", recipients=[voter])


def _provenance(
    subject, version_label, version_pk, meeting, item, quorum, attendance, votes, recusals, opinions
):
    def person(user):
        return {"id": user.pk, "name": str(user)}

    return {
        "subject": {
            "type": subject._meta.label_lower,
            "id": subject.pk,
            "label": str(subject),
            "version": str(version_label),
            "version_pk": version_pk if isinstance(version_pk, int | str) else str(version_pk),
        },
        "meeting": {
            "id": meeting.pk,
            "title": meeting.title,
            "kind": meeting.kind,
            "starts_at": meeting.starts_at.isoformat(),
            "deadline": meeting.deadline.isoformat() if meeting.deadline else None,
        },
        "item": {"id": item.pk, "position": item.position, "title": item.title},
        "quorum": {
            "rule": quorum.rule,
            "required": quorum.required,
            "counted": quorum.counted,
            "eligible": quorum.eligible,
        },
        "attendance": [person(a.member) for a in attendance],
        "votes": [
            {**person(v.voter), "choice": v.choice, "cast_at": v.cast_at.isoformat()} for v in votes
        ],
        "recusals": [{**person(r.member), "reason": r.reason} for r in recusals],
        "opinions": [
            {
                "id": o.pk,
                "author": str(o.author),
                "body": str(o.body),
                "stance": o.stance,
                "text": o.text,
                "given_at": o.created_at.isoformat(),
            }
            for o in opinions
        ],
        "minutes": meeting.minutes,
    }


def user_language_set(*, user, language):
    """Remember ``language`` (a code of ``settings.LANGUAGES``) as ``user``'s language."""
    from django.conf import settings

    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"preferred_language": _("Choose a language from the list.")})
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user
