"""What the portfolio adds to the strategy: projects per initiative with state, cost and RAG,
approved cost and spend against the envelope (acceptance 1 of issue 15), the projects that
change a service, and the KPI sources measured from status reports."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from core import clock
from core.registry import kpi_sources
from portfolio import services
from portfolio.choices import ProjectState
from portfolio.models import Project, StatusReport
from tests.portfolio.factories import draft, walk
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db
S = ProjectState


@pytest.fixture
def portfolio(personas):
    """Projects of each programme in funded and unfunded states, some with status reports."""
    made = {}
    for index, (programme, initiative, state, cost) in enumerate(
        [
            ("knowledge", "digitization", S.APPROVED, 310_000),
            ("knowledge", "enterprise-search", S.IN_DELIVERY, 420_000),
            ("knowledge", "enterprise-search", S.WITH_STEERING_COMMITTEE, 150_000),
            ("knowledge", None, S.COMPLETED, 90_000),
            ("resource", "space-management", S.IN_DELIVERY, 275_000),
            ("resource", "decision-support-system", S.SUBMITTED, 500_000),
            ("infrastructure", "global-service-desk", S.APPROVED, 640_000),
        ]
    ):
        project = draft(
            personas,
            title=f"Project {index}",
            programme=programme,
            initiative=initiative,
            cost=Decimal(cost),
        )
        made[index] = walk(project, personas, state)
    for project in Project.objects.filter(state=S.IN_DELIVERY):
        for month, rag in ((7, "green"), (8, "amber")):
            services.status_report_file(
                project=project,
                actor=personas["pmo"],
                period=datetime.date(2025, month, 1),
                schedule=rag,
                budget="green",
                scope="green",
                percent_complete=10 * month,
                actual_spend=Decimal(1000 * month),
            )
    return made


def independent_approved_cost(code):
    funded = (S.APPROVED, S.IN_DELIVERY, S.COMPLETED)
    return sum(
        p.total_cost
        for p in Project.objects.all()
        if p.programme.code == code and p.state in funded
    )


@pytest.mark.parametrize("code", ["knowledge", "resource", "infrastructure"])
def test_each_programmes_approved_cost_equals_an_independent_sum(client, pmo, portfolio, code):
    client.force_login(pmo)
    response = client.get(reverse("programmes:detail", args=[code]))
    section = dict(response.context["sections"])
    context = next(iter(section.values()))
    expected = independent_approved_cost(code)
    assert expected > 0
    assert context["approved_cost"] == expected
    assert f"USD {expected:,.0f}" in response.content.decode()


def test_the_programme_page_groups_projects_by_initiative_with_state_cost_and_rag(
    client, pmo, portfolio
):
    client.force_login(pmo)
    page = client.get(reverse("programmes:detail", args=["knowledge"])).content.decode()
    assert "Enterprise search" in page and "Not linked to an initiative" in page
    assert "In delivery" in page and "Amber" in page and "420,000" in page
    # The factory sets ample envelopes (a steering committee approves only within one).
    assert "USD 100,000,000" in page and "committed to approved projects" in page


def test_the_programme_page_says_when_no_envelope_is_set(client, pmo):
    client.force_login(pmo)
    page = client.get(reverse("programmes:detail", args=["knowledge"])).content.decode()
    assert "No envelope set by the Executive Committee for this year." in page


def test_the_initiative_page_lists_its_projects(client, pmo, portfolio):
    client.force_login(pmo)
    page = client.get(reverse("programmes:initiative", args=["enterprise-search"])).content.decode()
    assert "Project 1" in page and "Project 2" in page and "Project 0" not in page


def test_a_person_sees_only_the_projects_they_may_see(client, staff, portfolio):
    client.force_login(staff)
    response = client.get(reverse("programmes:detail", args=["knowledge"]))
    context = next(iter(dict(response.context["sections"]).values()))
    assert context["approved_cost"] == 0 and "Project 1" not in response.content.decode()


def test_projects_green_and_reports_on_time(portfolio):
    start, end = datetime.date(2025, 7, 1), datetime.date(2025, 9, 30)
    green = kpi_sources["portfolio.projects_green"].compute
    # Both delivering projects' latest report (August) is amber on schedule.
    assert green(start=start, end=end) == 0
    assert green(start=start, end=datetime.date(2025, 7, 31)) == 100
    StatusReport.objects.filter(period=datetime.date(2025, 7, 1)).update(
        created_at=datetime.datetime(2025, 8, 15, tzinfo=datetime.UTC)
    )
    StatusReport.objects.filter(period=datetime.date(2025, 8, 1)).update(
        created_at=datetime.datetime(2025, 11, 1, tzinfo=datetime.UTC)
    )
    on_time = kpi_sources["portfolio.reports_on_time"].compute
    assert on_time(start=start, end=end) == 50
    from programmes.models import Programme

    assert on_time(start=start, end=end, owner=Programme.objects.get(code="resource")) == 50


def test_budget_execution_is_spend_over_the_funded_projects_approved_cost(portfolio):
    execution = kpi_sources["portfolio.budget_execution"].compute
    funded = Project.objects.filter(state__in=(S.APPROVED, S.IN_DELIVERY, S.COMPLETED))
    budget = sum(p.total_cost for p in funded)
    spend = Decimal(8000) * Project.objects.filter(state=S.IN_DELIVERY).count()
    expected = float((spend * 100 / budget).quantize(Decimal("0.1")))
    assert execution(start=datetime.date(2025, 7, 1), end=datetime.date(2025, 9, 30)) == expected


def test_a_service_page_lists_the_projects_that_change_it(client, pmo, personas, portfolio):
    from governance.performance.models import Service

    desk = Service.objects.get(code="service-desk")
    project = Project.objects.get(title="Project 4")
    services.project_services_set(project=project, services=[desk], actor=pmo)
    client.force_login(pmo)
    page = client.get(reverse("performance:service", args=["service-desk"])).content.decode()
    assert "Project 4" in page
    with pytest.raises(services.PortfolioError):
        services.project_services_set(project=project, services=[], actor=personas["staff"])
    with clock.frozen_at(datetime.datetime(2025, 10, 1, tzinfo=datetime.UTC)):
        client.force_login(personas["staff"])
        assert "Project 4" not in client.get(desk.get_absolute_url()).content.decode()


class TestProjectServicesPost(PersonaAccessMixin):
    allowed = {"proponent", "pmo"}
    allowed_status = 302
    hidden = {"staff", "portal.admin"}
    method = "post"

    def get_url(self, personas):
        project = Project.objects.filter(title="Services project").first()
        if project is None:
            project = walk(draft(personas, title="Services project"), personas, S.IN_DELIVERY)
        return reverse("portfolio:project_services", args=[project.pk])

    def get_data(self, personas):
        from governance.performance.models import Service

        return {"services": [Service.objects.get(code="email").pk]}


def test_the_project_page_names_and_links_the_services_it_changes(client, personas):
    project = walk(draft(personas, title="Mail migration"), personas, S.IN_DELIVERY)
    client.force_login(personas["pmo"])
    from governance.performance.models import Service

    email = Service.objects.get(code="email")
    assert (
        client.post(
            reverse("portfolio:project_services", args=[project.pk]), {"services": [email.pk]}
        ).status_code
        == 302
    )
    assert list(project.services.all()) == [email]
    page = client.get(project.get_absolute_url()).content.decode()
    assert email.get_absolute_url() in page


def _expected_reports_on_time(start, end, today, programme=None):
    """An independent computation: replay each project's state day by day from its
    transitions; a month's report is due when the project was in delivery on every day of the
    month, or when one was filed; it is on time when filed before the first day of the month
    after next, late when filed after or never (once that day has come)."""
    from portfolio.models import ProjectTransition

    projects = Project.objects.all()
    if programme:
        projects = projects.filter(programme__code=programme)
    on_time = total = 0
    for project in projects:
        moves = [
            (t.at.date(), t.to_state)
            for t in ProjectTransition.objects.filter(project=project).order_by("at", "pk")
        ]
        filed = {r.period: r.created_at.date() for r in project.status_reports.all()}

        def state_on(day, moves=moves):
            state = None
            for moved_on, to_state in moves:
                if moved_on <= day:
                    state = to_state
            return state

        year, month = start.year, start.month
        while datetime.date(year, month, 1) <= end:
            first = datetime.date(year, month, 1)
            following = datetime.date(year + (month == 12), month % 12 + 1, 1)
            deadline = datetime.date(
                following.year + (following.month == 12), following.month % 12 + 1, 1
            )
            days = [first + datetime.timedelta(days=n) for n in range((following - first).days)]
            # in delivery since before the month: the state the day before it began, too
            in_delivery = all(
                state_on(day) == S.IN_DELIVERY
                for day in [first - datetime.timedelta(days=1), *days]
            ) and not any(on == first and to != S.IN_DELIVERY for on, to in moves)
            if first in filed or in_delivery:
                if first in filed and filed[first] < deadline:
                    on_time += 1
                    total += 1
                elif today >= deadline:
                    total += 1
            year, month = following.year, following.month
    return round(on_time * 100 / total, 1) if total else None


def test_reports_on_time_counts_a_report_never_filed_as_late(personas):
    """The denominator is the reports due, not the reports filed (issue 15, perf15 brief 2)."""
    at = lambda *day: clock.travel(datetime.datetime(*day, 9, tzinfo=datetime.UTC))  # noqa: E731

    def report(project, month, filed_on):
        with at(*filed_on):
            services.status_report_file(
                project=project,
                actor=personas["pmo"],
                period=datetime.date(2025, month, 1),
                schedule="green",
                budget="green",
                scope="green",
                percent_complete=month,
                actual_spend=Decimal(month),
            )

    with at(2025, 3, 10):
        a = draft(personas, title="Always late", programme="knowledge")
        a = walk(a, personas, S.IN_DELIVERY)
    report(a, 4, (2025, 5, 20))  # on time
    report(a, 5, (2025, 7, 2))  # late: due by 1 July
    report(a, 7, (2025, 8, 5))  # on time; June and August never filed
    with at(2025, 6, 15):
        b = walk(draft(personas, title="Short", programme="resource"), personas, S.IN_DELIVERY)
    report(b, 6, (2025, 7, 1))  # not due (started mid-June), filed: counted, on time
    report(b, 7, (2025, 8, 10))
    with at(2025, 8, 20):
        services.project_complete(project=b, actor=personas["pmo"], lessons_learned="Small.")
    with at(2025, 4, 1):
        walk(draft(personas, title="Never", programme="knowledge"), personas, S.APPROVED)

    on_time = kpi_sources["portfolio.reports_on_time"].compute
    start, end, today = datetime.date(2025, 4, 1), datetime.date(2025, 9, 30), (2025, 10, 15)
    with clock.frozen_at(datetime.datetime(*today, 12, tzinfo=datetime.UTC)):
        # a: April on time, May late, June missing, July on time, August missing (due by
        # 1 October), September not late yet; b: June and July on time, August not due.
        assert on_time(start=start, end=end) == 57.1 == round(4 * 100 / 7, 1)
        from programmes.models import Programme

        knowledge = Programme.objects.get(code="knowledge")
        resource = Programme.objects.get(code="resource")
        assert on_time(start=start, end=end, owner=knowledge) == 40.0
        assert on_time(start=start, end=end, owner=resource) == 100.0
        day = datetime.date(*today)
        for first, last, programme, owner in (
            (start, end, None, None),
            (start, end, "knowledge", knowledge),
            (datetime.date(2025, 6, 1), datetime.date(2025, 8, 31), None, None),
            (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31), None, None),
        ):
            assert on_time(start=first, end=last, owner=owner) == _expected_reports_on_time(
                first, last, day, programme
            )
    with clock.frozen_at(datetime.datetime(2025, 11, 2, tzinfo=datetime.UTC)):
        # September's report is now late too: 4 of 8.
        assert on_time(start=start, end=end) == 50.0
