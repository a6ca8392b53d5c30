"""Demo portfolio: projects in every state across the three programmes, built through the same
services people use (business case versions, PMO reviews, scores, committee meetings and
decisions through governance, status reports). Idempotent: a project whose title exists is
left alone, so a second run creates nothing.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from governance import services as gov
from governance.choices import AgendaItemKind, MeetingState, Outcome, Stance, VoteChoice
from governance.models import Body, Meeting, OrganisationUnit, User
from programmes.models import Initiative, Programme

from . import services
from .choices import AssetKind, AssetLifecycle, AssetRelation, CostCategory, CostKind
from .choices import ProjectState as S
from .models import Asset, Project, ProjectAsset, ResourceEnvelope

CHAIRS = {
    "knowledge": ("km-steering", "km.chair", "km.member"),
    "resource": ("rm-steering", "rm.chair", "rm.member"),
    "infrastructure": ("im-steering", "im.chair", "im.member"),
}
EXECUTIVE = ("executive-committee", "dsg", "usg.management")

# title, programme, initiative, sponsoring unit, one-time cost, target state, resubmitted, summary
PROJECTS = [
    (
        "Digitization of official documents",
        "knowledge",
        "digitization",
        "dm",
        350_000,
        S.DRAFT,
        False,
        "Scan and index the official documents of the last decade.",
    ),
    (
        "Member States portal renewal",
        "knowledge",
        "member-states-portal",
        "other-hq",
        420_000,
        S.SUBMITTED,
        False,
        "A single portal for delegations: documents, meetings, e-services.",
    ),
    (
        "Records retention schedules online",
        "knowledge",
        "archives-records-management",
        "dm",
        180_000,
        S.RETURNED,
        False,
        "Retention schedules for every office, applied by the system.",
    ),
    (
        "UNData statistics portal upgrade",
        "knowledge",
        "undata-portal",
        "other-hq",
        260_000,
        S.ACCEPTED,
        True,
        "Modernise the statistics portal and its data pipelines.",
    ),
    (
        "Enterprise search pilot",
        "knowledge",
        "enterprise-search",
        "dm",
        300_000,
        S.ENDORSED,
        False,
        "One search box across document systems and the intranet.",
    ),
    (
        "Document management for headquarters",
        "knowledge",
        "document-management",
        "dm",
        650_000,
        S.WITH_STEERING_COMMITTEE,
        True,
        "Shared document management replacing file shares.",
    ),
    (
        "Collaboration workspaces",
        "knowledge",
        "collaboration-sharing-environment",
        "other-hq",
        480_000,
        S.APPROVED,
        False,
        "Team sites and shared workspaces for departments.",
    ),
    (
        "Web content management platform",
        "knowledge",
        "web-content-management",
        "dm",
        560_000,
        S.IN_DELIVERY,
        False,
        "One web content platform for the Secretariat's sites.",
    ),
    (
        "Knowledge centre for peacekeeping",
        "knowledge",
        "knowledge-centres",
        "dfs",
        240_000,
        S.COMPLETED,
        False,
        "Lessons and practice notes for field missions.",
    ),
    (
        "Conference management system",
        "resource",
        "conference-management",
        "dm",
        780_000,
        S.WITH_STEERING_COMMITTEE,
        False,
        "Meetings planning, documents and interpretation.",
    ),
    (
        "Enterprise resource planning, phase 1",
        "resource",
        "enterprise-resource-planning",
        "dm",
        4_500_000,
        S.WITH_EXECUTIVE_COMMITTEE,
        False,
        "Finance, procurement and HR on one ERP.",
    ),
    (
        "Space management tool",
        "resource",
        "space-management",
        "dm",
        210_000,
        S.REJECTED,
        False,
        "Office space planning and booking.",
    ),
    (
        "Customer relationship management",
        "resource",
        "customer-relationship-management",
        "dm",
        390_000,
        S.DEFERRED,
        False,
        "Service requests and client relations for OICT.",
    ),
    (
        "Decision support dashboards",
        "resource",
        "decision-support-system",
        "dm",
        330_000,
        S.IN_DELIVERY,
        False,
        "Management dashboards over ERP data.",
    ),
    (
        "Security incident tracking",
        "resource",
        "security-systems",
        "dfs",
        150_000,
        S.CANCELLED,
        False,
        "Tracking of security incidents in the field.",
    ),
    (
        "Identity management",
        "infrastructure",
        "identity-management",
        "oict",
        900_000,
        S.SUBMITTED,
        False,
        "Single sign-on and one identity per staff member.",
    ),
    (
        "IP telephony for offices away",
        "infrastructure",
        "ip-telephony",
        "unog",
        620_000,
        S.WITH_STEERING_COMMITTEE,
        False,
        "IP telephony for Geneva, Nairobi and Vienna.",
    ),
    (
        "Global service desk",
        "infrastructure",
        "global-service-desk",
        "oict",
        1_200_000,
        S.APPROVED,
        False,
        "One service desk for all duty stations, follow the sun.",
    ),
    (
        "Disaster recovery site",
        "infrastructure",
        "disaster-recovery-business-continuity",
        "oict",
        850_000,
        S.IN_DELIVERY,
        False,
        "A secondary data centre and recovery plans.",
    ),
    (
        "Videoconferencing upgrade",
        "infrastructure",
        "videoconferencing",
        "unon",
        280_000,
        S.COMPLETED,
        False,
        "HD videoconferencing rooms in every office away.",
    ),
]

ASSETS = [
    (
        "Official Document System",
        AssetKind.APPLICATION,
        "dm",
        "knowledge",
        AssetLifecycle.SUNSETTING,
        420_000,
        ("Digitization of official documents", AssetRelation.REPLACES),
    ),
    (
        "Intranet",
        AssetKind.APPLICATION,
        "oict",
        "knowledge",
        AssetLifecycle.IN_SERVICE,
        180_000,
        ("Enterprise search pilot", AssetRelation.CREATES),
    ),
    (
        "Legacy payroll (IMIS)",
        AssetKind.SYSTEM,
        "dm",
        "resource",
        AssetLifecycle.SUNSETTING,
        2_100_000,
        ("Enterprise resource planning, phase 1", AssetRelation.REPLACES),
    ),
    (
        "Headquarters data centre",
        AssetKind.INFRASTRUCTURE,
        "oict",
        "infrastructure",
        AssetLifecycle.IN_SERVICE,
        3_400_000,
        None,
    ),
    (
        "Secondary data centre",
        AssetKind.INFRASTRUCTURE,
        "oict",
        "infrastructure",
        AssetLifecycle.PLANNED,
        0,
        ("Disaster recovery site", AssetRelation.CREATES),
    ),
    (
        "Web content management system",
        AssetKind.APPLICATION,
        "dm",
        "knowledge",
        AssetLifecycle.PLANNED,
        0,
        ("Web content management platform", AssetRelation.CREATES),
    ),
]

ALL_TICKED = {
    "complete": True,
    "compliant": True,
    "overlap_examined": True,
    "metrics_comparable": True,
}


def load(loader):
    people = {
        u.username: u
        for u in User.objects.filter(
            username__in=[
                "proponent",
                "pmo",
                "cito",
                "advisor",
                "dsg",
                "usg.management",
                "km.chair",
                "km.member",
                "rm.chair",
                "rm.member",
                "im.chair",
                "im.member",
                "chief.geneva",
            ]
        )
    }
    if len(people) < 13:
        return  # personas not loaded (governance's demo runs first)
    year = timezone.localdate().year
    for code, amount in (
        ("knowledge", 2_500_000),
        ("resource", 6_000_000),
        ("infrastructure", 3_000_000),
    ):
        _envelope(loader, people, Programme.objects.get(code=code), year, Decimal(amount))
    existing = set(Project.objects.values_list("title", flat=True))
    for row in PROJECTS:
        if row[0] in existing:
            loader.counts[(Project._meta.verbose_name_plural, "unchanged")] += 1
            continue
        _project(people, *row)
        loader.counts[(Project._meta.verbose_name_plural, "created")] += 1
    units = {u.code: u for u in OrganisationUnit.objects.all()}
    programmes = {p.code: p for p in Programme.objects.all()}
    for name, kind, unit, programme, lifecycle, cost, link in ASSETS:
        asset = loader.sync(
            Asset,
            {"name": name},
            {
                "kind": kind,
                "owner_unit": units[unit],
                "programme": programmes[programme],
                "lifecycle": lifecycle,
                "annual_running_cost": Decimal(cost),
            },
        )
        if link:
            project = Project.objects.filter(title=link[0]).first()
            if project:
                loader.sync(
                    ProjectAsset, {"project": project, "asset": asset}, {"relation": link[1]}
                )


def _envelope(loader, people, programme, year, amount):
    if ResourceEnvelope.objects.filter(programme=programme, year=year).exists():
        loader.counts[(ResourceEnvelope._meta.verbose_name_plural, "unchanged")] += 1
        return
    envelope = services.envelope_propose(
        programme=programme, year=year, amount=amount, actor=people["pmo"]
    )
    _decide(people, EXECUTIVE, envelope, Outcome.APPROVED, "Allocation for the year.")
    loader.counts[(ResourceEnvelope._meta.verbose_name_plural, "created")] += 1


def _meeting(people, body_code):
    body = Body.objects.get(code=body_code)
    title = f"{body.name}: portfolio session (demo)"
    meeting = (
        Meeting.objects.filter(body=body, title=title).exclude(state=MeetingState.CLOSED).first()
    )
    if meeting is None:
        meeting = gov.meeting_create(
            body=body,
            title=title,
            actor=people["pmo"],
            starts_at=timezone.now(),
            location="New York",
        )
        gov.meeting_open(meeting=meeting, actor=people["pmo"])
    return meeting


def _decide(people, committee, subject, outcome, rationale, rank=None):
    body_code, chair, member = committee
    meeting = _meeting(people, body_code)
    item = gov.agenda_item_add(
        meeting=meeting, kind=AgendaItemKind.DECISION, subject=subject, actor=people["pmo"]
    )
    voters = [people[chair], people[member]]
    present = set(meeting.attendance.values_list("member_id", flat=True))
    if not {v.pk for v in voters} <= present:
        gov.attendance_record(
            meeting=meeting,
            actor=people["pmo"],
            attendees=list(User.objects.filter(pk__in=present | {v.pk for v in voters})),
        )
    for voter in voters:
        gov.vote_cast(item=item, voter=voter, choice=VoteChoice.FOR)
    return gov.vote_close_and_decide(
        item=item, actor=people[chair], outcome=outcome, rationale=rationale, rank=rank
    )


def _lines(cost, year):
    cost = Decimal(cost)
    return {
        "costs": [
            {
                "year": year,
                "kind": CostKind.ONE_TIME,
                "category": CostCategory.CONTRACTUAL,
                "amount": (cost * Decimal("0.6")).quantize(Decimal(1)),
            },
            {
                "year": year,
                "kind": CostKind.ONE_TIME,
                "category": CostCategory.SOFTWARE,
                "amount": (cost * Decimal("0.2")).quantize(Decimal(1)),
            },
            {
                "year": year + 1,
                "kind": CostKind.RECURRING,
                "category": CostCategory.STAFF,
                "amount": (cost * Decimal("0.1")).quantize(Decimal(1)),
            },
            {
                "year": year + 2,
                "kind": CostKind.RECURRING,
                "category": CostCategory.STAFF,
                "amount": (cost * Decimal("0.1")).quantize(Decimal(1)),
            },
        ],
        "benefits": [
            {
                "year": year + 1,
                "description": "Staff time saved",
                "amount": (cost * Decimal("0.45")).quantize(Decimal(1)),
            },
            {
                "year": year + 2,
                "description": "Licences and hosting retired",
                "amount": (cost * Decimal("0.55")).quantize(Decimal(1)),
            },
            {
                "year": year + 3,
                "description": "Staff time saved",
                "amount": (cost * Decimal("0.40")).quantize(Decimal(1)),
            },
        ],
        "risks": [
            {
                "description": "Vendor delivers late",
                "likelihood": 3,
                "impact": 3,
                "mitigation": "Milestone payments",
            },
            {
                "description": "Users keep the old tools",
                "likelihood": 2,
                "impact": 4,
                "mitigation": "Training and champions in each department",
            },
        ],
        "funding": [
            {"source": "Regular budget", "amount": (cost * Decimal("0.7")).quantize(Decimal(1))},
            {"source": "Extrabudgetary", "amount": (cost * Decimal("0.3")).quantize(Decimal(1))},
        ],
    }


def _project(
    people, title, programme_code, initiative_code, unit_code, cost, target, resubmitted, summary
):
    proponent, pmo, cito = people["proponent"], people["pmo"], people["cito"]
    programme = Programme.objects.get(code=programme_code)
    initiative = Initiative.objects.get(code=initiative_code)
    unit = OrganisationUnit.objects.get(code=unit_code)
    year = timezone.localdate().year
    project = services.project_create(
        actor=proponent,
        title=title,
        summary=summary,
        programme=programme,
        initiative=initiative,
        sponsoring_unit=unit,
    )
    services.business_case_save(
        project=project,
        actor=proponent,
        token=services.case_token(project.current_case()),
        fields={
            "programme": programme,
            "initiative": initiative,
            "sponsoring_unit": unit,
            "problem": f"{summary} Today the work is manual and fragmented.",
            "scope": "Headquarters first, then offices away from headquarters.",
            "options_considered": "Do nothing; extend the current system; a package.",
            "qualitative_benefits": "Better service to Member States and staff.",
            "dependencies": "Identity management; network bandwidth.",
            "standards_compliance": "Follows the architecture and security standards.",
        },
        lines=_lines(cost, year),
    )
    if target == S.DRAFT:
        return project
    services.project_submit(project=project, actor=proponent)
    if target == S.SUBMITTED:
        return project
    if target == S.RETURNED or resubmitted:
        services.project_pmo_return(
            project=project,
            actor=pmo,
            checklist={"complete": True},
            comments="Give the recurring costs after year 2 and the metrics used by comparable "
            "projects.",
        )
        if target == S.RETURNED:
            return project
        project.refresh_from_db()
        services.business_case_save(
            project=project,
            actor=proponent,
            token=services.case_token(project.current_case()),
            fields={
                "scope": "Headquarters first, then offices away; recurring costs to year three."
            },
        )
        services.project_submit(project=project, actor=proponent)
    services.project_pmo_accept(
        project=project,
        actor=pmo,
        checklist=ALL_TICKED,
        comments="Complete; no overlap with current projects.",
    )
    if target == S.ACCEPTED:
        return project
    if target == S.CANCELLED:
        services.project_cancel(
            project=project, actor=pmo, reason="Superseded by the field missions' own system."
        )
        return project
    services.project_cito_endorse(project=project, actor=cito, reason="Aligned with the strategy.")
    if target == S.ENDORSED:
        return project
    services.project_refer_to_steering_committee(project=project, actor=pmo)
    project.refresh_from_db()
    committee = CHAIRS[programme_code]
    gov.opinion_give(
        subject=project,
        author=people["advisor"],
        stance=Stance.SUPPORT,
        text="Departments have asked for this for years.",
    )
    services.score_record(
        project=project,
        actor=people[committee[2]],
        scores={"strategic_alignment": 4, "benefits": 4, "risk": 3, "cost": 3, "urgency": 4},
    )
    services.score_record(
        project=project,
        actor=people[committee[1]],
        scores={"strategic_alignment": 5, "benefits": 3, "risk": 3, "cost": 4, "urgency": 3},
    )
    if target == S.WITH_STEERING_COMMITTEE:
        return project
    outcome = {S.REJECTED: Outcome.REJECTED, S.DEFERRED: Outcome.DEFERRED}.get(
        target, Outcome.APPROVED
    )
    _decide(people, committee, project, outcome, "Decided after discussion of the case.")
    project.refresh_from_db()
    if project.state == S.WITH_EXECUTIVE_COMMITTEE:
        gov.opinion_give(
            subject=project,
            author=people["advisor"],
            stance=Stance.CONCERNS,
            text="Phase the roll-out to limit the risk.",
        )
        if target == S.WITH_EXECUTIVE_COMMITTEE:
            return project
        _decide(people, EXECUTIVE, project, Outcome.APPROVED, "Approved as a major project.")
        project.refresh_from_db()
    if target in (S.APPROVED, S.REJECTED, S.DEFERRED):
        return project
    services.project_start_delivery(project=project, actor=pmo, project_manager=proponent)
    _delivery(project, people, completed=target == S.COMPLETED)
    return project


def _delivery(project, people, *, completed):
    today = timezone.localdate()
    first = (today.replace(day=1) - datetime.timedelta(days=120)).replace(day=1)
    services.phase_add(
        project=project,
        actor=people["pmo"],
        name="Discovery and pilot",
        start=first,
        end=first + datetime.timedelta(days=90),
        deliverables="Pilot in one department; lessons report.",
    )
    services.phase_add(
        project=project,
        actor=people["pmo"],
        name="Roll-out",
        start=first + datetime.timedelta(days=91),
        end=first + datetime.timedelta(days=365),
        deliverables="All departments migrated.",
    )
    # Backdate the start of delivery so the monthly reports have months to cover.
    # The steps before it are spread over the weeks before, so the timeline reads in order.
    start_at = timezone.make_aware(datetime.datetime.combine(first, datetime.time(9)))
    earlier = list(project.transitions.order_by("at", "pk"))
    for index, record in enumerate(earlier):
        record.at = start_at - datetime.timedelta(days=7 * (len(earlier) - 1 - index))
        record.save(update_fields=["at"])
    overdue = project.title == "Disaster recovery site"
    months = 2 if overdue else 4
    rags = [
        ("green", "green", "green"),
        ("green", "amber", "green"),
        ("amber", "amber", "green"),
        ("green", "amber", "green"),
    ]
    total = project.total_cost
    for i in range(months):
        period = (first + datetime.timedelta(days=31 * i)).replace(day=1)
        schedule, budget, scope = rags[i]
        services.status_report_file(
            project=project,
            actor=people["proponent"],
            period=period,
            schedule=schedule,
            budget=budget,
            scope=scope,
            percent_complete=min(100, 20 * (i + 1)),
            actual_spend=(total * Decimal("0.18") * (i + 1)).quantize(Decimal(1)),
            issues="Vendor staffing is short." if budget == "amber" else "",
            risks="Data migration may slip." if schedule == "amber" else "",
        )
    if completed:
        services.project_complete(
            project=project,
            actor=people["pmo"],
            lessons_learned=(
                "Pilot with one department first; budget for training from the start."
            ),
        )
