"""Every write and every state transition of the portfolio.

Each transition of ``choices.TRANSITIONS`` is one service here. Each locks the project row,
checks the transition against the table and the actor's right, saves with ``update_fields``,
writes the ``ProjectTransition`` audit record in the same transaction, and notifies whoever
must act next once the transaction commits. Pages, the admin and the API all call these.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import clock
from governance import rights, roles
from governance.choices import MembershipRole, Outcome
from governance.models import Membership
from governance.notifications import notify, resolve

from . import envelopes, initiatives, permissions
from .choices import (
    CLOSED_STATES,
    COMMITTEE,
    COMMITTEE_STATES,
    FUNDED_STATES,
    TRANSITIONS,
    TRANSITIONS_BY_ACTION,
    EnvelopeState,
    ProjectState,
    ReviewOutcome,
)
from .models import (
    BenefitLine,
    BusinessCase,
    CostLine,
    CriterionWeight,
    FundingSource,
    PmoReview,
    Project,
    ProjectTransition,
    ResourceEnvelope,
    Risk,
    Score,
    StatusReport,
)

CASE_FIELDS = (
    "programme",
    "initiative",
    "sponsoring_unit",
    "problem",
    "scope",
    "options_considered",
    "qualitative_benefits",
    "dependencies",
    "standards_compliance",
)
LINE_MODELS = {
    "costs": (CostLine, "costlines", ("year", "kind", "category", "amount")),
    "benefits": (BenefitLine, "benefitlines", ("year", "description", "amount")),
    "risks": (Risk, "risks", ("description", "likelihood", "impact", "mitigation")),
    "funding": (FundingSource, "fundingsources", ("source", "amount")),
}


class PortfolioError(ValidationError):
    """A refused write; its message is safe to show. Being a ``ValidationError`` it also
    refuses a governance decision whose ``apply_decision`` raises it."""


class PortfolioPermissionError(PortfolioError, PermissionError):
    """The actor may not do this at all: a refusal of the person, not of the request. Pages
    show it like any ``PortfolioError``; the API answers 403 with its message."""


# --- "what can I do with this" ------------------------------------------------------------
def available_actions(user, project):
    """The transitions ``user`` may take on ``project`` now, in table order.

    Committee transitions are listed for whoever may record the body's decision; they are
    taken by recording a governance decision, never directly.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        t
        for t in TRANSITIONS
        if project.state in t.sources
        and permissions.may(user, t.who, project)
        and _target_fits(t, project)
    ]


def _target_fits(t, project):
    # After a return the submitted version is frozen: the proponent edits (a new version) first.
    if t.action == "submit":
        case = project.current_case()
        return case is not None and not case.is_frozen
    # Approval by a steering committee goes on to the Executive Committee for a major project.
    if t.action == "committee_escalate":
        return project.is_major and project.state == ProjectState.WITH_STEERING_COMMITTEE
    if t.action == "committee_approve" and project.state == ProjectState.WITH_STEERING_COMMITTEE:
        return not project.is_major
    return True


def _lock(project):
    return Project.objects.select_for_update().get(pk=project.pk)


def _check(project, action, actor):
    t = TRANSITIONS_BY_ACTION.get(action)
    if t is None:
        raise PortfolioError(_("Unknown action %(action)s.") % {"action": action})
    if t.who != COMMITTEE and not permissions.may(actor, t.who, project):
        raise PortfolioPermissionError(
            _("You may not “%(action)s” this project.") % {"action": t.label}
        )
    if project.state not in t.sources:
        raise PortfolioError(
            _("“%(action)s” is not allowed while the project is “%(state)s”.")
            % {"action": t.label, "state": project.get_state_display()}
        )
    return t


