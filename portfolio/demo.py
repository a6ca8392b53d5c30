"""Demo portfolio: projects in every state across the three programmes, built through the same
services people use (business case versions, PMO reviews, scores, committee meetings and
decisions through governance, status reports). Idempotent: a project whose title exists is
left alone, so a second run creates nothing.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from core import clock
from governance import services as gov
from governance.choices import AgendaItemKind, MeetingState, Outcome, Stance, VoteChoice
from governance.demo import history_start, moment, play
from governance.models import Body, Meeting, OrganisationUnit, User
from governance.performance.models import Service
from programmes.models import Initiative, Programme

from . import services
from .choices import AssetKind, AssetLifecycle, AssetRelation, CostCategory, CostKind
from .choices import ProjectState as S
from .models import Asset, Project, ResourceEnvelope

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
    # code, name, kind, owner unit, programme, lifecycle, annual running cost, linked project
    (
        "ods",
        "Official Document System",
        AssetKind.APPLICATION,
        "dm",
        "knowledge",
        AssetLifecycle.SUNSETTING,
        420_000,
        ("Digitization of official documents", AssetRelation.REPLACES),
    ),
    (
        "intranet",
        "Intranet",
        AssetKind.APPLICATION,
        "oict",
        "knowledge",
        AssetLifecycle.IN_SERVICE,
        180_000,
        ("Enterprise search pilot", AssetRelation.CREATES),
    ),
    (
        "imis-payroll",
        "Legacy payroll (IMIS)",
        AssetKind.SYSTEM,
        "dm",
        "resource",
        AssetLifecycle.SUNSETTING,
        2_100_000,
        ("Enterprise resource planning, phase 1", AssetRelation.REPLACES),
    ),
    (
        "hq-data-centre",
        "Headquarters data centre",
        AssetKind.INFRASTRUCTURE,
        "oict",
        "infrastructure",
        AssetLifecycle.IN_SERVICE,
        3_400_000,
        None,
    ),
    (
        "secondary-data-centre",
        "Secondary data centre",
        AssetKind.INFRASTRUCTURE,
        "oict",
        "infrastructure",
        AssetLifecycle.PLANNED,
        0,
        ("Disaster recovery site", AssetRelation.CREATES),
    ),
    (
        "web-cms",
        "Web content management system",
        AssetKind.APPLICATION,
        "dm",
        "knowledge",
        AssetLifecycle.PLANNED,
        0,
        ("Web content management platform", AssetRelation.CREATES),
    ),
]

# project title -> the ICT services of the catalogue it changes
PROJECT_SERVICES = {
    "Global service desk": ["service-desk"],
    "Disaster recovery site": ["disaster-recovery", "hosting"],
    "Videoconferencing upgrade": ["videoconferencing"],
    "IP telephony for offices away": ["telephone"],
    "Identity management": ["remote-access"],
    "Web content management platform": ["finding-information"],
    "Enterprise search pilot": ["finding-information"],
    "Enterprise resource planning, phase 1": ["common-applications"],
    "Decision support dashboards": ["common-applications"],
    "Collaboration workspaces": ["email"],
}


# --- overlap detection is tuned on the demo (portfolio/overlap.py; tests/portfolio/test_overlap.py)
#: proposals that duplicate a project above: a reviewer must see each of these pairs
OVERLAP_PROJECTS = [
    (
        "Intranet search and document finder",
        "knowledge",
        "enterprise-search",
        "dm",
        280_000,
        S.SUBMITTED,
        False,
        "Find documents across the intranet and the document systems from one search box.",
    ),
    (
        "Service desk for field missions",
        "infrastructure",
        "global-service-desk",
        "dfs",
        540_000,
        S.DRAFT,
        False,
        "One service desk for the users of every field mission, follow the sun.",
    ),
    (
        "Electronic document repository",
        "knowledge",
        "document-management",
        "other-hq",
        380_000,
        S.SUBMITTED,
        False,
        "A shared document repository replacing departmental file shares.",
    ),
    (
        "Single sign-on for field missions",
        "infrastructure",
        "identity-management",
        "dfs",
        310_000,
        S.DRAFT,
        False,
        "Single sign-on and one identity for every mission staff member.",
    ),
]
PROJECTS = [*PROJECTS, *OVERLAP_PROJECTS]
#: Pairs of demo projects (by title) as a reviewer judges them: ``genuine`` overlaps must be
#: flagged; ``related`` ones may be (one builds on the other); every other pair of demo
#: projects is unrelated, and a project may have at most two unrelated ones flagged.
OVERLAP_PAIRS = {
    "genuine": [
        ("Intranet search and document finder", "Enterprise search pilot"),
        ("Service desk for field missions", "Global service desk"),
        ("Electronic document repository", "Document management for headquarters"),
        ("Single sign-on for field missions", "Identity management"),
    ],
    "related": [
        ("Decision support dashboards", "Enterprise resource planning, phase 1"),
        ("Records retention schedules online", "Digitization of official documents"),
        ("Records retention schedules online", "Document management for headquarters"),
        ("Records retention schedules online", "Electronic document repository"),
        ("Collaboration workspaces", "Document management for headquarters"),
        ("Collaboration workspaces", "Electronic document repository"),
        ("Web content management platform", "Member States portal renewal"),
        ("Enterprise search pilot", "Web content management platform"),
        ("Intranet search and document finder", "Web content management platform"),
        ("Intranet search and document finder", "Document management for headquarters"),
        ("Intranet search and document finder", "Electronic document repository"),
        ("Enterprise search pilot", "Electronic document repository"),
        ("Enterprise search pilot", "Document management for headquarters"),
        ("Digitization of official documents", "Document management for headquarters"),
        ("Digitization of official documents", "Electronic document repository"),
        ("Videoconferencing upgrade", "IP telephony for offices away"),
    ],
}

ALL_TICKED = {
    "complete": True,
    "compliant": True,
    "overlap_examined": True,
    "metrics_comparable": True,
}


#: When each project's story starts, as a fraction of the demo's past (0 is the first day of its
#: first quarter, 1 today), so the projects move through their states across the quarters and
#: each past quarter's report differs. A project not listed starts at 0.9.
STARTS = {
    "Knowledge centre for peacekeeping": 0.0,
    "Videoconferencing upgrade": 0.04,
    "Web content management platform": 0.08,
    "Disaster recovery site": 0.12,
    "Conference management system": 0.15,
    "Decision support dashboards": 0.2,
    "Security incident tracking": 0.25,
    "Space management tool": 0.3,
    "Global service desk": 0.33,
    "Enterprise resource planning, phase 1": 0.4,
    "Customer relationship management": 0.45,
    "Identity management": 0.5,
    "Collaboration workspaces": 0.52,
    "Document management for headquarters": 0.55,
    "IP telephony for offices away": 0.6,
    "Enterprise search pilot": 0.66,
    "UNData statistics portal upgrade": 0.7,
    "Records retention schedules online": 0.76,
    "Member States portal renewal": 0.8,
    "Intranet search and document finder": 0.84,
    "Electronic document repository": 0.87,
}
#: Days between two steps of a project before delivery (fewer when the story would reach today).
STEP_DAYS = 16
#: Months a completed project reported before it closed, and a project in delivery plans for.
COMPLETED_AFTER_MONTHS = {"Knowledge centre for peacekeeping": 8, "Videoconferencing upgrade": 10}
PLANNED_MONTHS = 15
#: The project whose manager stopped reporting: it shows as overdue.
OVERDUE = "Disaster recovery site"
#: A monthly RAG cycle; each project enters it at its own place, so quarters differ.
RAG_CYCLE = ["green", "green", "amber", "amber", "green", "red", "amber", "green", "green"]


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
    today = clock.today()
    first = history_start(today)
    stories = []
    # Envelopes bind the steering committees (portfolio.envelopes): the Executive Committee
    # allocates every year of the plan before the committees approve projects costed in them.
    for year in range(first.year, today.year + 4):
        for code, amount in ENVELOPES:
            stories.append(_envelope_story(loader, people, code, year, Decimal(amount), first))
    stories.append(_initiative_ranking_story(loader, people, first + datetime.timedelta(days=45)))
    existing = set(Project.objects.values_list("title", flat=True))
    span = (today - first).days
    for row in PROJECTS:
        if row[0] in existing:
            loader.counts[(Project._meta.verbose_name_plural, "unchanged")] += 1
            continue
        start = first + datetime.timedelta(days=round(STARTS.get(row[0], 0.9) * span))
        stories.append(_project_story(people, row, start, today))
        loader.counts[(Project._meta.verbose_name_plural, "created")] += 1
    play(stories)
    _close_past_sessions(people, today)
    units = {u.code: u for u in OrganisationUnit.objects.all()}
    programmes = {p.code: p for p in Programme.objects.all()}
    _assets(loader, people["pmo"], units, programmes)
    _project_services(loader, people["pmo"])


ENVELOPES = (("knowledge", 2_500_000), ("resource", 6_000_000), ("infrastructure", 3_000_000))


def _envelope_story(loader, people, code, year, amount, first):
    """The Executive Committee sets each programme's envelope early in the year."""
    programme = Programme.objects.get(code=code)
    if ResourceEnvelope.objects.filter(programme=programme, year=year).exists():
        loader.counts[(ResourceEnvelope._meta.verbose_name_plural, "unchanged")] += 1
        return
    day = min(
        max(datetime.date(year, 1, 20), first + datetime.timedelta(days=5)),
        first + datetime.timedelta(days=5 + year - first.year),
    )
    yield moment(day, 9)
    envelope = services.envelope_propose(
        programme=programme, year=year, amount=amount, actor=people["pmo"]
    )
    yield moment(day, 15)
    _decide(people, EXECUTIVE, envelope, Outcome.APPROVED, "Allocation for the year.")
    loader.counts[(ResourceEnvelope._meta.verbose_name_plural, "created")] += 1


