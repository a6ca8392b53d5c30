"""The planning API for every persona: scenarios, choices, envelopes, comparison, frontier."""

import pytest

from core import clock
from planning import services
from planning.choices import Choice
from planning.models import Scenario
from portfolio.models import Project
from tests.testing.api import ApiPersonaAccessMixin, token_client
from tests.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

READERS = {"pmo", "cito", "dsg", "usg.management"}
PLANNERS = {"pmo", "cito"}


def _scenario(personas, name="API"):
    year = clock.today().year
    return services.scenario_create(
        actor=personas["pmo"], name=name, first_year=year, last_year=year + 1
    )


class TestScenarioListApi(ApiPersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return "/api/v1/planning/scenarios/"


class TestScenarioDetailApi(ApiPersonaAccessMixin):
    allowed = PLANNERS
    hidden = {"dsg", "usg.management"}

    def get_url(self, personas):
        return f"/api/v1/planning/scenarios/{_scenario(personas).pk}/"


class TestScenarioCreateApi(ApiPersonaAccessMixin):
    allowed = PLANNERS
    allowed_status = 201
    method = "post"

    def get_url(self, personas):
        return "/api/v1/planning/scenarios/"

    def get_data(self, personas):
        return {"name": "By API", "first_year": 2030, "last_year": 2032}


class TestCompareApi(ApiPersonaAccessMixin):
    allowed = PLANNERS
    # Drafts do not exist for the Executive Committee's members.
    hidden = {"dsg", "usg.management"}

    def get_url(self, personas):
        a, b = _scenario(personas, "A"), _scenario(personas, "B")
        return f"/api/v1/planning/compare/?ids={a.pk},{b.pk}"


class TestFrontierApi(ApiPersonaAccessMixin):
    allowed = PLANNERS

    def get_url(self, personas):
        return "/api/v1/planning/frontier/?steps=3"


def test_a_client_sets_choices_and_envelopes_and_reads_the_figures(demo):
    scenario = _scenario(demo)
    client = token_client(demo["pmo"])
    project = Project.objects.filter(state="endorsed").first()
    url = f"/api/v1/planning/scenarios/{scenario.pk}/"
    response = client.post(
        url + "choices/", {"project": project.pk, "choice": "fund"}, format="json"
    )
    assert response.status_code == 200, response.json()
    line = next(x for x in response.json()["lines"] if x["project"] == project.pk)
    assert line["choice"] == Choice.FUND
    response = client.post(
        url + "envelopes/",
        {"programme": "knowledge", "year": scenario.first_year, "amount": "100"},
        format="json",
    )
    assert response.status_code == 200
    cell = next(
        c
        for c in response.json()["cells"]
        if c["programme"] == "knowledge" and c["year"] == scenario.first_year
    )
    assert cell["envelope"] == "100.00"
    compared = client.get(f"/api/v1/planning/compare/?ids={scenario.pk}").json()
    assert compared[0]["total_cost"] == response.json()["total_cost"]
    frontier = client.get("/api/v1/planning/frontier/?steps=3").json()
    assert frontier["points"] and all(p["exact"] for p in frontier["points"])


def test_bad_input_is_a_400_and_changes_nothing(demo):
    scenario = _scenario(demo)
    client = token_client(demo["pmo"])
    url = f"/api/v1/planning/scenarios/{scenario.pk}/"
    for path, data in (
        ("choices/", {"project": 999999, "choice": "fund"}),
        ("choices/", {"project": "x", "choice": "fund"}),
        (
            "choices/",
            {"project": Project.objects.filter(state="draft").first().pk, "choice": "fund"},
        ),
        ("choices/", {"project": Project.objects.first().pk, "choice": "steal"}),
        ("envelopes/", {"programme": "nowhere", "year": 2030, "amount": "1"}),
        ("envelopes/", {"programme": "knowledge", "year": 1990, "amount": "1"}),
    ):
        response = client.post(url + path, data, format="json")
        assert response.status_code == 400, (path, data, response.json())
        assert response.json()["error"]["status"] == 400
    assert not scenario.choices.exists()
    assert client.get("/api/v1/planning/compare/?ids=1,2,3,4,5").status_code == 400
    assert (
        client.get("/api/v1/planning/frontier/?first_year=2030&last_year=2020").status_code == 400
    )
    response = client.post(
        "/api/v1/planning/scenarios/", {"name": "x", "first_year": 2030, "last_year": 2029}
    )
    assert response.status_code == 400
    assert Scenario.objects.count() == 1


def test_a_read_only_token_cannot_write(demo):
    client = token_client(demo["pmo"], read_only=True)
    response = client.post(
        "/api/v1/planning/scenarios/", {"name": "x", "first_year": 2030, "last_year": 2031}
    )
    assert response.status_code == 403


def test_the_scenario_list_keeps_a_constant_number_of_queries(demo):
    _scenario(demo, name="First")
    client = token_client(demo["pmo"])
    counter = iter(range(50))

    def grow():
        for _ in range(3):
            _scenario(demo, name=f"Grown {next(counter)}")

    assert_constant_queries(client, "/api/v1/planning/scenarios/", grow)


class TestChoiceApi(ApiPersonaAccessMixin):
    allowed = PLANNERS
    method = "post"

    def get_url(self, personas):
        scenario = _scenario(personas)
        Scenario.objects.filter(pk=scenario.pk).update(state="before_committee")
        self.scenario = scenario
        return f"/api/v1/planning/scenarios/{scenario.pk}/envelopes/"

    def get_data(self, personas):
        return {"programme": "knowledge", "year": self.scenario.first_year, "amount": "1"}

    def expected_status(self, username):
        # Readers may not write (403); planners are refused a frozen scenario (400).
        return 400 if username in PLANNERS else 403
