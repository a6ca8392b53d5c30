"""Who may review and see ICT budgets. Services, selectors and views ask here.

Who prepares a unit's budget (its chief and delegates) is the organisation's:
``governance.rights.preparer_units``, shared with staffing returns."""

from governance import rights, roles

EXECUTIVE_COMMITTEE = "executive-committee"


def can_review(user):
    return roles.is_budget_reviewer(user)


def can_manage_cycles(user):
    """OICT's budget reviewers run the budget cycles (open, due date, close)."""
    return can_review(user)


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
    # The request's seats, read once for every question a page asks of them.
    return any(seat.body.code == EXECUTIVE_COMMITTEE for seat in rights.current_seats(user))
