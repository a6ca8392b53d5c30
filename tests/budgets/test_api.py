"""The budgets and staffing API: same visibility as the pages, read-only, constant queries."""

import pytest
from django.urls import reverse

from tests.budgets.factories import CycleFactory, UnitFactory, submission_of
from tests.budgets.test_access import CONSOLIDATORS, EVERYONE, SEE_ALL
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db


class TestConsolidationEndpoint(PersonaAccessMixin):
    allowed = CONSOLIDATORS

    def get_url(self, personas):
        submission_of("unog", state="approved")
        return reverse("budget-consolidation")


class TestSubmissionEndpointHidesOtherUnits(PersonaAccessMixin):
    allowed = {"chief.nairobi"} | SEE_ALL
    hidden = EVERYONE - allowed

    def get_url(self, personas):
        return reverse("budget-submission-detail", args=[submission_of("unon").pk])


class TestStaffingSummaryEndpoint(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("staffing-summary")


def test_a_chief_lists_only_their_units_submissions(client, chief_geneva):
    submission_of("unog")
    submission_of("unon")
    client.force_login(chief_geneva)
    results = client.get(reverse("budget-submission-list")).json()["results"]
    assert [row["unit"] for row in results] == ["unog"]


def test_the_submission_list_runs_constant_queries(client, budget_reviewer):
    cycle = CycleFactory()
    submission_of("unog")
    client.force_login(budget_reviewer)

    def grow():
        for unit in UnitFactory.create_batch(20):
            submission_of(unit.code, cycle=cycle, lines=2)

    assert_constant_queries(client, reverse("budget-submission-list"), grow)


def test_the_rest_client_reads_the_consolidation_with_its_token(client, api_reader):
    from governance.apitokens.services import api_token_issue

    CycleFactory()
    submission_of("unog", state="approved", lines=2)
    _token, key = api_token_issue(user=api_reader, name="dashboard", read_only=True)
    response = client.get(reverse("budget-consolidation"), HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["units"][0]["code"] == "unog"
    refused = client.post(reverse("budget-consolidation"), HTTP_AUTHORIZATION=f"Token {key}")
    assert refused.status_code in (403, 405)


def test_the_staffing_summary_endpoint_gives_the_annex_iv_totals(client, staff):
    client.force_login(staff)
    data = client.get(reverse("staffing-summary"), {"as_of": "2007-12-31"}).json()
    assert data["totals"]["total"] == 3783 and len(data["rows"]) == 9


def test_the_api_is_read_only(client, chief_nairobi):
    submission = submission_of("unon")
    client.force_login(chief_nairobi)
    url = reverse("budget-submission-detail", args=[submission.pk])
    assert client.delete(url).status_code == 405
