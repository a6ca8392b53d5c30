"""Issue 11, "the Executive Committee decides priorities" (para 49(i)): it ranks the strategy's
initiatives (a "prioritised" decision with a rank, carried by its votes under its rule) as it
ranks major projects; the rank shows on the initiative's and the programme's pages and drives
the order of the prioritisation page."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core import clock
from governance import rights
from governance import services as gov
from governance.choices import DecisionRule, Outcome, VoteChoice
from governance.models import AgendaItem, Body, Decision
from portfolio import services
from portfolio.choices import ProjectState
from programmes.models import Initiative
from tests.governance.factories import EXECUTIVE_VOTERS, executive_session, executive_vote
from tests.portfolio.factories import draft, walk
from tests.testing.api import token_client
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db

#: who prepares the Executive Committee's business: its secretary (the PMO) and its chair
PROPOSERS = {"pmo", "dsg"}


def executive():
    return Body.objects.get(code="executive-committee")


def session(personas, present=EXECUTIVE_VOTERS):
    return executive_session(personas, "Priorities", present)


def initiative(code=None):
    qs = Initiative.objects.order_by("programme__order", "order")
    return qs.get(code=code) if code else qs.first()


def before_the_committee(personas, target=None, rank=2, meeting=None):
    return services.initiative_ranking_propose(
        initiative=target or initiative(),
        actor=personas["pmo"],
        rank=rank,
        meeting=meeting or session(personas),
    )


vote = executive_vote


# --------------------------------------------------------------------------- the service


def test_the_chair_records_prioritised_with_a_rank_on_an_initiative(personas):
    target = initiative()
    item = before_the_committee(personas, target)
    assert item.notes == "Proposed rank 2."
    vote(personas, item, VoteChoice.FOR, VoteChoice.FOR)
    decision = gov.vote_close_and_decide(
        item=item, actor=personas["dsg"], outcome=Outcome.PRIORITISED, rank=2
    )
    target.refresh_from_db()
    assert (target.priority_rank, target.priority_decision_id) == (2, decision.pk)
    assert (decision.outcome, decision.rank, decision.body.code) == (
        "prioritised",
        2,
        "executive-committee",
    )
    assert decision.subject_version_label == f"initiative {target.code}, not ranked"
    assert decision.provenance["decision_rule"]["carried"] is True
    # a later ranking supersedes: the rank follows the latest decision
    item = before_the_committee(personas, target, rank=1)
    vote(personas, item, VoteChoice.FOR, VoteChoice.FOR)
    later = gov.vote_close_and_decide(
        item=item, actor=personas["dsg"], outcome=Outcome.PRIORITISED, rank=1
    )
    target.refresh_from_db()
    assert (target.priority_rank, target.priority_decision_id) == (1, later.pk)


def test_the_tally_must_carry_the_ranking_under_the_committees_rule(personas):
    target = initiative()
    item = before_the_committee(personas, target)
    vote(personas, item, VoteChoice.FOR, VoteChoice.AGAINST)
    with pytest.raises(ValidationError, match="(?i)simple majority"):
        gov.vote_close_and_decide(
            item=item, actor=personas["dsg"], outcome=Outcome.PRIORITISED, rank=1
        )
    with pytest.raises(ValidationError, match="rationale"):
        gov.vote_close_and_decide(item=item, actor=personas["dsg"], outcome=Outcome.DEFERRED)
    gov.vote_close_and_decide(
        item=item, actor=personas["dsg"], outcome=Outcome.REJECTED, rationale="Split."
    )
    target.refresh_from_db()
    assert target.priority_rank is None


def test_consensus_is_refused_with_one_vote_against(personas):
    Body.objects.filter(pk=executive().pk).update(decision_rule=DecisionRule.CONSENSUS)
    item = before_the_committee(personas)
    vote(personas, item, VoteChoice.FOR, VoteChoice.AGAINST)
    with pytest.raises(ValidationError, match="(?i)consensus"):
        gov.vote_close_and_decide(
            item=item, actor=personas["dsg"], outcome=Outcome.PRIORITISED, rank=3
        )


def test_a_rank_is_required_and_quorum_holds(personas):
    item = before_the_committee(personas, meeting=session(personas, present=()))
    with pytest.raises(ValidationError, match="Give a rank"):
        gov.vote_close_and_decide(item=item, actor=personas["dsg"], outcome=Outcome.PRIORITISED)
    with pytest.raises(ValidationError, match="No quorum"):
        gov.vote_close_and_decide(
            item=item, actor=personas["dsg"], outcome=Outcome.PRIORITISED, rank=1
        )
    assert initiative().priority_rank is None


def test_other_bodies_and_other_members_cannot_rank_an_initiative(personas):
    km = gov.meeting_create(
        body=Body.objects.get(code="km-steering"),
        title="KM",
        starts_at=clock.now(),
        actor=personas["pmo"],
    )
    with pytest.raises(ValidationError, match="does not decide"):
        gov.agenda_item_add(
            meeting=km, kind="decision", subject=initiative(), actor=personas["pmo"]
        )
    with pytest.raises(ValidationError, match="meeting of the Executive Committee"):
        services.initiative_ranking_propose(
            initiative=initiative(), actor=personas["pmo"], rank=1, meeting=km
        )
    for who in ("km.chair", "cito", "usg.management", "advisor"):
        with pytest.raises(rights.RightsError):
            services.initiative_ranking_propose(
                initiative=initiative(), actor=personas[who], rank=1, meeting=session(personas)
            )
    item = before_the_committee(personas)
    vote(personas, item, VoteChoice.FOR, VoteChoice.FOR)
    for who in ("usg.management", "km.chair", "cito"):
        with pytest.raises(rights.RightsError):
            gov.vote_close_and_decide(
                item=item, actor=personas[who], outcome=Outcome.PRIORITISED, rank=1
            )
    assert not Decision.objects.filter(item=item).exists()


def test_one_open_item_per_initiative(personas):
    before_the_committee(personas)
    with pytest.raises(ValidationError):
        before_the_committee(personas)


def test_a_ranking_by_written_procedure(personas):
    target = initiative()
    item = services.initiative_ranking_propose(
        initiative=target,
        actor=personas["pmo"],
        rank=4,
        deadline=clock.now() + datetime.timedelta(days=3),
    )
    vote(personas, item, VoteChoice.FOR, VoteChoice.FOR)
    gov.written_procedure_close(
        item=item, actor=personas["dsg"], outcome=Outcome.PRIORITISED, rank=4
    )
    target.refresh_from_db()
    assert target.priority_rank == 4


# --------------------------------------------------------------------------- pages and API


class TestPutARankingBeforeTheCommittee(PersonaAccessMixin):
    allowed = PROPOSERS
    allowed_status = 302
    method = "post"

    def get_url(self, personas):
        return reverse("portfolio:initiative_rank", args=[initiative().code])

    def get_data(self, personas):
        return {"rank": 1, "meeting": session(personas).pk, "deadline": ""}


def test_the_page_puts_the_ranking_on_the_agenda_and_the_chair_decides_it(client, personas):
    target = initiative()
    meeting = session(personas)
    client.force_login(personas["pmo"])
    page = client.get(target.get_absolute_url()).content.decode()
    assert "Not ranked by the Executive Committee yet." in page
    assert reverse("portfolio:initiative_rank", args=[target.code]) in page
    response = client.post(
        reverse("portfolio:initiative_rank", args=[target.code]),
        {"rank": 2, "meeting": meeting.pk},
    )
    item = AgendaItem.objects.get(meeting=meeting, object_id=target.pk)
    assert response["Location"] == reverse("governance:item", args=[item.pk])
    # on the agenda now: the form gives way to the item
    page = client.get(target.get_absolute_url()).content.decode()
    assert reverse("governance:item", args=[item.pk]) in page
    assert reverse("portfolio:initiative_rank", args=[target.code]) not in page
    vote(personas, item, VoteChoice.FOR, VoteChoice.FOR)
    client.force_login(personas["dsg"])
    item_page = client.get(reverse("governance:item", args=[item.pk])).content.decode()
    assert 'value="prioritised"' in item_page
    data = {f"item{item.pk}-outcome": "prioritised", f"item{item.pk}-rank": "2"}
    response = client.post(reverse("governance:vote_close_and_decide", args=[item.pk]), data)
    assert response.status_code == 200 and "This cannot be undone" in response.content.decode()
    response = client.post(
        reverse("governance:vote_close_and_decide", args=[item.pk]), {**data, "confirmed": "1"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    decision = Decision.objects.get(item=item)
    assert target.priority_rank == 2
    for url in (target.get_absolute_url(), target.programme.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Rank 2" in page, url
    page = client.get(target.get_absolute_url()).content.decode()
    assert reverse("governance:decision", args=[decision.pk]) in page


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"rank": "x", "meeting": "M"},
        {"rank": "0", "meeting": "M"},
        {"rank": "1", "meeting": "999999"},
        {"rank": "1", "meeting": "nope"},
        {"rank": "1"},
        {"rank": "1", "meeting": "M", "deadline": "2030-01-01T10:00"},
        {"rank": "1", "deadline": "2001-01-01T10:00"},
        {"rank": "1", "deadline": "yesterday"},
    ],
)
def test_bad_input_is_refused_with_a_message(client, personas, data):
    meeting = session(personas)
    data = {k: (str(meeting.pk) if v == "M" else v) for k, v in data.items()}
    client.force_login(personas["pmo"])
    target = initiative()
    response = client.post(reverse("portfolio:initiative_rank", args=[target.code]), data)
    assert response.status_code == 302 and response["Location"] == target.get_absolute_url()
    assert not AgendaItem.objects.filter(object_id=target.pk, content_type__model="initiative")
    assert client.post(reverse("portfolio:initiative_rank", args=["nowhere"])).status_code == 404


def test_the_chair_ranks_an_initiative_through_the_api(personas):
    target = initiative()
    item = before_the_committee(personas, target)
    base = f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}"
    for voter in ("dsg", "usg.management"):
        response = token_client(personas[voter]).post(f"{base}/votes/", {"choice": "for"})
        assert response.status_code == 201
    refused = token_client(personas["usg.management"]).post(
        f"{base}/decide/", {"outcome": "prioritised", "rank": 3}
    )
    assert refused.status_code == 403
    response = token_client(personas["dsg"]).post(
        f"{base}/decide/", {"outcome": "prioritised", "rank": 3}
    )
    assert response.status_code == 201, response.json()
    assert response.json()["subject"] == {"type": "programmes.initiative", "id": target.pk}
    listed = token_client(personas["staff"]).get(f"/api/v1/initiatives/{target.pk}/").json()
    assert (listed["priority_rank"], listed["priority_decision_id"]) == (
        3,
        response.json()["id"],
    )


def test_the_committees_ranks_drive_the_prioritisation_page(client, personas):
    first, second = Initiative.objects.filter(programme__code="knowledge").order_by("order")[:2]
    projects = {}
    for target, title in ((first, "Under the first"), (second, "Under the second")):
        project = draft(personas, title=title, cost=Decimal(10_000), initiative=target.code)
        projects[title] = walk(project, personas, ProjectState.WITH_STEERING_COMMITTEE)
    client.force_login(personas["km.chair"])
    url = reverse("portfolio:prioritisation", args=["knowledge"])
    page = client.get(url).content.decode()
    assert page.index("Under the first") < page.index("Under the second")
    item = before_the_committee(personas, second, rank=1)
    vote(personas, item, VoteChoice.FOR, VoteChoice.FOR)
    gov.vote_close_and_decide(item=item, actor=personas["dsg"], outcome="prioritised", rank=1)
    page = client.get(url).content.decode()
    assert page.index("Under the second") < page.index("Under the first")
    assert "Rank 1" in page
