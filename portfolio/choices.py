"""Project states and THE table of allowed transitions.

Every transition is one row of ``TRANSITIONS``: its action name, the states it may start from,
the state it ends in, and who may take it. ``who`` names a rule in ``portfolio.permissions``
(``"proponent"``, ``"pmo"``, ``"cito"``, ...) or is ``COMMITTEE``: the transition is a governance
decision of the body before which the project stands (``governance.rights`` decides who may
record it, and it arrives through the governance subject registered in ``portfolio/apps.py``).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted to the PMO")
    RETURNED = "returned", _("Returned to the proponent")
    ACCEPTED = "accepted", _("Accepted by the PMO")
    ENDORSED = "endorsed", _("Endorsed by the CITO")
    WITH_STEERING_COMMITTEE = "with_steering_committee", _("With the steering committee")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")
    WITH_EXECUTIVE_COMMITTEE = "with_executive_committee", _("With the Executive Committee")
    IN_DELIVERY = "in_delivery", _("In delivery")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


S = ProjectState
COMMITTEE = "committee"
#: States in which the proponent may still edit the business case (a new version after a return).
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})
#: States before a governance body (a decision is pending).
COMMITTEE_STATES = frozenset({S.WITH_STEERING_COMMITTEE, S.WITH_EXECUTIVE_COMMITTEE})
CLOSED_STATES = frozenset({S.REJECTED, S.COMPLETED, S.CANCELLED})
#: States in which a project's money is committed (its approved cost): spend counts against it.
FUNDED_STATES = (S.APPROVED, S.IN_DELIVERY, S.COMPLETED)


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset
    target: str
    who: str
    #: whether the person must give a reason (shown in the timeline)
    needs_reason: bool = False

    @property
    def is_irreversible(self):
        """Whether the project ends in a closed state: pages ask to confirm first."""
        return self.target in CLOSED_STATES


TRANSITIONS = (
    Transition(
        "submit", _("Submit to the PMO"), frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED, "proponent"
    ),
    Transition(
        "pmo_return",
        _("Return to the proponent"),
        frozenset({S.SUBMITTED}),
        S.RETURNED,
        "pmo",
        needs_reason=True,
    ),
    Transition(
        "pmo_accept", _("Accept (PMO review passed)"), frozenset({S.SUBMITTED}), S.ACCEPTED, "pmo"
    ),
    Transition("cito_endorse", _("Endorse (CITO)"), frozenset({S.ACCEPTED}), S.ENDORSED, "cito"),
    Transition(
        "cito_return",
        _("Return to the proponent (CITO)"),
        frozenset({S.ACCEPTED}),
        S.RETURNED,
        "cito",
        needs_reason=True,
    ),
    Transition(
        "refer_to_steering_committee",
        _("Place before the steering committee"),
        frozenset({S.ENDORSED, S.DEFERRED}),
        S.WITH_STEERING_COMMITTEE,
        "secretariat",
    ),
    # Committee outcomes: recorded as governance decisions (the subject registered in apps.py).
    Transition(
        "committee_approve",
        _("Approve"),
        frozenset({S.WITH_STEERING_COMMITTEE, S.WITH_EXECUTIVE_COMMITTEE}),
        S.APPROVED,
        COMMITTEE,
    ),
    Transition(
        "committee_escalate",
        _("Approve and refer to the Executive Committee"),
        frozenset({S.WITH_STEERING_COMMITTEE}),
        S.WITH_EXECUTIVE_COMMITTEE,
        COMMITTEE,
    ),
    Transition(
        "committee_reject",
        _("Reject"),
        frozenset({S.WITH_STEERING_COMMITTEE, S.WITH_EXECUTIVE_COMMITTEE}),
        S.REJECTED,
        COMMITTEE,
        needs_reason=True,
    ),
    Transition(
        "committee_defer",
        _("Defer"),
        frozenset({S.WITH_STEERING_COMMITTEE, S.WITH_EXECUTIVE_COMMITTEE}),
        S.DEFERRED,
        COMMITTEE,
    ),
    Transition(
        "committee_return",
        _("Return for more information"),
        frozenset({S.WITH_STEERING_COMMITTEE, S.WITH_EXECUTIVE_COMMITTEE}),
        S.RETURNED,
        COMMITTEE,
        needs_reason=True,
    ),
    Transition(
        "start_delivery", _("Start delivery"), frozenset({S.APPROVED}), S.IN_DELIVERY, "delivery"
    ),
    Transition(
        "complete",
        _("Close as completed"),
        frozenset({S.IN_DELIVERY}),
        S.COMPLETED,
        "delivery",
        needs_reason=True,
    ),
    Transition(
        "withdraw",
        _("Withdraw the proposal"),
        frozenset({S.DRAFT, S.SUBMITTED, S.RETURNED}),
        S.CANCELLED,
        "proponent",
        needs_reason=True,
    ),
    Transition(
        "cancel",
        _("Cancel the project"),
        frozenset({S.ACCEPTED, S.ENDORSED, S.DEFERRED, S.APPROVED, S.IN_DELIVERY}),
        S.CANCELLED,
        "pmo",
        needs_reason=True,
    ),
)

TRANSITIONS_BY_ACTION = {t.action: t for t in TRANSITIONS}


def transition(action):
    return TRANSITIONS_BY_ACTION[action]


def is_allowed(action, source):
    t = TRANSITIONS_BY_ACTION.get(action)
    return t is not None and source in t.sources


class CostKind(models.TextChoices):
    ONE_TIME = "one_time", _("One-time")
    RECURRING = "recurring", _("Recurring")


class CostCategory(models.TextChoices):
    STAFF = "staff", _("Staff")
    CONTRACTUAL = "contractual", _("Contractual services")
    HARDWARE = "hardware", _("Hardware")
    SOFTWARE = "software", _("Software and licences")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class ReviewOutcome(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class Rag(models.TextChoices):
    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")


#: A symbol for each RAG value so a status never depends on colour alone.
RAG_SYMBOLS = {Rag.RED: "✖", Rag.AMBER: "▲", Rag.GREEN: "●"}


class Criterion(models.TextChoices):
    STRATEGIC_ALIGNMENT = "strategic_alignment", _("Strategic alignment")
    BENEFITS = "benefits", _("Benefits")
    RISK = "risk", _("Risk (higher score: lower risk)")
    COST = "cost", _("Cost (higher score: better value)")
    URGENCY = "urgency", _("Urgency")


DEFAULT_WEIGHTS = {
    Criterion.STRATEGIC_ALIGNMENT: 30,
    Criterion.BENEFITS: 25,
    Criterion.RISK: 15,
    Criterion.COST: 15,
    Criterion.URGENCY: 15,
}


class AssetKind(models.TextChoices):
    SYSTEM = "system", _("System")
    APPLICATION = "application", _("Application")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure")


class AssetLifecycle(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_SERVICE = "in_service", _("In service")
    SUNSETTING = "sunsetting", _("Being retired")
    RETIRED = "retired", _("Retired")


class AssetRelation(models.TextChoices):
    CREATES = "creates", _("Creates")
    REPLACES = "replaces", _("Replaces")


class EnvelopeState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed, before the Executive Committee")
    SET = "set", _("Set by the Executive Committee")
    REJECTED = "rejected", _("Not set (rejected)")