def _move(project, t, actor, *, reason="", business_case=None, decision_id=None, target=None):
    if t.needs_reason and not (reason or "").strip():
        raise PortfolioError(_("Give a reason for “%(action)s”.") % {"action": t.label})
    from_state = project.state
    project.state = target or t.target
    project.updated_at = clock.now()
    project.save(update_fields=["state", "updated_at"])
    record = ProjectTransition.objects.create(
        project=project,
        action=t.action,
        from_state=from_state,
        to_state=project.state,
        actor=actor,
        reason=reason or "",
        business_case=business_case or project.decided_case(),
        decision_id=decision_id,
    )
    transaction.on_commit(lambda: _notify_next(project.pk))
    return record


def _run(project, action, actor, *, reason="", **extra):
    """Lock, check and move: the common path of the simple transitions."""
    with transaction.atomic():
        project = _lock(project)
        t = _check(project, action, actor)
        _move(project, t, actor, reason=reason, **extra)
    return project


# --- proposal and business case -----------------------------------------------------------
def project_create(
    *, actor, title, programme, sponsoring_unit, summary="", initiative=None, spans_programmes=False
):
    if not permissions.can_propose(actor):
        raise PortfolioPermissionError(_("You may not propose a project."))
    with transaction.atomic():
        project = Project(
            title=title,
            summary=summary,
            programme=programme,
            initiative=initiative,
            sponsoring_unit=sponsoring_unit,
            proponent=actor,
            spans_programmes=spans_programmes,
        )
        project.full_clean()
        project.save()
        case = BusinessCase(
            project=project,
            number=1,
            programme=programme,
            initiative=initiative,
            sponsoring_unit=sponsoring_unit,
            created_by=actor,
        )
        case.full_clean()
        case.save()
        ProjectTransition.objects.create(
            project=project,
            action="create",
            from_state=ProjectState.DRAFT,
            to_state=ProjectState.DRAFT,
            actor=actor,
            business_case=case,
            reason=ProjectTransition.DRAFTED,
        )
    return project


def case_token(case):
    """What an edit form carries so a stale save is refused: version and edit counter."""
    return f"{case.number}:{case.edit_version}"


def business_case_save(
    *,
    project,
    actor,
    token,
    title=None,
    summary=None,
    spans_programmes=None,
    fields=None,
    lines=None,
):
    """Save the draft business case (a new version when the last one was frozen by a submission).

    ``token`` is ``case_token()`` of the version the form was read from; when the case has
    changed since, the save is refused and nothing changes. ``lines`` maps ``costs``,
    ``benefits``, ``risks``, ``funding`` to lists of dicts of field values (replacing the rows).
    """
    fields = fields or {}
    with transaction.atomic():
        project = _lock(project)
        if not permissions.may(actor, "proponent", project):
            raise PortfolioPermissionError(_("You may not edit this business case."))
        if not permissions.can_edit_case(actor, project):
            raise PortfolioError(
                _("The business case cannot be edited while the project is “%(state)s”.")
                % {"state": project.get_state_display()}
            )
        case = project.current_case()
        if token != case_token(case):
            raise PortfolioError(
                _(
                    "Someone saved this business case after you opened it. Reload the page to "
                    "see their changes, then make yours again."
                )
            )
        if case.is_frozen:
            case = _new_version(case, actor)
        for name in CASE_FIELDS:
            if name in fields:
                setattr(case, name, fields[name])
        case.edit_version += 1
        case.full_clean()
        case.save()
        if lines is not None:
            _replace_lines(case, lines)
        if title is not None:
            project.title = title
        if summary is not None:
            project.summary = summary
        if spans_programmes is not None:
            project.spans_programmes = spans_programmes
        project.programme = case.programme
        project.initiative = case.initiative
        project.sponsoring_unit = case.sponsoring_unit
        project.total_cost = _case_total(case)
        project.updated_at = clock.now()
        project.full_clean()
        project.save(
            update_fields=[
                "title",
                "summary",
                "spans_programmes",
                "programme",
                "initiative",
                "sponsoring_unit",
                "total_cost",
                "updated_at",
            ]
        )
    return case


def _case_total(case):
    return sum((line.amount for line in case.costlines.all()), Decimal(0))


