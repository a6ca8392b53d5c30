"""Scale data (``generate_scale_data``): projects in every state across the programmes, their
business case versions and lines, the transitions that brought them there, the committee
decisions (meetings, agenda items, attendance, votes) behind the committee transitions, and
monthly status reports of the projects in delivery.

The rows are what the services write for the same history, written in bulk: each project's
transitions follow ``choices.TRANSITIONS`` from draft to its state, a committee transition
carries its decision's id, and a decision's votes are those of the body's voting members.
"""

import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType

from core import clock
from governance.choices import (
    AgendaItemKind,
    BodyKind,
    MeetingState,
    Outcome,
    QuorumRule,
    VoteChoice,
)
from governance.models import AgendaItem, Attendance, Body, Decision, Meeting, Membership, Vote
from programmes.models import Initiative, Programme

from .choices import CostCategory, CostKind, ProjectState, Rag
from .models import (
    BenefitLine,
    BusinessCase,
    CostLine,
    FundingSource,
    Project,
    ProjectTransition,
    Risk,
    StatusReport,
)

S = ProjectState
#: Share of projects in each state (per cent); every state is represented.
STATE_SHARES = {
    S.DRAFT: 8,
    S.SUBMITTED: 6,
    S.RETURNED: 3,
    S.ACCEPTED: 4,
    S.ENDORSED: 3,
    S.WITH_STEERING_COMMITTEE: 5,
    S.APPROVED: 6,
    S.REJECTED: 4,
    S.DEFERRED: 3,
    S.WITH_EXECUTIVE_COMMITTEE: 3,
    S.IN_DELIVERY: 38,
    S.COMPLETED: 14,
    S.CANCELLED: 3,
}
#: The actions from draft to each state (``choices.TRANSITIONS``).
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: ["submit"],
    S.RETURNED: ["submit", "pmo_return"],
    S.ACCEPTED: ["submit", "pmo_accept"],
    S.ENDORSED: ["submit", "pmo_accept", "cito_endorse"],
    S.WITH_STEERING_COMMITTEE: [
        "submit",
        "pmo_accept",
        "cito_endorse",
        "refer_to_steering_committee",
    ],
}
_COMMITTEE = PATHS[S.WITH_STEERING_COMMITTEE]
PATHS |= {
    S.APPROVED: [*_COMMITTEE, "committee_approve"],
    S.REJECTED: [*_COMMITTEE, "committee_reject"],
    S.DEFERRED: [*_COMMITTEE, "committee_defer"],
    S.WITH_EXECUTIVE_COMMITTEE: [*_COMMITTEE, "committee_escalate"],
    S.IN_DELIVERY: [*_COMMITTEE, "committee_approve", "start_delivery"],
    S.COMPLETED: [*_COMMITTEE, "committee_approve", "start_delivery", "complete"],
    S.CANCELLED: ["submit", "pmo_accept", "cancel"],
}
OUTCOMES = {
    "committee_approve": Outcome.APPROVED,
    "committee_reject": Outcome.REJECTED,
    "committee_defer": Outcome.DEFERRED,
    "committee_escalate": Outcome.APPROVED,
}
WORDS = (
    "records digitisation portal migration analytics network identity archive payroll "
    "procurement travel learning knowledge hosting security telephony collaboration mobile "
    "field connectivity data warehouse enterprise content management geospatial"
).split()
DECISIONS_PER_MEETING = 20


def _targets():
    from .choices import TRANSITIONS_BY_ACTION

    return {action: t.target for action, t in TRANSITIONS_BY_ACTION.items()}


