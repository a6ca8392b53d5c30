"""The one rights policy: who may decide, vote on, give an opinion on, or see a subject.

Every caller (HTML views, the REST API, the admin, Celery tasks, other apps' services) asks
these functions; nobody re-derives rights from memberships. Rights exist only while a
membership is current, and only a body with decision rights ever decides.
"""
from django.utils import timezone
from django.utils.translation import gettext as _

from . import roles
from .choices import MembershipRole, Rights
from .models import Membership


class RightsError(PermissionError):
    """Raised by ``check_*`` functions; its message is safe to show the user."""


def deciding_body(subject):
    """Which body decides ``subject`` now (``None`` when no decision is pending)."""
    return subject.get_deciding_body()


def current_membership(user, body, on=None):
    if not getattr(user, "is_authenticated", False) or body is None:
        return None
    return (
        Membership.objects.current(on)
        .filter(user=user, body=body)
        .order_by("role")
        .first()
    )


def can_vote(user, subject=None, *, body=None, on=None):
    body = body or (deciding_body(subject) if subject is not None else None)
    if body is None or body.rights != Rights.DECISION:
        return False
    membership = current_membership(user, body, on)
    return membership is not None and membership.votes


def can_decide(user, subject=None, *, body=None, on=None):
    """Whether ``user`` may close the vote and record the body's decision (its chair)."""
    body = body or (deciding_body(subject) if subject is not None else None)
    if body is None or body.rights != Rights.DECISION:
        return False
    membership = current_membership(user, body, on)
    return membership is not None and membership.role in {
        MembershipRole.CHAIR,
        MembershipRole.VICE_CHAIR,
    }


def can_give_opinion(user, subject=None, *, on=None):
    """Members of advisory bodies give opinions on anything they may see."""
    if subject is not None and not can_see(user, subject):
        return False
    return (
        Membership.objects.current(on)
        .filter(user=user, body__rights=Rights.ADVISORY)
        .exists()
    )


def can_see(user, subject):
    if not getattr(user, "is_authenticated", False):
        return False
    return subject.is_visible_to(user)


def sees_everything(user):
    """The CITO and PMO see every governance record (para 38)."""
    return roles.is_pmo(user) or roles.is_cito(user)


def check_vote(user, subject=None, *, body=None):
    body = body or deciding_body(subject)
    if not can_vote(user, subject, body=body):
        raise RightsError(_refusal(user, body, _("vote on")))


def check_decide(user, subject=None, *, body=None):
    body = body or deciding_body(subject)
    if not can_decide(user, subject, body=body):
        raise RightsError(_refusal(user, body, _("record a decision on")))


def check_give_opinion(user, subject=None):
    if not can_give_opinion(user, subject):
        raise RightsError(
            _("Only current members of an advisory body may give an opinion on this item.")
        )


def _refusal(user, body, action):
    if body is None:
        return _("No body has this item before it, so no one may %(action)s it now.") % {
            "action": action
        }
    if body.rights == Rights.ADVISORY:
        return _("%(body)s has advisory rights only: its members cannot %(action)s items.") % {
            "body": body,
            "action": action,
        }
    if current_membership(user, body, timezone.localdate()) is None:
        return _("You are not a current member of %(body)s, so you cannot %(action)s this item.") % {
            "body": body,
            "action": action,
        }
    return _("Your membership of %(body)s does not allow you to %(action)s this item.") % {
        "body": body,
        "action": action,
    }
