"""Organisation roles that are not body memberships, held as Django groups.

Rights that come from a governance body (deciding, voting, giving an opinion) are never held
here: they follow current memberships (see ``governance.rights``).
"""

from django.utils.translation import gettext_lazy as _

PMO_OFFICERS = "PMO officers"
BUDGET_REVIEWERS = "OICT budget reviewers"
ICT_CHIEFS = "Local ICT chiefs"
API_CLIENTS = "REST clients"
#: OICT Strategic Management staff who keep the governance structure: bodies, memberships,
#: organisation units and users (the portal's administration area).
PORTAL_ADMINS = "Portal administrators"

#: Not a role anyone is given: whoever leads OICT (``is_cito``) holds this group's model
#: permissions in the Django admin (``governance.backends.RoleModelBackend``).
CITO_PERMISSIONS = "Chief Information Technology Officer"

ROLE_LABELS = {
    PMO_OFFICERS: _("PMO officer"),
    BUDGET_REVIEWERS: _("OICT budget reviewer"),
    ICT_CHIEFS: _("Local ICT chief"),
    API_CLIENTS: _("REST client"),
    PORTAL_ADMINS: _("Portal administrator"),
}


def has_role(user, role):
    if not user.is_authenticated:
        return False
    # Cached on the user object so a page asking several times runs one query.
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return role in cache


def managed_roles(user):
    """The roles among ``ROLE_LABELS`` that ``user`` holds (read afresh, not cached)."""
    return set(user.groups.filter(name__in=ROLE_LABELS).values_list("name", flat=True))


def is_pmo(user):
    return has_role(user, PMO_OFFICERS)


def is_budget_reviewer(user):
    return has_role(user, BUDGET_REVIEWERS)


def is_portal_admin(user):
    return has_role(user, PORTAL_ADMINS)


def is_cito(user):
    from .models import OrganisationUnit

    if not user.is_authenticated:
        return False
    # Cached on the user object, like the role names: pages ask several times.
    cached = getattr(user, "_is_cito", None)
    if cached is None:
        cached = OrganisationUnit.objects.filter(code="oict", chief=user).exists()
        user._is_cito = cached
    return cached