def generate(ctx):
    rng = ctx.rng
    count = ctx.projects
    people = ctx.shared["people"]
    units = list(ctx.shared["units"])
    programmes = list(Programme.objects.order_by("order", "pk"))
    initiatives = {}
    for initiative in Initiative.objects.all():
        initiatives.setdefault(getattr(initiative, "programme_id", None), []).append(initiative)
    states = rng.choices(list(STATE_SHARES), weights=list(STATE_SHARES.values()), k=count)
    # Every state at least once, whatever the size.
    states[: len(STATE_SHARES)] = list(STATE_SHARES)
    today = clock.today()
    base = datetime.datetime(today.year - 4, 1, 1, 9, tzinfo=datetime.UTC)
    span = (clock.now() - base).total_seconds()

    projects = []
    for n, state in enumerate(states):
        programme = programmes[n % len(programmes)]
        choices = initiatives.get(programme.pk) or [None]
        created = base + datetime.timedelta(seconds=span * n / count)
        projects.append(
            Project(
                title=" ".join(rng.sample(WORDS, 3)).capitalize() + f" {n + 1:05d}",
                summary="Generated for the scale benchmark.",
                programme=programme,
                initiative=rng.choice(choices),
                sponsoring_unit=rng.choice(units),
                proponent=rng.choice(people),
                project_manager=rng.choice(people)
                if state in (S.IN_DELIVERY, S.COMPLETED)
                else None,
                state=state,
                spans_programmes=rng.random() < 0.05,
                created_at=created,
                updated_at=created,
            )
        )
    projects = ctx.bulk(Project, projects)
    ctx.say(f"  {count} projects")

    cases, costs, benefits, risks, funding = [], [], [], [], []
    year = today.year
    for project in projects:
        versions = 2 if project.state == S.RETURNED or rng.random() < 0.15 else 1
        for number in range(1, versions + 1):
            frozen = project.state != S.DRAFT and not (
                number == versions and project.state == S.RETURNED
            )
            cases.append(
                BusinessCase(
                    project=project,
                    number=number,
                    frozen_at=project.created_at + datetime.timedelta(days=10 * number)
                    if frozen
                    else None,
                    programme_id=project.programme_id,
                    initiative_id=project.initiative_id,
                    sponsoring_unit_id=project.sponsoring_unit_id,
                    problem="Generated business case.",
                    created_by=project.proponent,
                    created_at=project.created_at,
                )
            )
    cases = ctx.bulk(BusinessCase, cases)
    latest = {}
    for case in cases:
        latest[case.project_id] = case
    for case in cases:
        total = Decimal(0)
        for offset in range(3):
            for kind, category in (
                ((CostKind.ONE_TIME, CostCategory.HARDWARE),)
                if offset
                else (
                    (CostKind.ONE_TIME, CostCategory.CONTRACTUAL),
                    (CostKind.RECURRING, CostCategory.STAFF),
                )
            ):
                amount = Decimal(rng.randrange(5, 400) * 1000)
                total += amount
                costs.append(
                    CostLine(
                        business_case=case,
                        year=year + offset,
                        kind=kind,
                        category=category,
                        amount=amount,
                    )
                )
        benefits.append(
            BenefitLine(
                business_case=case,
                year=year + 1,
                description="Staff time saved",
                amount=(total * Decimal("0.4")).quantize(Decimal(1)),
            )
        )
        risks.append(
            Risk(
                business_case=case,
                description="Vendor delay",
                likelihood=rng.randint(1, 5),
                impact=rng.randint(1, 5),
            )
        )
        funding.append(FundingSource(business_case=case, source="Regular budget", amount=total))
        if latest[case.project_id] is case:
            case.project.total_cost = total
    for model, rows in (
        (CostLine, costs),
        (BenefitLine, benefits),
        (Risk, risks),
        (FundingSource, funding),
    ):
        ctx.bulk(model, rows, batch_size=5000)
    Project.objects.bulk_update(projects, ["total_cost"], batch_size=2000)
    ctx.say(f"  {len(cases)} business case versions, {len(costs)} cost lines")

    decisions = _decisions(ctx, projects, latest)
    _transitions(ctx, projects, latest, decisions)
    _status_reports(ctx, projects, today)


