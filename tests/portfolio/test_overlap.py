"""Overlap detection on the demo data (issue 14, acceptance 4): each pair the demo marks as a
genuine overlap is found, both ways, with its reasons; no project has more than two flagged
overlaps that the demo marks unrelated. The threshold in ``portfolio/overlap.py`` is tuned here."""

import pytest
from django.core.management import call_command

from portfolio.demo import OVERLAP_PAIRS
from portfolio.models import Project
from portfolio.overlap import CLOSED, find_overlaps
from tests.portfolio.factories import draft

pytestmark = pytest.mark.django_db

MAX_UNRELATED = 2


def _pairs(kind):
    return {frozenset(pair) for pair in OVERLAP_PAIRS[kind]}


def test_the_demo_overlaps_are_found_and_unrelated_projects_are_not(personas):
    call_command("load_demo_data", verbosity=0)
    projects = {p.title: p for p in Project.objects.exclude(state__in=CLOSED)}
    genuine, related = _pairs("genuine"), _pairs("related")
    flagged = {
        title: {o.project.title: o for o in find_overlaps(project, limit=100)}
        for title, project in projects.items()
    }
    report = "\n".join(
        f"{title}: " + "; ".join(f"{t} {o.score} {o.reasons}" for t, o in found.items())
        for title, found in flagged.items()
    )
    for pair in genuine:
        a, b = sorted(pair)
        assert b in flagged[a] and a in flagged[b], f"{a} / {b} not flagged\n{report}"
        assert flagged[a][b].reasons
    for title, found in flagged.items():
        unrelated = [t for t in found if frozenset((title, t)) not in genuine | related]
        assert len(unrelated) <= MAX_UNRELATED, f"{title}: {unrelated}\n{report}"


def test_each_reason_says_what_is_shared(personas):
    mine = draft(
        personas,
        title="Enterprise search platform",
        initiative="enterprise-search",
        summary="Search across the intranet",
    )
    other = draft(
        personas,
        title="Enterprise search engine",
        initiative="enterprise-search",
        summary="Intranet search",
    )
    (found,) = [o for o in find_overlaps(mine) if o.project == other]
    text = " | ".join(found.reasons)
    assert "same initiative: Enterprise search" in text
    assert "same sponsoring unit" in text
    assert "titles share enterprise, search" in text or "titles share search, enterprise" in text


def test_overlaps_over_the_api_with_reasons(client, personas):
    mine = draft(personas, title="Enterprise search platform", initiative="enterprise-search")
    other = draft(personas, title="Enterprise search engine", initiative="enterprise-search")
    client.force_login(personas["pmo"])
    response = client.get(f"/api/v1/projects/{mine.pk}/overlaps/")
    assert response.status_code == 200, response.content
    (row,) = [r for r in response.json() if r["project"]["id"] == other.pk]
    assert row["score"] >= 40 and any("same initiative" in r for r in row["reasons"])


def test_a_project_one_may_not_see_is_not_named_over_the_api(client, personas):
    mine = draft(personas, title="Enterprise search platform", initiative="enterprise-search")
    draft(personas, title="Enterprise search engine", initiative="enterprise-search")
    client.force_login(personas["staff"])
    assert client.get(f"/api/v1/projects/{mine.pk}/overlaps/").status_code == 404
