"""The project list API's fields read what the queryset computes (issue 16)."""

import datetime
from decimal import Decimal

import pytest

from portfolio.choices import Rag
from portfolio.models import Project, StatusReport
from tests.portfolio.factories import bulk_projects
from tests.testing.api import token_client

pytestmark = pytest.mark.django_db


def test_the_list_gives_each_project_its_last_report_period(personas):
    bulk_projects(2, personas)
    reported, silent = Project.objects.order_by("pk")
    for period in (datetime.date(2026, 1, 1), datetime.date(2026, 2, 1)):
        StatusReport.objects.create(
            project=reported,
            period=period,
            author=personas["proponent"],
            schedule=Rag.GREEN,
            budget=Rag.AMBER,
            scope=Rag.GREEN,
            percent_complete=10,
            actual_spend=Decimal(0),
        )
    rows = token_client(personas["pmo"]).get("/api/v1/projects/").json()["results"]
    by_id = {row["id"]: row for row in rows}
    assert by_id[reported.pk]["last_report_period"] == "2026-02-01"
    assert by_id[reported.pk]["rag"] == Rag.AMBER
    assert by_id[silent.pk]["last_report_period"] is None


def test_the_lean_rows_equal_the_serializer_for_every_field(personas, settings):
    from django.test import RequestFactory

    from portfolio.api.serializers import ProjectSerializer
    from portfolio.api.views import ProjectViewSet

    settings.TIME_ZONE = "Europe/Zurich"  # times are written in the configured zone
    bulk_projects(3, personas)
    project = Project.objects.order_by("pk").first()
    project.project_manager = personas["pmo"]
    project.priority_rank = 2
    project.save()
    StatusReport.objects.create(
        project=project,
        period=datetime.date(2026, 3, 1),
        author=personas["proponent"],
        schedule=Rag.RED,
        budget=Rag.GREEN,
        scope=Rag.GREEN,
        percent_complete=50,
        actual_spend=Decimal("12.50"),
    )
    rows = token_client(personas["pmo"]).get("/api/v1/projects/").json()["results"]
    view = ProjectViewSet()
    view.action = "list"
    view.request = RequestFactory().get("/")
    view.request.user = personas["pmo"]
    expected = ProjectSerializer(view.get_queryset().order_by("-created_at", "-id"), many=True)
    assert rows == [dict(row) for row in expected.data]
    assert rows[-1]["project_manager"] == "pmo"