def _new_version(frozen, actor):
    case = BusinessCase(
        project=frozen.project,
        number=frozen.number + 1,
        created_by=actor,
        edit_version=frozen.edit_version,
        **{name: getattr(frozen, name) for name in CASE_FIELDS},
    )
    case.save()
    lines = {
        key: [{f: getattr(row, f) for f in names} for row in getattr(frozen, related).all()]
        for key, (_model, related, names) in LINE_MODELS.items()
    }
    _replace_lines(case, lines)
    return case


def _replace_lines(case, lines):
    for key, rows in lines.items():
        model, related, names = LINE_MODELS[key]
        getattr(case, related).all().delete()
        objects = []
        for row in rows:
            obj = model(business_case=case, **{n: row.get(n) for n in names if n in row})
            obj.full_clean()
            objects.append(obj)
        model.objects.bulk_create(objects)


def case_problems(case):
    """What a business case lacks before it may be submitted (empty when complete)."""
    problems = []
    if not case.problem.strip():
        problems.append(_("Describe the problem and objectives."))
    if not case.scope.strip():
        problems.append(_("Describe the scope."))
    if not case.costlines.exists():
        problems.append(_("Give the costs by year."))
    return problems


def project_submit(*, project, actor):
    """Freeze the draft business case as a version and send it to the PMO."""
    with transaction.atomic():
        project = _lock(project)
        t = _check(project, "submit", actor)
        case = project.current_case()
        if case.is_frozen:
            raise PortfolioError(
                _(
                    "This version was already submitted; edit the business case to make a new "
                    "version before submitting again."
                )
            )
        problems = case_problems(case)
        if problems:
            raise PortfolioError(problems)
        case.frozen_at = clock.now()
        case.save(update_fields=["frozen_at"])
        _move(project, t, actor, business_case=case)
    return project


# --- PMO review and CITO endorsement ------------------------------------------------------
def _review(project, actor, action, outcome, *, checklist, comments):
    with transaction.atomic():
        project = _lock(project)
        t = _check(project, action, actor)
        checklist = {
            k: bool(checklist.get(k))
            for k in ("complete", "compliant", "overlap_examined", "metrics_comparable")
        }
        if outcome == ReviewOutcome.ACCEPTED and not all(checklist.values()):
            raise PortfolioError(
                _(
                    "Tick every item of the checklist before accepting; otherwise return the "
                    "business case with comments."
                )
            )
        case = project.decided_case()
        PmoReview.objects.create(
            project=project,
            business_case=case,
            reviewer=actor,
            comments=comments,
            outcome=outcome,
            **checklist,
        )
        _move(project, t, actor, reason=comments, business_case=case)
    return project


def project_pmo_accept(*, project, actor, checklist, comments=""):
    return _review(
        project, actor, "pmo_accept", ReviewOutcome.ACCEPTED, checklist=checklist, comments=comments
    )


def project_pmo_return(*, project, actor, comments, checklist=None):
    return _review(
        project,
        actor,
        "pmo_return",
        ReviewOutcome.RETURNED,
        checklist=checklist or {},
        comments=comments,
    )


def project_cito_endorse(*, project, actor, reason=""):
    return _run(project, "cito_endorse", actor, reason=reason)


def project_cito_return(*, project, actor, reason):
    return _run(project, "cito_return", actor, reason=reason)


def project_refer_to_steering_committee(*, project, actor, reason=""):
    return _run(project, "refer_to_steering_committee", actor, reason=reason)


# --- committee decisions (arrive from governance) -----------------------------------------
OUTCOME_ACTIONS = {
    Outcome.REJECTED: "committee_reject",
    Outcome.DEFERRED: "committee_defer",
    Outcome.RETURNED: "committee_return",
}


def _decision_actor(decision):
    for name in ("recorded_by", "decided_by", "actor", "created_by", "chair"):
        user = getattr(decision, name, None)
        if user is not None:
            return user
    return None


