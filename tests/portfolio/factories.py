"""Portfolio test data: projects built through the services, walked to any state."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import factory

from governance.choices import Outcome
from governance.models import OrganisationUnit
from portfolio import services
from portfolio.choices import CostCategory, CostKind, ProjectState
from portfolio.models import Asset, Project
from programmes.models import Initiative, Programme

S = ProjectState


def case_lines(cost=Decimal("300000"), year=2026):
    return {
        "costs": [
            {
                "year": year,
                "kind": CostKind.ONE_TIME,
                "category": CostCategory.CONTRACTUAL,
                "amount": cost,
            },
        ],
        "benefits": [{"year": year + 1, "description": "Staff time saved", "amount": cost / 2}],
        "risks": [
            {
                "description": "Vendor delay",
                "likelihood": 2,
                "impact": 3,
                "mitigation": "Fixed-price contract",
            }
        ],
        "funding": [{"source": "Regular budget", "amount": cost}],
    }


def draft(
    personas,
    *,
    title="Enterprise search for the intranet",
    programme="knowledge",
    cost=Decimal("300000"),
    initiative=None,
    summary="",
    spans=False,
    proponent="proponent",
):
    owner = personas[proponent]
    prog = Programme.objects.get(code=programme)
    init = Initiative.objects.get(code=initiative) if initiative else None
    project = services.project_create(
        actor=owner,
        title=title,
        summary=summary,
        programme=prog,
        initiative=init,
        sponsoring_unit=owner.organisation_unit or OrganisationUnit.objects.get(code="dm"),
        spans_programmes=spans,
    )
    services.business_case_save(
        project=project,
        actor=owner,
        token=services.case_token(project.current_case()),
        fields={
            "problem": "Staff cannot find documents.",
            "scope": "All HQ departments.",
            "programme": prog,
            "initiative": init,
            "sponsoring_unit": project.sponsoring_unit,
        },
        lines=case_lines(cost),
    )
    project.refresh_from_db()
    return project


class FakeDecision(SimpleNamespace):
    """Stands in for a governance Decision in service tests (outcome, recorded_by, ...)."""


def decide(project, outcome, actor, rank=None):
    case = project.decided_case()
    decision = FakeDecision(
        outcome=outcome,
        recorded_by=actor,
        rationale="Decided.",
        pk=None,
        rank=rank,
        subject_version_pk=str(case.pk),
    )
    services.project_apply_decision(project=project, decision=decision)
    project.refresh_from_db()
    return project


def ample_envelopes(project, amount=Decimal("100000000")):
    """Envelopes set for every year of the project's costs where none is (a steering
    committee approves only within them: ``portfolio.envelopes``)."""
    from portfolio.choices import EnvelopeState
    from portfolio.models import ResourceEnvelope

    years = set(
        project.decided_case().costlines.values_list("year", flat=True)
        if project.decided_case()
        else []
    )
    for year in years:
        if not ResourceEnvelope.objects.filter(
            programme=project.programme, year=year, state=EnvelopeState.SET
        ).exists():
            ResourceEnvelope.objects.create(
                programme=project.programme, year=year, amount=amount, state=EnvelopeState.SET
            )


CHAIRS = {"knowledge": "km.chair", "resource": "rm.chair", "infrastructure": "im.chair"}


def walk(project, personas, target):
    """Walk ``project`` through the table's transitions to ``target``."""
    p, chair = personas, CHAIRS[project.programme.code]
    steps = {
        S.SUBMITTED: lambda: services.project_submit(project=project, actor=p["proponent"]),
        S.RETURNED: lambda: services.project_pmo_return(
            project=project, actor=p["pmo"], comments="Add the costs of year 2."
        ),
        S.ACCEPTED: lambda: services.project_pmo_accept(
            project=project, actor=p["pmo"], checklist=ALL_TICKED
        ),
        S.ENDORSED: lambda: services.project_cito_endorse(project=project, actor=p["cito"]),
        S.WITH_STEERING_COMMITTEE: lambda: services.project_refer_to_steering_committee(
            project=project, actor=p["pmo"]
        ),
    }
    paths = {
        S.DRAFT: [],
        S.SUBMITTED: [S.SUBMITTED],
        S.RETURNED: [S.SUBMITTED, S.RETURNED],
        S.ACCEPTED: [S.SUBMITTED, S.ACCEPTED],
        S.ENDORSED: [S.SUBMITTED, S.ACCEPTED, S.ENDORSED],
        S.WITH_STEERING_COMMITTEE: [S.SUBMITTED, S.ACCEPTED, S.ENDORSED, S.WITH_STEERING_COMMITTEE],
    }
    base = S.WITH_STEERING_COMMITTEE if target not in paths else target
    for state in paths[base]:
        steps[state]()
    project.refresh_from_db()
    if target in paths:
        return project
    if target == S.WITH_EXECUTIVE_COMMITTEE:
        assert project.is_major
        return decide(project, Outcome.APPROVED, p[chair])
    if target in (S.REJECTED, S.DEFERRED):
        outcome = Outcome.REJECTED if target == S.REJECTED else Outcome.DEFERRED
        return decide(project, outcome, p[chair])
    if project.is_major:
        project = decide(project, Outcome.APPROVED, p[chair])
        project = decide(project, Outcome.APPROVED, p["dsg"])
    else:
        ample_envelopes(project)
        project = decide(project, Outcome.APPROVED, p[chair])
    if target == S.APPROVED:
        return project
    services.project_start_delivery(project=project, actor=p["pmo"])
    if target == S.IN_DELIVERY:
        project.refresh_from_db()
        return project
    if target == S.COMPLETED:
        services.project_complete(project=project, actor=p["pmo"], lessons_learned="Start small.")
    elif target == S.CANCELLED:
        services.project_cancel(project=project, actor=p["pmo"], reason="No longer needed.")
    project.refresh_from_db()
    return project


ALL_TICKED = {
    "complete": True,
    "compliant": True,
    "overlap_examined": True,
    "metrics_comparable": True,
}


def bulk_projects(n, personas, *, state=S.IN_DELIVERY):
    """Many projects at once (for query-count pins), without walking the services."""
    programmes = list(Programme.objects.all())
    unit = personas["proponent"].organisation_unit
    Project.objects.bulk_create(
        [
            Project(
                title=f"Bulk project {i}",
                programme=programmes[i % len(programmes)],
                sponsoring_unit=unit,
                proponent=personas["proponent"],
                state=state,
                total_cost=Decimal(1000 * i),
            )
            for i in range(n)
        ]
    )


class AssetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Asset

    code = factory.Sequence(lambda n: f"system-{n}")
    name = factory.Sequence(lambda n: f"System {n}")
    kind = "application"
    owner_unit = factory.LazyFunction(lambda: OrganisationUnit.objects.get(code="oict"))
    programme = factory.LazyFunction(lambda: Programme.objects.get(code="knowledge"))
    lifecycle = "in_service"
    annual_running_cost = Decimal("10000")


TODAY = datetime.date.today()