def _decisions(ctx, projects, latest):
    """A decision, with its meeting, agenda item, attendance and votes, for the committee
    transition of the most recent projects that have one (``FULL['decisions']`` at full size).
    """
    rng = ctx.rng
    wanted = ctx.size("decisions", minimum=20)
    decided = [p for p in reversed(projects) if set(PATHS[p.state]) & set(OUTCOMES)][:wanted]
    steering = {b.programme_id: b for b in Body.objects.filter(kind=BodyKind.STEERING_COMMITTEE)}
    executive = Body.objects.executive_committee()
    members = {}
    for membership in Membership.objects.current().select_related("user").order_by("pk"):
        members.setdefault(membership.body_id, []).append(membership)
    project_type = ContentType.objects.get_for_model(Project)
    by_body = {}
    for project in decided:
        body = steering.get(project.programme_id) or executive
        by_body.setdefault(body.pk, (body, []))[1].append(project)

    meetings, plan = [], []
    for body, subjects in by_body.values():
        for start in range(0, len(subjects), DECISIONS_PER_MEETING):
            batch = subjects[start : start + DECISIONS_PER_MEETING]
            when = max(p.created_at for p in batch) + datetime.timedelta(days=30)
            meetings.append(
                Meeting(
                    body=body,
                    title=f"{body.name}: meeting {start // DECISIONS_PER_MEETING + 1}",
                    starts_at=when,
                    state=MeetingState.CLOSED,
                    minutes="Generated minutes.",
                    opened_at=when,
                    closed_at=when + datetime.timedelta(hours=3),
                )
            )
            plan.append((body, batch))
    meetings = ctx.bulk(Meeting, meetings)
    items = []
    for meeting, (_body, batch) in zip(meetings, plan, strict=True):
        for position, project in enumerate(batch, start=1):
            items.append(
                AgendaItem(
                    meeting=meeting,
                    position=position,
                    kind=AgendaItemKind.DECISION,
                    title=str(project.title),
                    content_type=project_type,
                    object_id=project.pk,
                    vote_closed_at=meeting.closed_at,
                )
            )
    items = ctx.bulk(AgendaItem, items)
    attendance, votes, rows = [], [], []
    item_iter = iter(items)
    for meeting, (body, batch) in zip(meetings, plan, strict=True):
        seated = members.get(body.pk, [])
        voters = [m.user for m in seated if m.votes]
        chair = next((m.user for m in seated if m.role == "chair"), None) or voters[0]
        for membership in seated:
            attendance.append(Attendance(meeting=meeting, member=membership.user))
        for project in batch:
            item = next(item_iter)
            action = next(a for a in PATHS[project.state] if a in OUTCOMES)
            outcome = OUTCOMES[action]
            tally = {VoteChoice.FOR: 0, VoteChoice.AGAINST: 0, VoteChoice.ABSTAIN: 0}
            cast = []
            for voter in voters:
                choice = rng.choices(
                    [VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN], [8, 1, 1]
                )[0]
                tally[choice] += 1
                votes.append(Vote(item=item, voter=voter, choice=choice, cast_at=meeting.starts_at))
                cast.append({"id": voter.pk, "name": str(voter), "choice": choice})
            case = latest[project.pk]
            version = f"business case v{case.number}"
            rows.append(
                Decision(
                    item=item,
                    body=body,
                    content_type_id=item.content_type_id,
                    object_id=project.pk,
                    subject_label=f"{project.reference} {project.title}",
                    subject_version_label=version,
                    subject_version_pk=str(case.pk),
                    outcome=outcome,
                    rationale="Generated decision.",
                    votes_for=tally[VoteChoice.FOR],
                    votes_against=tally[VoteChoice.AGAINST],
                    abstentions=tally[VoteChoice.ABSTAIN],
                    quorum_required=len(voters) // 2 + 1,
                    quorum_present=len(voters),
                    provenance={
                        "subject": {
                            "type": "portfolio.project",
                            "id": project.pk,
                            "label": f"{project.reference} {project.title}",
                            "version": version,
                            "version_pk": case.pk,
                        },
                        "meeting": {
                            "id": meeting.pk,
                            "title": meeting.title,
                            "kind": meeting.kind,
                            "starts_at": meeting.starts_at.isoformat(),
                            "deadline": None,
                        },
                        "item": {"id": item.pk, "position": item.position, "title": item.title},
                        "quorum": {
                            "rule": body.quorum_rule or QuorumRule.MAJORITY,
                            "required": len(voters) // 2 + 1,
                            "counted": len(voters),
                            "eligible": len(voters),
                        },
                        "votes": cast,
                    },
                    recorded_by=chair,
                    recorded_at=meeting.closed_at,
                )
            )
    ctx.bulk(Attendance, attendance)
    ctx.bulk(Vote, votes, batch_size=5000)
    created = ctx.bulk(Decision, rows)
    ctx.say(f"  {len(created)} decisions, {len(votes)} votes in {len(meetings)} meetings")
    return {decision.object_id: decision for decision in created}