def project_apply_decision(*, project, decision):
    """Carry out a governance decision on ``project`` (registered in ``portfolio/apps.py``).

    Approval by a steering committee sends a major project on to the Executive Committee;
    ``prioritised`` records the rank without changing the state. Refuses (``PortfolioError``)
    a decision about another business case version than the one before the body.
    """
    outcome = decision.outcome
    actor = _decision_actor(decision)
    reason = getattr(decision, "rationale", "") or ""
    with transaction.atomic():
        project = _lock(project)
        if project.state not in COMMITTEE_STATES:
            raise PortfolioError(
                _("No committee has this project before it while it is “%(state)s”.")
                % {"state": project.get_state_display()}
            )
        if actor is not None and not rights.can_decide(actor, project):
            raise PortfolioError(
                _("Only the chair of %(body)s may record its decision on this project.")
                % {"body": project.get_deciding_body()}
            )
        case = project.decided_case()
        version_pk = getattr(decision, "subject_version_pk", None)
        if version_pk is None:
            version_pk = getattr(decision, "subject_version_id", None)
        if version_pk not in (None, "") and case is not None and str(version_pk) != str(case.pk):
            raise PortfolioError(
                _(
                    "This decision is about another version of the business case than the one "
                    "before the committee (v%(number)s)."
                )
                % {"number": case.number}
            )
        if outcome not in project.get_decision_outcomes():
            raise PortfolioError(
                _("“%(outcome)s” is not a decision the committee can take on this project now.")
                % {"outcome": outcome}
            )
        if outcome == Outcome.PRIORITISED:
            project.priority_rank = getattr(decision, "rank", None)
            project.save(update_fields=["priority_rank"])
            return project
        if outcome == Outcome.APPROVED:
            action = (
                "committee_escalate"
                if project.state == ProjectState.WITH_STEERING_COMMITTEE and project.is_major
                else "committee_approve"
            )
            if (
                action == "committee_approve"
                and project.state == ProjectState.WITH_STEERING_COMMITTEE
            ):
                # The envelope binds a steering committee (portfolio.envelopes).
                refused = envelopes.refusal(envelopes.check(project, case))
                if refused:
                    raise PortfolioError(refused)
        elif outcome == Outcome.REFERRED:
            action = "committee_escalate"
        else:
            action = OUTCOME_ACTIONS[outcome]
        t = _check(project, action, actor)
        _move(
            project,
            t,
            actor,
            reason=reason or str(Outcome(outcome).label),
            business_case=case,
            decision_id=getattr(decision, "pk", None),
        )
    return project


# --- delivery and closure -----------------------------------------------------------------
def project_start_delivery(*, project, actor, project_manager=None, reason=""):
    with transaction.atomic():
        project = _lock(project)
        t = _check(project, "start_delivery", actor)
        project.project_manager = project_manager or project.project_manager or project.proponent
        project.save(update_fields=["project_manager"])
        _move(project, t, actor, reason=reason)
    return project


def project_complete(*, project, actor, lessons_learned):
    with transaction.atomic():
        project = _lock(project)
        t = _check(project, "complete", actor)
        project.lessons_learned = lessons_learned
        project.save(update_fields=["lessons_learned"])
        _move(project, t, actor, reason=lessons_learned)
    return project


def project_withdraw(*, project, actor, reason):
    return _run(project, "withdraw", actor, reason=reason)


def project_cancel(*, project, actor, reason):
    return _run(project, "cancel", actor, reason=reason)


