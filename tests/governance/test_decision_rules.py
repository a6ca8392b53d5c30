"""Issue 11, acceptance 1: a recorded decision never contradicts its tally under the body's
decision rule, on the service, the decide page (with its confirmation), the REST API, the
admin, written procedures and the demo data."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.choices import DecisionRule, Outcome, VoteChoice
from governance.forms import DecisionForm
from governance.models import Body, Decision
from governance.tally import Tally, check_outcome, suggested_outcome
from tests.testing.api import token_client

from .factories import MotionFactory, open_meeting_with_item

pytestmark = pytest.mark.django_db

KM_VOTERS = ("km.chair", "km.member", "cito")
RULES = list(DecisionRule.values)
F, A, X = VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN

# (rule, votes of km.chair, km.member, cito) that do NOT carry the motion
NOT_CARRIED = [
    (DecisionRule.SIMPLE_MAJORITY, (F, A, X)),  # a tie: 1-1
    (DecisionRule.SIMPLE_MAJORITY, (A, A, X)),  # losing: 0-2
    (DecisionRule.SIMPLE_MAJORITY, (X, X, X)),  # no vote cast
    (DecisionRule.TWO_THIRDS, (F, A, X)),  # a tie
    (DecisionRule.TWO_THIRDS, (F, A, A)),  # losing: 1-2
    (DecisionRule.CONSENSUS, (F, A, X)),  # a tie
    (DecisionRule.CONSENSUS, (F, F, A)),  # one vote against
]
# ... and that do
CARRIED = [
    (DecisionRule.SIMPLE_MAJORITY, (F, F, A)),
    (DecisionRule.SIMPLE_MAJORITY, (F, X, X)),
    (DecisionRule.TWO_THIRDS, (F, F, A)),
    (DecisionRule.CONSENSUS, (F, F, X)),
]


def with_rule(rule, code="km-steering"):
    Body.objects.filter(code=code).update(decision_rule=rule)


def voted_item(personas, rule, choices):
    with_rule(rule)
    item = open_meeting_with_item(personas, present=KM_VOTERS)
    for username, choice in zip(KM_VOTERS, choices, strict=True):
        services.vote_cast(item=item, voter=personas[username], choice=choice)
    return item


def record(item, personas, outcome, **kwargs):
    return services.vote_close_and_decide(
        item=item, actor=personas["km.chair"], outcome=outcome, **kwargs
    )


# --------------------------------------------------------------------------- the rule itself


@pytest.mark.parametrize(
    ("rule", "tally", "carried"),
    [
        ("simple_majority", Tally(2, 1, 0), True),
        ("simple_majority", Tally(1, 1, 3), False),
        ("simple_majority", Tally(0, 0, 2), False),
        ("two_thirds", Tally(2, 1, 0), True),
        ("two_thirds", Tally(3, 2, 0), False),
        ("two_thirds", Tally(4, 2, 5), True),
        ("consensus", Tally(5, 0, 2), True),
        ("consensus", Tally(5, 1, 0), False),
        ("consensus", Tally(0, 0, 3), False),
    ],
)
def test_the_rule_counts_the_votes_cast(rule, tally, carried):
    assert tally.carries(rule) is carried


def test_the_outcome_offered_first_is_the_one_the_tally_gives():
    outcomes = list(Outcome.values)
    assert suggested_outcome("simple_majority", Tally(2, 0, 0), outcomes) == Outcome.APPROVED
    assert suggested_outcome("simple_majority", Tally(1, 1, 0), outcomes) == Outcome.REJECTED
    form = DecisionForm(earlier=[], outcomes=outcomes, rule="consensus", tally=Tally(3, 1, 0))
    choices = [value for value, _label in form.fields["outcome"].choices]
    assert choices[0] == Outcome.REJECTED and form.fields["outcome"].initial == Outcome.REJECTED
    form = DecisionForm(earlier=[], outcomes=outcomes, rule="consensus", tally=Tally(3, 0, 1))
    assert form.fields["outcome"].initial == Outcome.APPROVED


def test_every_refusal_names_the_rule_and_the_tally():
    with pytest.raises(ValidationError) as error:
        check_outcome("two_thirds", Tally(3, 2, 1), Outcome.APPROVED)
    message = error.value.messages[0]
    assert "two thirds of the votes cast" in message
    assert "3 for, 2 against, 1 abstention" in message


# --------------------------------------------------------------------------- the service


@pytest.mark.parametrize(("rule", "choices"), NOT_CARRIED)
@pytest.mark.parametrize("outcome", [Outcome.APPROVED, Outcome.PRIORITISED])
def test_approval_is_refused_unless_the_tally_carries_it(personas, rule, choices, outcome):
    item = voted_item(personas, rule, choices)
    with pytest.raises(ValidationError, match="does not carry the motion"):
        record(item, personas, outcome, rank=1)
    assert not Decision.objects.filter(item=item).exists()
    item.subject.refresh_from_db()
    assert item.subject.state == "before_body"
    # the tally gives a rejection: that is recorded
    assert record(item, personas, Outcome.REJECTED).outcome == Outcome.REJECTED


@pytest.mark.parametrize(("rule", "choices"), CARRIED)
def test_rejection_is_refused_when_the_tally_carries_approval(personas, rule, choices):
    item = voted_item(personas, rule, choices)
    with pytest.raises(ValidationError, match="carries the motion"):
        record(item, personas, Outcome.REJECTED)
    assert not Decision.objects.filter(item=item).exists()
    assert record(item, personas, Outcome.APPROVED).outcome == Outcome.APPROVED


def test_consensus_is_refused_with_one_vote_against(personas):
    item = voted_item(personas, DecisionRule.CONSENSUS, (F, F, A))
    with pytest.raises(ValidationError, match=r"consensus.*2 for, 1 against"):
        record(item, personas, Outcome.APPROVED)


@pytest.mark.parametrize("outcome", [Outcome.DEFERRED, Outcome.RETURNED])
@pytest.mark.parametrize("rule", RULES)
def test_a_procedural_outcome_needs_a_rationale(personas, outcome, rule):
    item = voted_item(personas, rule, (F, F, F))
    with pytest.raises(ValidationError, match="give the rationale"):
        record(item, personas, outcome, rationale="   ")
    decision = record(item, personas, outcome, rationale="Wait for the PMO's costing.")
    assert decision.outcome == outcome
    assert decision.provenance["decision_rule"]["rule"] == rule


def test_a_written_procedure_follows_the_same_rule(personas):
    with_rule(DecisionRule.CONSENSUS)
    item = services.written_procedure_open(
        body=Body.objects.get(code="km-steering"),
        subject=MotionFactory(),
        deadline=timezone.now() + datetime.timedelta(days=3),
        actor=personas["pmo"],
    )
    for username, choice in zip(KM_VOTERS, (F, F, A), strict=True):
        services.vote_cast(item=item, voter=personas[username], choice=choice)
    with pytest.raises(ValidationError, match="consensus"):
        services.written_procedure_close(
            item=item, actor=personas["km.chair"], outcome=Outcome.APPROVED
        )
    decision = services.written_procedure_close(
        item=item, actor=personas["km.chair"], outcome=Outcome.REJECTED
    )
    assert (decision.votes_for, decision.votes_against) == (2, 1)


# --------------------------------------------------------------------------- the decide page


def decide_url(item):
    return reverse("governance:vote_close_and_decide", args=[item.pk])


@pytest.mark.parametrize(("rule", "choices"), NOT_CARRIED[:2] + NOT_CARRIED[-1:])
def test_the_page_refuses_an_approval_the_tally_does_not_carry(client, personas, rule, choices):
    item = voted_item(personas, rule, choices)
    client.force_login(personas["km.chair"])
    response = client.post(
        decide_url(item), {f"item{item.pk}-outcome": "approved", "confirmed": "1"}, follow=True
    )
    page = response.content.decode()
    assert "does not carry the motion" in page and DecisionRule(rule).label.lower() in page
    assert not Decision.objects.exists()


def test_the_page_refuses_a_rejection_the_tally_carries(client, personas):
    item = voted_item(personas, DecisionRule.SIMPLE_MAJORITY, (F, F, A))
    client.force_login(personas["km.chair"])
    response = client.post(decide_url(item), {f"item{item.pk}-outcome": "rejected"}, follow=True)
    assert "carries the motion" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_page_refuses_a_deferral_without_rationale(client, personas):
    item = voted_item(personas, DecisionRule.SIMPLE_MAJORITY, (F, A, X))
    client.force_login(personas["km.chair"])
    response = client.post(decide_url(item), {f"item{item.pk}-outcome": "deferred"}, follow=True)
    assert "give the rationale" in response.content.decode()
    assert not Decision.objects.exists()


def test_the_page_offers_the_tally_outcome_first_and_asks_to_confirm(client, personas):
    item = voted_item(personas, DecisionRule.TWO_THIRDS, (F, F, A))
    client.force_login(personas["km.chair"])
    page = client.get(reverse("governance:item", args=[item.pk])).content.decode()
    assert "Two thirds of the votes cast" in page
    assert '<option value="approved" selected>' in page
    assert "the tally (2 for, 1 against, 0 abstentions) carries the motion" in page
    data = {f"item{item.pk}-outcome": "approved", f"item{item.pk}-rationale": "Agreed."}
    confirmation = client.post(decide_url(item), data)
    text = confirmation.content.decode()
    assert confirmation.status_code == 200 and not Decision.objects.exists()
    assert "This cannot be undone" in text and "Two thirds of the votes cast" in text
    assert "2 for, 1 against, 0 abstentions" in text and 'name="confirmed"' in text
    response = client.post(decide_url(item), {**data, "confirmed": "1"})
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("governance:item", args=[item.pk])
    assert (decision.outcome, decision.votes_for, decision.votes_against) == ("approved", 2, 1)


# --------------------------------------------------------------------------- the REST API


def api_decide(personas, item, **data):
    client = token_client(personas["km.chair"])
    return client.post(
        f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}/decide/", data, format="json"
    )


@pytest.mark.parametrize(("rule", "choices"), NOT_CARRIED)
def test_the_api_refuses_an_approval_the_tally_does_not_carry(personas, rule, choices):
    item = voted_item(personas, rule, choices)
    response = api_decide(personas, item, outcome="approved")
    assert response.status_code == 400
    assert "does not carry the motion" in str(response.json())
    assert not Decision.objects.exists()


@pytest.mark.parametrize(("rule", "choices"), CARRIED)
def test_the_api_refuses_a_rejection_the_tally_carries(personas, rule, choices):
    item = voted_item(personas, rule, choices)
    response = api_decide(personas, item, outcome="rejected")
    assert response.status_code == 400 and "carries the motion" in str(response.json())
    assert api_decide(personas, item, outcome="approved").status_code == 201


def test_the_api_refuses_a_procedural_outcome_without_rationale(personas):
    item = voted_item(personas, DecisionRule.CONSENSUS, (F, F, F))
    response = api_decide(personas, item, outcome="returned")
    assert response.status_code == 400 and "give the rationale" in str(response.json())
    assert api_decide(personas, item, outcome="returned", rationale="Costs?").status_code == 201


# --------------------------------------------------------------------------- the admin


def test_the_admin_refuses_an_approval_the_tally_does_not_carry(client, personas):
    from .test_admin import admin_user, run_action

    item = voted_item(personas, DecisionRule.SIMPLE_MAJORITY, (F, A, X))
    client.force_login(admin_user(personas["km.chair"]))
    response = run_action(client, "agendaitem", "decide_approved", [item.pk])
    assert "does not carry the motion" in response.content.decode()
    assert not Decision.objects.exists()
    response = run_action(client, "agendaitem", "decide_rejected", [item.pk])
    assert Decision.objects.get().outcome == Outcome.REJECTED


def test_the_decision_rule_is_kept_in_the_administration_area(client, personas):
    body = Body.objects.get(code="executive-committee")
    client.force_login(personas["portal.admin"])
    listing = client.get(reverse("administration:bodies")).content.decode()
    assert "Simple majority of the votes cast" in listing
    from governance.administration import services as structure

    structure.body_update(body=body, actor=personas["portal.admin"], decision_rule="consensus")
    body.refresh_from_db()
    assert body.decision_rule == DecisionRule.CONSENSUS
    page = client.get(reverse("governance:body", args=[body.code])).content.decode()
    assert "Consensus (no vote against)" in page


# --------------------------------------------------------------------------- the demo data


def test_no_demo_decision_contradicts_its_tally(personas, capsys):
    call_command("load_demo_data")
    capsys.readouterr()
    decisions = list(Decision.objects.select_related("body"))
    assert len(decisions) > 10
    for decision in decisions:
        tally = Tally(decision.votes_for, decision.votes_against, decision.abstentions)
        rule = decision.provenance["decision_rule"]["rule"]
        check_outcome(rule, tally, decision.outcome, decision.rationale)
        recorded = decision.provenance["votes"]
        assert Tally.of(type("V", (), {"choice": v["choice"]}) for v in recorded) == tally
