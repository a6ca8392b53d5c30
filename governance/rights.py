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
    return Membership.objects.current(on).filter(user=user, body=body).order_by("role").first()


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
    return Membership.objects.current(on).filter(user=user, body__rights=Rights.ADVISORY).exists()


def can_see(user, subject):
    if not getattr(user, "is_authenticated", False):
        return False
    return subject.is_visible_to(user)


def sees_everything(user):
    """The CITO and PMO see every governance record (para 38)."""
    return roles.is_pmo(user) or roles.is_cito(user)


def can_read_governance(user):
    """Whether ``user`` may read the governance record at large (meetings' outcomes, the
    decisions register, motions): members of any body, the PMO and CITO, OICT budget
    reviewers and REST clients. Others see decisions only on subjects they may see."""
    if not getattr(user, "is_authenticated", False):
        return False
    # Cached on the user object (one request's user): menus and pages ask several times.
    cached = getattr(user, "_reads_governance", None)
    if cached is None:
        cached = (
            sees_everything(user)
            or roles.is_budget_reviewer(user)
            or roles.has_role(user, roles.API_CLIENTS)
            or _current_memberships(user).exists()
        )
        user._reads_governance = cached
    return cached


def can_see_body_business(user, body):
    """Meetings, agendas, votes and minutes of a body are part of the governance record:
    readable by whoever may read it (members of any body see what is before the others, so
    advisory members can advise on it)."""
    return body is not None and can_read_governance(user)


def can_manage_meetings(user, body):
    """Plan and run a body's meetings (agenda, attendance, opening, closing): its chair,
    vice-chair and secretary, and the PMO, which is the steering committees' secretariat."""
    if body is None or not getattr(user, "is_authenticated", False):
        return False
    if roles.is_pmo(user):
        return True
    membership = current_membership(user, body)
    return membership is not None and membership.role in {
        MembershipRole.CHAIR,
        MembershipRole.VICE_CHAIR,
        MembershipRole.SECRETARY,
    }


def can_write_minutes(user, body):
    """Minutes are written by the body's secretary (the PMO acts as secretariat)."""
    if body is None or not getattr(user, "is_authenticated", False):
        return False
    if roles.is_pmo(user):
        return True
    membership = current_membership(user, body)
    return membership is not None and membership.role == MembershipRole.SECRETARY


def can_declare_recusal(user, body):
    """Any current voting member may declare a conflict of interest on an item."""
    return can_vote(user, body=body)


def check_manage_meetings(user, body):
    if not can_manage_meetings(user, body):
        raise RightsError(
            _("Only the chair, vice-chair or secretary of %(body)s may run its meetings.")
            % {"body": body}
        )


def check_write_minutes(user, body):
    if not can_write_minutes(user, body):
        raise RightsError(
            _("Only the secretary of %(body)s may write its minutes.") % {"body": body}
        )


def check_declare_recusal(user, body):
    if not can_declare_recusal(user, body):
        raise RightsError(_refusal(user, body, _("declare a conflict of interest on")))


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
        message = _(
            "You are not a current member of %(body)s, so you cannot %(action)s this item."
        ) % {"body": body, "action": action}
        advisory = [
            str(m.body)
            for m in _current_memberships(user)
            .filter(body__rights=Rights.ADVISORY)
            .select_related("body")
        ]
        if advisory:
            message += " " + _(
                "%(bodies)s, of which you are a member, has advisory rights only: "
                "its members give opinions and never vote or decide."
            ) % {"bodies": ", ".join(advisory)}
        return message
    return _("Your membership of %(body)s does not allow you to %(action)s this item.") % {
        "body": body,
        "action": action,
    }


def _current_memberships(user):
    return Membership.objects.current().filter(user=user)