def project_transition(*, project, action, actor, reason="", **extra):
    """Dispatch a transition by action name (pages and admin actions); committee transitions
    are refused here: they are recorded as governance decisions."""
    t = TRANSITIONS_BY_ACTION.get(action)
    if t is None:
        raise PortfolioError(_("Unknown action %(action)s.") % {"action": action})
    if t.who == COMMITTEE:
        message = _(
            "“%(action)s” is a committee decision: record it in the committee's meeting."
        ) % {"action": t.label}
        # Who may record the body's decision at all is governance's rule.
        try:
            rights.check_decide(actor, project)
        except rights.RightsError as error:
            raise PortfolioPermissionError(f"{message} {error}") from error
        raise PortfolioError(message)
    if action == "pmo_accept":
        return project_pmo_accept(
            project=project, actor=actor, comments=reason, checklist=extra.get("checklist", {})
        )
    if action == "pmo_return":
        return project_pmo_return(
            project=project, actor=actor, comments=reason, checklist=extra.get("checklist", {})
        )
    if action == "submit":
        return project_submit(project=project, actor=actor)
    if action == "start_delivery":
        return project_start_delivery(
            project=project,
            actor=actor,
            reason=reason,
            project_manager=extra.get("project_manager"),
        )
    if action == "complete":
        return project_complete(project=project, actor=actor, lessons_learned=reason)
    return _run(project, action, actor, reason=reason)


def status_report_file(
    *,
    project,
    actor,
    period,
    schedule,
    budget,
    scope,
    percent_complete,
    actual_spend,
    issues="",
    risks="",
):
    with transaction.atomic():
        project = _lock(project)
        if not permissions.can_report_status(actor, project):
            raise PortfolioPermissionError(
                _("Only the project manager or the PMO may file status reports.")
            )
        if project.state != ProjectState.IN_DELIVERY:
            raise PortfolioError(_("Status reports are filed only while a project is in delivery."))
        period = period.replace(day=1)
        if StatusReport.objects.filter(project=project, period=period).exists():
            raise PortfolioError(
                _("A report for %(month)s was already filed.") % {"month": period.strftime("%Y-%m")}
            )
        report = StatusReport(
            project=project,
            period=period,
            author=actor,
            schedule=schedule,
            budget=budget,
            scope=scope,
            percent_complete=percent_complete,
            actual_spend=actual_spend,
            issues=issues,
            risks=risks,
        )
        report.full_clean()
        report.save()
    return report


def phase_add(*, project, actor, name, start, end, deliverables=""):
    from .models import Phase

    with transaction.atomic():
        project = _lock(project)
        if not permissions.can_report_status(actor, project):
            raise PortfolioPermissionError(
                _("Only the project manager or the PMO may plan phases.")
            )
        order = project.phases.count() + 1
        phase = Phase(
            project=project, order=order, name=name, start=start, end=end, deliverables=deliverables
        )
        phase.full_clean()
        phase.save()
    return phase


def project_services_set(*, project, services, actor):
    """Say which ICT services of the catalogue the project creates or changes (the service's
    page lists it). The project manager and the PMO keep it, as they keep the phases."""
    from governance.audit import audit

    with transaction.atomic():
        project = _lock(project)
        if not permissions.can_report_status(actor, project):
            raise PortfolioError(
                _("Only the project manager or the PMO may say which services a project changes.")
            )
        before = sorted(project.services.values_list("code", flat=True))
        project.services.set(services)
        audit(
            actor=actor,
            action="project.services",
            target=project,
            summary=project.reference,
            services=sorted(s.code for s in services),
            before=before,
        )
    return project


# --- prioritisation -----------------------------------------------------------------------
def criterion_weights_set(*, body, actor, weights):
    if not permissions.can_set_weights(actor, body):
        raise PortfolioPermissionError(
            _("Only the committee's chair or the PMO may change its weights.")
        )
    if sum(int(v) for v in weights.values()) <= 0:
        raise PortfolioError(_("At least one criterion needs a weight above zero."))
    with transaction.atomic():
        for criterion, weight in weights.items():
            CriterionWeight.objects.update_or_create(
                body=body, criterion=criterion, defaults={"weight": int(weight)}
            )