#: The initiative the Executive Committee ranks first (para 49(i)) in the demo's history.
RANKED_INITIATIVE = "knowledge"


def _initiative_ranking_story(loader, people, day):
    """Early in the demo's history the Executive Committee ranks the Knowledge Management
    programme's first initiative its first priority, by vote, as it ranks major projects."""
    label = Initiative._meta.verbose_name_plural
    initiative = (
        Initiative.objects.filter(programme__code=RANKED_INITIATIVE).order_by("order").first()
    )
    if initiative is None or Initiative.objects.filter(priority_rank__isnull=False).exists():
        loader.counts[(label, "unchanged")] += 1
        return
    yield moment(day, 11)
    _decide(
        people,
        EXECUTIVE,
        initiative,
        Outcome.PRIORITISED,
        "The Committee's first priority among the strategy's initiatives.",
        rank=1,
    )
    loader.counts[(label, "ranked")] += 1


def _assets(loader, pmo, units, programmes):
    """The inventory, entered by the PMO through the inventory's services."""
    from . import assets

    label = Asset._meta.verbose_name_plural
    existing = set(Asset.objects.values_list("code", flat=True))
    for code, name, kind, unit, programme, lifecycle, cost, link in ASSETS:
        if code in existing:
            loader.counts[(label, "unchanged")] += 1
            continue
        asset = assets.asset_create(
            actor=pmo,
            code=code,
            name=name,
            kind=kind,
            owner_unit=units[unit],
            programme=programmes[programme],
            lifecycle=lifecycle,
            annual_running_cost=Decimal(cost),
        )
        loader.counts[(label, "created")] += 1
        project = Project.objects.filter(title=link[0]).first() if link else None
        if project is not None:
            assets.asset_link(asset=asset, project=project, relation=link[1], actor=pmo)


