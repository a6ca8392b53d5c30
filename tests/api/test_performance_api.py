"""/api/v1/kpis/, measurements, implementation-plan, scorecards and services: every persona,
the error format, If-Match, the out-of-range refusal, constant queries."""

import datetime

import pytest

from governance.performance import services as catalogue
from governance.performance.models import Service
from programmes.models import Kpi, Measurement
from tests.programmes.factories import headcount_kpi, kpi, measurements, unit_kpi
from tests.testing.api import ApiPersonaAccessMixin, token_client
from tests.testing.personas import PERSONA_NAMES
from tests.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

MANAGERS = {"pmo", "cito"}
SEES_ALL_UNITS = MANAGERS | {"budget.reviewer", "api.reader", "portal.admin"}
SEES_UNOG = SEES_ALL_UNITS | {"chief.geneva"}
ACROSS = SEES_ALL_UNITS | {"chief.geneva", "chief.nairobi", "dsg", "usg.management"}
NOT_UNOG = set(PERSONA_NAMES) - SEES_UNOG


def data():
    if not Kpi.objects.filter(code="org-api").exists():
        measurements(kpi("org-api"), 2, first=datetime.date(2025, 1, 1))
        measurements(unit_kpi("unog", "api"), 2, first=datetime.date(2025, 1, 1))


class TestKpiList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        data()
        return "/api/v1/kpis/?owner_kind=organisation"


class TestKpiDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        data()
        return "/api/v1/kpis/org-api/"


class TestUnitKpiDetail(ApiPersonaAccessMixin):
    allowed = SEES_UNOG
    hidden = NOT_UNOG

    def get_url(self, personas):
        data()
        return "/api/v1/kpis/unog-api/"


class TestKpiCreate(ApiPersonaAccessMixin):
    allowed = MANAGERS
    allowed_status = 201
    method = "post"

    def get_url(self, personas):
        return "/api/v1/kpis/"

    def get_data(self, personas):
        return {
            "code": "org-created",
            "indicator": "created",
            "name": "Created",
            "definition": "Made through the API.",
            "measure_unit": "percent",
            "direction": "higher",
            "target": "90",
            "threshold": "80",
            "minimum": "0",
            "maximum": "100",
            "owner_kind": "organisation",
            "frequency": "quarterly",
        }


class TestKpiPatch(ApiPersonaAccessMixin):
    allowed = MANAGERS
    method = "patch"

    def get_url(self, personas):
        data()
        return "/api/v1/kpis/org-api/"

    def get_data(self, personas):
        return {"target": "85"}


class TestKpiCompute(ApiPersonaAccessMixin):
    allowed = MANAGERS
    method = "post"

    def get_url(self, personas):
        return f"/api/v1/kpis/{headcount_kpi('org-api-staff').code}/compute/"

    def get_data(self, personas):
        return {"period": "2007"}


class TestMeasurementList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        data()
        return "/api/v1/measurements/?kpi=org-api&period_start__gte=2025-01-01"


class TestRecordMeasurement(ApiPersonaAccessMixin):
    allowed = MANAGERS
    allowed_status = 201
    method = "post"

    def get_url(self, personas):
        data()
        return "/api/v1/measurements/"

    def get_data(self, personas):
        return {"kpi": "org-api", "period": "2025-Q3", "value": "81.5"}


class TestRecordUnitMeasurement(TestRecordMeasurement):
    allowed = MANAGERS | {"chief.geneva"}
    hidden = NOT_UNOG

    def get_data(self, personas):
        return {"kpi": "unog-api", "period": "2025-Q3", "value": "99"}


class TestPlanList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/implementation-plan/?phase=phase_1&overdue=true"


