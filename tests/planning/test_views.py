"""Every planning page and its forms, for every persona."""

import pytest
from django.urls import reverse

from core import clock
from planning import services
from planning.choices import Choice, ScenarioState
from planning.models import Scenario
from portfolio.models import Project
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db

READERS = {"pmo", "cito", "dsg", "usg.management"}
PLANNERS = {"pmo", "cito"}


def _scenario(personas, name="Baseline"):
    year = clock.today().year
    return services.scenario_create(
        actor=personas["pmo"], name=name, first_year=year, last_year=year + 1
    )


class TestScenarioList(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return reverse("planning:scenarios")


class TestDraftScenarioPage(PersonaAccessMixin):
    allowed = PLANNERS
    # The Executive Committee's members see scenarios once put before it.
    hidden = {"dsg", "usg.management"}

    def get_url(self, personas):
        return reverse("planning:scenario", args=[_scenario(personas).pk])


class TestFrozenScenarioPage(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        scenario = _scenario(personas)
        Scenario.objects.filter(pk=scenario.pk).update(state=ScenarioState.BEFORE_COMMITTEE)
        return reverse("planning:scenario", args=[scenario.pk])


class TestCompare(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        a, b = _scenario(personas, "A"), _scenario(personas, "B")
        return reverse("planning:compare") + f"?ids={a.pk},{b.pk}"


class TestFrontier(PersonaAccessMixin):
    allowed = PLANNERS

    def get_url(self, personas):
        return reverse("planning:frontier") + "?steps=4"


class TestCreateScenario(PersonaAccessMixin):
    allowed = PLANNERS
    allowed_status = 302
    method = "post"

    def get_url(self, personas):
        return reverse("planning:scenarios")

    def get_data(self, personas):
        return {"name": "Posted", "first_year": 2030, "last_year": 2031}


def test_a_planner_sets_choices_and_envelopes_on_the_page(client, demo):
    scenario = _scenario(demo)
    project = Project.objects.filter(state="endorsed").first()
    client.force_login(demo["pmo"])
    url = reverse("planning:scenario", args=[scenario.pk])
    response = client.post(
        url, {"project": project.pk, "choice": Choice.PHASE, "phase_percent": 30, "priority": 2}
    )
    assert response.status_code == 302
    row = scenario.choices.get(project=project)
    assert (row.choice, row.phase_percent, row.priority) == (Choice.PHASE, 30, 2)
    response = client.post(
        url, {"envelope": "1", "programme": "knowledge", "year": scenario.first_year, "amount": 5}
    )
    assert scenario.envelopes.get(programme__code="knowledge", year=scenario.first_year).amount == 5
    page = client.get(url)
    assert page.status_code == 200 and project.title in page.content.decode()


def test_bad_input_changes_nothing_and_gives_no_500(client, demo):
    scenario = _scenario(demo)
    client.force_login(demo["pmo"])
    url = reverse("planning:scenario", args=[scenario.pk])
    for data in (
        {"project": "x", "choice": "fund"},
        {"project": 999999, "choice": "fund"},
        {"project": Project.objects.first().pk, "choice": "nonsense"},
        {"envelope": "1", "programme": "nowhere", "year": 2030, "amount": 1},
        {"envelope": "1", "programme": "knowledge", "year": 1990, "amount": 1},
        {"envelope": "1", "programme": "knowledge", "year": 2030, "amount": "-5"},
        {"submit": "1", "meeting": "nope"},
        {},
    ):
        response = client.post(url, data)
        assert response.status_code in (200, 302), data
    assert not scenario.choices.exists()
    assert client.get(reverse("planning:compare") + "?ids=1,2,3,4,5").status_code == 200
    assert client.get(reverse("planning:compare") + "?ids=x").status_code == 200
    assert client.get(reverse("planning:frontier") + "?low=9&high=1&steps=500").status_code == 200
    response = client.post(reverse("planning:frontier") + "?steps=3", {"point": "99"})
    assert response.status_code == 302
    assert Scenario.objects.count() == 1


def test_submitting_asks_first_then_freezes_and_puts_it_on_the_agenda(client, demo):
    from .helpers import executive_meeting

    scenario = _scenario(demo)
    meeting = executive_meeting(demo)
    client.force_login(demo["pmo"])
    url = reverse("planning:scenario", args=[scenario.pk])
    response = client.post(url, {"submit": "1", "meeting": meeting.pk})
    assert response.status_code == 200 and b"confirmed" in response.content
    scenario.refresh_from_db()
    assert scenario.state == ScenarioState.DRAFT
    response = client.post(url, {"submit": "1", "meeting": meeting.pk, "confirmed": "1"})
    assert response.status_code == 302
    scenario.refresh_from_db()
    assert scenario.state == ScenarioState.BEFORE_COMMITTEE
    assert meeting.items.filter(object_id=scenario.pk).exists()


def test_start_a_scenario_from_a_point_of_the_frontier(client, demo):
    client.force_login(demo["cito"])
    url = reverse("planning:frontier") + "?steps=3"
    page = client.get(url)
    assert page.status_code == 200 and b"<svg" in page.content
    response = client.post(url, {"point": "2", "name": "From the frontier"})
    assert response.status_code == 302
    scenario = Scenario.objects.get(name="From the frontier")
    assert scenario.choices.filter(choice=Choice.FUND).exists()


def test_the_scenario_pages_keep_a_constant_number_of_queries(client, demo):
    from tests.portfolio.factories import draft, walk

    scenario = _scenario(demo)
    client.force_login(demo["pmo"])
    counter = iter(range(100))

    def grow():
        for _ in range(2):
            n = next(counter)
            project = walk(draft(demo, title=f"Extra {n}"), demo, "endorsed")
            services.scenario_choice_set(
                scenario=scenario, actor=demo["pmo"], project=project, choice=Choice.FUND
            )
        _scenario(demo, name=f"Another {next(counter)}")

    for url in (
        reverse("planning:scenarios"),
        reverse("planning:scenario", args=[scenario.pk]),
        reverse("planning:compare") + f"?ids={scenario.pk}",
        reverse("planning:frontier") + "?steps=3",
    ):
        assert_constant_queries(client, url, grow)


def test_a_planner_records_and_removes_a_dependency_the_frontier_respects(client, demo):
    from planning.frontier import portfolio_frontier
    from planning.models import ProjectDependency

    endorsed = list(Project.objects.filter(state="endorsed").order_by("pk")[:1])
    running = list(Project.objects.filter(state="in_delivery").order_by("pk")[:1])
    project, requires = endorsed[0], running[0]
    client.force_login(demo["pmo"])
    url = reverse("planning:frontier") + "?steps=3"
    response = client.post(url, {"dependency": "1", "project": project.pk, "requires": requires.pk})
    assert response.status_code == 302
    dependency = ProjectDependency.objects.get(project=project, requires=requires)
    # A circle is refused and changes nothing.
    client.post(url, {"dependency": "1", "project": requires.pk, "requires": project.pk})
    assert ProjectDependency.objects.count() == 1
    with pytest.raises(services.PlanningError):
        services.dependency_add(actor=demo["pmo"], project=requires, requires=project)
    year = clock.today().year
    for point in portfolio_frontier(first_year=year, last_year=year + 2, steps=5).points:
        assert project.pk not in point.keys or requires.pk in point.keys
    assert client.post(url, {"remove_dependency": "x"}).status_code == 302
    client.post(url, {"remove_dependency": dependency.pk})
    assert not ProjectDependency.objects.exists()
    client.force_login(demo["dsg"])
    response = client.post(url, {"dependency": "1", "project": project.pk, "requires": requires.pk})
    assert response.status_code == 403


class TestChoicePost(PersonaAccessMixin):
    """Choices are written by planners on a draft; the Executive Committee's members do not
    see drafts (404); everyone else is refused (403)."""

    allowed = PLANNERS
    allowed_status = 302
    hidden = {"dsg", "usg.management"}
    method = "post"

    def get_url(self, personas):
        return reverse("planning:scenario", args=[_scenario(personas).pk])

    def get_data(self, personas):
        return {
            "envelope": "1",
            "programme": "knowledge",
            "year": clock.today().year,
            "amount": "1",
        }


@pytest.mark.parametrize("username", ["pmo", "cito", "dsg", "usg.management", "staff", "km.chair"])
def test_the_home_page_shows_planners_and_the_committee_a_scenarios_panel(
    client, personas, username
):
    scenario = _scenario(personas, "On the panel")
    Scenario.objects.filter(pk=scenario.pk).update(state=ScenarioState.BEFORE_COMMITTEE)
    _scenario(personas, "Draft on the panel")
    client.force_login(personas[username])
    content = client.get(reverse("home")).content.decode()
    assert ('id="panel-scenarios"' in content) == (username in READERS)
    if username in READERS:
        assert "On the panel" in content
        assert_constant_queries(
            client, reverse("home"), lambda: [_scenario(personas, f"G{n}") for n in range(3)]
        )
