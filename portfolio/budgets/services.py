"""Every write to budgets: cycles, delegates, submissions, lines, transitions, imports."""

from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock
from governance import rights
from governance.audit import audit
from governance.models import User
from governance.notifications import notify, resolve
from governance.rights import RightsError
from governance.roles import BUDGET_REVIEWERS, ICT_CHIEFS
from portfolio.selectors import projects_visible_to

from . import permissions
from .choices import (
    COMMENT_REQUIRED,
    EDITABLE_STATES,
    TRANSITIONS,
    Action,
    Actor,
    Category,
    Source,
)
from .models import BudgetCycle, BudgetLine, BudgetSubmission, BudgetSubmissionEvent


class BudgetError(ValueError):
    """A refused change; the message is safe to show."""


class ConflictError(BudgetError):
    """The submission changed since the caller read it; ``changes`` says what changed."""

    def __init__(self, message, *, current_version, changes):
        super().__init__(message)
        self.current_version = current_version
        self.changes = changes


def _record(submission, *, action, actor, from_state="", to_state="", comment="", changes=()):
    return BudgetSubmissionEvent.objects.create(
        submission=submission,
        action=action,
        actor=actor,
        from_state=from_state,
        to_state=to_state,
        version=submission.version,
        comment=comment,
        changes=list(changes),
    )


def _check_preparer(actor, unit):
    if not rights.can_prepare(actor, unit):
        raise RightsError(
            _("Only the chief of %(unit)s and the delegates the chief names may do this.")
            % {"unit": unit}
        )


def _check_cycle_open(cycle):
    # Read afresh: the caller's copy may predate the close.
    if BudgetCycle.objects.filter(pk=cycle.pk, closed_at__isnull=False).exists():
        raise BudgetError(
            _("The cycle %(cycle)s is closed: units no longer send budgets for it.")
            % {"cycle": cycle}
        )


def _check_reviewer(actor):
    if not permissions.can_review(actor):
        raise RightsError(_("Only an OICT budget reviewer may do this."))


# Submissions -------------------------------------------------------------------------------


@transaction.atomic
def submission_create(*, cycle, unit, actor):
    _check_preparer(actor, unit)
    _check_cycle_open(cycle)
    submission, created = BudgetSubmission.objects.get_or_create(
        cycle=cycle, unit=unit, defaults={"created_by": actor}
    )
    if created:
        _record(submission, action=Action.CREATED, actor=actor, to_state=submission.state)
    return submission


def _line_key(line):
    return (line["category"], line["source"], int(line["year"]))


def _describe(line):
    return {
        "category": line["category"],
        "source": line["source"],
        "year": int(line["year"]),
        "amount": str(Decimal(line["amount"]).quantize(Decimal("0.01"))),
        "justification": line.get("justification", ""),
        "initiative": line.get("initiative_id"),
        "project": line.get("project_id"),
    }


def _validate_line(cycle, line):
    if line["category"] not in Category.values:
        raise BudgetError(_("Unknown category %(value)r.") % {"value": line["category"]})
    if line["source"] not in Source.values:
        raise BudgetError(_("Unknown source of funds %(value)r.") % {"value": line["source"]})
    if int(line["year"]) not in cycle.years:
        raise BudgetError(
            _("%(year)s is not a year of the cycle %(cycle)s.")
            % {"year": line["year"], "cycle": cycle}
        )
    if Decimal(line["amount"]) < 0:
        raise BudgetError(_("An amount cannot be negative."))


def _locked(submission):
    return (
        BudgetSubmission.objects.select_for_update()
        .select_related("cycle", "unit")
        .get(pk=submission.pk)
    )


def _check_version(submission, expected_version):
    if expected_version is None or int(expected_version) == submission.version:
        return
    since = list(
        submission.events.filter(version__gt=int(expected_version))
        .select_related("actor")
        .order_by("pk")
    )
    raise ConflictError(
        _(
            "This submission was changed by someone else since you opened it (you edited "
            "version %(yours)s, it is now version %(current)s). Your changes were not saved; "
            "review what changed below and make your edit again."
        )
        % {"yours": expected_version, "current": submission.version},
        current_version=submission.version,
        changes=since,
    )


