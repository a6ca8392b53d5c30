"""The demo personas: one per role, each a member of the right bodies and units.

The same table feeds ``load_demo_data`` and the test suite's persona fixtures, so a test
about ``km.member`` exercises the same memberships a person sees in the demo.
"""

import datetime
import heapq

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from core import clock

from . import roles
from .choices import MembershipRole
from .models import Body, Membership, OrganisationUnit, User

DEMO_PASSWORD = "demo"
MEMBERSHIPS_START = datetime.date(2024, 1, 1)

# --------------------------------------------------------------------------- the demo's past
#: The demo has a past: the quarters before the current one hold meetings, decisions, projects
#: moving through their states, status reports, budgets and staffing figures, each written
#: through the services with the clock set to the day it happened (core.clock), so the
#: quarterly reports of past quarters have something to say.
HISTORY_QUARTERS = 7


def quarter_start(day):
    return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def history_quarters(today=None):
    """The (first day, last day) of each completed quarter of the demo's past, oldest first."""
    start = quarter_start(today or clock.today())
    out = []
    for _ in range(HISTORY_QUARTERS):
        end = start - datetime.timedelta(days=1)
        start = quarter_start(end)
        out.append((start, end))
    return out[::-1]


def history_start(today=None):
    return history_quarters(today)[0][0]


