"""Acceptance 1 of issue 18: scenarios on the demo data, compared, checked against an
independent computation; publishing applies envelopes through an Executive Committee
decision; a draft never changes a project."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from core import clock
from governance.choices import Outcome
from governance.models import Decision
from planning import selectors, services
from planning.choices import PIPELINE_STATES, RUNNING_STATES, Choice, ScenarioState
from planning.models import Scenario
from portfolio.choices import EnvelopeState
from portfolio.models import Project, ResourceEnvelope
from programmes.models import Programme

from .helpers import decide

pytestmark = pytest.mark.django_db


def _scenario_pair(personas):
    pmo = personas["pmo"]
    year = clock.today().year
    pipeline = list(Project.objects.filter(state__in=PIPELINE_STATES).order_by("pk"))
    running = list(Project.objects.filter(state__in=RUNNING_STATES).order_by("pk"))
    assert len(pipeline) >= 3 and running
    bold = services.scenario_create(
        actor=pmo, name="Fund the pipeline", first_year=year, last_year=year + 2
    )
    for rank, project in enumerate(pipeline, start=1):
        services.scenario_choice_set(
            scenario=bold, actor=pmo, project=project, choice=Choice.FUND, priority=rank
        )
    lean = services.scenario_create(
        actor=pmo, name="Hold the line", first_year=year, last_year=year + 2
    )
    services.scenario_choice_set(scenario=lean, actor=pmo, project=pipeline[0], choice=Choice.FUND)
    services.scenario_choice_set(
        scenario=lean, actor=pmo, project=pipeline[1], choice=Choice.PHASE, phase_percent=40
    )
    services.scenario_choice_set(scenario=lean, actor=pmo, project=running[0], choice=Choice.STOP)
    knowledge = Programme.objects.get(code="knowledge")
    services.scenario_envelope_set(
        scenario=lean, actor=pmo, programme=knowledge, year=year + 1, amount=Decimal("1200000")
    )
    return bold, lean


def _independent_totals(scenario):
    """Programme x year totals straight from each project's decided business case, with the
    shares the choices stand for: no code shared with ``planning.selectors``."""
    share = {Choice.FUND: Decimal(1), Choice.DEFER: Decimal(0), Choice.STOP: Decimal(0)}
    chosen = {c.project_id: c for c in scenario.choices.all()}
    totals = {}
    for project in Project.objects.all():
        if project.state not in RUNNING_STATES + PIPELINE_STATES:
            continue
        row = chosen.get(project.pk)
        if row is None:
            factor = Decimal(1) if project.state in RUNNING_STATES else Decimal(0)
        elif row.choice == Choice.PHASE:
            factor = Decimal(row.phase_percent) / 100
        else:
            factor = share[row.choice]
        case = project.decided_case()
        for line in case.costlines.all():
            if scenario.first_year <= line.year <= scenario.last_year:
                key = (project.programme.code, line.year)
                totals[key] = totals.get(key, Decimal(0)) + line.amount * factor
    return totals


def test_two_scenarios_on_the_demo_data_compare_and_match_an_independent_computation(demo):
    bold, lean = _scenario_pair(demo)
    compared = selectors.comparison([bold, lean])
    assert [f.scenario.pk for f in compared] == sorted([bold.pk, lean.pk])
    for figures in compared:
        expected = _independent_totals(figures.scenario)
        for (code, year), cell in figures.cells.items():
            assert cell.cost == expected.get((code, year), Decimal(0)).quantize(Decimal("0.01")), (
                figures.scenario,
                code,
                year,
            )
        assert figures.total_cost == sum(c.cost for c in figures.cells.values())
    bold_figures = next(f for f in compared if f.scenario.pk == bold.pk)
    lean_figures = next(f for f in compared if f.scenario.pk == lean.pk)
    assert bold_figures.total_cost > lean_figures.total_cost
    assert bold_figures.total_value > lean_figures.total_value > 0
    assert bold_figures.funded_count > lean_figures.funded_count
    # The lean scenario's own envelope, the others those the Executive Committee has set.
    year = clock.today().year
    cell = lean_figures.cells[("knowledge", year + 1)]
    assert cell.envelope == Decimal("1200000")
    assert lean_figures.cells[("knowledge", year)].envelope == Decimal("2500000")
    # the demo's Executive Committee has allocated the plan's years (envelopes bind)
    assert bold_figures.cells[("knowledge", year + 1)].envelope == Decimal("2500000")


def test_at_most_four_scenarios_are_compared(demo):
    from planning.views import parse_compare_ids

    with pytest.raises(ValidationError):
        parse_compare_ids("1,2,3,4,5")
    assert parse_compare_ids("3, 1,3") == [3, 1]


def _portfolio_state():
    projects = {
        p.pk: {
            **model_to_dict(p, fields=[f.name for f in Project._meta.concrete_fields]),
            "services": sorted(p.services.values_list("pk", flat=True)),
        }
        for p in Project.objects.order_by("pk")
    }
    envelopes = list(ResourceEnvelope.objects.order_by("pk").values())
    return projects, envelopes


def test_a_draft_scenario_changes_no_project_field_and_no_envelope(demo):
    before = _portfolio_state()
    assert Project._meta.concrete_fields  # every field, whatever is added later
    bold, lean = _scenario_pair(demo)
    copy = services.scenario_new_version(scenario=lean, actor=demo["pmo"])
    for project in Project.objects.filter(state__in=PIPELINE_STATES + RUNNING_STATES):
        for choice in Choice.values:
            services.scenario_choice_set(
                scenario=copy,
                actor=demo["pmo"],
                project=project,
                choice=choice,
                phase_percent=50 if choice == Choice.PHASE else None,
                priority=1,
            )
    selectors.comparison([bold, lean, copy])
    returned = decide(demo, copy, Outcome.RETURNED)
    assert returned.outcome == Outcome.RETURNED
    copy.refresh_from_db()
    assert copy.state == ScenarioState.DRAFT
    assert _portfolio_state() == before


def test_publishing_applies_the_envelopes_and_priorities_through_an_executive_decision(demo):
    bold, lean = _scenario_pair(demo)
    decision = decide(demo, lean, Outcome.APPROVED, rationale="Rebalance towards resources.")
    lean.refresh_from_db()
    assert lean.state == ScenarioState.PUBLISHED and lean.decision_id == decision.pk
    assert decision.body.code == "executive-committee"
    assert decision.quorum_present >= decision.quorum_required
    assert decision.provenance  # votes, quorum and what was decided, as for any decision
    year = clock.today().year
    knowledge = Programme.objects.get(code="knowledge")
    set_now = (
        ResourceEnvelope.objects.filter(programme=knowledge, year=year + 1, state=EnvelopeState.SET)
        .order_by("-pk")
        .first()
    )
    assert set_now.amount == Decimal("1200000") and set_now.decision_id == decision.pk
    # Envelopes already set at the same amount are not set again.
    assert ResourceEnvelope.objects.filter(programme=knowledge, year=year).count() == 1
    # The bold scenario's priorities apply when it is published in turn.
    decision = decide(demo, bold, Outcome.APPROVED)
    ranked = {
        c.project_id: c.priority for c in bold.choices.filter(project__state__in=PIPELINE_STATES)
    }
    for pk, rank in ranked.items():
        assert Project.objects.get(pk=pk).priority_rank == rank
    assert Decision.objects.filter(object_id=bold.pk, outcome=Outcome.APPROVED).exists()


def test_a_scenario_before_the_committee_is_read_only(demo):
    bold, _lean = _scenario_pair(demo)
    from .helpers import executive_meeting

    services.scenario_submit(scenario=bold, actor=demo["pmo"], meeting=executive_meeting(demo))
    project = bold.choices.first().project
    with pytest.raises(services.PlanningError):
        services.scenario_choice_set(
            scenario=bold, actor=demo["pmo"], project=project, choice=Choice.STOP
        )
    with pytest.raises(services.PlanningError):
        services.scenario_envelope_set(
            scenario=bold,
            actor=demo["pmo"],
            programme=Programme.objects.first(),
            year=bold.first_year,
            amount=1,
        )


def test_a_rejected_scenario_changes_nothing_and_is_closed(demo):
    _bold, lean = _scenario_pair(demo)
    before = _portfolio_state()
    decide(demo, lean, Outcome.REJECTED)
    lean.refresh_from_db()
    assert lean.state == ScenarioState.NOT_ADOPTED
    assert _portfolio_state() == before


@pytest.mark.parametrize("username", ["staff", "km.chair", "dsg", "ms.delegate", "advisor"])
def test_it_refuses_a_scenario_from_anyone_but_the_pmo_and_cito(demo, username):
    with pytest.raises(services.PlanningPermissionError):
        services.scenario_create(actor=demo[username], name="Mine", first_year=2030, last_year=2030)
    assert not Scenario.objects.exists()


def test_it_refuses_a_choice_on_a_project_outside_the_plan(demo):
    scenario = services.scenario_create(
        actor=demo["cito"], name="CITO's", first_year=2030, last_year=2031
    )
    draft = Project.objects.filter(state="draft").first()
    with pytest.raises(services.PlanningError):
        services.scenario_choice_set(
            scenario=scenario, actor=demo["cito"], project=draft, choice=Choice.FUND
        )
    with pytest.raises(ValidationError):
        services.scenario_create(actor=demo["cito"], name="Long", first_year=2030, last_year=2045)
