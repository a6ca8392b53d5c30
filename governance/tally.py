"""The decision rule: whether a body's votes carry a motion, and which outcomes they allow.

One place for the rule that pages, the REST API, the admin, written procedures and the demo
data all meet through ``governance.services.vote_close_and_decide``:

- "approved" and "prioritised" are recorded only when the tally carries the motion under the
  body's rule (``Body.decision_rule``);
- "rejected" is refused when the tally carries it;
- the procedural outcomes (deferred, returned for more information) are open whatever the
  tally, but need a rationale.

The rules count the votes cast for and against; abstentions are not votes cast:

- simple majority: more votes for than against;
- two thirds: at least two thirds of the votes cast are for;
- consensus: at least one vote for and none against.

Every refusal names the rule and the tally.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import (
    CARRIED_OUTCOMES,
    PROCEDURAL_OUTCOMES,
    DecisionRule,
    Outcome,
    VoteChoice,
)


@dataclass(frozen=True)
class Tally:
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0

    @classmethod
    def of(cls, votes):
        """The tally of ``votes`` (``Vote`` rows, or anything with a ``choice``)."""
        choices = [vote.choice for vote in votes]
        return cls(
            votes_for=choices.count(VoteChoice.FOR),
            votes_against=choices.count(VoteChoice.AGAINST),
            abstentions=choices.count(VoteChoice.ABSTAIN),
        )

    @property
    def cast(self):
        return self.votes_for + self.votes_against

    def carries(self, rule):
        """Whether the motion is carried under ``rule``."""
        if rule == DecisionRule.CONSENSUS:
            return self.votes_for > 0 and self.votes_against == 0
        if rule == DecisionRule.TWO_THIRDS:
            return self.votes_for > 0 and 3 * self.votes_for >= 2 * self.cast
        return self.votes_for > self.votes_against

    def __str__(self):
        return _("%(for)s for, %(against)s against, %(abstaining)s") % {
            "for": self.votes_for,
            "against": self.votes_against,
            "abstaining": ngettext("%(n)s abstention", "%(n)s abstentions", self.abstentions)
            % {"n": self.abstentions},
        }


def rule_label(rule):
    return str(DecisionRule(rule).label) if rule in DecisionRule.values else str(rule)


def verdict(rule, tally):
    """A sentence: what the tally gives under the rule."""
    values = {"rule": rule_label(rule).lower(), "tally": tally}
    if tally.carries(rule):
        return _("Under the rule of %(rule)s, the tally (%(tally)s) carries the motion.") % values
    return _("Under the rule of %(rule)s, the tally (%(tally)s) does not carry the motion.") % (
        values
    )


def suggested_outcome(rule, tally, outcomes):
    """The outcome the tally gives among ``outcomes`` (the subject's possible ones): approved
    (or prioritised where approval is not offered) when carried, rejected otherwise; ``None``
    when the subject offers neither."""
    wanted = (
        [Outcome.APPROVED, Outcome.PRIORITISED]
        if tally.carries(rule)
        else [Outcome.REJECTED, Outcome.DEFERRED]
    )
    return next((outcome for outcome in wanted if outcome in outcomes), None)


def ordered_outcomes(rule, tally, outcomes):
    """``outcomes`` with the one the tally gives first, then those it allows, then the rest."""
    first = suggested_outcome(rule, tally, outcomes)
    allowed = [o for o in outcomes if o != first and outcome_allowed(rule, tally, o)]
    refused = [o for o in outcomes if o != first and o not in allowed]
    return ([first] if first else []) + allowed + refused


def outcome_allowed(rule, tally, outcome):
    if outcome in CARRIED_OUTCOMES:
        return tally.carries(rule)
    if outcome == Outcome.REJECTED:
        return not tally.carries(rule)
    return True


def check_outcome(rule, tally, outcome, rationale=""):
    """Refuse (``ValidationError``) an outcome the tally contradicts under ``rule``, or a
    procedural outcome without a rationale. The message names the rule and the tally."""
    values = {
        "outcome": Outcome(outcome).label if outcome in Outcome.values else outcome,
        "rule": rule_label(rule).lower(),
        "tally": tally,
    }
    if outcome in CARRIED_OUTCOMES and not tally.carries(rule):
        raise ValidationError(
            _(
                "“%(outcome)s” is refused: under the rule of %(rule)s, the tally (%(tally)s) "
                "does not carry the motion."
            )
            % values,
            code="not_carried",
        )
    if outcome == Outcome.REJECTED and tally.carries(rule):
        raise ValidationError(
            _(
                "“%(outcome)s” is refused: under the rule of %(rule)s, the tally (%(tally)s) "
                "carries the motion."
            )
            % values,
            code="carried",
        )
    if outcome in PROCEDURAL_OUTCOMES and not (rationale or "").strip():
        raise ValidationError(
            _(
                "“%(outcome)s” is a procedural outcome: give the rationale (under the rule of "
                "%(rule)s, the tally is %(tally)s)."
            )
            % values,
            code="rationale",
        )
