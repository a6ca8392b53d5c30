"""The strategy's initiatives as governance subjects: the Executive Committee ranks them
(para 49(i)), as it ranks major projects.

``programmes`` imports no other app, so an ``Initiative`` cannot name the body that decides it;
this app, which may import both, registers it (``portfolio/apps.py``) with the functions below
standing in for the subject interface's methods (``governance.subjects.register``). The rank
itself is kept on the initiative by ``programmes.services.initiative_priority_record``, called
from ``portfolio.services.initiative_apply_decision`` while the decision is recorded.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from governance import rights
from governance.choices import BodyKind, MeetingKind, MeetingState, Outcome
from governance.models import Body, Meeting

#: What the Executive Committee may decide on an initiative: rank it (carried by the tally
#: under its rule), refuse the proposed ranking, or defer it (with a rationale).
OUTCOMES = (Outcome.PRIORITISED, Outcome.REJECTED, Outcome.DEFERRED)


def executive_committee():
    return Body.objects.filter(kind=BodyKind.EXECUTIVE_COMMITTEE).first()


def deciding_body(initiative):
    """The Executive Committee ranks initiatives whenever one is put before it."""
    return executive_committee()


def decision_outcomes(initiative):
    return list(OUTCOMES)


def subject_version(initiative):
    """The initiative as ranked when put to the committee (its rank so far, if any)."""
    if initiative.priority_rank:
        label = _("initiative %(code)s, ranked %(rank)s") % {
            "code": initiative.code,
            "rank": initiative.priority_rank,
        }
    else:
        label = _("initiative %(code)s, not ranked") % {"code": initiative.code}
    return (str(label), initiative.pk)


def is_visible_to(initiative, user):
    """The strategy is open to every signed-in person."""
    return bool(getattr(user, "is_authenticated", False))


def can_propose_ranking(user, body=None):
    """Put an initiative's ranking before the Executive Committee: who prepares its business
    (its chair, vice-chair or secretary, and the PMO)."""
    body = body or executive_committee()
    return rights.can_manage_meetings(user, body)


def executive_meetings(user, body=None):
    """The Executive Committee's meetings (planned or open) ``user`` may put an item on."""
    body = body or executive_committee()
    if body is None or not rights.can_manage_meetings(user, body):
        return []
    return list(
        Meeting.objects.filter(body=body, kind=MeetingKind.MEETING)
        .exclude(state=MeetingState.CLOSED)
        .order_by("starts_at", "pk")
    )


def priority_section(initiative, user):
    """The initiative page's section: the Executive Committee's rank and the decision that
    set it, the item it stands on now, and for who prepares the committee's business the
    form putting a ranking before it (a fixed number of queries)."""
    from governance import services as governance_services

    body = executive_committee()
    open_item = governance_services.open_item_of(initiative)
    can_propose = body is not None and can_propose_ranking(user, body)
    return {
        "initiative": initiative,
        "body": body,
        "rank": initiative.priority_rank,
        "decision_url": reverse("governance:decision", args=[initiative.priority_decision_id])
        if initiative.priority_decision_id
        else "",
        "open_item": open_item,
        "open_item_url": reverse("governance:item", args=[open_item.pk]) if open_item else "",
        "meetings": executive_meetings(user, body) if can_propose and not open_item else [],
        "can_propose": can_propose and open_item is None,
    }
