"""Acceptance 3 of issue 18: every transparency page, export, feed and API endpoint, walked
as every persona and as the public, shows no draft, no individual vote, no named opinion and
nothing of a project not yet approved; the public gets in only while access is switched on."""

import json
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from governance.models import Opinion, User, Vote
from planning.models import Scenario
from portfolio.models import Project
from tests.testing.api import token_client
from tests.testing.personas import PERSONA_NAMES
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin
from transparency import publication, services

pytestmark = pytest.mark.django_db

PAGES = ["overview", "decisions", "performance", "report", "open_data"]
FILES = ["projects_csv", "projects_json", "decisions_csv", "decisions_json", "feed"]
API = ["projects", "decisions", "kpis", "services", "report"]


def _main(html):
    match = re.search(r"<main[^>]*>(.*)</main>", html, re.S)
    return match.group(1) if match else html


def _walk(client, api_client):
    """Everything the area publishes, as text: pages (their main part), files, feed, API."""
    texts = {}
    for name in PAGES:
        response = client.get(reverse(f"transparency:{name}"))
        assert response.status_code == 200, name
        texts[name] = _main(response.content.decode())
    for name in FILES:
        response = client.get(reverse(f"transparency:{name}"))
        assert response.status_code == 200, name
        texts[name] = response.content.decode()
    for name in API:
        response = api_client.get(f"/api/v1/transparency/{name}/?limit=500")
        assert response.status_code == 200, name
        texts[f"api:{name}"] = response.content.decode()
    return texts


def _forbidden_strings():
    """What must never appear: anything of a project not yet approved, draft and unpublished
    scenarios, who voted or gave an opinion and what they said."""
    unapproved = Project.objects.exclude(state__in=publication.PUBLISHED_PROJECT_STATES)
    strings = set()
    # By reference (P-0007): a title may also name an initiative or a motion.
    strings.update(re.compile(rf"\b{p.reference}\b") for p in unapproved)
    for scenario in Scenario.objects.exclude(state="published"):
        strings.add(scenario.name)
    voters = User.objects.filter(pk__in=Vote.objects.values("voter"))
    authors = User.objects.filter(pk__in=Opinion.objects.values("author"))
    for user in list(voters) + list(authors):
        strings.add(user.get_full_name() or user.username)
        if user.email:
            strings.add(user.email)
    strings.update(Opinion.objects.values_list("text", flat=True))
    return {s for s in strings if s and (not isinstance(s, str) or len(s) > 3)}


def _check(texts, forbidden):
    approved = set(
        Project.objects.filter(state__in=publication.PUBLISHED_PROJECT_STATES).values_list(
            "title", flat=True
        )
    )
    for where, text in texts.items():
        for string in forbidden:
            if isinstance(string, str):
                assert string not in text, f"{where} shows {string!r}"
            else:
                assert not string.search(text), f"{where} shows {string.pattern!r}"
        for word in ("votes_for", "votes_against", "abstentions", "provenance", "stance"):
            assert word not in text.lower() or where == "open_data", f"{where} shows {word}"
    # The structured files name only approved projects.
    for row in json.loads(texts["projects_json"])["rows"]:
        assert row["title"] in approved and row["state"] in publication.PUBLISHED_PROJECT_STATES


@pytest.mark.parametrize("username", PERSONA_NAMES)
def test_every_page_and_export_hides_drafts_votes_opinions_and_unapproved_projects(
    published_world, username
):
    forbidden = _forbidden_strings()
    assert Vote.objects.exists() and Opinion.objects.exists()
    assert Project.objects.exclude(state__in=publication.PUBLISHED_PROJECT_STATES).exists()
    client = Client()
    client.force_login(published_world[username])
    texts = _walk(client, token_client(published_world[username], read_only=True))
    _check(texts, forbidden)
    # What is published is there: approved projects, the published scenario's decision.
    approved = Project.objects.filter(state__in=publication.PUBLISHED_PROJECT_STATES)
    assert approved.exists()
    for project in approved:
        assert project.title in texts["overview"] and project.title in texts["projects_json"]
    assert "Scenario the committee published" in texts["decisions"]
    assert "Rebalanced as proposed." in texts["feed"]


def test_the_public_sees_the_same_data_as_every_persona_when_switched_on(published_world):
    services.public_access_set(actor=published_world["portal.admin"], enabled=True)
    anonymous = _walk(Client(), APIClient())
    _check(anonymous, _forbidden_strings())
    client = Client()
    client.force_login(published_world["ms.delegate"])
    delegate = _walk(client, token_client(published_world["ms.delegate"]))
    for name in ("projects_json", "decisions_json", "projects_csv", "decisions_csv"):
        assert anonymous[name] == delegate[name]
    rows = json.loads(anonymous["projects_json"])["rows"]
    assert rows and set(rows[0]) == {key for key, _doc in publication.PROJECT_FIELDS}


def test_the_public_is_turned_away_while_access_is_off(published_world):
    client, api = Client(), APIClient()
    for name in PAGES + FILES:
        response = client.get(reverse(f"transparency:{name}"))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name
    for name in API:
        assert api.get(f"/api/v1/transparency/{name}/").status_code in (401, 403)
    services.public_access_set(actor=published_world["portal.admin"], enabled=True)
    assert client.get(reverse("transparency:overview")).status_code == 200
    response = api.get("/api/v1/transparency/projects/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and response["ETag"]
    again = api.get("/api/v1/transparency/projects/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    services.public_access_set(actor=published_world["portal.admin"], enabled=False)
    assert client.get(reverse("transparency:overview")).status_code == 302


@pytest.mark.parametrize("username", ["cito", "pmo", "ms.delegate", "staff", "dsg"])
def test_only_a_portal_administrator_switches_public_access(personas, username):
    from governance.rights import RightsError

    with pytest.raises(RightsError):
        services.public_access_set(actor=personas[username], enabled=True)
    assert not publication.public_access_on()


class TestSwitchPage(PersonaAccessMixin):
    allowed = {"portal.admin"}

    def get_url(self, personas):
        return reverse("transparency:switch")


class TestSwitchPost(PersonaAccessMixin):
    allowed = {"portal.admin"}
    allowed_status = 302
    method = "post"

    def get_url(self, personas):
        return reverse("transparency:switch")

    def get_data(self, personas):
        return {"public_access": "on"}


class TestOverviewPage(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("transparency:overview")


def test_the_pages_and_endpoints_keep_a_constant_number_of_queries(published_world):
    from tests.portfolio.factories import draft, walk

    client = Client()
    client.force_login(published_world["ms.delegate"])
    api = token_client(published_world["ms.delegate"])
    counter = iter(range(100))

    def grow():
        # Small projects: the demo's envelopes bind the steering committees' approvals.
        for _ in range(2):
            walk(
                draft(published_world, title=f"Grown {next(counter)}", cost=Decimal("1000")),
                published_world,
                "in_delivery",
            )

    for name in PAGES + FILES:
        assert_constant_queries(client, reverse(f"transparency:{name}"), grow)
    for name in API:
        assert_constant_queries(api, f"/api/v1/transparency/{name}/", grow)