def _check_editable(submission):
    if submission.state not in EDITABLE_STATES:
        raise BudgetError(
            _("A submission that is %(state)s cannot be edited.")
            % {"state": submission.get_state_display().lower()}
        )


def _check_projects_visible(actor, project_ids):
    """A line may fund only a project its author may see (others' drafts are unknown)."""
    visible = set(
        projects_visible_to(actor).filter(pk__in=project_ids).values_list("pk", flat=True)
    )
    unknown = sorted(set(project_ids) - visible)
    if unknown:
        raise BudgetError(
            _("Unknown project %(value)s.") % {"value": ", ".join(str(pk) for pk in unknown)}
        )


@transaction.atomic
def submission_save_lines(*, submission, lines, expected_version, actor):
    """Make the submission's lines exactly ``lines`` (dicts), if nobody saved in between.

    Each line: category, source, year, amount, justification, initiative_id and project_id
    (both optional).
    A stale ``expected_version`` raises ``ConflictError``: the earlier save stays intact.
    """
    submission = _locked(submission)
    _check_preparer(actor, submission.unit)
    _check_cycle_open(submission.cycle)
    _check_editable(submission)
    _check_version(submission, expected_version)
    wanted = {}
    for line in lines:
        _validate_line(submission.cycle, line)
        key = _line_key(line)
        if key in wanted:
            raise BudgetError(
                _("Two lines for %(category)s, %(source)s, %(year)s: combine them.")
                % {
                    "category": Category(key[0]).label,
                    "source": Source(key[1]).label,
                    "year": key[2],
                }
            )
        wanted[key] = _describe(line)
    _check_projects_visible(actor, {w["project"] for w in wanted.values() if w["project"]})
    existing = {line.key: line for line in submission.lines.all()}
    changes, to_create, to_update = [], [], []
    for key, values in wanted.items():
        current = existing.get(key)
        if current is None:
            to_create.append(_new_line(submission, values))
            changes.append({"change": "added", **values})
            continue
        before = _describe(
            {
                "category": current.category,
                "source": current.source,
                "year": current.year,
                "amount": current.amount,
                "justification": current.justification,
                "initiative_id": current.initiative_id,
                "project_id": current.project_id,
            }
        )
        if before != values:
            current.amount = Decimal(values["amount"])
            current.justification = values["justification"]
            current.initiative_id = values["initiative"]
            current.project_id = values["project"]
            to_update.append(current)
            changes.append({"change": "changed", **values, "was": before})
    removed = [line for key, line in existing.items() if key not in wanted]
    for line in removed:
        changes.append(
            {
                "change": "removed",
                "category": line.category,
                "source": line.source,
                "year": line.year,
                "amount": str(line.amount),
            }
        )
    if not changes:
        return submission
    BudgetLine.objects.filter(pk__in=[line.pk for line in removed]).delete()
    BudgetLine.objects.bulk_update(to_update, ["amount", "justification", "initiative", "project"])
    BudgetLine.objects.bulk_create(to_create)
    submission.version += 1
    submission.save(update_fields=["version", "updated_at"])
    _record(submission, action=Action.LINES_SAVED, actor=actor, changes=changes)
    return submission


def _new_line(submission, values):
    return BudgetLine(
        submission=submission,
        category=values["category"],
        source=values["source"],
        year=values["year"],
        amount=Decimal(values["amount"]),
        justification=values["justification"],
        initiative_id=values["initiative"],
        project_id=values["project"],
    )


