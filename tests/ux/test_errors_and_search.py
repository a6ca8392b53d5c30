"""Error pages inside the layout with a way back; one search box restricted like the lists."""

import pytest
from django.test import Client
from django.urls import reverse

from portfolio.choices import ProjectState
from portfolio.models import Project
from tests.portfolio.factories import bulk_projects
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db


def test_a_refused_page_is_inside_the_layout_with_a_way_back(client, staff):
    client.force_login(staff)
    response = client.get(
        reverse("budgets:review_queue"), HTTP_REFERER="http://testserver/portfolio/"
    )
    assert response.status_code == 403
    content = response.content.decode()
    assert '<main id="main"' in content
    assert "Only OICT budget reviewers have a review queue." in content
    assert 'href="http://testserver/portfolio/"' in content
    assert f'href="{reverse("home")}"' in content


def test_a_missing_page_is_inside_the_layout(client, staff):
    client.force_login(staff)
    response = client.get("/portfolio/999999/")
    assert response.status_code == 404
    content = response.content.decode()
    assert '<main id="main"' in content and "Page not found" in content


def test_a_server_error_is_inside_the_layout(personas, settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    from django.views import defaults

    response = defaults.server_error(client.request().wsgi_request)
    content = response.content.decode()
    assert response.status_code == 500
    assert '<main id="main"' in content and 'href="/"' in content


class TestSearchPage(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("search") + "?q=portal"


def test_search_finds_projects_decisions_bodies_and_meetings(client, pmo):
    from django.core.management import call_command

    call_command("load_demo_data", verbosity=0)
    client.force_login(pmo)
    content = client.get(reverse("search"), {"q": "Knowledge"}).content.decode()
    for heading in ("Governance bodies", "Meetings", "Projects"):
        assert heading in content


def test_search_shows_only_what_the_lists_show(client, personas):
    project = Project.objects.create(
        title="Zanzibar archive draft",
        programme_id=1,
        sponsoring_unit=personas["proponent"].organisation_unit,
        proponent=personas["proponent"],
        state=ProjectState.DRAFT,
    )
    client.force_login(personas["km.member"])
    assert "Zanzibar" not in client.get(reverse("search"), {"q": "zanzibar"}).content.decode()
    client.force_login(personas["proponent"])
    content = client.get(reverse("search"), {"q": "zanzibar"}).content.decode()
    assert project.get_absolute_url() in content


def test_search_with_odd_input_answers_calmly(client, staff):
    client.force_login(staff)
    for q in ["", " ", "%", "'; drop table", "x" * 5000, "\x00", "a & | ! (b"]:
        assert client.get(reverse("search"), {"q": q}).status_code == 200


def test_search_queries_stay_constant(client, pmo, personas):
    client.force_login(pmo)
    bulk_projects(2, personas)
    url = reverse("search") + "?q=Bulk+project"
    assert_constant_queries(client, url, lambda: bulk_projects(20, personas))