def _transitions(ctx, projects, latest, decisions):
    targets = _targets()
    rows = []
    for project in projects:
        state = S.DRAFT
        at = project.created_at
        for action in PATHS[project.state]:
            at = at + datetime.timedelta(days=ctx.rng.randint(5, 40))
            decision = decisions.get(project.pk) if action in OUTCOMES else None
            rows.append(
                ProjectTransition(
                    project=project,
                    action=action,
                    from_state=state,
                    to_state=targets[action],
                    actor=project.proponent,
                    reason="Generated." if action in ("pmo_return", "cancel", "complete") else "",
                    business_case=latest[project.pk] if action == "submit" else None,
                    decision_id=decision.pk if decision else None,
                    at=decision.recorded_at if decision else at,
                )
            )
            state = targets[action]
    ctx.bulk(ProjectTransition, rows, batch_size=5000)
    ctx.say(f"  {len(rows)} transitions")


def _status_reports(ctx, projects, today):
    """Monthly reports up to last month for projects in delivery (one in ten is late) and
    a closed run of months for completed ones: ``FULL['status_reports']`` at full size."""
    rng = ctx.rng
    delivering = [p for p in projects if p.state in (S.IN_DELIVERY, S.COMPLETED)]
    per_project = max(1, round(ctx.size("status_reports") / max(1, len(delivering))))
    first_of_month = today.replace(day=1)
    rows = []
    for project in delivering:
        months = rng.randint(max(1, per_project - 3), per_project + 3)
        last = 1 if project.state == S.IN_DELIVERY else rng.randint(2, 12)
        if project.state == S.IN_DELIVERY and rng.random() < 0.1:
            last = 2  # late: last month's report is missing
        spent = Decimal(0)
        for back in range(last + months - 1, last - 1, -1):
            period = _months_before(first_of_month, back)
            spent += Decimal(rng.randrange(1, 50) * 1000)
            rows.append(
                StatusReport(
                    project=project,
                    period=period,
                    author=project.project_manager or project.proponent,
                    schedule=rng.choices(list(Rag.values), [1, 2, 7])[0],
                    budget=rng.choices(list(Rag.values), [1, 2, 7])[0],
                    scope=rng.choices(list(Rag.values), [1, 1, 8])[0],
                    percent_complete=100 * (last + months - back) // (months + 1),
                    actual_spend=spent,
                    created_at=datetime.datetime.combine(
                        period, datetime.time(9), tzinfo=datetime.UTC
                    ),
                )
            )
    ctx.bulk(StatusReport, rows, batch_size=5000)
    ctx.say(f"  {len(rows)} status reports")


def _months_before(first_of_month, months):
    index = first_of_month.year * 12 + first_of_month.month - 1 - months
    return datetime.date(index // 12, index % 12 + 1, 1)