def score_record(*, project, actor, scores):
    """A voting member's scores (criterion -> 1..5) of the version before the committee."""
    with transaction.atomic():
        project = _lock(project)
        if project.state != ProjectState.WITH_STEERING_COMMITTEE:
            raise PortfolioError(_("Projects are scored while before their steering committee."))
        if not permissions.can_score(actor, project):
            raise PortfolioPermissionError(
                _("Only voting members of the committee may score this project.")
            )
        body = project.get_deciding_body()
        case = project.decided_case()
        for criterion, value in scores.items():
            score, _created = Score.objects.get_or_create(
                business_case=case,
                body=body,
                member=actor,
                criterion=criterion,
                defaults={"project": project, "value": value},
            )
            if score.value != value:
                score.value = value
                score.full_clean()
                score.save(update_fields=["value"])
            else:
                score.full_clean()


def _ranking(body, meeting, year):
    from .prioritisation import ranked_list

    if meeting.body_id != body.pk:
        raise PortfolioError(_("Choose a meeting of %(body)s.") % {"body": body})
    items = ranked_list(body, year)["items"]
    if not items:
        raise PortfolioError(_("No item is before the committee to rank."))
    return items


def _open_item_for(meeting, project):
    from governance.choices import AgendaItemKind

    return (
        meeting.items.filter(
            kind=AgendaItemKind.DECISION,
            object_id=project.pk,
            content_type__app_label="portfolio",
            content_type__model="project",
            vote_closed_at__isnull=True,
        )
        .order_by("position")
        .first()
    )


def prioritisation_put_to_vote(*, body, actor, meeting, year):
    """Put the committee's ranked list to its members' vote: an item for decision per project
    on ``meeting`` (unless one is already open there), its proposed rank in the notes. The
    members vote on each; the chair then records the ranking (``prioritisation_record``)."""
    from governance import services as gov
    from governance.choices import AgendaItemKind

    ranking = _ranking(body, meeting, year)
    added = []
    with transaction.atomic():
        for ranked in ranking:
            if _open_item_for(meeting, ranked.project) is not None:
                continue
            added.append(
                gov.agenda_item_add(
                    meeting=meeting,
                    kind=AgendaItemKind.DECISION,
                    subject=ranked.project,
                    actor=actor,
                    title=_("Prioritisation: %(project)s") % {"project": ranked.project},
                    notes=_("Proposed rank %(rank)s of %(n)s; weighted score %(score)s.")
                    % {
                        "rank": ranked.rank,
                        "n": len(ranking),
                        "score": ranked.weighted_score
                        if ranked.weighted_score is not None
                        else "–",
                    },
                )
            )
    return added


def prioritisation_record(*, body, actor, meeting, year):
    """Record the committee's ranked list as its decisions: on an open meeting of ``body``
    with quorum, one "prioritised" governance decision per item, carrying its rank, each
    carried by the members' votes under the body's decision rule (the list is put to the
    vote first: ``prioritisation_put_to_vote``). All or nothing: a refusal (rights, quorum,
    tally, state) records no rank at all."""
    from governance import services as gov

    ranking = _ranking(body, meeting, year)
    decisions = []
    with transaction.atomic():
        for ranked in ranking:
            agenda_item = _open_item_for(meeting, ranked.project)
            if agenda_item is None:
                raise PortfolioError(
                    _(
                        "%(project)s is not on the agenda of %(meeting)s: put the ranking to "
                        "the members' vote first."
                    )
                    % {"project": ranked.project, "meeting": meeting}
                )
            decisions.append(
                gov.vote_close_and_decide(
                    item=agenda_item,
                    actor=actor,
                    outcome=Outcome.PRIORITISED,
                    rank=ranked.rank,
                    rationale=_("Ranked %(rank)s of %(n)s; weighted score %(score)s.")
                    % {
                        "rank": ranked.rank,
                        "n": len(ranking),
                        "score": ranked.weighted_score
                        if ranked.weighted_score is not None
                        else "–",
                    },
                )
            )
    return decisions


