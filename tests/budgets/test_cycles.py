"""Budget cycles and staffing rounds run by OICT's budget reviewer; the chiefs see them."""

import datetime

import pytest
from django.urls import reverse

from core import clock
from governance.models import AuditEntry, OrganisationUnit
from governance.rights import RightsError
from portfolio.budgets import services
from portfolio.budgets.models import BudgetCycle
from staffing import services as staffing
from staffing.models import StaffingRound
from tests.budgets.factories import CycleFactory
from tests.testing.api import ApiPersonaAccessMixin, token_client
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db

REVIEWER = {"budget.reviewer"}


def days(n):
    return clock.today() + datetime.timedelta(days=n)


def open_cycle(personas, **values):
    return services.cycle_open(
        actor=personas["budget.reviewer"],
        code=values.pop("code", "2031-2032"),
        name="Biennium 2031-2032",
        first_year=2031,
        last_year=2032,
        closes_on=values.pop("closes_on", days(45)),
        **values,
    )


def test_the_reviewer_opens_a_cycle_and_the_chiefs_see_it_and_are_told(client, personas):
    cycle = open_cycle(personas)
    assert cycle.opens_on == clock.today()
    assert AuditEntry.objects.filter(action="budget_cycle.open", object_id=str(cycle.pk))
    chief = personas["chief.geneva"]
    assert chief.notifications.filter(subject__contains="2031-2032").exists()
    client.force_login(chief)
    page = client.get(reverse("budgets:my_unit")).content.decode()
    assert "Current budget cycle: Biennium 2031-2032" in page
    assert "The budget for Biennium 2031-2032 is due by" in page


def test_the_due_date_moves_and_a_closed_cycle_takes_no_more_budgets(personas):
    cycle = open_cycle(personas)
    reviewer = personas["budget.reviewer"]
    cycle = services.cycle_set_due_date(cycle=cycle, closes_on=days(90), actor=reviewer)
    assert cycle.closes_on == days(90)
    unog = OrganisationUnit.objects.get(code="unog")
    submission = services.submission_create(cycle=cycle, unit=unog, actor=personas["chief.geneva"])
    services.cycle_close(cycle=cycle, actor=reviewer)
    with pytest.raises(services.BudgetError):
        services.submission_create(
            cycle=cycle,
            unit=OrganisationUnit.objects.get(code="unon"),
            actor=personas["chief.nairobi"],
        )
    with pytest.raises(services.BudgetError):
        services.submission_submit(submission=submission, actor=personas["chief.geneva"])
    with pytest.raises(services.BudgetError):
        services.cycle_close(cycle=cycle, actor=reviewer)
    actions = set(
        AuditEntry.objects.filter(object_id=str(cycle.pk)).values_list("action", flat=True)
    )
    assert {"budget_cycle.open", "budget_cycle.due_date", "budget_cycle.close"} <= actions


@pytest.mark.parametrize("username", ["pmo", "cito", "chief.geneva", "portal.admin"])
def test_only_the_budget_reviewer_runs_cycles_and_rounds(personas, username):
    with pytest.raises(RightsError):
        open_cycle({**personas, "budget.reviewer": personas[username]})
    cycle = CycleFactory()
    with pytest.raises(RightsError):
        services.cycle_close(cycle=cycle, actor=personas[username])
    with pytest.raises(RightsError):
        staffing.round_open(as_of=days(-1), due_on=days(20), actor=personas[username])
    assert not BudgetCycle.objects.filter(code="2031-2032").exists()


def test_a_cycle_due_before_it_opens_is_refused_on_the_page(client, personas):
    client.force_login(personas["budget.reviewer"])
    response = client.post(
        reverse("budgets:cycles"),
        {
            "code": "2031-2032",
            "name": "Biennium 2031-2032",
            "first_year": 2031,
            "last_year": 2032,
            "opens_on": days(10).isoformat(),
            "closes_on": days(5).isoformat(),
        },
    )
    assert response.status_code == 400
    assert 'value="Biennium 2031-2032"' in response.content.decode()
    assert not BudgetCycle.objects.filter(code="2031-2032").exists()