@transaction.atomic
def submission_transition(*, submission, action, actor, comment="", expected_version=None):
    submission = _locked(submission)
    action = Action(action)
    if action not in TRANSITIONS:
        raise BudgetError(_("%(action)s is not a transition.") % {"action": action.label})
    sources, target, who = TRANSITIONS[action]
    if who == Actor.PREPARER:
        _check_preparer(actor, submission.unit)
        _check_cycle_open(submission.cycle)
    else:
        _check_reviewer(actor)
    if submission.state not in sources:
        raise BudgetError(
            _("A submission that is %(state)s cannot be %(action)s.")
            % {"state": submission.get_state_display().lower(), "action": action.label.lower()}
        )
    _check_version(submission, expected_version)
    if action in COMMENT_REQUIRED and not comment.strip():
        raise BudgetError(_("Say why: the unit needs your comments to revise the budget."))
    previous = submission.state
    submission.state = target
    submission.version += 1
    fields = ["state", "version", "updated_at"]
    if action in {Action.SUBMIT, Action.RESUBMIT}:
        submission.submitted_at = clock.now()
        fields.append("submitted_at")
    submission.save(update_fields=fields)
    _record(
        submission,
        action=action,
        actor=actor,
        from_state=previous,
        to_state=target,
        comment=comment,
    )
    _notify_transition(submission, action, comment)
    return submission


def _notify_transition(submission, action, comment):
    url = reverse("budgets:submission", args=[submission.pk])
    # What the submission's earlier state asked of people (a review, a revision) is done.
    resolve(prefix=f"budgets:submission:{submission.pk}:")
    if action in {Action.SUBMIT, Action.RESUBMIT}:
        # The unit's "budget due" reminders are done too.
        resolve(key=f"budget-due-{submission.cycle.code}-{submission.unit.code}")
    if action in {Action.SUBMIT, Action.RESUBMIT}:
        recipients = User.objects.filter(groups__name=BUDGET_REVIEWERS, is_active=True)

        def subject():
            return _("ICT budget to review: %(submission)s") % {"submission": submission}

    elif action in {Action.APPROVE, Action.RETURN}:
        recipients = [submission.unit.chief] + [
            d.user for d in submission.unit.budget_delegates.select_related("user")
        ]

        def subject():
            return _("Your ICT budget was %(action)s: %(submission)s") % {
                "action": action.label.lower(),
                "submission": submission,
            }

    else:
        return
    notify(
        recipients=list(recipients),
        subject=subject,
        body=comment,
        url=url,
        key=f"budgets:submission:{submission.pk}:{submission.state}:{submission.version}",
    )


def submission_submit(*, submission, actor, expected_version=None):
    return submission_transition(
        submission=submission, action=Action.SUBMIT, actor=actor, expected_version=expected_version
    )


def submission_resubmit(*, submission, actor, comment="", expected_version=None):
    return submission_transition(
        submission=submission,
        action=Action.RESUBMIT,
        actor=actor,
        comment=comment,
        expected_version=expected_version,
    )


def submission_start_review(*, submission, actor):
    return submission_transition(submission=submission, action=Action.START_REVIEW, actor=actor)


def submission_approve(*, submission, actor, comment=""):
    return submission_transition(
        submission=submission, action=Action.APPROVE, actor=actor, comment=comment
    )


def submission_return(*, submission, actor, comment):
    return submission_transition(
        submission=submission, action=Action.RETURN, actor=actor, comment=comment
    )


@transaction.atomic
def submission_comment(*, submission, actor, comment):
    """The reviewer's comment, without a change of state (it is part of the history)."""
    submission = _locked(submission)
    _check_reviewer(actor)
    if not comment.strip():
        raise BudgetError(_("Write a comment."))
    _record(submission, action=Action.COMMENT, actor=actor, comment=comment)
    return submission


