"""Who may prepare, review and see ICT budgets. Services, selectors and views ask here."""

from django.db.models import Q

from governance import rights, roles
from governance.models import Membership, OrganisationUnit

EXECUTIVE_COMMITTEE = "executive-committee"


def preparer_units(user):
    """The units whose budget (and staffing returns) ``user`` prepares: as chief or delegate."""
    if not getattr(user, "is_authenticated", False):
        return OrganisationUnit.objects.none()
    return OrganisationUnit.objects.filter(
        Q(chief=user) | Q(budget_delegates__user=user)
    ).distinct()


def preparer_unit_ids(user):
    cache = getattr(user, "_budget_unit_ids", None)
    if cache is None:
        cache = set(preparer_units(user).values_list("pk", flat=True))
        if getattr(user, "is_authenticated", False):
            user._budget_unit_ids = cache
    return cache


def can_prepare(user, unit):
    return unit.pk in preparer_unit_ids(user)


def is_chief_of(user, unit):
    return getattr(user, "is_authenticated", False) and unit.chief_id == user.pk


def can_review(user):
    return roles.is_budget_reviewer(user)


def sees_all_budgets(user):
    """OICT budget reviewers, the PMO and the CITO see every unit's submission."""
    return can_review(user) or rights.sees_everything(user)


def can_see_consolidation(user):
    """The organisation-wide picture: budget staff, PMO, CITO, Executive Committee members, and
    REST clients (the portfolio dashboard pulls budgets as JSON)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if sees_all_budgets(user) or roles.has_role(user, roles.API_CLIENTS):
        return True
    return Membership.objects.current().filter(user=user, body__code=EXECUTIVE_COMMITTEE).exists()
