"""A portfolio with a history, written with explicit dates (services stamp "now").

``make_history(personas)`` builds the scenario the report tests read; the quarter under test
is 2026-Q3 (1 July to 30 September 2026) and its previous quarter 2026-Q2.
"""

import datetime
import uuid
from decimal import Decimal

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core import clock
from governance.choices import AgendaItemKind, MeetingState, Outcome
from governance.models import AgendaItem, Body, Decision, Meeting, OrganisationUnit, User
from portfolio.choices import CostCategory, CostKind, ProjectState, Rag
from portfolio.models import (
    BusinessCase,
    CostLine,
    Project,
    ProjectTransition,
    Risk,
    StatusReport,
)
from portfolio.reports.models import QuarterlyReport, ReportRun
from programmes.models import Programme

S = ProjectState


def at(text):
    """An aware datetime from "2026-07-01" or "2026-07-01 10:00"."""
    fmt = "%Y-%m-%d %H:%M" if " " in text else "%Y-%m-%d"
    return timezone.make_aware(datetime.datetime.strptime(text, fmt))


def day(text):
    return datetime.date.fromisoformat(text)


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Project {n}")
    programme = factory.LazyFunction(lambda: Programme.objects.get(code="infrastructure"))
    sponsoring_unit = factory.LazyFunction(lambda: OrganisationUnit.objects.get(code="dm"))
    proponent = factory.LazyFunction(lambda: User.objects.get(username="proponent"))
    created_at = factory.LazyFunction(timezone.now)


def project(*, programme, title, created, history, state_now, cost=None, frozen=None, manager=None):
    """A project whose transitions are ``history``: [(date, to_state), ...]."""
    p = ProjectFactory(
        programme=Programme.objects.get(code=programme),
        title=title,
        created_at=at(created),
        state=state_now,
        project_manager=manager,
    )
    case = BusinessCase.objects.create(
        project=p,
        number=1,
        programme=p.programme,
        sponsoring_unit=p.sponsoring_unit,
        frozen_at=at(frozen) if frozen else None,
    )
    for amount in cost or []:
        CostLine.objects.create(
            business_case=case,
            year=2026,
            kind=CostKind.ONE_TIME,
            category=CostCategory.SOFTWARE,
            amount=Decimal(amount),
        )
    previous = S.DRAFT
    ProjectTransition.objects.create(
        project=p,
        action="create",
        from_state=S.DRAFT,
        to_state=S.DRAFT,
        at=at(created),
        business_case=case,
    )
    for when, target in history:
        ProjectTransition.objects.create(
            project=p,
            action="move",
            from_state=previous,
            to_state=target,
            at=at(when),
            business_case=case,
        )
        previous = target
    p.case = case
    return p


def status_report(p, *, period, filed, rag, spend, author):
    schedule, budget, scope = rag
    return StatusReport.objects.create(
        project=p,
        period=day(period),
        author=author,
        schedule=schedule,
        budget=budget,
        scope=scope,
        percent_complete=10,
        actual_spend=Decimal(spend),
        created_at=at(filed),
    )


def decision(*, body, subject, outcome, recorded, recorder, rank=None):
    the_body = Body.objects.get(code=body)
    meeting = Meeting.objects.create(
        body=the_body,
        title=f"Meeting {uuid.uuid4().hex[:6]}",
        starts_at=at(recorded),
        state=MeetingState.CLOSED,
        created_by=recorder,
    )
    content_type = ContentType.objects.get_for_model(subject)
    item = AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        kind=AgendaItemKind.DECISION,
        title=str(subject),
        content_type=content_type,
        object_id=subject.pk,
        vote_closed_at=at(recorded),
    )
    return Decision.objects.create(
        item=item,
        body=the_body,
        content_type=content_type,
        object_id=subject.pk,
        subject_label=str(subject),
        subject_version_label="v1",
        outcome=outcome,
        rank=rank,
        quorum_required=1,
        quorum_present=1,
        recorded_by=recorder,
        recorded_at=at(recorded),
    )


