import pytest

from staffing.models import StaffingSnapshot
from tests.testing.api import ApiPersonaAccessMixin, token_client
from tests.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


class TestProgrammeList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/programmes/"


class TestInitiativeList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/initiatives/?programme__code=knowledge"


class TestStaffingSummary(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/staffing/summary/?as_of=2007-12-31"


class TestStaffingSnapshotList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/staffing/snapshots/"


def test_the_api_reader_gets_the_annex_iv_summary(api_reader):
    response = token_client(api_reader, read_only=True).get(
        "/api/v1/staffing/summary/?as_of=2007-12-31"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["totals"]["total"] == 3783
    assert body["totals"]["international"] == 1484
    assert len(body["rows"]) == 9
    assert response["ETag"]


def test_a_bad_date_gets_400_with_the_field_message(api_reader):
    response = token_client(api_reader).get("/api/v1/staffing/summary/?as_of=31-12-2007")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and "as_of" in error["fields"]


def test_initiatives_filter_by_programme(staff):
    response = token_client(staff).get("/api/v1/initiatives/?programme__code=resource&limit=100")
    assert response.json()["count"] == 7


def test_list_endpoints_keep_constant_queries(staff):
    from governance.models import OrganisationUnit

    unit = OrganisationUnit.objects.get(code="unog")

    def grow():
        StaffingSnapshot.objects.bulk_create(
            StaffingSnapshot(unit=unit, as_of=f"{2008 + i // 12}-{i % 12 + 1:02d}-01", p=i)
            for i in range(120)
        )

    client = token_client(staff)
    assert_constant_queries(client, "/api/v1/staffing/snapshots/?limit=500", grow)
    assert_constant_queries(client, "/api/v1/programmes/", lambda: None)
