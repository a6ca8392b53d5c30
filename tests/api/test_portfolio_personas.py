"""Every portfolio endpoint for every persona (acceptance 4 of issue 7), and list endpoints pinned
to the same number of queries for 10 and 1,000 rows."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from portfolio import services
from portfolio.choices import ProjectState
from portfolio.models import Project, StatusReport
from tests.portfolio.factories import ALL_TICKED, AssetFactory, bulk_projects, draft, walk
from tests.testing.api import ApiPersonaAccessMixin, token_client
from tests.testing.personas import PERSONA_NAMES
from tests.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db
S = ProjectState
EVERYONE = set(PERSONA_NAMES)
# Who sees a submitted project: PMO, CITO, members of any body, budget reviewers, its proponent.
OUTSIDERS = {"staff", "portal.admin"}  # the portal administrator keeps the structure only
SEE_SUBMITTED = EVERYONE - OUTSIDERS
SEE_DRAFT = {"proponent", "pmo", "cito"}


def submitted(personas):
    return walk(draft(personas), personas, S.SUBMITTED)


def in_delivery_with_a_report(personas):
    project = walk(draft(personas), personas, S.IN_DELIVERY)
    return services.status_report_file(
        project=project,
        actor=personas["proponent"],
        period=timezone.localdate(),
        schedule="green",
        budget="amber",
        scope="green",
        percent_complete=20,
        actual_spend=Decimal("1000"),
    )


# --- reads ------------------------------------------------------------------------------------
class TestPortfolioStatus(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        submitted(personas)
        return "/api/v1/portfolio/status/"


class TestPortfolioStatusAsOf(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        submitted(personas)
        return f"/api/v1/portfolio/status/?as_of={timezone.localdate():%Y-%m-%d}"


class TestProjectList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        submitted(personas)
        return "/api/v1/projects/?programme=knowledge&ordering=-updated_at"


class TestDraftProjectDetail(ApiPersonaAccessMixin):
    allowed = SEE_DRAFT
    hidden = EVERYONE - SEE_DRAFT

    def get_url(self, personas):
        return f"/api/v1/projects/{draft(personas).pk}/"


class TestSubmittedProjectDetail(ApiPersonaAccessMixin):
    allowed = SEE_SUBMITTED
    hidden = OUTSIDERS

    def get_url(self, personas):
        return f"/api/v1/projects/{submitted(personas).pk}/"


class TestTransitionList(ApiPersonaAccessMixin):
    allowed = SEE_SUBMITTED
    hidden = OUTSIDERS

    def get_url(self, personas):
        return f"/api/v1/projects/{submitted(personas).pk}/transitions/"


class TestBusinessCaseList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        submitted(personas)
        return "/api/v1/business-cases/"


class TestBusinessCaseDetail(ApiPersonaAccessMixin):
    allowed = SEE_SUBMITTED
    hidden = OUTSIDERS

    def get_url(self, personas):
        return f"/api/v1/business-cases/{submitted(personas).pk}/"


class TestBusinessCaseVersion(ApiPersonaAccessMixin):
    allowed = SEE_SUBMITTED
    hidden = OUTSIDERS

    def get_url(self, personas):
        return f"/api/v1/business-cases/{submitted(personas).pk}/versions/1/"


class TestDraftBusinessCaseVersion(ApiPersonaAccessMixin):
    """A version still being written is its authors' (the proponent, the PMO entering it):
    the CITO, who sees the draft project, reads the version once submitted (issue 17)."""

    allowed = SEE_DRAFT - {"cito"}
    hidden = EVERYONE - allowed

    def get_url(self, personas):
        return f"/api/v1/business-cases/{draft(personas).pk}/versions/1/"


class TestStatusReportList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        in_delivery_with_a_report(personas)
        return "/api/v1/status-reports/?programme=knowledge"


class TestStatusReportDetail(ApiPersonaAccessMixin):
    allowed = SEE_SUBMITTED
    hidden = OUTSIDERS

    def get_url(self, personas):
        return f"/api/v1/status-reports/{in_delivery_with_a_report(personas).pk}/"


class TestAssetList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        AssetFactory()
        return "/api/v1/assets/?programme=knowledge"


class TestAssetDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return f"/api/v1/assets/{AssetFactory().pk}/"


# --- writes -----------------------------------------------------------------------------------
class TestProjectCreate(ApiPersonaAccessMixin):
    # Anyone with an organisation unit may propose, and the PMO.
    allowed = EVERYONE - {"ms.delegate", "api.reader"}
    allowed_status = 201
    method = "post"

    def get_url(self, personas):
        return "/api/v1/projects/"

    def get_data(self, personas):
        return {"title": "Proposal", "programme": "knowledge", "sponsoring_unit": "dm"}


class TestDraftUpdate(ApiPersonaAccessMixin):
    allowed = {"proponent", "pmo"}
    hidden = EVERYONE - SEE_DRAFT
    method = "patch"

    def get_url(self, personas):
        return f"/api/v1/projects/{draft(personas).pk}/"

    def get_data(self, personas):
        return {"scope": "Headquarters and Geneva."}


class TestSubmitTransition(ApiPersonaAccessMixin):
    allowed = {"proponent", "pmo"}
    hidden = EVERYONE - SEE_DRAFT
    method = "post"

    def get_url(self, personas):
        return f"/api/v1/projects/{draft(personas).pk}/transitions/"

    def get_data(self, personas):
        return {"action": "submit"}


class TestPmoAcceptTransition(ApiPersonaAccessMixin):
    allowed = {"pmo"}
    hidden = OUTSIDERS
    method = "post"

    def get_url(self, personas):
        return f"/api/v1/projects/{submitted(personas).pk}/transitions/"

    def get_data(self, personas):
        return {"action": "pmo_accept", "checklist": ALL_TICKED}


class TestCommitteeTransition(ApiPersonaAccessMixin):
    """Only the chair may record the committee's decision, and is told to do it in governance
    (400); everyone else who sees the project is refused (403)."""

    allowed = {"km.chair"}
    allowed_status = 400
    hidden = OUTSIDERS
    method = "post"

    def get_url(self, personas):
        project = walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
        return f"/api/v1/projects/{project.pk}/transitions/"

    def get_data(self, personas):
        return {"action": "committee_approve"}


class TestStatusReportCreate(ApiPersonaAccessMixin):
    # The project manager (the proponent here) and the PMO.
    allowed = {"proponent", "pmo"}
    allowed_status = 201
    hidden = OUTSIDERS
    method = "post"

    def get_url(self, personas):
        self.project = walk(draft(personas), personas, S.IN_DELIVERY)
        return "/api/v1/status-reports/"

    def get_data(self, personas):
        return {
            "project": self.project.pk,
            "period": f"{timezone.localdate():%Y-%m-%d}",
            "schedule": "green",
            "budget": "green",
            "scope": "amber",
            "percent_complete": 15,
            "actual_spend": "500.00",
        }


# --- constant queries -------------------------------------------------------------------------
def _reports_for_all_projects():
    period = datetime.date(2026, 1, 1)
    author = Project.objects.first().proponent
    StatusReport.objects.bulk_create(
        StatusReport(
            project=project,
            period=period,
            author=author,
            schedule="green",
            budget="amber",
            scope="red",
            percent_complete=10,
            actual_spend=0,
        )
        for project in Project.objects.filter(status_reports__isnull=True)
    )


@pytest.mark.parametrize("username", ["pmo", "km.member", "proponent"])
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/projects/?limit=500",
        "/api/v1/projects/?limit=500&rag=red&ordering=total_cost",
        "/api/v1/business-cases/?limit=500",
        "/api/v1/status-reports/?limit=500",
        "/api/v1/portfolio/status/",
        f"/api/v1/portfolio/status/?as_of={datetime.date.today():%Y-%m-%d}",
    ],
)
def test_list_endpoints_run_the_same_queries_for_10_and_1000_projects(personas, username, url):
    bulk_projects(10, personas)
    _reports_for_all_projects()

    def grow():
        bulk_projects(990, personas)
        _reports_for_all_projects()

    count = assert_constant_queries(token_client(personas[username]), url, grow)
    assert Project.objects.count() == 1000
    assert count < 15


def test_the_status_of_walked_projects_keeps_constant_queries(personas):
    walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)

    def grow():
        for i in range(3):
            walk(draft(personas, title=f"Grown {i}", programme="resource"), personas, S.IN_DELIVERY)
            walk(
                draft(personas, title=f"Major {i}", cost=Decimal("2000000")),
                personas,
                S.WITH_EXECUTIVE_COMMITTEE,
            )

    assert_constant_queries(token_client(personas["cito"]), "/api/v1/portfolio/status/", grow)


def test_the_asset_list_keeps_constant_queries(personas):
    AssetFactory.create_batch(10)
    assert_constant_queries(
        token_client(personas["staff"]),
        "/api/v1/assets/?limit=500",
        lambda: AssetFactory.create_batch(990),
    )