def envelope_propose(*, programme, year, amount, actor):
    if not roles.is_pmo(actor):
        raise PortfolioPermissionError(_("Only the PMO proposes resource envelopes."))
    envelope = ResourceEnvelope(programme=programme, year=year, amount=amount)
    envelope.full_clean()
    envelope.save()
    return envelope


def envelope_apply_decision(*, envelope, decision):
    with transaction.atomic():
        envelope = ResourceEnvelope.objects.select_for_update().get(pk=envelope.pk)
        if envelope.state != EnvelopeState.PROPOSED:
            raise PortfolioError(_("This envelope was already decided."))
        actor = _decision_actor(decision)
        if actor is not None and not rights.can_decide(actor, envelope):
            raise PortfolioError(_("Only the Executive Committee's chair may set an envelope."))
        if decision.outcome == Outcome.APPROVED:
            envelope.state = EnvelopeState.SET
        elif decision.outcome == Outcome.REJECTED:
            envelope.state = EnvelopeState.REJECTED
        else:
            raise PortfolioError(_("An envelope is either set or rejected."))
        envelope.decision_id = getattr(decision, "pk", None)
        envelope.save(update_fields=["state", "decision_id"])
    return envelope


def envelope_set_by_decision(*, programme, year, amount, decision):
    """An envelope the Executive Committee sets within a wider decision (a published
    portfolio scenario): proposed and decided through ``envelope_apply_decision``, the path of
    a single envelope decision. An envelope already set at that amount is left as it is."""
    current = (
        ResourceEnvelope.objects.filter(programme=programme, year=year, state=EnvelopeState.SET)
        .order_by("-pk")
        .first()
    )
    if current is not None and current.amount == amount:
        return current
    envelope = ResourceEnvelope(programme=programme, year=year, amount=amount)
    envelope.full_clean()
    envelope.save()
    return envelope_apply_decision(envelope=envelope, decision=decision)


def project_priority_set_by_decision(*, project, rank, decision):
    """The Executive Committee's priority for a proposal, within a wider decision (a published
    portfolio scenario): the committee rebalances resources to the highest priorities (para
    49(j)). Only its chair records it, and only on a proposal not yet decided."""
    from governance.audit import audit
    from governance.models import Body

    actor = _decision_actor(decision)
    executive = Body.objects.executive_committee()
    with transaction.atomic():
        project = _lock(project)
        if actor is not None and not rights.can_decide(actor, body=executive):
            raise PortfolioError(_("Only the Executive Committee's chair may set priorities."))
        if project.state in CLOSED_STATES or project.state in FUNDED_STATES:
            return project
        if not rank or int(rank) < 1:
            raise PortfolioError(_("Give a rank (1 is the highest priority)."))
        project.priority_rank = int(rank)
        project.save(update_fields=["priority_rank"])
        audit(
            actor=actor,
            action="project.priority",
            target=project,
            summary=project.reference,
            rank=int(rank),
            decision=getattr(decision, "pk", None),
        )
    return project


# --- initiatives before the Executive Committee (para 49(i)) -------------------------------
def initiative_ranking_propose(*, initiative, actor, rank, meeting=None, deadline=None):
    """Put the ranking of ``initiative`` (the proposed ``rank``, 1 is highest) before the
    Executive Committee: on the agenda of ``meeting`` (one of its own) or to its members'
    vote in writing until ``deadline``. The committee then records "prioritised" with the
    rank its votes carry (``initiative_apply_decision``). Returns the decision item."""
    from governance import services as governance
    from governance.choices import AgendaItemKind

    body = initiatives.executive_committee()
    rights.check_manage_meetings(actor, body)
    try:
        rank = int(rank)
    except (TypeError, ValueError):
        rank = 0
    if rank < 1:
        raise PortfolioError(_("Give a rank (1 is the highest priority)."))
    if (meeting is None) == (deadline is None):
        raise PortfolioError(
            _("Choose a meeting of the Executive Committee or a deadline for a written vote.")
        )
    if meeting is not None and meeting.body_id != body.pk:
        raise PortfolioError(_("Choose a meeting of the Executive Committee."))
    title = _("Ranking of the initiative: %(initiative)s") % {"initiative": initiative.name}
    notes = _("Proposed rank %(rank)s.") % {"rank": rank}
    with transaction.atomic():
        if meeting is not None:
            return governance.agenda_item_add(
                meeting=meeting,
                kind=AgendaItemKind.DECISION,
                subject=initiative,
                actor=actor,
                title=title,
                notes=notes,
            )
        return governance.written_procedure_open(
            body=body, subject=initiative, deadline=deadline, actor=actor, title=title, notes=notes
        )


