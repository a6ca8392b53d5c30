"""Demo budgets: a previous cycle (all approved) and a current one with every state shown.

Each submission is built through the services on the days it happened (the clock is set to
each, ``governance.demo.play``): the current cycle's budgets are sent, reviewed, returned and
revised over the quarters after the cycle opened, so each past quarter's report consolidates
the lines as they stood then. Idempotent: cycles and chiefs are synced; a unit's submission is
built only when it does not exist yet, so a second run creates nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from core import clock
from governance import roles
from governance.demo import DEMO_PASSWORD, moment, play
from governance.models import OrganisationUnit, User
from programmes.models import Initiative

from . import services
from .choices import Action, Category, Source, SubmissionState
from .models import BudgetCycle, BudgetSubmission

PREVIOUS = (
    "2024-2025",
    "Biennium 2024-2025",
    2024,
    2025,
    datetime.date(2023, 1, 1),
    datetime.date(2023, 12, 31),
)
CURRENT = (
    "2026-2027",
    "Biennium 2026-2027",
    2026,
    2027,
    datetime.date(2025, 10, 1),
    datetime.date(2027, 3, 31),
)

# Extra chiefs for the units without a persona: username, display name, unit code.
DEMO_CHIEFS = [
    ("chief.vienna", "Chief of ICT, UN Office at Vienna", "unov"),
    ("chief.dm", "Chief of ICT, Department of Management", "dm"),
    ("chief.dfs", "Chief of ICT, Department of Field Support", "dfs"),
    ("chief.escap", "Chief of ICT, Regional commissions", "regional-commissions"),
]

S, A = SubmissionState, Action
# unit code -> the steps that bring the current submission to its demo state, each on the day
# it happened (days after the cycle opened); "revise" is the chief's new lines after a return
CURRENT_STATES = {
    "unog": [(30, "lines"), (220, "revise")],  # draft
    "unon": [(20, "lines"), (95, A.SUBMIT)],
    "unov": [(25, "lines"), (60, A.SUBMIT), (120, A.START_REVIEW)],
    "dm": [(15, "lines"), (45, A.SUBMIT), (70, A.START_REVIEW), (110, A.APPROVE)],
    "dfs": [(30, "lines"), (80, A.SUBMIT), (190, A.RETURN), (210, "revise")],
    "regional-commissions": [
        (35, "lines"),
        (100, A.SUBMIT),
        (160, A.RETURN),
        (250, "revise"),
        (280, A.RESUBMIT),
    ],
}
PREVIOUS_STEPS = [(20, "lines"), (60, A.SUBMIT), (80, A.START_REVIEW), (100, A.APPROVE)]
SCALE = {"unog": 3, "unon": 2, "unov": 2, "dm": 8, "dfs": 20, "regional-commissions": 3}


def load(loader):
    chiefs = _chiefs(loader)
    reviewer = User.objects.get(username="budget.reviewer")
    previous = _cycle(loader, PREVIOUS)
    current = _cycle(loader, CURRENT)
    initiatives = list(Initiative.objects.order_by("pk")[:6])
    stories = []
    for code, steps in CURRENT_STATES.items():
        unit = OrganisationUnit.objects.get(code=code)
        chief = chiefs[code]
        for cycle, cycle_steps, factor in (
            (previous, PREVIOUS_STEPS, Decimal("0.9")),
            (current, steps, Decimal("1")),
        ):
            if not BudgetSubmission.objects.filter(cycle=cycle, unit=unit).exists():
                stories.append(
                    _story(cycle, unit, chief, reviewer, cycle_steps, initiatives, factor)
                )
    play(stories)


def _chiefs(loader):
    group = Group.objects.get_or_create(name=roles.ICT_CHIEFS)[0]
    for username, name, code in DEMO_CHIEFS:
        unit = OrganisationUnit.objects.get(code=code)
        user = loader.sync(
            User,
            {"username": username},
            {"display_name": name, "email": f"{username}@example.org", "organisation_unit": unit},
            on_create={"password": make_password(DEMO_PASSWORD)},
        )
        user.groups.add(group)
        if unit.chief_id != user.pk:
            unit.chief = user
            unit.save(update_fields=["chief"])
    return {
        unit.code: unit.chief
        for unit in OrganisationUnit.objects.filter(code__in=CURRENT_STATES).select_related("chief")
    }


def _cycle(loader, spec):
    code, name, first, last, opens, closes = spec
    return loader.sync(
        BudgetCycle,
        {"code": code},
        {
            "name": name,
            "first_year": first,
            "last_year": last,
            "opens_on": opens,
            "closes_on": closes,
        },
    )


def _lines(cycle, unit, initiatives, factor):
    lines = []
    scale = SCALE[unit.code]
    for year_index, year in enumerate(cycle.years):
        for c_index, category in enumerate(Category.values):
            for s_index, source in enumerate(Source.values[:2]):
                amount = Decimal(10_000 * scale * (c_index + 1 + s_index) * (1 + year_index / 10))
                lines.append(
                    {
                        "category": category,
                        "source": source,
                        "year": year,
                        "amount": (amount * factor).quantize(Decimal("1")),
                        "justification": f"{Category(category).label}, {unit.code}",
                        "initiative_id": initiatives[c_index % len(initiatives)].pk
                        if initiatives and c_index % 3 == 0
                        else None,
                    }
                )
    return lines


def _revised(lines):
    """After a return: hardware cut by a fifth, training up by a tenth."""
    factors = {Category.HARDWARE: Decimal("0.8"), Category.TRAINING: Decimal("1.1")}
    return [
        {**line, "amount": (line["amount"] * factors.get(line["category"], 1)).quantize(1)}
        for line in lines
    ]


def _story(cycle, unit, chief, reviewer, steps, initiatives, factor):
    """The unit's submission for ``cycle``: a generator of the days of its steps (see
    ``governance.demo.play``); a day not yet come is played today."""
    # Read before the first step: inside a step the clock stands at that step's moment.
    today, now = clock.today(), clock.now()
    lines = _lines(cycle, unit, initiatives, factor)
    submission = None
    last = None
    for days, step in steps:
        day = cycle.opens_on + datetime.timedelta(days=days)
        when = moment(day, 11) if day < today else now
        if last is not None and when <= last:
            when = last + datetime.timedelta(minutes=1)
        last = when
        yield when
        if submission is None:
            submission = services.submission_create(cycle=cycle, unit=unit, actor=chief)
        if step in ("lines", "revise"):
            if step == "revise":
                lines = _revised(lines)
            submission = services.submission_save_lines(
                submission=submission, lines=lines, expected_version=submission.version, actor=chief
            )
            continue
        actor = reviewer if step in {A.START_REVIEW, A.APPROVE, A.RETURN} else chief
        comment = (
            "Please justify the hardware increase and split consultants by project."
            if step == A.RETURN
            else ("Hardware reduced; training increased." if step == A.RESUBMIT else "")
        )
        submission = services.submission_transition(
            submission=submission, action=step, actor=actor, comment=comment
        )
