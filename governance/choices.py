from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitKind(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    OFFICE = "office", _("Office")
    SERVICE = "service", _("Service")
    SECTION = "section", _("Section or unit")
    DEPARTMENT = "department", _("Department")
    OFFICE_AWAY = "office_away", _("Office away from headquarters")
    REGIONAL_COMMISSION = "regional_commission", _("Regional commission")
    TRIBUNAL = "tribunal", _("Tribunal")
    FIELD_MISSIONS = "field_missions", _("Field missions")
    OTHER = "other", _("Other")


class BodyKind(models.TextChoices):
    EXECUTIVE_COMMITTEE = "executive_committee", _("Executive committee")
    STEERING_COMMITTEE = "steering_committee", _("Steering committee")
    ADVISORY_GROUP = "advisory_group", _("Advisory group")
    MEMBER_STATE_GROUP = "member_state_group", _("Member-state working group")
    EXECUTIVE_OFFICERS = "executive_officers", _("Group of executive officers")
    LEADERSHIP_COUNCIL = "leadership_council", _("Leadership council")


class Rights(models.TextChoices):
    DECISION = "decision", _("Decision rights")
    ADVISORY = "advisory", _("Advisory rights")


class Cadence(models.TextChoices):
    QUARTERLY = "quarterly", _("Quarterly")
    REGULAR = "regular", _("Regularly, as needed")
    AS_NEEDED = "as_needed", _("As needed")
    SEVERAL_YEARLY = "several_yearly", _("Several times a year")


class QuorumRule(models.TextChoices):
    MAJORITY = "majority", _("A majority of the voting members")
    TWO_THIRDS = "two_thirds", _("Two thirds of the voting members")
    FIXED = "fixed", _("A fixed number of voting members")


class DecisionRule(models.TextChoices):
    """How a body's votes carry a motion (``governance.tally``): of the votes cast, abstentions
    not counted."""

    SIMPLE_MAJORITY = "simple_majority", _("Simple majority of the votes cast")
    TWO_THIRDS = "two_thirds", _("Two thirds of the votes cast")
    CONSENSUS = "consensus", _("Consensus (no vote against)")


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    MEMBER = "member", _("Member")
    EX_OFFICIO = "ex_officio", _("Ex officio member")
    SECRETARY = "secretary", _("Secretary")
    OBSERVER = "observer", _("Observer")


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")
    RETURNED = "returned", _("Returned for more information")
    PRIORITISED = "prioritised", _("Prioritised (ranked)")
    REFERRED = "referred", _("Referred to the Executive Committee")


#: Outcomes that the tally must carry under the body's decision rule.
CARRIED_OUTCOMES = frozenset({Outcome.APPROVED, Outcome.PRIORITISED})
#: Procedural outcomes: the tally is not decisive, but the body says why (a rationale).
PROCEDURAL_OUTCOMES = frozenset({Outcome.DEFERRED, Outcome.RETURNED, Outcome.REFERRED})


class Stance(models.TextChoices):
    SUPPORT = "support", _("Support")
    OPPOSE = "oppose", _("Oppose")
    CONCERNS = "concerns", _("Support with concerns")
    NO_VIEW = "no_view", _("No view")


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    WRITTEN_PROCEDURE = "written_procedure", _("Written procedure")


class MeetingState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    OPEN = "open", pgettext_lazy("state", "Open")
    CLOSED = "closed", pgettext_lazy("state", "Closed")


# The allowed meeting transitions: a closed meeting is locked for good.
MEETING_TRANSITIONS = {
    MeetingState.PLANNED: {MeetingState.OPEN, MeetingState.CLOSED},
    MeetingState.OPEN: {MeetingState.CLOSED},
    MeetingState.CLOSED: set(),
}


class AgendaItemKind(models.TextChoices):
    DECISION = "decision", _("For decision")
    DISCUSSION = "discussion", _("For discussion")
    INFORMATION = "information", _("For information")


class VoteChoice(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    ABSTAIN = "abstain", _("Abstain")


class MotionState(models.TextChoices):
    """A motion is before its body until decided; deferred or returned, it comes back."""

    BEFORE_BODY = "before_body", _("Before the body")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")
    RETURNED = "returned", _("Returned for more information")
    PRIORITISED = "prioritised", _("Prioritised")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: A motion in these states awaits its body's decision (deferred or returned, it comes back).
MOTION_PENDING_STATES = (MotionState.BEFORE_BODY, MotionState.DEFERRED, MotionState.RETURNED)

# The state a motion takes for each decision outcome.
MOTION_STATE_FOR_OUTCOME = {
    Outcome.APPROVED: MotionState.APPROVED,
    Outcome.REJECTED: MotionState.REJECTED,
    Outcome.DEFERRED: MotionState.DEFERRED,
    Outcome.RETURNED: MotionState.RETURNED,
    Outcome.PRIORITISED: MotionState.PRIORITISED,
}


class MotionTopic(models.TextChoices):
    POLICY = "policy", _("Policy")
    STRATEGY = "strategy", _("Strategy")
    RESOURCES = "resources", _("Resource allocation")
    PRIORITIES = "priorities", _("Priorities")
    OTHER = "other", _("Other")


class NotificationResolution(models.TextChoices):
    DONE = "done", _("Done")
    WITHDRAWN = "withdrawn", _("Withdrawn")
