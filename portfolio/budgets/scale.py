"""Scale data (``generate_scale_data``): a budget submission with its lines and history from
each generated ICT unit for the latest cycle (made if none exists)."""

import datetime
from decimal import Decimal

from core import clock

from .choices import Action, Category, Source, SubmissionState
from .models import BudgetCycle, BudgetLine, BudgetSubmission, BudgetSubmissionEvent

#: State of each submission (weights): most are sent, a few still drafts.
STATES = {
    SubmissionState.DRAFT: 2,
    SubmissionState.SUBMITTED: 3,
    SubmissionState.UNDER_REVIEW: 2,
    SubmissionState.APPROVED: 4,
    SubmissionState.RETURNED: 1,
}


def generate(ctx):
    rng = ctx.rng
    cycle = BudgetCycle.objects.order_by("-first_year").first()
    if cycle is None:
        year = clock.today().year + 1
        cycle = BudgetCycle.objects.create(
            code=f"{year}-{year + 1}",
            name=f"Biennium {year}-{year + 1}",
            first_year=year,
            last_year=year + 1,
            opens_on=clock.today() - datetime.timedelta(days=30),
            closes_on=clock.today() + datetime.timedelta(days=60),
        )
    taken = set(BudgetSubmission.objects.filter(cycle=cycle).values_list("unit_id", flat=True))
    units = [unit for unit in ctx.shared["units"] if unit.pk not in taken]
    submissions = ctx.bulk(
        BudgetSubmission,
        (
            BudgetSubmission(
                cycle=cycle,
                unit=unit,
                state=rng.choices(list(STATES), list(STATES.values()))[0],
                created_by=unit.chief,
            )
            for unit in units
        ),
    )
    lines, events = [], []
    for submission in submissions:
        size = rng.randint(5, 200)
        for c_index, category in enumerate(Category.values):
            for source in rng.sample(Source.values, 2):
                for year in cycle.years:
                    lines.append(
                        BudgetLine(
                            submission=submission,
                            category=category,
                            source=source,
                            year=year,
                            amount=Decimal(1000 * size * (c_index + 1)),
                        )
                    )
        events.append(
            BudgetSubmissionEvent(
                submission=submission,
                action=Action.CREATED,
                actor=submission.created_by,
                to_state=SubmissionState.DRAFT,
                version=1,
            )
        )
        if submission.state != SubmissionState.DRAFT:
            events.append(
                BudgetSubmissionEvent(
                    submission=submission,
                    action=Action.SUBMIT,
                    actor=submission.created_by,
                    from_state=SubmissionState.DRAFT,
                    to_state=submission.state,
                    version=1,
                )
            )
    ctx.bulk(BudgetLine, lines, batch_size=5000)
    ctx.bulk(BudgetSubmissionEvent, events)
    ctx.say(f"  {len(submissions)} budget submissions ({cycle.code}), {len(lines)} lines")