def test_the_reviewer_opens_and_closes_a_cycle_through_the_pages(client, personas):
    client.force_login(personas["budget.reviewer"])
    response = client.post(
        reverse("budgets:cycles"),
        {
            "code": "2031-2032",
            "name": "Biennium 2031-2032",
            "first_year": 2031,
            "last_year": 2032,
            "opens_on": "",
            "closes_on": days(30).isoformat(),
        },
    )
    assert response.status_code == 302
    url = reverse("budgets:cycle", args=["2031-2032"])
    assert client.post(url, {"due_date": "1", "closes_on": days(40).isoformat()}).status_code == 302
    assert client.post(url, {"close": "1"}).status_code == 302
    cycle = BudgetCycle.objects.get(code="2031-2032")
    assert cycle.closes_on == days(40) and cycle.is_closed


def test_a_staffing_round_shows_as_due_to_the_chiefs_until_they_report(client, personas):
    reviewer, chief = personas["budget.reviewer"], personas["chief.geneva"]
    as_of = days(-1)
    staffing_round = staffing.round_open(as_of=as_of, due_on=days(20), actor=reviewer)
    assert chief.notifications.filter(subject__contains=as_of.isoformat()).exists()
    client.force_login(chief)
    assert "are due by" in client.get(reverse("budgets:my_unit")).content.decode()
    form = client.get(reverse("staffing:snapshot_new")).content.decode()
    assert f'value="{as_of.isoformat()}"' in form
    staffing.snapshot_submit(
        unit=OrganisationUnit.objects.get(code="unog"),
        as_of=as_of,
        counts={"p": 30, "gs": 50},
        actor=chief,
    )
    page = client.get(reverse("budgets:my_unit")).content.decode()
    assert "are due by" not in page
    with pytest.raises(staffing.StaffingError):
        staffing.round_open(as_of=as_of, due_on=days(20), actor=reviewer)
    staffing.round_close(staffing_round=staffing_round, actor=reviewer)
    assert StaffingRound.objects.get().closed_at is not None


class TestCyclesPage(PersonaAccessMixin):
    allowed = REVIEWER

    def get_url(self, personas):
        return reverse("budgets:cycles")


class TestCyclePage(PersonaAccessMixin):
    allowed = REVIEWER

    def get_url(self, personas):
        return reverse("budgets:cycle", args=[CycleFactory().code])


class TestStaffingRoundsPage(PersonaAccessMixin):
    allowed = REVIEWER

    def get_url(self, personas):
        return reverse("staffing:rounds")


# --------------------------------------------------------------------------- API

CYCLE_JSON = {
    "code": "2031-2032",
    "name": "Biennium 2031-2032",
    "first_year": 2031,
    "last_year": 2032,
}


class TestCycleOpenApi(ApiPersonaAccessMixin):
    """Only the budget reviewer opens a cycle through the API."""

    allowed = REVIEWER
    allowed_status = 201
    method = "post"

    def get_url(self, personas):
        return "/api/v1/budget-cycles/"

    def get_data(self, personas):
        return {**CYCLE_JSON, "closes_on": days(45).isoformat()}


def test_the_reviewer_opens_a_cycle_through_the_api_and_the_chiefs_see_it(personas):
    api = token_client(personas["budget.reviewer"])
    opened = api.post("/api/v1/budget-cycles/", {**CYCLE_JSON, "closes_on": days(45)})
    assert opened.status_code == 201, opened.json()
    assert opened.json()["opens_on"] == clock.today().isoformat()
    chief = personas["chief.nairobi"]
    assert chief.notifications.filter(subject__contains="2031-2032").exists()
    seen = token_client(chief).get("/api/v1/budget-cycles/2031-2032/")
    assert seen.status_code == 200 and seen.json()["closes_on"] == days(45).isoformat()
    again = api.post("/api/v1/budget-cycles/", {**CYCLE_JSON, "closes_on": days(45)})
    early = api.post("/api/v1/budget-cycles/", {**CYCLE_JSON, "code": "x", "closes_on": days(-400)})
    assert again.status_code == 400 and early.status_code == 400
    moved = api.post("/api/v1/budget-cycles/2031-2032/due-date/", {"closes_on": days(60)})
    assert moved.status_code == 200 and moved.json()["closes_on"] == days(60).isoformat()
    closed = api.post("/api/v1/budget-cycles/2031-2032/close/")
    assert closed.status_code == 200
    assert api.post("/api/v1/budget-cycles/2031-2032/close/").status_code == 400
    assert BudgetCycle.objects.get(code="2031-2032").is_closed
    refused = token_client(chief).post("/api/v1/budget-cycles/2031-2032/due-date/", {})
    assert refused.status_code == 403
