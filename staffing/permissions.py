"""Who may run the staffing rounds. (Reporting a unit's staff follows budget preparation:
``governance.rights.can_prepare``.)"""

from governance import roles


def can_manage_rounds(user):
    """OICT's Strategic Management (its budget reviewers) calls units for their staff figures."""
    return getattr(user, "is_authenticated", False) and roles.is_budget_reviewer(user)
