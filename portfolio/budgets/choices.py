"""The common budget template (categories, sources of funds) and the submission workflow."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    POSTS = "posts", _("Posts")
    OTHER_STAFF_COSTS = "other_staff_costs", _("Other staff costs")
    CONSULTANTS = "consultants", _("Consultants")
    CONTRACTUAL_SERVICES = "contractual_services", _("Contractual services")
    HARDWARE = "hardware", _("Hardware")
    SOFTWARE = "software", _("Software")
    COMMUNICATIONS = "communications", _("Communications")
    TRAINING = "training", _("Training")
    OTHER = "other", _("Other")


class Source(models.TextChoices):
    REGULAR_BUDGET = "regular_budget", _("Regular budget")
    SUPPORT_ACCOUNT = "support_account", _("Peacekeeping support account")
    EXTRABUDGETARY = "extrabudgetary", _("Extrabudgetary")
    OTHER = "other", _("Other")


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned with comments")
    RESUBMITTED = "resubmitted", _("Resubmitted")


class Action(models.TextChoices):
    """What an audit row records: every change to a submission is one of these."""

    CREATED = "created", _("Created")
    LINES_SAVED = "lines_saved", _("Lines saved")
    IMPORTED = "imported", _("Lines imported")
    SUBMIT = "submit", _("Submitted")
    START_REVIEW = "start_review", _("Review started")
    APPROVE = "approve", _("Approved")
    RETURN = "return", _("Returned with comments")
    RESUBMIT = "resubmit", _("Resubmitted")
    COMMENT = "comment", _("Commented")


class Actor(models.TextChoices):
    """Who may take a transition: the unit's preparers (chief, delegates) or the OICT reviewer."""

    PREPARER = "preparer", _("Unit chief or delegate")
    REVIEWER = "reviewer", _("OICT budget reviewer")


S = SubmissionState

#: action -> (states it may start from, state it leads to, who may take it)
TRANSITIONS = {
    Action.SUBMIT: ({S.DRAFT}, S.SUBMITTED, Actor.PREPARER),
    Action.RESUBMIT: ({S.RETURNED}, S.RESUBMITTED, Actor.PREPARER),
    Action.START_REVIEW: ({S.SUBMITTED, S.RESUBMITTED}, S.UNDER_REVIEW, Actor.REVIEWER),
    Action.APPROVE: ({S.SUBMITTED, S.RESUBMITTED, S.UNDER_REVIEW}, S.APPROVED, Actor.REVIEWER),
    Action.RETURN: ({S.SUBMITTED, S.RESUBMITTED, S.UNDER_REVIEW}, S.RETURNED, Actor.REVIEWER),
}

#: Only these states let the preparers change lines; an approved submission never changes.
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})
#: States waiting for the reviewer.
REVIEW_QUEUE_STATES = frozenset({S.SUBMITTED, S.RESUBMITTED, S.UNDER_REVIEW})
#: Transitions that need a comment (the reason for returning).
COMMENT_REQUIRED = frozenset({Action.RETURN})


def allowed_actions(state, actor_kind):
    return [
        action
        for action, (sources, _target, who) in TRANSITIONS.items()
        if state in sources and who == actor_kind
    ]


#: What the buttons say (the history says what happened, in Action's labels).
ACTION_VERBS = {
    Action.SUBMIT: _("Submit to OICT"),
    Action.RESUBMIT: _("Resubmit to OICT"),
    Action.START_REVIEW: _("Start the review"),
    Action.APPROVE: _("Approve"),
    Action.RETURN: _("Return with comments"),
}