def initiative_apply_decision(*, initiative, decision):
    """Carry out the Executive Committee's decision on an initiative (registered in
    ``portfolio/apps.py``): "prioritised" records its rank, through the strategy's own
    writer; "rejected" or "deferred" leave the rank as it was. Only the committee's chair
    records it (``vote_close_and_decide`` has checked the body, quorum and tally)."""
    from programmes import services as programme_services

    actor = _decision_actor(decision)
    body = initiatives.executive_committee()
    if actor is not None and not rights.can_decide(actor, body=body):
        raise PortfolioError(_("Only the Executive Committee's chair ranks initiatives."))
    if decision.outcome == Outcome.PRIORITISED:
        return programme_services.initiative_priority_record(
            initiative=initiative,
            rank=decision.rank,
            decision_id=getattr(decision, "pk", None),
            actor=actor,
        )
    if decision.outcome not in initiatives.OUTCOMES:
        raise PortfolioError(_("An initiative is ranked, its ranking refused, or deferred."))
    return initiative


# --- notifications ------------------------------------------------------------------------
#: States in which the project waits on someone (the PMO, the CITO, a committee, the
#: proponent, the project manager's monthly reports); in the others it is for information.
AWAITING_STATES = frozenset(
    {
        ProjectState.SUBMITTED,
        ProjectState.RETURNED,
        ProjectState.ACCEPTED,
        ProjectState.ENDORSED,
        ProjectState.DEFERRED,
        ProjectState.IN_DELIVERY,
    }
    | COMMITTEE_STATES
)


def _notify_next(project_pk):
    """After a transition: what the project's earlier state asked of people is done, and
    whoever it waits on now is told (once), or its people are told of the outcome."""
    project = Project.objects.select_related("proponent", "project_manager").get(pk=project_pk)
    resolve(prefix=f"portfolio:project:{project.pk}:")
    recipients = _next_actors(project)
    if not recipients:
        return
    awaits = project.state in AWAITING_STATES
    notify(
        recipients=recipients,
        subject=lambda: (
            _("%(project)s is now “%(state)s”")
            % {"project": project, "state": project.get_state_display()}
        ),
        body=lambda: (
            _("The project awaits your action in the ICT governance portal.")
            if awaits
            else _("For your information: nothing awaits you on this project.")
        ),
        url=project.get_absolute_url(),
        key=f"portfolio:project:{project.pk}:{project.state}",
    )


def _group_members(group_name):
    return list(get_user_model().objects.filter(groups__name=group_name, is_active=True))


def _next_actors(project):
    state = project.state
    if state in (ProjectState.SUBMITTED, ProjectState.ENDORSED, ProjectState.DEFERRED):
        return _group_members(roles.PMO_OFFICERS)
    if state == ProjectState.ACCEPTED:
        from governance.models import OrganisationUnit

        return [
            u.chief
            for u in OrganisationUnit.objects.filter(code="oict").select_related("chief")
            if u.chief
        ]
    if state in COMMITTEE_STATES:
        body = project.get_deciding_body()
        memberships = Membership.objects.current().filter(body=body).select_related("user")
        return [
            m.user
            for m in memberships
            if m.votes
            or m.role in (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR, MembershipRole.SECRETARY)
        ]
    if state == ProjectState.IN_DELIVERY:
        return [project.project_manager or project.proponent]
    return [project.proponent, project.project_manager]
