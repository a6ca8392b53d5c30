"""Every strategy page for every persona; the refusal of an out-of-range value on the page;
constant queries as measurements grow from 10 to 1,000."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from programmes.models import Kpi, Measurement, PlanItem
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

from .factories import headcount_kpi, kpi, measurements, unit_kpi

pytestmark = pytest.mark.django_db

MANAGERS = {"pmo", "cito"}
SEES_ALL_UNITS = MANAGERS | {"budget.reviewer", "api.reader", "portal.admin"}
SEES_UNOG = SEES_ALL_UNITS | {"chief.geneva"}


def org_kpi():
    found = Kpi.objects.filter(code="org-views").first()
    if found is None:
        found = kpi("org-views")
        measurements(found, 2, first=datetime.date(2025, 1, 1))
    return found


def unog_kpi():
    found = Kpi.objects.filter(code="unog-views").first()
    if found is None:
        found = unit_kpi("unog", "views")
        measurements(found, 2, first=datetime.date(2025, 1, 1))
    return found


def hidden_from(allowed):
    from tests.testing.personas import PERSONA_NAMES

    return set(PERSONA_NAMES) - set(allowed)


class TestPlan(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("programmes:plan") + "?overdue=on"


class TestPlanCsv(TestPlan):
    def get_url(self, personas):
        return reverse("programmes:plan") + "?format=csv"


class TestPlanItem(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("programmes:plan_item", args=["t4-structural-review"])


class TestPlanItemEvidencePost(PersonaAccessMixin):
    allowed = MANAGERS
    allowed_status = 302
    method = "post"

    def get_url(self, personas):
        return reverse("programmes:plan_item", args=["t4-structural-review"])

    def get_data(self, personas):
        return {
            "action": "evidence",
            "evidence-title": "Review report",
            "evidence-url": "/governance/decisions/",
        }


class TestKpiList(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        org_kpi(), unog_kpi()
        return reverse("programmes:kpis")


class TestKpiListXlsx(TestKpiList):
    def get_url(self, personas):
        return super().get_url(personas) + "?format=xlsx"


class TestOrganisationKpi(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return org_kpi().get_absolute_url()


class TestOrganisationKpiCsv(TestOrganisationKpi):
    def get_url(self, personas):
        return super().get_url(personas) + "?format=csv"


class TestUnitKpi(PersonaAccessMixin):
    allowed = SEES_UNOG
    hidden = hidden_from(SEES_UNOG)

    def get_url(self, personas):
        return unog_kpi().get_absolute_url()


class TestRecordOrganisationValue(PersonaAccessMixin):
    allowed = MANAGERS
    allowed_status = 302
    method = "post"

    def get_url(self, personas):
        return org_kpi().get_absolute_url()

    def get_data(self, personas):
        return {"period": "2025-Q3", "value": "81"}


class TestRecordUnitValue(PersonaAccessMixin):
    allowed = MANAGERS | {"chief.geneva"}
    allowed_status = 302
    hidden = hidden_from(SEES_UNOG)
    method = "post"

    def get_url(self, personas):
        return unog_kpi().get_absolute_url()

    def get_data(self, personas):
        return {"period": "2025-Q3", "value": "99.5"}


class TestKpiCreatePage(PersonaAccessMixin):
    allowed = MANAGERS

    def get_url(self, personas):
        return reverse("programmes:kpi_create")


class TestKpiEditPage(PersonaAccessMixin):
    allowed = MANAGERS

    def get_url(self, personas):
        return reverse("programmes:kpi_edit", args=[org_kpi().code])


KPI_FORM = {
    "indicator": "new",
    "name": "New KPI",
    "definition": "Something measured.",
    "measure_unit": "percent",
    "direction": "higher",
    "target": "90",
    "threshold": "85",
    "owner_kind": "organisation",
    "frequency": "quarterly",
    "source": "manual",
    "source_params": "{}",
    "active": "on",
    "order": "1",
}


class TestKpiCreate(TestKpiCreatePage):
    method = "post"
    allowed_status = 302

    def get_data(self, personas):
        return {**KPI_FORM, "code": "org-new"}


class TestKpiEdit(TestKpiEditPage):
    method = "post"
    allowed_status = 302

    def get_data(self, personas):
        return {**KPI_FORM, "name": "Renamed KPI"}


class TestPlanItemUpdatePost(PersonaAccessMixin):
    allowed = MANAGERS
    allowed_status = 302
    method = "post"

    def get_url(self, personas):
        return reverse("programmes:plan_item", args=["t4-structural-review"])

    def get_data(self, personas):
        return {"action": "update", "update-status": "in_progress", "update-note": "Started."}


class TestKpiCompute(PersonaAccessMixin):
    allowed = MANAGERS
    allowed_status = 302
    method = "post"

    def get_url(self, personas):
        return reverse("programmes:kpi_compute", args=[headcount_kpi("org-staff").code])

    def get_data(self, personas):
        return {"period": "2007"}


class TestInitiativePage(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("programmes:initiative", args=["global-service-desk"])


def test_an_out_of_range_value_is_refused_on_the_page_with_the_range_and_kept(client, pmo):
    measure = org_kpi()
    client.force_login(pmo)
    response = client.post(measure.get_absolute_url(), {"period": "2025-Q3", "value": "180"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "180 is outside the range of KPI org-views" in page and "from 0 to 100" in page
    assert 'value="180"' in page
    assert not Measurement.objects.filter(
        kpi=measure, period_start=datetime.date(2025, 7, 1)
    ).exists()


def test_a_value_entered_on_the_page_is_recorded(client, pmo):
    measure = org_kpi()
    client.force_login(pmo)
    response = client.post(measure.get_absolute_url(), {"period": "2025-Q3", "value": "66.6"})
    assert response.status_code == 302
    recorded = Measurement.objects.get(kpi=measure, period_start=datetime.date(2025, 7, 1))
    assert recorded.value == Decimal("66.60") and recorded.standing == "off_target"


def test_the_kpi_form_defines_a_kpi_and_refuses_an_inconsistent_one(client, pmo):
    client.force_login(pmo)
    data = {
        "code": "org-new",
        "indicator": "new",
        "name": "New KPI",
        "definition": "Something measured.",
        "measure_unit": "percent",
        "direction": "higher",
        "target": "90",
        "threshold": "95",
        "owner_kind": "organisation",
        "frequency": "quarterly",
        "source": "manual",
        "source_params": "{}",
        "active": "on",
        "order": "1",
    }
    response = client.post(reverse("programmes:kpi_create"), data)
    assert response.status_code == 400 and "cannot be above the target" in response.content.decode()
    response = client.post(reverse("programmes:kpi_create"), {**data, "threshold": "85"})
    assert response.status_code == 302 and Kpi.objects.filter(code="org-new").exists()


def test_the_plan_flags_overdue_activities(client, staff):
    client.force_login(staff)
    page = client.get(reverse("programmes:plan") + "?overdue=on").content.decode()
    assert "Overdue" in page and PlanItem.objects.get(code="t4-structural-review").activity in page


def test_strategy_pages_keep_constant_queries_from_10_to_1000_measurements(client, pmo):
    org, unog = kpi("org-grow"), unit_kpi("unog", "grow")
    measurements(org, 5)
    measurements(unog, 5)
    client.force_login(pmo)

    def grow():
        for measure in (org, unog):
            Measurement.objects.filter(kpi=measure).delete()
            measurements(measure, 500)

    urls = [
        reverse("programmes:kpis"),
        org.get_absolute_url(),
        unog.get_absolute_url(),
        reverse("programmes:list"),
        reverse("programmes:detail", args=["knowledge"]),
        reverse("programmes:initiative", args=["global-service-desk"]),
        reverse("programmes:plan"),
        reverse("programmes:plan_item", args=["t4-structural-review"]),
    ]
    for url in urls:
        Measurement.objects.filter(kpi__in=[org, unog]).delete()
        measurements(org, 5)
        measurements(unog, 5)
        assert_constant_queries(client, url, grow)


class TestProgrammeInitiativesCsv(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("programmes:detail", args=["resource"]) + "?format=csv"


def test_the_initiatives_download_has_the_reports_descriptions(client, staff):
    client.force_login(staff)
    response = client.get(reverse("programmes:detail", args=["resource"]) + "?format=csv")
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert text.count("\n") == 8 and "采用计算机辅助设施管理软件" in text
    xlsx = client.get(reverse("programmes:detail", args=["resource"]) + "?format=xlsx")
    assert xlsx.content[:2] == b"PK"
