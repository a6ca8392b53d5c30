"""Demo budgets: a previous cycle (all approved) and a current one with every state shown.

Idempotent: cycles and chiefs are synced; a unit's submission is built through the services
only when it does not exist yet, so a second run creates nothing.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from governance import roles
from governance.demo import DEMO_PASSWORD
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
# unit code -> the actions that bring the current submission to its demo state
CURRENT_STATES = {
    "unog": [],  # draft
    "unon": [A.SUBMIT],
    "unov": [A.SUBMIT, A.START_REVIEW],
    "dm": [A.SUBMIT, A.START_REVIEW, A.APPROVE],
    "dfs": [A.SUBMIT, A.RETURN],
    "regional-commissions": [A.SUBMIT, A.RETURN, A.RESUBMIT],
}
SCALE = {"unog": 3, "unon": 2, "unov": 2, "dm": 8, "dfs": 20, "regional-commissions": 3}


def load(loader):
    chiefs = _chiefs(loader)
    reviewer = User.objects.get(username="budget.reviewer")
    previous = _cycle(loader, PREVIOUS)
    current = _cycle(loader, CURRENT)
    initiatives = list(Initiative.objects.order_by("pk")[:6])
    for code, actions in CURRENT_STATES.items():
        unit = OrganisationUnit.objects.get(code=code)
        chief = chiefs[code]
        _build(
            previous,
            unit,
            chief,
            reviewer,
            [A.SUBMIT, A.START_REVIEW, A.APPROVE],
            initiatives,
            Decimal("0.9"),
        )
        _build(current, unit, chief, reviewer, actions, initiatives, Decimal("1"))


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


def _build(cycle, unit, chief, reviewer, actions, initiatives, factor):
    if BudgetSubmission.objects.filter(cycle=cycle, unit=unit).exists():
        return
    submission = services.submission_create(cycle=cycle, unit=unit, actor=chief)
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
    submission = services.submission_save_lines(
        submission=submission, lines=lines, expected_version=submission.version, actor=chief
    )
    for action in actions:
        actor = reviewer if action in {A.START_REVIEW, A.APPROVE, A.RETURN} else chief
        comment = (
            "Please justify the hardware increase and split consultants by project."
            if action == A.RETURN
            else (
                "Hardware increase justified by the data-centre move."
                if action == A.RESUBMIT
                else ""
            )
        )
        submission = services.submission_transition(
            submission=submission, action=action, actor=actor, comment=comment
        )
