"""Who plans and who reads scenarios.

OICT prepares the Executive Committee's portfolio decisions (para 38): the PMO and the CITO
write scenarios; the Executive Committee's members read those put before them and decided.
"""

from governance import rights, roles
from governance.choices import BodyKind


def can_plan(user):
    """Write scenarios and run the frontier: the PMO and the CITO."""
    return getattr(user, "is_authenticated", False) and (roles.is_pmo(user) or roles.is_cito(user))


def is_executive_member(user):
    if not getattr(user, "is_authenticated", False):
        return False
    return rights.holds_seat(user, kind=BodyKind.EXECUTIVE_COMMITTEE)


def can_read_plans(user):
    """See the planning pages at all: planners and the Executive Committee's members."""
    return can_plan(user) or is_executive_member(user)


def can_see_drafts(user):
    return can_plan(user) or rights.sees_everything(user)


def executive_committee():
    from governance.models import Body

    return Body.objects.filter(kind=BodyKind.EXECUTIVE_COMMITTEE).first()


def can_propose_rebalancing(user, body=None):
    """Put a rebalancing of the envelopes before the Executive Committee: whoever prepares
    its business (its chair, vice-chair or secretary, and the PMO)."""
    body = body or executive_committee()
    return rights.can_manage_meetings(user, body)
