"""Two saves racing in two database connections (PostgreSQL: real row locks).

Run with ``DATABASE_URL=postgres://postgres@127.0.0.1:5432/budgets``; skipped on SQLite.
"""

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from governance import services as governance_services
from portfolio.budgets import services
from portfolio.budgets.models import BudgetLine
from tests.budgets.factories import CycleFactory, UserFactory, unit
from tests.testing.personas import ensure_personas

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL row locks"
)


@pytest.mark.django_db(transaction=True)
def test_racing_saves_of_the_same_version_keep_exactly_one():
    personas = ensure_personas()
    chief = personas["chief.nairobi"]
    deputy = UserFactory(username="deputy.nairobi")
    governance_services.delegate_add(unit=unit("unon"), user=deputy, actor=chief)
    submission = services.submission_create(cycle=CycleFactory(), unit=unit("unon"), actor=chief)
    barrier = threading.Barrier(2)
    outcomes = []

    def save(actor, category):
        try:
            barrier.wait()
            services.submission_save_lines(
                submission=submission,
                lines=[{"category": category, "source": "other", "year": 2026, "amount": 1}],
                expected_version=1,
                actor=actor,
            )
            outcomes.append("saved")
        except services.ConflictError:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=(chief, "hardware")),
        threading.Thread(target=save, args=(deputy, "software")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert BudgetLine.objects.filter(submission=submission).count() == 1
    assert BudgetLine.objects.get(submission=submission).amount == Decimal("1")
