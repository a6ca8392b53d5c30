import datetime
from decimal import Decimal

import factory

from governance.models import OrganisationUnit, User
from portfolio.budgets.choices import Category, Source
from portfolio.budgets.models import BudgetCycle, BudgetLine, BudgetSubmission


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"person{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganisationUnit
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"mission-{n}")
    name = factory.Sequence(lambda n: f"Field mission {n:04d}")
    kind = "field_mission"


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetCycle
        django_get_or_create = ["code"]

    code = "2026-2027"
    name = "Biennium 2026-2027"
    first_year = 2026
    last_year = 2027
    opens_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    closes_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=60))


def previous_cycle():
    return CycleFactory(
        code="2024-2025",
        name="Biennium 2024-2025",
        first_year=2024,
        last_year=2025,
        opens_on=datetime.date(2023, 1, 1),
        closes_on=datetime.date(2023, 12, 31),
    )


class SubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetSubmission
        django_get_or_create = ["cycle", "unit"]

    cycle = factory.SubFactory(CycleFactory)
    unit = factory.SubFactory(UnitFactory)


class LineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    submission = factory.SubFactory(SubmissionFactory)
    category = Category.HARDWARE
    source = Source.REGULAR_BUDGET
    year = 2026
    amount = Decimal("1000.00")


def unit(code):
    return OrganisationUnit.objects.get(code=code)


def submission_of(code, *, state="draft", cycle=None, lines=1):
    """A submission of unit ``code`` in ``state`` (set directly: test data, not a transition)."""
    submission = SubmissionFactory(cycle=cycle or CycleFactory(), unit=unit(code))
    if submission.state != state:
        BudgetSubmission.objects.filter(pk=submission.pk).update(state=state)
        submission.refresh_from_db()
    if not submission.lines.exists():
        for index in range(lines):
            LineFactory(
                submission=submission,
                category=Category.values[index % 9],
                year=submission.cycle.first_year,
            )
    return submission