def make_history(personas):
    """The scenario. In 2026-Q3:

    - P1 infrastructure, in delivery since April; May report green (filed in June), August
      report amber (filed in September), September report red filed in October (too late).
    - P2 resource, before the steering committee since 20 August, approved on 10 October:
      in Q3 it is still "with the steering committee" (acceptance 3).
    - P3 knowledge, in delivery since March and never reported: overdue.
    - P4 knowledge, created in October: not in the Q3 report.
    - P5 infrastructure, a draft without a submitted case.
    - P6 resource, withdrawn in August (closed): its large risk is not a top risk.
    """
    author = personas["pmo"]
    p1 = project(
        programme="infrastructure",
        title="Identity management",
        created="2026-01-10",
        frozen="2026-02-01",
        cost=["500000", "300000"],
        manager=personas["chief.geneva"],
        state_now=S.IN_DELIVERY,
        history=[
            ("2026-02-01", S.SUBMITTED),
            ("2026-02-10", S.ACCEPTED),
            ("2026-02-20", S.ENDORSED),
            ("2026-03-01", S.WITH_STEERING_COMMITTEE),
            ("2026-03-15", S.APPROVED),
            ("2026-04-01", S.IN_DELIVERY),
        ],
    )
    status_report(
        p1,
        period="2026-05-01",
        filed="2026-06-03",
        spend="100000",
        author=author,
        rag=(Rag.GREEN, Rag.GREEN, Rag.GREEN),
    )
    status_report(
        p1,
        period="2026-08-01",
        filed="2026-09-03",
        spend="250000.50",
        author=author,
        rag=(Rag.AMBER, Rag.GREEN, Rag.GREEN),
    )
    status_report(
        p1,
        period="2026-09-01",
        filed="2026-10-05",
        spend="400000",
        author=author,
        rag=(Rag.RED, Rag.RED, Rag.GREEN),
    )
    p2 = project(
        programme="resource",
        title="Conference management",
        created="2026-05-01",
        frozen="2026-05-05",
        cost=["1200000"],
        state_now=S.APPROVED,
        history=[
            ("2026-05-05", S.SUBMITTED),
            ("2026-05-20", S.ACCEPTED),
            ("2026-06-10", S.ENDORSED),
            ("2026-08-20", S.WITH_STEERING_COMMITTEE),
            ("2026-10-10", S.APPROVED),
        ],
    )
    Risk.objects.create(
        business_case=p2.case,
        description="Vendor lock-in",
        likelihood=4,
        impact=5,
        mitigation="Open standards",
    )
    Risk.objects.create(business_case=p2.case, description="Staff turnover", likelihood=2, impact=2)
    p3 = project(
        programme="knowledge",
        title="Enterprise search",
        created="2026-02-01",
        frozen="2026-02-02",
        cost=["200000"],
        manager=personas["chief.nairobi"],
        state_now=S.IN_DELIVERY,
        history=[
            ("2026-02-02", S.SUBMITTED),
            ("2026-02-03", S.ACCEPTED),
            ("2026-02-04", S.ENDORSED),
            ("2026-02-05", S.WITH_STEERING_COMMITTEE),
            ("2026-02-20", S.APPROVED),
            ("2026-03-01", S.IN_DELIVERY),
        ],
    )
    Risk.objects.create(business_case=p3.case, description="Low adoption", likelihood=3, impact=3)
    p4 = project(
        programme="knowledge",
        title="Knowledge centres",
        created="2026-10-15",
        state_now=S.DRAFT,
        history=[],
    )
    p5 = project(
        programme="infrastructure",
        title="Green technology",
        created="2026-03-01",
        state_now=S.DRAFT,
        history=[],
    )
    p6 = project(
        programme="resource",
        title="Space management",
        created="2026-01-05",
        frozen="2026-01-20",
        cost=["90000"],
        state_now=S.CANCELLED,
        history=[("2026-01-20", S.SUBMITTED), ("2026-08-05", S.CANCELLED)],
    )
    Risk.objects.create(
        business_case=p6.case, description="Closed project risk", likelihood=5, impact=5
    )
    decision(
        body="km-steering",
        subject=p3,
        outcome=Outcome.APPROVED,
        recorded="2026-02-20",
        recorder=author,
    )
    decision(
        body="im-steering",
        subject=p1,
        outcome=Outcome.APPROVED,
        recorded="2026-07-15 10:00",
        recorder=author,
    )
    decision(
        body="executive-committee",
        subject=p2,
        outcome=Outcome.DEFERRED,
        recorded="2026-09-30 23:00",
        recorder=author,
    )
    decision(
        body="rm-steering",
        subject=p2,
        outcome=Outcome.APPROVED,
        recorded="2026-10-10",
        recorder=author,
    )
    make_budgets()
    make_survey()
    return {"p1": p1, "p2": p2, "p3": p3, "p4": p4, "p5": p5, "p6": p6}


