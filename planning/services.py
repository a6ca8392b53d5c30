"""Every write of the planning area.

A draft scenario is a working paper: none of these writes touches a project or an envelope.
Only ``scenario_apply_decision``, called by governance when the Executive Committee records
its decision on a scenario put before it, changes the portfolio, and it does so through the
portfolio's own services (``envelope_set_by_decision``, ``project_priority_set_by_decision``),
the ones a single decision on an envelope or a ranking uses.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core import clock
from governance import rights
from governance.audit import audit
from governance.choices import AgendaItemKind, Outcome
from portfolio import services as portfolio_services
from portfolio.models import Project

from . import permissions
from .choices import (
    FUNDED_CHOICES,
    MAX_ENVELOPE,
    PLANNED_STATES,
    REBALANCING_YEARS,
    Choice,
    ScenarioKind,
    ScenarioState,
)
from .models import ProjectDependency, Scenario, ScenarioChoice, ScenarioEnvelope


class PlanningError(ValidationError):
    """A refused write; its message is safe to show."""


class PlanningPermissionError(PlanningError, PermissionError):
    """The actor may not do this at all (the API answers 403)."""


def _check_planner(actor):
    if not permissions.can_plan(actor):
        raise PlanningPermissionError(_("Only the PMO and the CITO prepare scenarios."))


def _lock(scenario):
    return Scenario.objects.select_for_update().get(pk=scenario.pk)


def _check_editable(scenario):
    if scenario.state != ScenarioState.DRAFT:
        raise PlanningError(
            _("“%(scenario)s” is %(state)s: it no longer changes. Start a new version.")
            % {"scenario": scenario, "state": scenario.get_state_display().lower()}
        )


def _touch(scenario):
    scenario.updated_at = clock.now()
    scenario.save(update_fields=["updated_at"])


def scenario_create(
    *, actor, name, first_year, last_year, description="", choices=None, envelopes=None
):
    """A new scenario (version 1 of ``name``), its envelopes those the Executive Committee
    has set for its years, unless ``envelopes`` ((programme, year) -> amount) says otherwise.
    ``choices`` maps projects to a ``Choice`` (the frontier's "start from this point")."""
    from programmes.models import Programme

    from .selectors import set_envelopes

    _check_planner(actor)
    name = (name or "").strip()
    with transaction.atomic():
        number = (Scenario.objects.filter(name=name).aggregate(n=Max("number"))["n"] or 0) + 1
        scenario = Scenario(
            name=name,
            number=number,
            description=description,
            first_year=first_year,
            last_year=last_year,
            created_by=actor,
        )
        scenario.full_clean()
        scenario.save()
        current = set_envelopes(scenario.years)
        for programme in Programme.objects.order_by("order"):
            for year in scenario.years:
                amount = (envelopes or {}).get(
                    (programme.pk, year), current.get((programme.pk, year))
                )
                if amount is not None:
                    ScenarioEnvelope.objects.create(
                        scenario=scenario, programme=programme, year=year, amount=amount
                    )
        for project, choice in (choices or {}).items():
            _set_choice(scenario, project, choice)
        audit(actor=actor, action="scenario.create", target=scenario, summary=str(scenario))
    return scenario


def scenario_new_version(*, scenario, actor):
    """A copy of ``scenario`` as the next version of its name, a draft again."""
    _check_planner(actor)
    with transaction.atomic():
        source = Scenario.objects.get(pk=scenario.pk)
        number = Scenario.objects.filter(name=source.name).aggregate(n=Max("number"))["n"] + 1
        copy = Scenario(
            name=source.name,
            number=number,
            based_on=source,
            description=source.description,
            first_year=source.first_year,
            last_year=source.last_year,
            created_by=actor,
        )
        copy.full_clean()
        copy.save()
        ScenarioEnvelope.objects.bulk_create(
            ScenarioEnvelope(
                scenario=copy, programme_id=e.programme_id, year=e.year, amount=e.amount
            )
            for e in source.envelopes.all()
        )
        ScenarioChoice.objects.bulk_create(
            ScenarioChoice(
                scenario=copy,
                project_id=c.project_id,
                choice=c.choice,
                phase_percent=c.phase_percent,
                priority=c.priority,
            )
            for c in source.choices.all()
        )
        audit(actor=actor, action="scenario.version", target=copy, summary=str(copy), of=source.pk)
    return copy


def _set_choice(scenario, project, choice, *, phase_percent=None, priority=None):
    if project.state not in PLANNED_STATES:
        raise PlanningError(
            _("%(project)s is “%(state)s”: a scenario plans over proposals and running projects.")
            % {"project": project, "state": project.get_state_display()}
        )
    if choice not in Choice.values:
        raise PlanningError(_("Choose fund, phase, defer or stop."))
    row = ScenarioChoice.objects.filter(scenario=scenario, project=project).first() or (
        ScenarioChoice(scenario=scenario, project=project)
    )
    row.choice = choice
    row.phase_percent = phase_percent
    row.priority = priority
    row.full_clean()
    row.save()
    return row


def scenario_choice_set(*, scenario, actor, project, choice, phase_percent=None, priority=None):
    """Say what the scenario does with ``project``: fund, phase (a share of its cost), defer
    or stop, with an optional priority (1 is highest)."""
    _check_planner(actor)
    with transaction.atomic():
        scenario = _lock(scenario)
        _check_editable(scenario)
        project = Project.objects.get(pk=project.pk)
        row = _set_choice(scenario, project, choice, phase_percent=phase_percent, priority=priority)
        _touch(scenario)
    return row


def scenario_envelope_set(*, scenario, actor, programme, year, amount):
    _check_planner(actor)
    with transaction.atomic():
        scenario = _lock(scenario)
        _check_editable(scenario)
        if year not in scenario.years:
            raise PlanningError(
                _("%(year)s is outside the scenario's years (%(first)s-%(last)s).")
                % {"year": year, "first": scenario.first_year, "last": scenario.last_year}
            )
        envelope = ScenarioEnvelope.objects.filter(
            scenario=scenario, programme=programme, year=year
        ).first() or ScenarioEnvelope(scenario=scenario, programme=programme, year=year)
        envelope.amount = amount
        envelope.full_clean()
        envelope.save()
        _touch(scenario)
    return envelope


def scenario_update(*, scenario, actor, name=None, description=None):
    _check_planner(actor)
    with transaction.atomic():
        scenario = _lock(scenario)
        _check_editable(scenario)
        if description is not None:
            scenario.description = description
        scenario.updated_at = clock.now()
        scenario.full_clean()
        scenario.save(update_fields=["description", "updated_at"])
    return scenario


def scenario_submit(*, scenario, actor, meeting):
    """Freeze the scenario and put it on the agenda of ``meeting`` of the Executive Committee
    (one transaction: if the agenda refuses it, it stays a draft)."""
    from governance import services as governance

    _check_planner(actor)
    with transaction.atomic():
        scenario = _lock(scenario)
        _check_editable(scenario)
        scenario.state = ScenarioState.BEFORE_COMMITTEE
        scenario.updated_at = clock.now()
        scenario.save(update_fields=["state", "updated_at"])
        item = governance.agenda_item_add(
            meeting=meeting,
            kind=AgendaItemKind.DECISION,
            subject=scenario,
            actor=actor,
            title=_("Portfolio scenario: %(scenario)s") % {"scenario": scenario},
        )
        audit(
            actor=actor,
            action="scenario.submit",
            target=scenario,
            summary=str(scenario),
            meeting=meeting.pk,
        )
    return item


def rebalancing_years():
    """The years a rebalancing may set: this one and the next ``REBALANCING_YEARS - 1``."""
    year = clock.today().year
    return list(range(year, year + REBALANCING_YEARS))


def rebalancing_check(*, actor, year, amounts, rationale):
    """Refuse a rebalancing before anything is written: who proposes it, the year, one amount
    per programme within bounds, a reason, and a change from the envelopes in force. Returns
    ``{programme: (amount in force or None, proposed amount)}`` in programme order."""
    from programmes.models import Programme

    from .selectors import rebalancings_pending, set_envelopes

    body = permissions.executive_committee()
    if body is None or not permissions.can_propose_rebalancing(actor, body):
        raise PlanningPermissionError(
            _("Only those who prepare the Executive Committee's business propose a rebalancing.")
        )
    years = rebalancing_years()
    if year not in years:
        raise PlanningError(
            {
                "year": _("A rebalancing sets the envelopes of %(first)s to %(last)s.")
                % {"first": years[0], "last": years[-1]}
            }
        )
    if not (rationale or "").strip():
        raise PlanningError({"rationale": _("Say why the envelopes change.")})
    programmes = list(Programme.objects.order_by("order"))
    given = {programme.pk: amount for programme, amount in amounts.items()}
    missing = [str(p) for p in programmes if given.get(p.pk) is None]
    if missing:
        raise PlanningError(
            _("Give an envelope for every programme: %(names)s.") % {"names": ", ".join(missing)}
        )
    for programme in programmes:
        if not 0 <= given[programme.pk] <= MAX_ENVELOPE:
            raise PlanningError(
                _("%(programme)s: an envelope is between USD 0 and USD %(max)s.")
                % {"programme": programme, "max": f"{MAX_ENVELOPE:,}"}
            )
    if rebalancings_pending(year).exists():
        raise PlanningError(
            _(
                "A rebalancing of %(year)s is already before the Executive Committee: it "
                "decides that one first."
            )
            % {"year": year}
        )
    current = set_envelopes([year])
    changes = {p: (current.get((p.pk, year)), given[p.pk]) for p in programmes}
    if all(before == after for before, after in changes.values()):
        raise PlanningError(
            _("These are the envelopes in force for %(year)s: nothing to rebalance.")
            % {"year": year}
        )
    return changes


def rebalancing_propose(*, actor, year, amounts, rationale, meeting=None, deadline=None):
    """Put ONE rebalancing before the Executive Committee: the envelopes of every programme
    for ``year`` (``amounts``: programme -> USD), on the agenda of ``meeting`` (one of the
    committee's) or to its members' vote in writing until ``deadline``.

    A rebalancing is a scenario of one year without funding choices, frozen at once: the
    committee's approval sets all its envelopes in the transaction that records the
    decision (``scenario_apply_decision``), as it publishes any scenario. Everything here is
    one transaction: if the agenda refuses the item, nothing is proposed. Returns the
    decision item."""
    from governance import services as governance

    changes = rebalancing_check(actor=actor, year=year, amounts=amounts, rationale=rationale)
    body = permissions.executive_committee()
    if (meeting is None) == (deadline is None):
        raise PlanningError(
            _("Choose a meeting of the Executive Committee or a deadline for a written vote.")
        )
    if meeting is not None and meeting.body_id != body.pk:
        raise PlanningError(_("Choose a meeting of the Executive Committee."))
    name = _("Rebalancing %(year)s") % {"year": year}
    with transaction.atomic():
        number = (Scenario.objects.filter(name=name).aggregate(n=Max("number"))["n"] or 0) + 1
        scenario = Scenario(
            name=name,
            number=number,
            kind=ScenarioKind.REBALANCING,
            description=rationale.strip(),
            first_year=year,
            last_year=year,
            state=ScenarioState.BEFORE_COMMITTEE,
            created_by=actor,
        )
        scenario.full_clean()
        scenario.save()
        ScenarioEnvelope.objects.bulk_create(
            ScenarioEnvelope(scenario=scenario, programme=programme, year=year, amount=after)
            for programme, (_before, after) in changes.items()
        )
        title = _("Rebalancing of the envelopes for %(year)s") % {"year": year}
        notes = "; ".join(
            _("%(programme)s: USD %(before)s to USD %(after)s")
            % {
                "programme": programme,
                "before": "–" if before is None else f"{before:,.0f}",
                "after": f"{after:,.0f}",
            }
            for programme, (before, after) in changes.items()
        )
        if meeting is not None:
            item = governance.agenda_item_add(
                meeting=meeting,
                kind=AgendaItemKind.DECISION,
                subject=scenario,
                actor=actor,
                title=title,
                notes=notes,
            )
        else:
            item = governance.written_procedure_open(
                body=body,
                subject=scenario,
                deadline=deadline,
                actor=actor,
                title=title,
                notes=notes,
            )
        audit(
            actor=actor,
            action="scenario.rebalancing",
            target=scenario,
            summary=str(scenario),
            year=year,
            amounts={p.code: str(after) for p, (_before, after) in changes.items()},
            item=item.pk,
        )
    return item


def scenario_apply_decision(*, scenario, decision):
    """Carry out the Executive Committee's decision on a scenario (registered in apps.py).

    Approval publishes it: each of its envelopes is set, and the funded proposals' priorities
    recorded, through the portfolio services a single decision uses; "returned" makes it a
    draft again; "rejected" closes it. Runs inside the transaction recording the decision:
    a refusal anywhere records nothing.
    """
    with transaction.atomic():
        scenario = _lock(scenario)
        if scenario.state != ScenarioState.BEFORE_COMMITTEE:
            raise PlanningError(_("This scenario is not before the Executive Committee."))
        actor = getattr(decision, "recorded_by", None)
        if actor is not None and not rights.can_decide(actor, scenario):
            raise PlanningError(_("Only the Executive Committee's chair records its decision."))
        outcome = decision.outcome
        if outcome == Outcome.APPROVED:
            for envelope in scenario.envelopes.select_related("programme").order_by(
                "year", "programme__order"
            ):
                portfolio_services.envelope_set_by_decision(
                    programme=envelope.programme,
                    year=envelope.year,
                    amount=envelope.amount,
                    decision=decision,
                )
            ranked = (
                scenario.choices.filter(choice__in=FUNDED_CHOICES, priority__isnull=False)
                .select_related("project")
                .order_by("priority", "project_id")
            )
            for row in ranked:
                portfolio_services.project_priority_set_by_decision(
                    project=row.project, rank=row.priority, decision=decision
                )
            scenario.state = ScenarioState.PUBLISHED
        elif outcome == Outcome.REJECTED:
            scenario.state = ScenarioState.NOT_ADOPTED
        elif outcome == Outcome.RETURNED:
            scenario.state = ScenarioState.DRAFT
        else:
            raise PlanningError(_("A scenario is approved, rejected or returned."))
        scenario.decision_id = getattr(decision, "pk", None)
        scenario.updated_at = clock.now()
        scenario.save(update_fields=["state", "decision_id", "updated_at"])
    return scenario


def _requires_closure(project_pk):
    """Every project ``project_pk`` requires, directly or through others."""
    edges = {}
    for a, b in ProjectDependency.objects.values_list("project_id", "requires_id"):
        edges.setdefault(a, set()).add(b)
    seen, todo = set(), [project_pk]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def dependency_add(*, actor, project, requires):
    """Say that ``project`` cannot be funded without ``requires`` (the frontier respects it)."""
    _check_planner(actor)
    if project.pk == requires.pk:
        raise PlanningError(_("A project cannot depend on itself."))
    with transaction.atomic():
        if project.pk in _requires_closure(requires.pk):
            raise PlanningError(
                _("%(other)s already depends on %(project)s: that would be a circle.")
                % {"other": requires, "project": project}
            )
        dependency, created = ProjectDependency.objects.get_or_create(
            project=project, requires=requires
        )
        if created:
            audit(
                actor=actor,
                action="planning.dependency.add",
                target=project,
                summary=f"{project.reference} requires {requires.reference}",
                requires=requires.pk,
            )
    return dependency


def dependency_remove(*, actor, dependency):
    _check_planner(actor)
    with transaction.atomic():
        project, requires = dependency.project, dependency.requires
        dependency.delete()
        audit(
            actor=actor,
            action="planning.dependency.remove",
            target=project,
            summary=f"{project.reference} no longer requires {requires.reference}",
            requires=requires.pk,
        )