def _project_services(loader, pmo):
    catalogue = {s.code: s for s in Service.objects.all()}
    for project in Project.objects.filter(title__in=PROJECT_SERVICES).prefetch_related("services"):
        wanted = [catalogue[c] for c in PROJECT_SERVICES[project.title] if c in catalogue]
        if {s.pk for s in project.services.all()} == {s.pk for s in wanted}:
            loader.counts[(Service._meta.verbose_name_plural, "unchanged")] += 1
            continue
        services.project_services_set(project=project, services=wanted, actor=pmo)
        loader.counts[(Service._meta.verbose_name_plural, "updated")] += 1


def _session_title(body):
    return f"{body.name}: portfolio session {clock.today():%Y-%m}"


def _meeting(people, body_code):
    """This month's portfolio session of the body, opened at its first item."""
    body = Body.objects.get(code=body_code)
    title = _session_title(body)
    meeting = (
        Meeting.objects.filter(body=body, title=title).exclude(state=MeetingState.CLOSED).first()
    )
    if meeting is None:
        meeting = gov.meeting_create(
            body=body,
            title=title,
            actor=people["pmo"],
            starts_at=clock.now(),
            location="New York",
        )
        gov.meeting_open(meeting=meeting, actor=people["pmo"])
    return meeting


def _close_past_sessions(people, today):
    """Each month's session closes on the month's last day (this month's stays open)."""
    sessions = Meeting.objects.filter(
        title__contains=": portfolio session ",
        state=MeetingState.OPEN,
        starts_at__lt=moment(today.replace(day=1), 0),
    )
    for meeting in sessions.order_by("starts_at"):
        start = timezone.localdate(meeting.starts_at)
        last = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        with clock.frozen_at(moment(last - datetime.timedelta(days=1), 17)):
            gov.meeting_close(
                meeting=meeting,
                actor=people["pmo"],
                minutes="The committee took the decisions recorded on the projects before it.",
            )


