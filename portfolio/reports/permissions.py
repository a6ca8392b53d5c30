"""Who may read quarterly reports and who may ask for one.

Readers: the PMO and the CITO (they see everything), current members of the decision bodies
(the Executive Committee receives the report; steering committees own its programmes), OICT
budget reviewers (the report consolidates budgets) and REST clients (dashboards). Advisory
bodies, local ICT chiefs, proponents and staff at large do not: the report carries every
proposal and every unit's budget. Only the PMO asks for a report (it prepares it).
"""

from governance import rights, roles
from governance.choices import Rights


def _decision_body_member(user):
    cache = getattr(user, "_reports_decision_member", None)
    if cache is None:
        cache = rights.holds_seat(user, rights=Rights.DECISION)
        user._reports_decision_member = cache
    return cache


def can_read_reports(user):
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        rights.sees_everything(user)
        or roles.is_budget_reviewer(user)
        or roles.has_role(user, roles.API_CLIENTS)
        or _decision_body_member(user)
    )


def can_request_reports(user):
    return getattr(user, "is_authenticated", False) and roles.is_pmo(user)
