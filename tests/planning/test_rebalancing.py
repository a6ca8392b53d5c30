"""Issue 11, "the Executive Committee rebalances" (para 49(j)): the rebalancing page shows, per
programme and year, the envelope (and the decision that set it), the money committed, the
money awaiting a decision and the headroom; whoever prepares the committee's business proposes
ONE rebalancing that sets every programme's envelope for a year; the committee decides it by
its usual vote, quorum and rule, and its approval sets every envelope in one transaction."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core import clock
from governance import rights
from governance import services as gov
from governance.choices import Outcome, VoteChoice
from governance.models import Body, Decision
from planning import services
from planning.choices import ScenarioKind, ScenarioState
from planning.models import Scenario
from portfolio.choices import EnvelopeState, ProjectState
from portfolio.models import ResourceEnvelope
from programmes.models import Programme
from tests.governance.factories import executive_session, executive_vote
from tests.portfolio.factories import draft, walk
from tests.portfolio.test_committee import meeting_with
from tests.testing.api import ApiPersonaAccessMixin, token_client
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db

YEAR = 2026
READERS = {"pmo", "cito", "dsg", "usg.management"}
#: who prepares the Executive Committee's business: its secretary (the PMO) and its chair
PROPOSERS = {"pmo", "dsg"}


@pytest.fixture(autouse=True)
def _in_2026():
    # The factories' business cases cost money in 2026; a rebalancing sets this year or later.
    with clock.travel(datetime.datetime(YEAR, 9, 1, 9, tzinfo=datetime.UTC)):
        yield


def programmes():
    return {p.code: p for p in Programme.objects.all()}


def set_envelope(code, amount, year=YEAR):
    return ResourceEnvelope.objects.create(
        programme=Programme.objects.get(code=code),
        year=year,
        amount=Decimal(amount),
        state=EnvelopeState.SET,
    )


def amounts(**by_code):
    found = programmes()
    values = {code: Decimal(0) for code in found}
    values.update({code: Decimal(v) for code, v in by_code.items()})
    return {found[code]: amount for code, amount in values.items()}


def executive_meeting(personas):
    return executive_session(personas, "Rebalancing session")


def propose(personas, actor="pmo", meeting=None, **by_code):
    return services.rebalancing_propose(
        actor=personas[actor],
        year=YEAR,
        amounts=amounts(**by_code),
        rationale="Move money to the highest priorities.",
        meeting=meeting or executive_meeting(personas),
    )


vote = executive_vote


def in_force(code, year=YEAR):
    return (
        ResourceEnvelope.objects.filter(programme__code=code, year=year, state=EnvelopeState.SET)
        .order_by("-pk")
        .first()
    )


# --------------------------------------------------------------------------- the service


def test_one_decision_sets_every_programmes_envelope_for_the_year(personas):
    set_envelope("knowledge", 100_000)
    item = propose(personas, knowledge=700_000, resource=5_000_000, infrastructure=2_000_000)
    scenario = item.subject
    assert (scenario.kind, scenario.state) == (
        ScenarioKind.REBALANCING,
        ScenarioState.BEFORE_COMMITTEE,
    )
    # Nothing changes before the committee decides.
    assert in_force("knowledge").amount == 100_000 and in_force("resource") is None
    vote(personas, item, VoteChoice.FOR, VoteChoice.FOR)
    decision = gov.vote_close_and_decide(
        item=item, actor=personas["dsg"], outcome=Outcome.APPROVED, rationale="Rebalanced."
    )
    assert {code: in_force(code).amount for code in programmes()} == {
        "knowledge": Decimal("700000.00"),
        "resource": Decimal("5000000.00"),
        "infrastructure": Decimal("2000000.00"),
    }
    # ... all by the one decision, recorded with its votes, quorum and provenance.
    assert {in_force(code).decision_id for code in programmes()} == {decision.pk}
    assert (decision.votes_for, decision.votes_against, decision.quorum_present) == (2, 0, 2)
    assert decision.provenance["decision_rule"]["carried"] is True
    scenario.refresh_from_db()
    assert (scenario.state, scenario.decision_id) == (ScenarioState.PUBLISHED, decision.pk)


def test_the_envelope_binds_until_the_rebalancing_raises_it(personas):
    """Acceptance 2 through the rebalancing: USD 100,000 envelope, a USD 650,000 project."""
    set_envelope("knowledge", 100_000)
    project = walk(
        draft(personas, title="Knowledge graph", cost=Decimal(650_000)),
        personas,
        ProjectState.WITH_STEERING_COMMITTEE,
    )
    km_item = meeting_with(project, personas)
    with pytest.raises(ValidationError, match="short by USD 550,000"):
        gov.vote_close_and_decide(item=km_item, actor=personas["km.chair"], outcome="approved")
    item = propose(personas, knowledge=700_000, resource=1_000_000, infrastructure=1_000_000)
    vote(personas, item, VoteChoice.FOR, VoteChoice.FOR)
    gov.vote_close_and_decide(item=item, actor=personas["dsg"], outcome=Outcome.APPROVED)
    gov.vote_close_and_decide(item=km_item, actor=personas["km.chair"], outcome="approved")
    project.refresh_from_db()
    assert project.state == ProjectState.APPROVED


def test_approval_is_refused_on_a_tie_and_rejection_keeps_the_envelopes(personas):
    set_envelope("knowledge", 100_000)
    item = propose(personas, knowledge=900_000)
    vote(personas, item, VoteChoice.FOR, VoteChoice.AGAINST)
    with pytest.raises(ValidationError, match="(?i)simple majority"):
        gov.vote_close_and_decide(item=item, actor=personas["dsg"], outcome=Outcome.APPROVED)
    assert in_force("knowledge").amount == 100_000
    gov.vote_close_and_decide(
        item=item, actor=personas["dsg"], outcome=Outcome.REJECTED, rationale="Not now."
    )
    assert in_force("knowledge").amount == 100_000
    assert item.subject.__class__.objects.get(pk=item.object_id).state == ScenarioState.NOT_ADOPTED


def test_without_quorum_or_by_a_member_who_is_not_the_chair_nothing_is_decided(personas):
    meeting = gov.meeting_create(
        body=Body.objects.get(code="executive-committee"),
        title="Empty room",
        starts_at=clock.now(),
        actor=personas["pmo"],
    )
    gov.meeting_open(meeting=meeting, actor=personas["pmo"])
    item = propose(personas, meeting=meeting, knowledge=900_000)
    with pytest.raises(ValidationError, match="No quorum"):
        gov.vote_close_and_decide(item=item, actor=personas["dsg"], outcome=Outcome.APPROVED)
    with pytest.raises(rights.RightsError):
        gov.vote_close_and_decide(
            item=item, actor=personas["usg.management"], outcome=Outcome.APPROVED
        )
    with pytest.raises(rights.RightsError):
        gov.vote_close_and_decide(item=item, actor=personas["km.chair"], outcome="approved")
    assert in_force("knowledge") is None and not Decision.objects.filter(item=item).exists()


def test_a_rebalancing_by_written_procedure(personas):
    item = services.rebalancing_propose(
        actor=personas["pmo"],
        year=YEAR + 1,
        amounts=amounts(knowledge=1, resource=2, infrastructure=3),
        rationale="Between sessions.",
        deadline=clock.now() + datetime.timedelta(days=7),
    )
    assert item.meeting.is_written_procedure
    vote(personas, item, VoteChoice.FOR, VoteChoice.FOR)
    gov.written_procedure_close(item=item, actor=personas["dsg"], outcome=Outcome.APPROVED)
    assert [in_force(code, YEAR + 1).amount for code in ("knowledge", "resource")] == [1, 2]


@pytest.mark.parametrize(
    "change, message",
    [
        ({"year": YEAR - 1}, "sets the envelopes of 2026 to 2030"),
        ({"year": YEAR + 5}, "sets the envelopes of 2026 to 2030"),
        ({"amounts": {"knowledge": -1}}, "between USD 0 and"),
        ({"amounts": {"knowledge": 10**10 + 1}}, "between USD 0 and"),
        ({"amounts": {"knowledge": None}}, "every programme"),
        ({"rationale": "  "}, "Say why"),
        ({"amounts": {"knowledge": 100_000, "resource": 0, "infrastructure": 0}}, "nothing to"),
    ],
)
def test_the_proposal_is_checked(personas, change, message):
    set_envelope("knowledge", 100_000)
    for code in ("resource", "infrastructure"):
        set_envelope(code, 0)
    values = amounts(knowledge=200_000)
    found = programmes()
    for code, amount in change.get("amounts", {}).items():
        values[found[code]] = None if amount is None else Decimal(amount)
    with pytest.raises(ValidationError, match=message):
        services.rebalancing_propose(
            actor=personas["pmo"],
            year=change.get("year", YEAR),
            amounts=values,
            rationale=change.get("rationale", "Why."),
            meeting=executive_meeting(personas),
        )
    assert not Scenario.objects.exists()


def test_one_rebalancing_of_a_year_at_a_time_and_only_by_who_prepares_the_committee(personas):
    propose(personas, knowledge=1)
    with pytest.raises(ValidationError, match="already before the Executive Committee"):
        propose(personas, knowledge=2)
    for who in ("cito", "usg.management", "km.chair", "proponent"):
        with pytest.raises(services.PlanningPermissionError):
            services.rebalancing_check(
                actor=personas[who], year=YEAR + 1, amounts=amounts(knowledge=1), rationale="x"
            )
    # the chair prepares the committee's business too
    services.rebalancing_check(
        actor=personas["dsg"], year=YEAR + 1, amounts=amounts(knowledge=1), rationale="x"
    )
    # a steering committee's meeting is not the Executive Committee's
    km = gov.meeting_create(
        body=Body.objects.get(code="km-steering"),
        title="KM",
        starts_at=clock.now(),
        actor=personas["pmo"],
    )
    with pytest.raises(ValidationError, match="meeting of the Executive Committee"):
        services.rebalancing_propose(
            actor=personas["pmo"],
            year=YEAR + 1,
            amounts=amounts(knowledge=1),
            rationale="x",
            meeting=km,
        )


# --------------------------------------------------------------------------- the page


class TestEnvelopesPage(PersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return reverse("planning:envelopes")


class TestProposeRebalancing(PersonaAccessMixin):
    """Posting a valid proposal answers with the confirmation page (nothing is written yet)."""

    allowed = PROPOSERS
    method = "post"

    def get_url(self, personas):
        return reverse("planning:envelopes")

    def get_data(self, personas):
        return form_data(personas)


def form_data(personas, meeting=None, **by_code):
    meeting = meeting or executive_meeting(personas)
    data = {
        "year": YEAR,
        "rationale": "Move money to the highest priorities.",
        "meeting": meeting.pk,
        "deadline": "",
        "propose": "1",
    }
    for code in programmes():
        data[f"amount_{code}"] = str(by_code.get(code, 500_000))
    return data


def test_the_page_shows_envelope_decision_committed_awaiting_and_a_shortfall_in_words(
    client, personas
):
    item = propose(personas, knowledge=100_000, resource=3_000_000)
    vote(personas, item, VoteChoice.FOR, VoteChoice.FOR)
    decision = gov.vote_close_and_decide(item=item, actor=personas["dsg"], outcome="approved")
    # approved and in delivery: committed; then a committee approves beyond the envelope
    # (the envelope was cut after the approval)
    project = walk(
        draft(personas, title="Records", cost=Decimal(90_000)),
        personas,
        ProjectState.WITH_STEERING_COMMITTEE,
    )
    gov.vote_close_and_decide(
        item=meeting_with(project, personas), actor=personas["km.chair"], outcome="approved"
    )
    set_envelope("knowledge", 40_000)
    walk(
        draft(personas, title="Pending", cost=Decimal(250_000), programme="resource"),
        personas,
        ProjectState.ENDORSED,
    )
    client.force_login(personas["usg.management"])
    page = client.get(reverse("planning:envelopes")).content.decode()
    assert "Envelopes for 2026 (USD)" in page
    assert reverse("governance:decision", args=[decision.pk]) in page
    assert "Shortfall: USD 50,000 committed beyond the envelope" in page
    assert "USD 3,000,000 left" in page and "250,000" in page
    assert "None: only the Executive Committee approves" in page  # infrastructure
    # no form for a member who does not prepare the committee's business
    assert 'name="propose"' not in page


def test_the_form_is_prefilled_with_the_envelopes_in_force(client, personas):
    set_envelope("knowledge", 123_456, year=YEAR + 1)
    client.force_login(personas["pmo"])
    page = client.get(reverse("planning:envelopes") + f"?year={YEAR + 1}").content.decode()
    assert 'name="amount_knowledge"' in page and 'value="123456.00"' in page


def test_the_proposal_is_confirmed_before_it_goes_to_the_committee(client, personas):
    set_envelope("knowledge", 100_000)
    # a project committed beyond the proposed amount: the confirmation says so
    project = walk(draft(personas, cost=Decimal(80_000)), personas, "with_steering_committee")
    gov.vote_close_and_decide(
        item=meeting_with(project, personas), actor=personas["km.chair"], outcome="approved"
    )
    client.force_login(personas["pmo"])
    url = reverse("planning:envelopes")
    data = form_data(personas, knowledge=50_000)
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "This cannot be undone" in page
    assert "USD 100,000 → USD 50,000" in page and "a shortfall of USD 30,000" in page
    assert not Scenario.objects.exists()
    response = client.post(url, {**data, "confirmed": "1"})
    scenario = Scenario.objects.get()
    item = gov.open_item_of(scenario)
    assert response.status_code == 302 and response["Location"] == reverse(
        "governance:item", args=[item.pk]
    )
    assert {e.programme.code: e.amount for e in scenario.envelopes.all()}["knowledge"] == 50_000
    assert in_force("knowledge").amount == 100_000  # until the committee decides
    # the chair then decides it on the item's page, as any item
    vote(personas, item, VoteChoice.FOR, VoteChoice.FOR)
    client.force_login(personas["dsg"])
    response = client.post(
        reverse("governance:vote_close_and_decide", args=[item.pk]),
        {f"item{item.pk}-outcome": "approved", f"item{item.pk}-rationale": "", "confirmed": "1"},
    )
    assert response.status_code == 302
    assert in_force("knowledge").amount == 50_000


@pytest.mark.parametrize(
    "change",
    [
        {"amount_knowledge": "-5"},
        {"amount_knowledge": "abc"},
        {"amount_knowledge": "1e20"},
        {"amount_knowledge": ""},
        {"year": "1990"},
        {"year": "²"},
        {"meeting": "x"},
        {"meeting": "999999"},
        {"meeting": "", "deadline": ""},
        {"deadline": "2026-12-24T10:00"},
        {"meeting": "", "deadline": "2020-01-01T10:00"},
        {"meeting": "", "deadline": "not a date"},
        {"rationale": ""},
    ],
)
def test_bad_input_is_refused_with_a_message_never_a_500(client, personas, change):
    client.force_login(personas["pmo"])
    data = {**form_data(personas), **change, "confirmed": "1"}
    response = client.post(reverse("planning:envelopes"), data)
    assert response.status_code in (400, 409), change
    assert not Scenario.objects.exists()


def test_bad_years_in_the_address_give_the_default_table(client, personas):
    client.force_login(personas["cito"])
    for query in (
        "?first_year=x",
        "?first_year=2030&last_year=2020",
        "?first_year=2020&last_year=2040",
        "?year=²",
    ):
        response = client.get(reverse("planning:envelopes") + query)
        assert response.status_code == 200, query
    page = client.get(reverse("planning:envelopes") + "?first_year=2027&last_year=2028")
    assert "Envelopes for 2028 (USD)" in page.content.decode()


def test_the_page_runs_a_constant_number_of_queries(client, personas):
    client.force_login(personas["pmo"])
    url = reverse("planning:envelopes")

    def grow():
        for index in range(3):
            project = walk(
                draft(personas, title=f"Project {index}", cost=Decimal(10_000)),
                personas,
                ProjectState.ENDORSED,
            )
            set_envelope("resource", 1_000 + index)
            assert project.state == ProjectState.ENDORSED
        propose(personas, knowledge=5)

    count = assert_constant_queries(client, url, grow)
    assert count <= 20


# --------------------------------------------------------------------------- the API


class TestEnvelopeTableApi(ApiPersonaAccessMixin):
    allowed = READERS

    def get_url(self, personas):
        return "/api/v1/planning/envelopes/"


def test_the_api_gives_the_table(personas):
    set_envelope("knowledge", 100_000)
    client = token_client(personas["usg.management"])
    response = client.get(f"/api/v1/planning/envelopes/?first_year={YEAR}&last_year={YEAR}")
    assert response.status_code == 200
    body = response.json()
    row = next(r for r in body["rows"] if r["programme"] == "knowledge")
    assert (body["years"], row["envelope"], row["committed"], row["headroom"]) == (
        [YEAR],
        "100000.00",
        "0.00",
        "100000.00",
    )
    for query in ("?first_year=x", "?first_year=2030&last_year=2020", "?last_year=99999"):
        assert client.get("/api/v1/planning/envelopes/" + query).status_code == 400, query


def test_the_api_runs_a_constant_number_of_queries(personas):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = token_client(personas["pmo"])
    url = "/api/v1/planning/envelopes/"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for index in range(3):
        walk(draft(personas, title=f"P{index}", cost=Decimal(1_000)), personas, "submitted")
        set_envelope("infrastructure", 10 + index)
    propose(personas, knowledge=5)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(before) == len(after)