class TestPlanItem(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/implementation-plan/t4-structural-review/"


class TestPlanItemPatch(ApiPersonaAccessMixin):
    allowed = MANAGERS
    method = "patch"

    def get_url(self, personas):
        return "/api/v1/implementation-plan/t4-structural-review/"

    def get_data(self, personas):
        return {"status": "in_progress", "status_note": "Headquarters reviewed."}


class TestPlanEvidence(ApiPersonaAccessMixin):
    allowed = MANAGERS
    allowed_status = 201
    method = "post"

    def get_url(self, personas):
        return "/api/v1/implementation-plan/t4-structural-review/evidence/"

    def get_data(self, personas):
        return {"title": "Review report", "url": "/governance/decisions/"}


class TestScorecardsAcross(ApiPersonaAccessMixin):
    allowed = ACROSS

    def get_url(self, personas):
        data()
        return "/api/v1/scorecards/"


class TestUnitScorecard(ApiPersonaAccessMixin):
    allowed = SEES_UNOG
    hidden = NOT_UNOG

    def get_url(self, personas):
        data()
        return "/api/v1/scorecards/unog/"


class TestServiceList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/services/?owner_unit__code=oict-ims"


class TestServiceDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/services/service-desk/"


def test_an_out_of_range_value_gets_400_with_the_range_and_records_nothing(pmo):
    data()
    response = token_client(pmo).post(
        "/api/v1/measurements/",
        {"kpi": "org-api", "period": "2025-Q3", "value": "-5"},
        format="json",
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "-5 is outside the range of KPI org-api" in error["fields"]["value"][0]
    assert "from 0 to 100" in error["fields"]["value"][0]
    assert not Measurement.objects.filter(
        kpi__code="org-api", period_start=datetime.date(2025, 7, 1)
    ).exists()


def test_a_second_value_for_a_period_corrects_it_with_200(pmo):
    data()
    client = token_client(pmo)
    first = client.post(
        "/api/v1/measurements/",
        {"kpi": "org-api", "period": "2025-Q3", "value": "50"},
        format="json",
    )
    again = client.post(
        "/api/v1/measurements/",
        {"kpi": "org-api", "period": "2025-q3", "value": "90"},
        format="json",
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["standing"] == "on_target" and again.json()["period"] == "2025-Q3"


def test_a_stale_if_match_gets_412_and_changes_nothing(pmo):
    client = token_client(pmo)
    url = "/api/v1/implementation-plan/t4-structural-review/"
    etag = client.get(url)["ETag"]
    assert (
        client.patch(url, {"status_note": "first"}, format="json", HTTP_IF_MATCH=etag).status_code
        == 200
    )
    stale = client.patch(url, {"status_note": "second"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and stale.json()["error"]["status"] == 412
    assert client.get(url).json()["status_note"] == "first"


def test_marking_done_without_evidence_is_a_400_with_the_reason(pmo):
    response = token_client(pmo).patch(
        "/api/v1/implementation-plan/p49e-interim-financial-model/",
        {"status": "done"},
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert (
        response.status_code == 400
        and "evidence" in response.json()["error"]["fields"]["status"][0]
    )


def test_a_read_only_token_cannot_record(api_reader):
    data()
    response = token_client(api_reader, read_only=True).post(
        "/api/v1/measurements/",
        {"kpi": "org-api", "period": "2025-Q3", "value": "50"},
        format="json",
    )
    assert response.status_code == 403


def test_api_lists_keep_constant_queries_from_10_to_1000_measurements(pmo):
    org, unog = kpi("org-api-grow"), unit_kpi("unog", "api-grow")
    desk = Service.objects.get(code="service-desk")
    catalogue.service_level_set(service=desk, kpi=org, kind="availability", actor=pmo)
    client = token_client(pmo)

    def reset():
        Measurement.objects.filter(kpi__in=[org, unog]).delete()
        measurements(org, 5)
        measurements(unog, 5)

    def grow():
        Measurement.objects.filter(kpi__in=[org, unog]).delete()
        measurements(org, 500)
        measurements(unog, 500)

    for url in (
        "/api/v1/kpis/",
        "/api/v1/measurements/?limit=20",
        "/api/v1/scorecards/",
        "/api/v1/scorecards/unog/",
        "/api/v1/services/",
        "/api/v1/implementation-plan/",
    ):
        reset()
        assert_constant_queries(client, url, grow)


# --- the remaining endpoints of issue 15, for every persona ------------------------------------
class TestProgrammeDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/programmes/knowledge/"


class TestInitiativeDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        from programmes.models import Initiative

        return f"/api/v1/initiatives/{Initiative.objects.get(code='enterprise-search').pk}/"


class TestPriorityAreaList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/priority-areas/"


class TestPriorityAreaDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/priority-areas/governance/"


class TestMeasurementDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        data()
        return f"/api/v1/measurements/{Measurement.objects.filter(kpi__code='org-api').first().pk}/"


class TestUnitMeasurementDetail(ApiPersonaAccessMixin):
    allowed = SEES_UNOG
    hidden = NOT_UNOG

    def get_url(self, personas):
        data()
        return (
            f"/api/v1/measurements/{Measurement.objects.filter(kpi__code='unog-api').first().pk}/"
        )