def make_budgets():
    """A 2026-2027 cycle: Geneva submitted 150,000 + 50,000.25 in March; Nairobi's is a draft
    at the end of Q3 (submitted in October, 999,999): not counted in Q3."""
    from portfolio.budgets.choices import Action, Category, Source, SubmissionState
    from portfolio.budgets.models import (
        BudgetCycle,
        BudgetLine,
        BudgetSubmission,
        BudgetSubmissionEvent,
    )

    existing = BudgetCycle.objects.filter(code="2026-2027").first()
    if existing is not None:
        return existing
    cycle = BudgetCycle.objects.create(
        code="2026-2027",
        name="Biennium 2026-2027",
        first_year=2026,
        last_year=2027,
        opens_on=day("2026-01-01"),
        closes_on=day("2026-12-31"),
    )
    for unit, submitted, amounts in (
        ("unog", "2026-03-10", ["150000", "50000.25"]),
        ("unon", "2026-10-02", ["999999"]),
    ):
        submission = BudgetSubmission.objects.create(
            cycle=cycle,
            unit=OrganisationUnit.objects.get(code=unit),
            state=SubmissionState.SUBMITTED,
            submitted_at=at(submitted),
        )
        for action, state, when in (
            (Action.CREATED, SubmissionState.DRAFT, "2026-02-01"),
            (Action.SUBMIT, SubmissionState.SUBMITTED, submitted),
        ):
            # The history is append-only: write the event on its day rather than backdate it.
            with clock.frozen_at(at(when)):
                BudgetSubmissionEvent.objects.create(
                    submission=submission, action=action, to_state=state, version=1
                )
        for year, amount in zip((2026, 2027), amounts, strict=False):
            BudgetLine.objects.create(
                submission=submission,
                category=Category.HARDWARE,
                source=Source.REGULAR_BUDGET,
                year=year,
                amount=Decimal(amount),
            )
    return cycle


def make_survey():
    """A survey closed on 30 June 2026: overall ratings 5, 4, 4, 3, 2 and one "n/a" (60%)."""
    from survey.choices import SurveyStatus
    from survey.models import Answer, Response, Survey, Topic

    overall = Topic.objects.get(is_overall=True)
    survey = Survey.objects.create(
        title="ICT user satisfaction 2026",
        status=SurveyStatus.CLOSED,
        opens_on=day("2026-06-01"),
        closes_on=day("2026-06-30"),
        target=80,
    )
    survey.topics.set([overall])
    for rating in (5, 4, 4, 3, 2, 0):
        response = Response.objects.create(survey=survey)
        Answer.objects.create(response=response, topic=overall, rating=rating)
    return survey


def make_report(quarter="2026-Q2", *, is_current=True, figures=None):
    from portfolio.reports.quarters import Quarter

    q = Quarter.parse(quarter)
    return QuarterlyReport.objects.create(
        quarter=quarter,
        period_start=q.start,
        period_end=q.end,
        is_current=is_current,
        figures=figures or {},
        workbook=b"",
        csv_archive=b"",
    )


def make_run(quarter="2026-Q2", **kwargs):
    return ReportRun.objects.create(quarter=quarter, **kwargs)
