"""Reminders (tasks), the admin (read-only, actions through services), navigation, demo data."""

import datetime

import pytest
from django.urls import reverse

from core.loading import Loader
from governance.models import Notification, User
from portfolio.budgets import demo
from portfolio.budgets.models import BudgetSubmission, BudgetSubmissionEvent
from portfolio.budgets.tasks import remind_budgets_due
from staffing.tasks import remind_snapshots_due
from tests.budgets.factories import CycleFactory, submission_of

pytestmark = pytest.mark.django_db


def test_the_budget_reminder_reaches_chiefs_once_a_day(chief_geneva, chief_nairobi):
    CycleFactory()
    submission_of("unon", state="submitted")
    assert remind_budgets_due.delay().get() >= 1
    assert (
        Notification.objects.filter(recipient=chief_geneva, key__startswith="budget-due").count()
        == 1
    )
    assert not Notification.objects.filter(
        recipient=chief_nairobi, key__startswith="budget-due"
    ).exists()
    remind_budgets_due.delay().get()
    assert (
        Notification.objects.filter(recipient=chief_geneva, key__startswith="budget-due").count()
        == 1
    )


def test_the_staffing_reminder_reaches_chiefs_with_old_figures(chief_geneva):
    assert remind_snapshots_due.delay().get() >= 1
    assert Notification.objects.filter(recipient=chief_geneva, key="staffing-due-unog").exists()


@pytest.fixture
def admin_client(client, db):
    admin = User.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "budgets_budgetcycle",
        "budgets_budgetsubmission",
        "budgets_budgetline",
        "budgets_budgetsubmissionevent",
        "governance_budgetdelegate",
    ],
)
def test_every_budget_model_has_an_admin_list(admin_client, model):
    submission_of("unog")
    assert admin_client.get(reverse(f"admin:{model}_changelist")).status_code == 200


@pytest.mark.parametrize("model", ["staffingsnapshot", "staffingplan", "staffingevent"])
def test_every_staffing_model_has_an_admin_list(admin_client, model):
    assert admin_client.get(reverse(f"admin:staffing_{model}_changelist")).status_code == 200


def test_an_approved_submission_is_read_only_in_the_admin(admin_client):
    submission = submission_of("unog", state="approved")
    url = reverse("admin:budgets_budgetsubmission_change", args=[submission.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="state"' not in page
    admin_client.post(url, {"state": "draft"})
    submission.refresh_from_db()
    assert submission.state == "approved"


def test_the_admin_approve_action_goes_through_the_service(client, budget_reviewer):
    budget_reviewer.is_superuser = True  # admin access; the service still checks the role
    budget_reviewer.save()
    client.force_login(budget_reviewer)
    submission = submission_of("unon", state="submitted")
    client.post(
        reverse("admin:budgets_budgetsubmission_changelist"),
        {"action": "approve_selected", "_selected_action": [submission.pk]},
    )
    submission.refresh_from_db()
    assert submission.state == "approved"
    assert BudgetSubmissionEvent.objects.filter(submission=submission, action="approve").exists()


def test_the_home_page_links_each_persona_to_its_budget_pages(
    client, chief_geneva, budget_reviewer, staff
):
    client.force_login(chief_geneva)
    assert reverse("budgets:my_unit") in client.get("/").content.decode()
    client.force_login(budget_reviewer)
    page = client.get("/").content.decode()
    assert reverse("budgets:review_queue") in page and reverse("budgets:consolidation") in page
    client.force_login(staff)
    page = client.get("/").content.decode()
    assert reverse("budgets:consolidation") not in page and reverse("staffing:trend") in page


def test_the_demo_has_every_state_and_a_second_run_creates_nothing(personas):
    demo.load(Loader())
    states = set(
        BudgetSubmission.objects.filter(cycle__code="2026-2027").values_list("state", flat=True)
    )
    assert states == {"draft", "submitted", "under_review", "approved", "returned", "resubmitted"}
    assert BudgetSubmission.objects.filter(cycle__code="2024-2025", state="approved").count() == 6
    counts = (BudgetSubmission.objects.count(), BudgetSubmissionEvent.objects.count())
    loader = Loader()
    demo.load(loader)
    assert (BudgetSubmission.objects.count(), BudgetSubmissionEvent.objects.count()) == counts
    assert loader.changes == 0


def test_the_staffing_demo_adds_snapshots_after_2007(reference_data):
    from governance.demo import history_quarters
    from staffing import demo as staffing_demo
    from staffing.selectors import staffing_trend

    staffing_demo.load(Loader())
    trend = staffing_trend()
    # Annex IV, the four later snapshots, and each quarter's end of the demo's past
    quarter_ends = {last for _first, last in history_quarters()} - set(staffing_demo.SNAPSHOTS)
    assert len(trend) == 5 + len(quarter_ends) and trend[0]["as_of"] == datetime.date(2007, 12, 31)
    assert quarter_ends <= {row["as_of"] for row in trend}
    loader = Loader()
    staffing_demo.load(loader)
    assert loader.changes == 0