def _decide(people, committee, subject, outcome, rationale, rank=None):
    body_code, chair, member = committee
    meeting = _meeting(people, body_code)
    item = gov.agenda_item_add(
        meeting=meeting, kind=AgendaItemKind.DECISION, subject=subject, actor=people["pmo"]
    )
    voters = [people[chair], people[member]]
    present = set(meeting.attendance.current().values_list("member_id", flat=True))
    if not {v.pk for v in voters} <= present:
        gov.attendance_record(
            meeting=meeting,
            actor=people["pmo"],
            attendees=list(User.objects.filter(pk__in=present | {v.pk for v in voters})),
        )
    # The decision agrees with the votes: for an approval, against a rejection; members
    # abstain on a deferral.
    choice = {
        Outcome.REJECTED: VoteChoice.AGAINST,
        Outcome.DEFERRED: VoteChoice.ABSTAIN,
        Outcome.RETURNED: VoteChoice.ABSTAIN,
    }.get(outcome, VoteChoice.FOR)
    for voter in voters:
        gov.vote_cast(item=item, voter=voter, choice=choice)
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


def _project_story(people, row, start, today):
    """One project's life from its first draft: a generator of the dates of its steps (see
    ``play``); each step goes through the services people use."""
    title, programme_code, initiative_code, unit_code, cost, target, resubmitted, summary = row
    proponent, pmo, cito = people["proponent"], people["pmo"], people["cito"]
    programme = Programme.objects.get(code=programme_code)
    initiative = Initiative.objects.get(code=initiative_code)
    unit = OrganisationUnit.objects.get(code=unit_code)
    steps = 10 if target in (S.IN_DELIVERY, S.COMPLETED) else 8
    room = (today - start).days - 2
    gap = max(1, min(STEP_DAYS, room // steps))
    day = start

    def step():
        nonlocal day
        day += datetime.timedelta(days=gap)
        return moment(day)

    yield moment(day)
    year = clock.today().year
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
        return
    yield step()
    services.project_submit(project=project, actor=proponent)
    if target == S.SUBMITTED:
        return
    if target == S.RETURNED or resubmitted:
        yield step()
        services.project_pmo_return(
            project=project,
            actor=pmo,
            checklist={"complete": True},
            comments="Give the recurring costs after year 2 and the metrics used by comparable "
            "projects.",
        )
        if target == S.RETURNED:
            return
        yield step()
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
    yield step()
    services.project_pmo_accept(
        project=project,
        actor=pmo,
        checklist=ALL_TICKED,
        comments="Complete; no overlap with current projects.",
    )
    if target == S.ACCEPTED:
        return
    if target == S.CANCELLED:
        yield step()
        services.project_cancel(
            project=project, actor=pmo, reason="Superseded by the field missions' own system."
        )
        return
    yield step()
    services.project_cito_endorse(project=project, actor=cito, reason="Aligned with the strategy.")
    if target == S.ENDORSED:
        return
    yield step()
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
        return
    yield step()
    outcome = {S.REJECTED: Outcome.REJECTED, S.DEFERRED: Outcome.DEFERRED}.get(
        target, Outcome.APPROVED
    )
    _decide(people, committee, project, outcome, "Decided after discussion of the case.")
    project.refresh_from_db()
    if project.state == S.WITH_EXECUTIVE_COMMITTEE:
        yield step()
        gov.opinion_give(
            subject=project,
            author=people["advisor"],
            stance=Stance.CONCERNS,
            text="Phase the roll-out to limit the risk.",
        )
        if target == S.WITH_EXECUTIVE_COMMITTEE:
            return
        yield step()
        _decide(people, EXECUTIVE, project, Outcome.APPROVED, "Approved as a major project.")
        project.refresh_from_db()
    if target in (S.APPROVED, S.REJECTED, S.DEFERRED):
        return
    yield step()
    services.project_start_delivery(project=project, actor=pmo, project_manager=proponent)
    yield from _delivery(project, people, today, target == S.COMPLETED)


def _month_after(month):
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def _delivery(project, people, today, completed):
    """Phases, then a status report for each month, filed early the next month."""
    first = clock.today().replace(day=1)
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
    planned = COMPLETED_AFTER_MONTHS.get(project.title, PLANNED_MONTHS)
    # The overdue project's manager stopped reporting three months ago.
    last_month = today.replace(day=1)
    if project.title == OVERDUE:
        for _ in range(3):
            last_month = (last_month - datetime.timedelta(days=1)).replace(day=1)
    total = project.total_cost
    offset = project.pk % len(RAG_CYCLE)
    period = first
    for index in range(planned):
        filed = _month_after(period).replace(day=5)
        if _month_after(period) >= last_month or filed >= today:
            return
        yield moment(filed)
        schedule = RAG_CYCLE[(offset + index) % len(RAG_CYCLE)]
        budget = RAG_CYCLE[(offset + index + 3) % len(RAG_CYCLE)]
        percent = min(100, round(100 * (index + 1) / planned))
        services.status_report_file(
            project=project,
            actor=people["proponent"],
            period=period,
            schedule=schedule,
            budget=budget,
            scope="green" if index % 5 else "amber",
            percent_complete=percent,
            actual_spend=(total * Decimal("0.95") * percent / 100).quantize(Decimal(1)),
            issues="Vendor staffing is short." if budget != "green" else "",
            risks="Data migration may slip." if schedule != "green" else "",
        )
        period = _month_after(period)
    if completed:
        yield moment(period.replace(day=12))
        services.project_complete(
            project=project,
            actor=people["pmo"],
            lessons_learned=(
                "Pilot with one department first; budget for training from the start."
            ),
        )
