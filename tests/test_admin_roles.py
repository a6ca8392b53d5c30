"""The Django admin for the roles that use it (cito, pmo, budget.reviewer, portal.admin):
each opens its models, records that must not change stay read-only, and a change of a
governed record made in the admin goes through the owning app's service."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from core import clock
from governance.models import AuditEntry, Membership, OrganisationUnit, User
from portfolio.budgets.models import BudgetCycle
from portfolio.models import Asset
from tests.governance.factories import open_meeting_with_item
from tests.portfolio.factories import AssetFactory

pytestmark = pytest.mark.django_db

# persona: models they open in the admin (changelist names)
OPENS = {
    "cito": ["portfolio_project", "governance_decision", "budgets_budgetsubmission"],
    "pmo": ["portfolio_asset", "governance_meeting", "portfolio_project", "reports_reportrun"],
    "budget.reviewer": [
        "budgets_budgetcycle",
        "budgets_budgetsubmission",
        "staffing_staffinground",
    ],
    "portal.admin": ["governance_body", "governance_membership", "governance_user"],
}
# persona: models whose admin they may not open (403)
CLOSED = {
    "pmo": ["governance_notification", "survey_response", "governance_user"],
    "budget.reviewer": ["portfolio_project", "governance_decision"],
    "portal.admin": ["portfolio_project", "budgets_budgetsubmission"],
    "cito": ["survey_answer", "apitokens_apitoken"],
}


@pytest.mark.parametrize("username", sorted(OPENS))
def test_each_role_opens_its_models_in_the_admin(client, personas, username):
    client.force_login(personas[username])
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert "permission to view or edit anything" not in index.content.decode()
    for name in OPENS[username]:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
    for name in CLOSED.get(username, []):
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 403, name


def test_records_that_must_not_change_stay_read_only(client, personas):
    item = open_meeting_with_item(personas, present=("km.chair", "km.member", "cito"))
    from governance import services

    services.vote_cast(item=item, voter=personas["km.member"], choice="for")
    decision = services.vote_close_and_decide(
        item=item, actor=personas["km.chair"], outcome="approved"
    )
    client.force_login(personas["cito"])
    url = reverse("admin:governance_decision_change", args=[decision.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"rationale": "Changed"}).status_code == 403
    client.force_login(personas["pmo"])
    asset = AssetFactory()
    delete = reverse("admin:portfolio_asset_delete", args=[asset.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Asset.objects.filter(pk=asset.pk).exists()


def test_ending_a_membership_in_the_admin_goes_through_the_service(client, personas):
    member = personas["km.member"]
    membership = Membership.objects.get(user=member, body__code="km-steering")
    client.force_login(personas["portal.admin"])
    yesterday = clock.today() - datetime.timedelta(days=1)
    response = client.post(
        reverse("admin:governance_membership_change", args=[membership.pk]),
        {"end": yesterday.isoformat()},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end == yesterday
    assert AuditEntry.objects.get(action="membership.end").actor == personas["portal.admin"]
    member = User.objects.get(pk=member.pk)
    assert not member.has_perm("governance.vote_in_body", membership.body)


def test_the_admin_cannot_reopen_or_rewrite_a_membership(client, personas):
    membership = Membership.objects.get(user=personas["km.chair"], body__code="km-steering")
    client.force_login(personas["portal.admin"])
    client.post(
        reverse("admin:governance_membership_change", args=[membership.pk]),
        {"end": "", "role": "member", "votes": "on"},
    )
    membership.refresh_from_db()
    assert membership.role == "chair" and membership.end is None


def test_an_asset_edited_and_retired_in_the_admin_is_audited(client, personas):
    asset = AssetFactory()
    client.force_login(personas["pmo"])
    url = reverse("admin:portfolio_asset_change", args=[asset.pk])
    response = client.post(
        url,
        {
            "name": "Renamed in the admin",
            "kind": asset.kind,
            "description": "",
            "owner_unit": asset.owner_unit_id,
            "programme": asset.programme_id,
            "lifecycle": "sunsetting",
            "annual_running_cost": "10000",
            "projectasset_set-TOTAL_FORMS": "0",
            "projectasset_set-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    asset.refresh_from_db()
    assert (asset.name, asset.lifecycle) == ("Renamed in the admin", "sunsetting")
    assert AuditEntry.objects.filter(action="asset.update", object_id=str(asset.pk)).exists()
    client.post(
        reverse("admin:portfolio_asset_changelist"),
        {"action": "retire", ACTION_CHECKBOX_NAME: [str(asset.pk)]},
    )
    asset.refresh_from_db()
    assert asset.is_retired
    assert AuditEntry.objects.filter(action="asset.retire", object_id=str(asset.pk)).exists()


def test_a_budget_cycle_opened_in_the_admin_tells_the_chiefs(client, personas):
    client.force_login(personas["budget.reviewer"])
    today = clock.today()
    response = client.post(
        reverse("admin:budgets_budgetcycle_add"),
        {
            "code": "2033-2034",
            "name": "Biennium 2033-2034",
            "first_year": 2033,
            "last_year": 2034,
            "opens_on": today.isoformat(),
            "closes_on": (today + datetime.timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302
    cycle = BudgetCycle.objects.get(code="2033-2034")
    assert AuditEntry.objects.filter(action="budget_cycle.open", object_id=str(cycle.pk))
    assert personas["chief.nairobi"].notifications.filter(subject__contains="2033-2034")


def test_the_citos_admin_permissions_follow_the_office(personas):
    from governance.administration import services as structure

    old, new = personas["cito"], personas["staff"]
    assert User.objects.get(pk=old.pk).has_perm("portfolio.view_project")
    assert not User.objects.get(pk=new.pk).has_perm("portfolio.view_project")
    structure.unit_update(
        unit=OrganisationUnit.objects.get(code="oict"), chief=new, actor=personas["portal.admin"]
    )
    assert not User.objects.get(pk=old.pk).has_perm("portfolio.view_project")
    assert User.objects.get(pk=new.pk).has_perm("portfolio.view_project")


def test_an_initiatives_rank_is_read_only_in_the_admin(client, django_user_model):
    """Only the Executive Committee's "prioritised" decision ranks an initiative
    (``portfolio.initiatives``): the admin shows the rank and the decision, never a field."""
    from programmes.models import Initiative

    initiative = Initiative.objects.order_by("pk").first()
    admin = django_user_model.objects.create_superuser("root.admin", "root@example.org", "x")
    client.force_login(admin)
    page = client.get(reverse("admin:programmes_initiative_change", args=[initiative.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="name"' in html  # the descriptive fields stay editable
    assert 'name="priority_rank"' not in html
    assert 'name="priority_decision"' not in html
