"""The services read core.clock: what they record inside ``clock.frozen_at`` carries that time
(the demo writes a past this way), model defaults and ``auto_now`` fields included."""

import datetime

import pytest

from core import clock
from governance import services as governance_services
from governance.models import BudgetDelegate
from portfolio.budgets import services as budgets_services
from portfolio.choices import ProjectState
from portfolio.reports.quarters import last_completed
from staffing import services as staffing_services
from tests.budgets.factories import CycleFactory, UserFactory, unit
from tests.portfolio.factories import draft, walk

pytestmark = pytest.mark.django_db

PAST = datetime.datetime(2025, 2, 14, 10, 30, tzinfo=datetime.UTC)


def clock_midnight(day):
    with clock.frozen_at(day):
        return clock.now()


def test_a_project_walked_in_the_past_has_its_history_then(personas):
    with clock.frozen_at(PAST):
        project = walk(draft(personas), personas, ProjectState.ACCEPTED)
    assert project.created_at == PAST
    assert {t.at for t in project.transitions.all()} == {PAST}
    project.refresh_from_db()
    assert project.updated_at == PAST
    assert project.decided_case().frozen_at == PAST


def test_budget_and_delegate_records_take_the_clocks_time(chief_nairobi):
    with clock.frozen_at(PAST):
        delegate = governance_services.delegate_add(
            unit=unit("unon"), user=UserFactory(), actor=chief_nairobi
        )
        submission = budgets_services.submission_create(
            cycle=CycleFactory(), unit=unit("unon"), actor=chief_nairobi
        )
    assert BudgetDelegate.objects.get(pk=delegate.pk).created_at == PAST
    assert (submission.created_at, submission.updated_at) == (PAST, PAST)
    assert {e.created_at for e in submission.events.all()} == {PAST}


def test_what_is_in_the_future_is_judged_by_the_clock(chief_nairobi):
    # A snapshot counts staff on a past or present date: the clock's.
    as_of = datetime.date(2025, 6, 30)
    with clock.frozen_at(PAST), pytest.raises(staffing_services.StaffingError):
        staffing_services.snapshot_submit(
            unit=unit("unon"), as_of=as_of, counts={}, actor=chief_nairobi
        )
    with clock.frozen_at(as_of):
        snapshot = staffing_services.snapshot_submit(
            unit=unit("unon"), as_of=as_of, counts={}, actor=chief_nairobi
        )
    assert snapshot.created_at == clock_midnight(as_of)


def test_the_last_completed_quarter_follows_the_clock():
    with clock.frozen_at(datetime.date(2024, 5, 1)):
        assert str(last_completed()) == "2024-Q1"
