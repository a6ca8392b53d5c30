"""Scorecards (the unit's and the Leadership Council's view) and the service catalogue, for
every persona; OICT and the unit's chief see the same scorecard; constant queries."""

import datetime

import pytest
from django.urls import reverse

from governance.performance import services as catalogue
from governance.performance.models import Service
from programmes.models import Kpi, Measurement
from tests.programmes.factories import kpi, measurements, unit_kpi
from tests.testing.personas import PERSONA_NAMES
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db

SEES_ALL_UNITS = {"pmo", "cito", "budget.reviewer", "api.reader", "portal.admin"}
SEES_UNOG = SEES_ALL_UNITS | {"chief.geneva"}
ACROSS = SEES_ALL_UNITS | {"chief.geneva", "chief.nairobi", "dsg", "usg.management"}


def scorecard_data():
    if not Kpi.objects.filter(code="unog-avail").exists():
        for unit in ("unog", "unon"):
            for indicator in ("avail", "desk"):
                measurements(unit_kpi(unit, indicator), 3, first=datetime.date(2025, 1, 1))


class TestAcrossUnits(PersonaAccessMixin):
    allowed = ACROSS

    def get_url(self, personas):
        scorecard_data()
        return reverse("performance:scorecards")


class TestAcrossUnitsCsv(TestAcrossUnits):
    def get_url(self, personas):
        return super().get_url(personas) + "?format=csv"


class TestUnitScorecard(PersonaAccessMixin):
    allowed = SEES_UNOG
    hidden = set(PERSONA_NAMES) - SEES_UNOG

    def get_url(self, personas):
        scorecard_data()
        return reverse("performance:scorecard", args=["unog"])


class TestUnitScorecardXlsx(TestUnitScorecard):
    def get_url(self, personas):
        return super().get_url(personas) + "?format=xlsx"


class TestServiceCatalogue(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("performance:services")


class TestServiceCatalogueCsv(TestServiceCatalogue):
    def get_url(self, personas):
        return reverse("performance:services") + "?format=csv"


class TestService(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("performance:service", args=["service-desk"])


def test_oict_and_the_units_chief_see_the_same_scorecard(client, personas):
    scorecard_data()
    pages = []
    for username in ("chief.geneva", "cito", "budget.reviewer"):
        client.force_login(personas[username])
        response = client.get(reverse("performance:scorecard", args=["unog"]))
        pages.append(
            response.content.decode().split('<main id="main" tabindex="-1">')[1].split("</main>")[0]
        )
    assert pages[0] == pages[1] == pages[2]
    assert "KPI unog-avail" in pages[0] and "KPI unon-avail" not in pages[0]


def test_the_view_across_units_links_only_the_scorecards_one_may_open(client, chief_geneva):
    scorecard_data()
    client.force_login(chief_geneva)
    page = client.get(reverse("performance:scorecards")).content.decode()
    assert reverse("performance:scorecard", args=["unog"]) in page
    assert reverse("performance:scorecard", args=["unon"]) not in page
    assert "United Nations Office at Nairobi" in page


def test_a_service_shows_its_levels_attainment_against_target(client, pmo, staff):
    desk = Service.objects.get(code="service-desk")
    level = kpi(
        "svc-desk-resolution",
        measure_unit="hours",
        direction="lower",
        target=8,
        threshold=12,
        maximum=720,
    )
    catalogue.service_level_set(service=desk, kpi=level, kind="resolution_time", actor=pmo)
    measurements(level, 3, first=datetime.date(2025, 1, 1), value=7)
    client.force_login(staff)
    page = client.get(desk.get_absolute_url()).content.decode()
    assert "Resolution time" in page and "2025-Q3" in page and "On target" in page
    assert "Near target" in page  # 7, 8 and 9 hours against 8 (threshold 12)


def test_scorecards_and_catalogue_keep_constant_queries_from_10_to_1000_measurements(client, pmo):
    kpis = [unit_kpi("unog", "q1"), unit_kpi("unon", "q1")]
    desk = Service.objects.get(code="service-desk")
    level = kpi("svc-q")
    catalogue.service_level_set(service=desk, kpi=level, kind="availability", actor=pmo)
    kpis.append(level)

    def reset():
        Measurement.objects.filter(kpi__in=kpis).delete()
        for measure in kpis:
            measurements(measure, 4)

    def grow():
        Measurement.objects.filter(kpi__in=kpis).delete()
        for measure in kpis:
            measurements(measure, 334)

    client.force_login(pmo)
    for url in (
        reverse("performance:scorecards"),
        reverse("performance:scorecard", args=["unog"]),
        reverse("performance:services"),
        desk.get_absolute_url(),
    ):
        reset()
        assert_constant_queries(client, url, grow)