def moment(day, hour=10, minute=0):
    """An aware date-time on ``day`` (the demo's events happen in office hours)."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


# username: (display name, unit code, duty station, roles, chief of unit, memberships)
# memberships: (body code, role, votes)
PERSONAS = {
    "dsg": (
        "Deputy Secretary-General",
        "secretariat",
        "New York",
        [],
        None,
        [("executive-committee", MembershipRole.CHAIR, True)],
    ),
    "usg.management": (
        "Under-Secretary-General for Management",
        "dm",
        "New York",
        [],
        None,
        [("executive-committee", MembershipRole.MEMBER, True)],
    ),
    "cito": (
        "Chief Information Technology Officer",
        "oict",
        "New York",
        [],
        "oict",
        [
            # Ex officio in every committee; votes in the steering committees only.
            ("executive-committee", MembershipRole.EX_OFFICIO, False),
            ("km-steering", MembershipRole.EX_OFFICIO, True),
            ("rm-steering", MembershipRole.EX_OFFICIO, True),
            ("im-steering", MembershipRole.EX_OFFICIO, True),
            ("leadership-council", MembershipRole.CHAIR, True),
        ],
    ),
    "km.chair": (
        "Chair, Knowledge Management Steering Committee",
        "other-hq",
        "New York",
        [],
        None,
        [("km-steering", MembershipRole.CHAIR, True)],
    ),
    "km.member": (
        "Member, Knowledge Management Steering Committee",
        "other-hq",
        "New York",
        [],
        None,
        [("km-steering", MembershipRole.MEMBER, True)],
    ),
    "rm.chair": (
        "Chair, Resource Management Steering Committee",
        "dm",
        "New York",
        [],
        None,
        [("rm-steering", MembershipRole.CHAIR, True)],
    ),
    "rm.member": (
        "Member, Resource Management Steering Committee",
        "dm",
        "New York",
        [],
        None,
        [("rm-steering", MembershipRole.MEMBER, True)],
    ),
    "im.chair": (
        "Chair, Infrastructure Management Steering Committee",
        "dfs",
        "New York",
        [],
        None,
        [("im-steering", MembershipRole.CHAIR, True)],
    ),
    "im.member": (
        "Member, Infrastructure Management Steering Committee",
        "dfs",
        "New York",
        [],
        None,
        [("im-steering", MembershipRole.MEMBER, True)],
    ),
    "advisor": (
        "ICT Advisory Group representative",
        "regional-commissions",
        "Bangkok",
        [],
        None,
        [("advisory-group", MembershipRole.MEMBER, False)],
    ),
    "ms.delegate": (
        "Member-state delegate",
        None,
        "New York",
        [],
        None,
        [("ms-working-group", MembershipRole.MEMBER, False)],
    ),
    "pmo": (
        "PMO officer",
        "pmo",
        "New York",
        [roles.PMO_OFFICERS],
        None,
        [
            ("executive-committee", MembershipRole.SECRETARY, False),
            ("km-steering", MembershipRole.SECRETARY, False),
            ("rm-steering", MembershipRole.SECRETARY, False),
            ("im-steering", MembershipRole.SECRETARY, False),
        ],
    ),
    "portal.admin": (
        "Portal administrator, OICT Strategic Management",
        "oict-sms",
        "New York",
        [roles.PORTAL_ADMINS],
        None,
        [],
    ),
    "budget.reviewer": (
        "OICT budget reviewer",
        "oict-sms",
        "New York",
        [roles.BUDGET_REVIEWERS],
        None,
        [],
    ),
    "chief.geneva": (
        "Chief of ICT, UN Office at Geneva",
        "unog",
        "Geneva",
        [roles.ICT_CHIEFS],
        "unog",
        [("leadership-council", MembershipRole.MEMBER, False)],
    ),
    "chief.nairobi": (
        "Chief of ICT, UN Office at Nairobi",
        "unon",
        "Nairobi",
        [roles.ICT_CHIEFS],
        "unon",
        [("leadership-council", MembershipRole.MEMBER, False)],
    ),
    "proponent": ("Project sponsor, Department of Management", "dm", "New York", [], None, []),
    "staff": ("Staff member", "other-hq", "New York", [], None, []),
    "api.reader": ("Portfolio dashboard (REST client)", None, "", [roles.API_CLIENTS], None, []),
}

# Personas who may use the Django admin (read-only where records must not change).
ADMIN_SITE_USERS = {"cito", "pmo", "budget.reviewer", "portal.admin"}


def play(stories):
    """Run the stories' steps in the order of their dates, with the clock set to each date.

    A story is a generator that yields when its next step happens, then takes that step when
    it is resumed; so meetings, decisions and reports of different projects interleave as they
    would have, and every record carries the date it was made.
    """
    queue = []
    for seq, story in enumerate(stories):
        when = next(story, None)
        if when is not None:
            heapq.heappush(queue, (when, seq, story))
    while queue:
        when, seq, story = heapq.heappop(queue)
        with clock.frozen_at(when):
            following = next(story, None)
        if following is not None:
            if following <= when:
                raise ValueError(f"a demo story goes back in time at {following}")
            heapq.heappush(queue, (following, seq, story))


def load_personas(loader, *, password=DEMO_PASSWORD):
    units = {u.code: u for u in OrganisationUnit.objects.all()}
    bodies = {b.code: b for b in Body.objects.all()}
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ROLE_LABELS}
    users = {}
    for username, (name, unit, station, role_names, chief_of, memberships) in PERSONAS.items():
        user = loader.sync(
            User,
            {"username": username},
            {
                "display_name": name,
                "email": f"{username}@example.org",
                "organisation_unit": units.get(unit),
                "duty_station": station,
                "is_staff": username in ADMIN_SITE_USERS,
            },
            on_create={"password": make_password(password)},
        )
        loader.set_m2m(user, "groups", [groups[r] for r in role_names])
        if chief_of and units[chief_of].chief_id != user.pk:
            units[chief_of].chief = user
            units[chief_of].save(update_fields=["chief"])
        for body_code, role, votes in memberships:
            loader.sync(
                Membership,
                {"body": bodies[body_code], "user": user, "start": MEMBERSHIPS_START},
                {"role": role, "votes": votes, "end": None},
            )
        users[username] = user
    return users


def load(loader):
    users = load_personas(loader)
    load_governance_demo(loader, users)
    load_quarterly_reviews(loader, users)


# --------------------------------------------------------------------------- meetings and decisions
# Each body gets a past (closed) meeting and an upcoming one; decision bodies decide motions at
# the past meeting, with votes, attendance, minutes and advisory opinions seen. Everything goes
# through the services, as a person would; a record already there is left alone.

DEMO_MOTIONS = {
    # body code: [(title, topic, text, outcome at the past meeting or None, opinions)]
    "executive-committee": [
        (
            "Allocate the 2026-2027 ICT resources across the three programmes",
            "resources",
            "Infrastructure 45%, Resource Management 35%, Knowledge Management 20% of the "
            "investment envelope, rebalanced at the next quarterly review.",
            "approved",
            [("advisor", "concerns", "Field missions need a larger share of infrastructure.")],
        ),
        (
            "Adopt the ICT strategy priorities for the next biennium",
            "strategy",
            "The five cross-cutting priority areas, in the order of the strategy report.",
            "prioritised",
            [("ms.delegate", "support", "Member states welcome the single financial framework.")],
        ),
        (
            "Approve the global ICT budget template for all sources of funds",
            "policy",
            "Every unit reports ICT spending on the common template, whatever the funding.",
            None,
            [],
        ),
    ],
    "km-steering": [
        (
            "Information management policy",
            "policy",
            "Adopt the Secretariat-wide information management policy.",
            "approved",
            [("advisor", "support", "Long overdue; departments are ready.")],
        ),
        (
            "Prioritise the enterprise search initiative",
            "priorities",
            "Rank enterprise search within the programme's near-to-medium-term investments.",
            "deferred",
            [],
        ),
        ("Records retention schedule", "policy", "Adopt a common retention schedule.", None, []),
        (
            "Digitization standards for archives",
            "policy",
            "Adopt common digitization standards.",
            "written",
            [],
        ),
    ],
    "rm-steering": [
        (
            "Decision support system: scope for the first phase",
            "strategy",
            "Limit the first phase to finance and human resources data.",
            "approved",
            [("chief.geneva", "concerns", "Geneva's data sources must be included early.")],
        ),
        ("Space management: defer to the medium term", "priorities", "Defer it.", None, []),
    ],
    "im-steering": [
        (
            "Identity management standard",
            "policy",
            "One identity for every staff member across all duty stations.",
            "approved",
            [("chief.nairobi", "support", "Nairobi can pilot it.")],
        ),
        (
            "Green technology guidelines for data centres",
            "policy",
            "Adopt the guidelines for all data centres.",
            "returned",
            [],
        ),
        ("IP telephony roll-out order", "priorities", "Roll out by duty station.", None, []),
    ],
}

ADVISORY_AGENDAS = {
    "advisory-group": ("Briefing on the portfolio", "Feedback on service levels"),
    "ms-working-group": ("Services to permanent missions", "The portal for member states"),
    "executive-officers": ("Local ICT budgets", "Procurement needs"),
    "leadership-council": ("Performance against KPIs", "Architecture and standards"),
}


def load_governance_demo(loader, users):
    import datetime

    from . import services
    from .choices import AgendaItemKind
    from .models import Meeting, Motion, Opinion

    pmo = users["pmo"]
    now = clock.now()
    bodies = {b.code: b for b in Body.objects.all()}

    def counted(label):
        loader.counts[(label, "created")] += 1

    for code, motions in DEMO_MOTIONS.items():
        body = bodies[code]
        records = []
        # Put before the body (and given opinions on) two months ago.
        with clock.travel(now - datetime.timedelta(days=60)):
            for title, topic, text, outcome, opinions in motions:
                motion = loader.sync(
                    Motion,
                    {"body": body, "title": title},
                    {"topic": topic, "text": text},
                    on_create={"proposed_by": pmo},
                )
                for username, stance, opinion_text in opinions:
                    if not Opinion.objects.filter(
                        author=users[username], object_id=motion.pk, content_type__model="motion"
                    ).exists():
                        services.opinion_give(
                            subject=motion, author=users[username], stance=stance, text=opinion_text
                        )
                        counted("opinions")
                records.append((motion, outcome))
        chair = Membership.objects.current().filter(body=body, role=MembershipRole.CHAIR).first()
        voters = [m.user for m in Membership.objects.current().filter(body=body, votes=True)]
        present = voters + [pmo]

        past_title = f"{body.name}: previous meeting"
        if not Meeting.objects.filter(body=body, title=past_title).exists():
            # Held 45 days ago, and recorded then: the clock travels there.
            with clock.travel(now - datetime.timedelta(days=45)):
                meeting = services.meeting_create(
                    body=body,
                    title=past_title,
                    starts_at=now - datetime.timedelta(days=45),
                    location="New York",
                    actor=pmo,
                )
                services.agenda_item_add(
                    meeting=meeting,
                    kind=AgendaItemKind.INFORMATION,
                    title="Report of the PMO on the portfolio",
                    actor=pmo,
                )
                decided = [(m, o) for m, o in records if o and o != "written"]
                items = [
                    (
                        services.agenda_item_add(
                            meeting=meeting, kind=AgendaItemKind.DECISION, subject=m, actor=pmo
                        ),
                        o,
                    )
                    for m, o in decided
                ]
                services.meeting_open(meeting=meeting, actor=pmo)
                services.attendance_record(meeting=meeting, attendees=present, actor=pmo)
                ranked = 0
                for item, outcome in items:
                    ranked += outcome == "prioritised"
                    for voter in voters:
                        # The votes give the outcome under the body's decision rule.
                        choice = {
                            "approved": "for",
                            "prioritised": "for",
                            "rejected": "against",
                        }.get(outcome, "abstain")
                        services.vote_cast(item=item, voter=voter, choice=choice)
                    services.vote_close_and_decide(
                        item=item,
                        actor=chair.user,
                        outcome=outcome,
                        rank=ranked if outcome == "prioritised" else None,
                        rationale="Decided on the PMO's review and the opinions received.",
                    )
                services.minutes_record(
                    meeting=meeting,
                    text="The body heard the PMO's report and took the decisions recorded.",
                    actor=pmo,
                )
                services.meeting_close(meeting=meeting, actor=pmo)
                counted("meetings")

        next_title = f"{body.name}: next meeting"
        if not Meeting.objects.filter(body=body, title=next_title).exists():
            meeting = services.meeting_create(
                body=body,
                title=next_title,
                starts_at=now + datetime.timedelta(days=30),
                location="New York",
                actor=pmo,
            )
            for motion, outcome in records:
                if outcome is None:
                    services.agenda_item_add(
                        meeting=meeting, kind=AgendaItemKind.DECISION, subject=motion, actor=pmo
                    )
            counted("meetings")

        for motion, outcome in records:
            if (
                outcome == "written"
                and not Meeting.objects.filter(
                    body=body, kind="written_procedure", items__object_id=motion.pk
                ).exists()
            ):
                services.written_procedure_open(
                    body=body,
                    subject=motion,
                    deadline=now + datetime.timedelta(days=7),
                    actor=pmo,
                )
                counted("meetings")

    for code, (first, second) in ADVISORY_AGENDAS.items():
        body = bodies[code]
        members = [m.user for m in Membership.objects.current().filter(body=body)]
        past_title = f"{body.name}: previous meeting"
        if not Meeting.objects.filter(body=body, title=past_title).exists():
            with clock.travel(now - datetime.timedelta(days=60)):
                meeting = services.meeting_create(
                    body=body,
                    title=past_title,
                    starts_at=now - datetime.timedelta(days=60),
                    location="Video conference",
                    actor=pmo,
                )
                services.agenda_item_add(
                    meeting=meeting, kind=AgendaItemKind.INFORMATION, title=first, actor=pmo
                )
                services.agenda_item_add(
                    meeting=meeting, kind=AgendaItemKind.DISCUSSION, title=second, actor=pmo
                )
                services.meeting_open(meeting=meeting, actor=pmo)
                services.attendance_record(meeting=meeting, attendees=members, actor=pmo)
                services.meeting_close(
                    meeting=meeting,
                    actor=pmo,
                    minutes="Members gave their views; OICT will report back at the next meeting.",
                )
                counted("meetings")
        next_title = f"{body.name}: next meeting"
        if not Meeting.objects.filter(body=body, title=next_title).exists():
            meeting = services.meeting_create(
                body=body,
                title=next_title,
                starts_at=now + datetime.timedelta(days=40),
                location="Video conference",
                actor=pmo,
            )
            services.agenda_item_add(
                meeting=meeting, kind=AgendaItemKind.DISCUSSION, title=second, actor=pmo
            )
            counted("meetings")


# --------------------------------------------------------------------------- quarterly reviews
# The Executive Committee meets quarterly (docs/domain.md): in each quarter of the demo's past
# it reviews the portfolio and decides on rebalancing, by vote, with the clock set to the day.

QUARTERLY_MOTIONS = [
    # (title, outcome, how the voters vote): a decision always agrees with its tally
    ("Rebalance resources to the highest-priority projects", "approved", "for"),
    ("Take note of the portfolio report", "approved", "for"),
    ("Move unspent infrastructure funds to resource management", "rejected", "against"),
]


def load_quarterly_reviews(loader, users):
    from . import services
    from .choices import AgendaItemKind
    from .models import Meeting

    body = Body.objects.get(code="executive-committee")
    pmo = users["pmo"]
    for index, (first, _last) in enumerate(history_quarters()):
        label = f"{first.year}-Q{(first.month - 1) // 3 + 1}"
        title = f"{body.name}: quarterly review {label}"
        if Meeting.objects.filter(body=body, title=title).exists():
            continue
        day = first + datetime.timedelta(days=40 + 3 * index)
        motions = QUARTERLY_MOTIONS[: 1 + index % len(QUARTERLY_MOTIONS)]
        with clock.frozen_at(moment(day, 9)):
            meeting = services.meeting_create(
                body=body, title=title, starts_at=moment(day, 10), location="New York", actor=pmo
            )
            items = []
            for motion_title, outcome, choice in motions:
                motion = services.motion_create(
                    body=body,
                    title=f"{label}: {motion_title}",
                    text=f"{motion_title}, on the PMO's report for the previous quarter.",
                    topic="resources",
                    actor=pmo,
                )
                item = services.agenda_item_add(
                    meeting=meeting, kind=AgendaItemKind.DECISION, subject=motion, actor=pmo
                )
                items.append((item, outcome, choice))
        with clock.frozen_at(moment(day, 10)):
            services.meeting_open(meeting=meeting, actor=pmo)
            voters = [m.user for m in Membership.objects.current().filter(body=body, votes=True)]
            services.attendance_record(meeting=meeting, attendees=[*voters, pmo], actor=pmo)
        chair = Membership.objects.current(day).get(body=body, role=MembershipRole.CHAIR).user
        for minute, (item, outcome, choice) in enumerate(items):
            with clock.frozen_at(moment(day, 11, 5 * minute)):
                for voter in voters:
                    services.vote_cast(item=item, voter=voter, choice=choice)
                services.vote_close_and_decide(
                    item=item,
                    actor=chair,
                    outcome=outcome,
                    rationale="Decided on the PMO's quarterly report.",
                )
        with clock.frozen_at(moment(day, 13)):
            services.meeting_close(
                meeting=meeting,
                actor=pmo,
                minutes="The Committee reviewed the portfolio and took the decisions recorded.",
            )
        loader.counts[("meetings", "created")] += 1
