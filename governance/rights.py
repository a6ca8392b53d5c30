"""The one rights policy: who may decide, vote on, give an opinion on, or see a subject.

Every caller (HTML views, the REST API, the admin, Celery tasks, other apps' services) asks
these functions; nobody re-derives rights from memberships. Rights exist only while a
membership is current, and only a body with decision rights ever decides.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from core import clock

from . import roles, subjects
from .choices import MembershipRole, Rights
from .models import Membership, OrganisationUnit


class RightsError(PermissionError):
    """Raised by ``check_*`` functions; its message is safe to show the user."""


def deciding_body(subject):
    """Which body decides ``subject`` now (``None`` when no decision is pending)."""
    return subjects.deciding_body(subject)


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
    return subjects.is_visible_to(subject, user)


def can_see_motion(user, motion):
    """Motions are part of the governance record; their proposer sees them too."""
    return can_read_governance(user) or motion.proposed_by_id == user.pk


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
            or roles.is_portal_admin(user)
            or roles.has_role(user, roles.API_CLIENTS)
            or bool(current_seats(user))
        )
        user._reads_governance = cached
    return cached


def can_administer_structure(user):
    """Keep the governance structure: bodies (mandate, composition, cadence, decision rule),
    memberships, organisation units and users. OICT Strategic Management's portal
    administrators do it; nobody else, whatever their seat on a body."""
    return (
        getattr(user, "is_authenticated", False) and user.is_active and roles.is_portal_admin(user)
    )


def can_view_structure(user):
    """Read the administration pages (membership history, units, users): the administrators
    and the CITO, who sees everything (para 38)."""
    return can_administer_structure(user) or roles.is_cito(user)


def check_administer_structure(user):
    if not can_administer_structure(user):
        raise RightsError(_("Only a portal administrator may change the governance structure."))


#: What a decision's reader may see of it (``decision_access``).
FULL = "full"
REDACTED = "redacted"


def decision_access(user, decision):
    """The one visibility rule of a decision and its record, for pages, the API, exports and
    whatever embeds a decision: ``FULL`` for whoever may read the governance register;
    ``REDACTED`` for a party to the decided subject (its proponent, project manager, unit
    chief) who may not: the outcome, tallies and rationale, without names, attendance,
    recusal reasons, opinions or minutes (``redact_provenance``); ``None`` for anyone else
    (the decision does not exist for them)."""
    if can_read_governance(user):
        return FULL
    subject = decision.subject
    if subject is not None and can_see(user, subject) and subjects.is_party_to(subject, user):
        return REDACTED
    return None


def subject_record_access(user, subject):
    """The same rule for the decisions and opinions shown beside a subject."""
    if can_read_governance(user):
        return FULL
    if can_see(user, subject) and subjects.is_party_to(subject, user):
        return REDACTED
    return None


#: The parts of a decision's provenance a party (``REDACTED``) sees as they are.
PARTY_SEES = ("subject", "meeting", "item", "quorum")


def redact_provenance(provenance):
    """A decision's provenance as a party sees it: the counts, never who or what was said."""
    provenance = provenance or {}
    shown = {key: provenance[key] for key in PARTY_SEES if key in provenance}
    votes = provenance.get("votes") or []
    shown["votes"] = []
    shown["vote_counts"] = {
        choice: sum(1 for vote in votes if vote.get("choice") == choice)
        for choice in sorted({vote.get("choice") for vote in votes if vote.get("choice")})
    }
    shown["recusals"] = []
    shown["recusal_count"] = len(provenance.get("recusals") or [])
    shown["attendance"] = []
    opinions = provenance.get("opinions") or []
    shown["opinions"] = []
    shown["opinion_count"] = len(opinions)
    shown["minutes"] = ""
    shown["redacted"] = True
    return shown


#: What a party sees of the subject's records behind a decision (``subjects.RECORD_KEYS``):
#: what happened and when, with its link; never who, nor the checklist or the comments.
RECORD_PARTY_SEES = (
    "id",
    "at",
    "url",
    "outcome",
    "outcome_label",
    "version",
    "from",
    "from_label",
    "to",
    "to_label",
)
RECORD_WITHHELD = {"by": None, "checklist": [], "comments": "", "comment": ""}


def redact_record(records):
    """The subject's records behind a decision (``subjects.provenance_of``) as a party sees
    them (``decision_access`` is ``REDACTED``)."""
    shown = {}
    for key, entry in (records or {}).items():
        if entry is None:
            shown[key] = None
            continue
        kept = {name: value for name, value in entry.items() if name in RECORD_PARTY_SEES}
        withheld = {name: value for name, value in RECORD_WITHHELD.items() if name in entry}
        shown[key] = kept | withheld
    return shown


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
    if current_membership(user, body, clock.today()) is None:
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


# --------------------------------------------------------------------------- unit figures
# Who prepares an ICT unit's figures (its budget submissions and staffing returns): the unit's
# chief and the delegates the chief names (``BudgetDelegate``).


def preparer_units(user):
    """The units whose figures ``user`` prepares: as chief or as delegate."""
    if not getattr(user, "is_authenticated", False):
        return OrganisationUnit.objects.none()
    return OrganisationUnit.objects.filter(
        Q(chief=user) | Q(budget_delegates__user=user)
    ).distinct()


def preparer_unit_ids(user):
    # Cached on the user object (one request's user): menus and pages ask several times.
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


def _current_memberships(user):
    return Membership.objects.current().filter(user=user)


def current_seats(user):
    """``user``'s memberships in force today, with their bodies: one query per request.

    Pages ask many questions of the same seats (any body? an advisory one? the Executive
    Committee?); they read this list, cached on the request's user, instead of one query each.
    Services checking a right before a write read the database (``current_membership``).
    """
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_current_seats", None)
    if cached is None:
        cached = list(
            _current_memberships(user)
            .select_related("body", "body__programme")
            .order_by("body__pk", "role", "pk")
        )
        user._current_seats = cached
    return cached


def holds_seat(user, *, kind=None, rights=None, votes=None):
    """Whether one of ``user``'s current seats is on a body of this kind and rights."""
    return any(
        (kind is None or seat.body.kind == kind)
        and (rights is None or seat.body.rights == rights)
        and (votes is None or seat.votes == votes)
        for seat in current_seats(user)
    )