def submissions_remind_due(*, today=None):
    """Remind each unit's chief and delegates of a budget not yet sent for the open cycle.

    Safe to run twice a day: ``notify`` sends a given reminder at most once a day.
    """
    from governance.models import OrganisationUnit

    from .choices import SubmissionState
    from .models import BudgetCycle

    today = today or clock.today()
    cycle = BudgetCycle.objects.filter(
        opens_on__lte=today, closes_on__gte=today, closed_at__isnull=True
    ).first()
    if cycle is None:
        return 0
    sent = BudgetSubmission.objects.filter(cycle=cycle).exclude(
        state__in=[SubmissionState.DRAFT, SubmissionState.RETURNED]
    )
    units = (
        OrganisationUnit.objects.filter(chief__isnull=False)
        .filter(_expected_to_budget())
        .distinct()
        .exclude(pk__in=sent.values("unit"))
        .select_related("chief")
        .prefetch_related("budget_delegates__user")
    )
    count = 0
    for unit in units:
        recipients = [unit.chief] + [d.user for d in unit.budget_delegates.all()]
        count += len(
            notify(
                recipients=recipients,
                subject=lambda unit=unit: (
                    _("ICT budget for %(cycle)s due by %(date)s: %(unit)s")
                    % {"cycle": cycle, "date": cycle.closes_on.isoformat(), "unit": unit}
                ),
                url=reverse("budgets:my_unit"),
                key=f"budget-due-{cycle.code}-{unit.code}",
                once_per_day=True,
            )
        )
    return count


def _expected_to_budget():
    """Units expected to send a budget: those with a submission history or a local ICT chief."""
    from django.db.models import Q

    from governance.roles import ICT_CHIEFS

    return Q(budget_submissions__isnull=False) | Q(chief__groups__name=ICT_CHIEFS)


# Cycles ------------------------------------------------------------------------------------
# OICT's budget reviewers run the cycles: they open one with its due date, move the due date
# and close it. Each change is audited; opening tells every local ICT chief.


def _check_cycle_manager(actor):
    if not permissions.can_manage_cycles(actor):
        raise RightsError(_("Only an OICT budget reviewer opens, changes and closes cycles."))


@transaction.atomic
def cycle_open(*, actor, code, name, first_year, last_year, closes_on, opens_on=None):
    """Open a budget cycle for submissions from ``opens_on`` (today by default) until its due
    date ``closes_on``; the local ICT chiefs are told."""
    _check_cycle_manager(actor)
    cycle = BudgetCycle(
        code=code,
        name=name,
        first_year=first_year,
        last_year=last_year,
        opens_on=opens_on or clock.today(),
        closes_on=closes_on,
    )
    cycle.full_clean()
    cycle.save()
    audit(
        actor=actor,
        action="budget_cycle.open",
        target=cycle,
        summary=_("%(cycle)s open from %(opens)s, due %(due)s")
        % {"cycle": cycle, "opens": cycle.opens_on.isoformat(), "due": closes_on.isoformat()},
    )
    notify(
        recipients=list(User.objects.filter(groups__name=ICT_CHIEFS, is_active=True)),
        subject=lambda: (
            _("The ICT budget cycle %(cycle)s is open: budgets are due by %(date)s")
            % {"cycle": cycle, "date": closes_on.isoformat()}
        ),
        url=reverse("budgets:my_unit"),
        key=f"budget-cycle-open-{cycle.code}",
    )
    return cycle


@transaction.atomic
def cycle_set_due_date(*, cycle, closes_on, actor):
    _check_cycle_manager(actor)
    cycle = BudgetCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.closed_at is not None:
        raise BudgetError(_("A closed cycle keeps its dates."))
    before = cycle.closes_on
    if before == closes_on:
        return cycle
    cycle.closes_on = closes_on
    cycle.full_clean()
    cycle.save(update_fields=["closes_on"])
    audit(
        actor=actor,
        action="budget_cycle.due_date",
        target=cycle,
        summary=_("%(cycle)s due %(date)s") % {"cycle": cycle, "date": closes_on.isoformat()},
        was=before.isoformat(),
        now=closes_on.isoformat(),
    )
    return cycle


@transaction.atomic
def cycle_close(*, cycle, actor):
    """Close a cycle: units no longer start, change or send budgets for it (reviews go on)."""
    _check_cycle_manager(actor)
    cycle = BudgetCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.closed_at is not None:
        raise BudgetError(_("This cycle is already closed."))
    cycle.closed_at = clock.now()
    cycle.save(update_fields=["closed_at"])
    audit(actor=actor, action="budget_cycle.close", target=cycle, summary=str(cycle))
    return cycle
