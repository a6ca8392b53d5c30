"""Admin for every portfolio model: pages load; frozen and audit records cannot change."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from portfolio.choices import ProjectState
from portfolio.models import BusinessCase, ProjectTransition
from tests.portfolio.factories import AssetFactory, draft, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_as_cito(client, personas):
    cito = personas["cito"]
    cito.is_superuser = True
    cito.save(update_fields=["is_superuser"])
    client.force_login(cito)
    return client


def test_every_portfolio_model_has_an_admin_whose_pages_load(admin_client_as_cito, personas):
    walk(draft(personas), personas, ProjectState.IN_DELIVERY)
    AssetFactory()
    for model in apps.get_app_config("portfolio").get_models():
        assert admin.site.is_registered(model), model
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert admin_client_as_cito.get(reverse(f"{prefix}_changelist")).status_code == 200
        obj = model.objects.first()
        if obj is not None:
            assert (
                admin_client_as_cito.get(reverse(f"{prefix}_change", args=[obj.pk])).status_code
                == 200
            )


def test_versions_and_transitions_are_read_only_in_the_admin(admin_client_as_cito, personas):
    project = walk(draft(personas), personas, ProjectState.SUBMITTED)
    case = BusinessCase.objects.get(project=project)
    url = reverse("admin:portfolio_businesscase_change", args=[case.pk])
    admin_client_as_cito.post(url, {"scope": "Changed in the admin"})
    case.refresh_from_db()
    assert case.scope == "All HQ departments."
    record = ProjectTransition.objects.filter(project=project).last()
    response = admin_client_as_cito.post(
        reverse("admin:portfolio_projecttransition_delete", args=[record.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert ProjectTransition.objects.filter(pk=record.pk).exists()


def test_the_state_cannot_be_set_in_the_project_form(admin_client_as_cito, personas):
    project = draft(personas)
    url = reverse("admin:portfolio_project_change", args=[project.pk])
    admin_client_as_cito.post(
        url, {"title": project.title, "state": "approved", "summary": "", "project_manager": ""}
    )
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT
