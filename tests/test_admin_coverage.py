"""Every model of the portal is in the Django admin, and every admin list and form opens."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

PROJECT_APPS = {
    "programmes",
    "governance",
    "apitokens",
    "performance",
    "portfolio",
    "budgets",
    "reports",
    "survey",
    "staffing",
    "ledger",
}

pytestmark = pytest.mark.django_db


def project_models():
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not model._meta.auto_created
    ]


def test_every_model_is_registered_in_the_admin():
    missing = [m._meta.label for m in project_models() if not admin.site.is_registered(m)]
    # Guardian's per-body permission rows are managed by signals, never by hand.
    missing = [
        label
        for label in missing
        if not label.endswith(("UserObjectPermission", "GroupObjectPermission"))
    ]
    assert not missing, f"not in the admin: {missing}"


@pytest.mark.parametrize(
    "model",
    [m for m in project_models() if admin.site.is_registered(m)],
    ids=lambda m: m._meta.label,
)
def test_every_admin_list_and_add_page_opens(client, django_user_model, model):
    superuser = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(superuser)
    opts = model._meta
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert response.status_code == 200
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code in (200, 403)
