"""Committee outcomes arrive as governance decisions that point to the exact version decided."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import rights
from governance import services as gov
from governance.choices import AgendaItemKind, Outcome, Stance, VoteChoice
from governance.models import Body, Decision
from portfolio import services
from portfolio.choices import EnvelopeState, ProjectState
from portfolio.models import ProjectTransition, ResourceEnvelope
from portfolio.prioritisation import ranked_list
from tests.governance.factories import vote_for
from tests.portfolio.factories import ample_envelopes, draft, walk

S = ProjectState
pytestmark = pytest.mark.django_db


def meeting_with(project, personas, body_code="km-steering", voters=("km.chair", "km.member")):
    body = Body.objects.get(code=body_code)
    meeting = gov.meeting_create(
        body=body, title="Session", actor=personas["pmo"], starts_at=timezone.now()
    )
    item = gov.agenda_item_add(
        meeting=meeting, kind=AgendaItemKind.DECISION, subject=project, actor=personas["pmo"]
    )
    gov.meeting_open(meeting=meeting, actor=personas["pmo"])
    gov.attendance_record(
        meeting=meeting, attendees=[personas[v] for v in voters], actor=personas["pmo"]
    )
    for voter in voters:
        gov.vote_cast(item=item, voter=personas[voter], choice=VoteChoice.FOR)
    return item


def returned_and_resubmitted(personas, **kwargs):
    project = walk(draft(personas, **kwargs), personas, S.RETURNED)
    services.business_case_save(
        project=project,
        actor=personas["proponent"],
        token=services.case_token(project.current_case()),
        fields={"scope": "Version two scope."},
    )
    services.project_submit(project=project, actor=personas["proponent"])
    project.refresh_from_db()
    return walk_from_submitted(project, personas)


def walk_from_submitted(project, personas):
    services.project_pmo_accept(
        project=project,
        actor=personas["pmo"],
        checklist={
            "complete": True,
            "compliant": True,
            "overlap_examined": True,
            "metrics_comparable": True,
        },
    )
    services.project_cito_endorse(project=project, actor=personas["cito"])
    services.project_refer_to_steering_committee(project=project, actor=personas["pmo"])
    project.refresh_from_db()
    return project


def test_the_steering_committee_decision_points_to_version_two(personas):
    project = returned_and_resubmitted(personas)
    v2 = project.decided_case()
    assert v2.number == 2
    ample_envelopes(project)
    item = meeting_with(project, personas)
    decision = gov.vote_close_and_decide(
        item=item, actor=personas["km.chair"], outcome=Outcome.APPROVED, rationale="Good value."
    )
    project.refresh_from_db()
    assert project.state == S.APPROVED
    assert decision.subject_version_pk == str(v2.pk)
    assert decision.subject_version_label == "business case v2"
    record = ProjectTransition.objects.filter(project=project).last()
    assert record.business_case == v2 and record.decision_id == decision.pk
    assert record.actor == personas["km.chair"] and record.reason == "Good value."


def test_a_major_project_approved_by_the_steering_committee_goes_to_the_executive_committee(
    personas,
):
    project = walk(draft(personas, cost=Decimal("2500000")), personas, S.WITH_STEERING_COMMITTEE)
    item = meeting_with(project, personas)
    gov.vote_close_and_decide(item=item, actor=personas["km.chair"], outcome=Outcome.APPROVED)
    project.refresh_from_db()
    assert project.state == S.WITH_EXECUTIVE_COMMITTEE
    item = meeting_with(project, personas, "executive-committee", ("dsg", "usg.management"))
    gov.vote_close_and_decide(item=item, actor=personas["dsg"], outcome=Outcome.APPROVED)
    project.refresh_from_db()
    assert project.state == S.APPROVED
    assert Decision.objects.for_subject(project).count() == 2


def test_an_advisor_gives_an_opinion_but_cannot_decide(personas):
    project = walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
    item = meeting_with(project, personas)
    gov.opinion_give(
        subject=project,
        author=personas["advisor"],
        stance=Stance.SUPPORT,
        text="Departments need this.",
    )
    with pytest.raises(rights.RightsError):
        gov.vote_close_and_decide(item=item, actor=personas["advisor"], outcome=Outcome.APPROVED)
    project.refresh_from_db()
    assert project.state == S.WITH_STEERING_COMMITTEE


def test_prioritisation_is_recorded_as_a_decision_with_a_rank(personas):
    project = walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
    item = meeting_with(project, personas)
    decision = gov.vote_close_and_decide(
        item=item, actor=personas["km.chair"], outcome=Outcome.PRIORITISED, rank=2
    )
    project.refresh_from_db()
    assert decision.rank == 2 and project.priority_rank == 2
    assert project.state == S.WITH_STEERING_COMMITTEE


def test_the_ranked_list_weighs_scores_and_counts_cost_against_the_envelope(personas):
    body = Body.objects.get(code="km-steering")
    a = walk(
        draft(personas, title="Alpha records", cost=Decimal("400000")),
        personas,
        S.WITH_STEERING_COMMITTEE,
    )
    b = walk(
        draft(personas, title="Beta portal", cost=Decimal("500000")),
        personas,
        S.WITH_STEERING_COMMITTEE,
    )
    services.criterion_weights_set(
        body=body,
        actor=personas["km.chair"],
        weights={"strategic_alignment": 50, "benefits": 50, "risk": 0, "cost": 0, "urgency": 0},
    )
    services.score_record(
        project=a, actor=personas["km.member"], scores={"strategic_alignment": 2, "benefits": 2}
    )
    services.score_record(
        project=b, actor=personas["km.member"], scores={"strategic_alignment": 5, "benefits": 3}
    )
    services.score_record(
        project=b, actor=personas["km.chair"], scores={"strategic_alignment": 3, "benefits": 3}
    )
    envelope = services.envelope_propose(
        programme=a.programme, year=2026, amount=Decimal("600000"), actor=personas["pmo"]
    )
    item = meeting_with(envelope, personas, "executive-committee", ("dsg", "usg.management"))
    gov.vote_close_and_decide(item=item, actor=personas["dsg"], outcome=Outcome.APPROVED)
    envelope.refresh_from_db()
    assert envelope.state == EnvelopeState.SET
    ranking = ranked_list(body, 2026)
    # b: alignment avg (5+3)/2 = 4, benefits 3 -> (4*50 + 3*50)/100 = 3.50; a: 2.00
    assert [i.project for i in ranking["items"]] == [b, a]
    assert [i.weighted_score for i in ranking["items"]] == [Decimal("3.50"), Decimal("2.00")]
    assert [i.cumulative_cost for i in ranking["items"]] == [Decimal(500000), Decimal(900000)]
    assert [i.within_envelope for i in ranking["items"]] == [True, False]


def test_only_voting_members_score(personas):
    project = walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
    for user in ("advisor", "rm.member", "pmo"):
        with pytest.raises(services.PortfolioError):
            services.score_record(project=project, actor=personas[user], scores={"benefits": 3})


def test_an_envelope_is_set_only_by_the_executive_committee(personas):
    envelope = services.envelope_propose(
        programme=walk(draft(personas), personas, S.DRAFT).programme,
        year=2026,
        amount=Decimal(1),
        actor=personas["pmo"],
    )
    item = meeting_with(envelope, personas, "executive-committee", ("dsg", "usg.management"))
    with pytest.raises(rights.RightsError):
        gov.vote_close_and_decide(
            item=item, actor=personas["usg.management"], outcome=Outcome.APPROVED
        )
    assert ResourceEnvelope.objects.get(pk=envelope.pk).state == EnvelopeState.PROPOSED


def test_the_chair_scores_through_the_committee_item_page(client, personas):
    project = walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
    client.force_login(personas["km.member"])
    url = reverse("portfolio:committee_item", args=[project.pk])
    response = client.post(
        url, {"strategic_alignment": 4, "benefits": 4, "risk": 3, "cost": 3, "urgency": 5}
    )
    assert response.status_code == 302
    assert project.scores.filter(member=personas["km.member"]).count() == 5


def test_the_secretary_puts_a_project_on_a_meeting_agenda_from_the_committee_item(client, personas):
    project = walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
    meeting = gov.meeting_create(
        body=Body.objects.get(code="km-steering"),
        title="June",
        actor=personas["pmo"],
        starts_at=timezone.now() + datetime.timedelta(days=3),
    )
    client.force_login(personas["pmo"])
    response = client.post(
        reverse("portfolio:committee_item", args=[project.pk]),
        {"agenda": "1", "meeting": meeting.pk},
    )
    assert response.status_code == 302
    assert meeting.items.filter(object_id=project.pk).exists()


def test_the_chair_records_the_ranked_list_as_decisions_with_ranks(client, personas):
    body = Body.objects.get(code="km-steering")
    first = walk(
        draft(personas, title="Alpha", cost=Decimal("100000")), personas, S.WITH_STEERING_COMMITTEE
    )
    second = walk(
        draft(personas, title="Beta", cost=Decimal("200000")), personas, S.WITH_STEERING_COMMITTEE
    )
    services.score_record(project=first, actor=personas["km.member"], scores={"benefits": 5})
    services.score_record(project=second, actor=personas["km.member"], scores={"benefits": 2})
    meeting = gov.meeting_create(
        body=body, title="Ranking", actor=personas["pmo"], starts_at=timezone.now()
    )
    gov.meeting_open(meeting=meeting, actor=personas["pmo"])
    gov.attendance_record(
        meeting=meeting,
        attendees=[personas["km.chair"], personas["km.member"]],
        actor=personas["pmo"],
    )
    client.force_login(personas["km.chair"])
    url = reverse("portfolio:prioritisation", args=["knowledge"])
    assert "Record this ranking" in client.get(url).content.decode()
    client.post(url, {"rank": "1", "meeting": meeting.pk})
    assert not Decision.objects.exists()  # not before the members voted on it
    client.post(url, {"rank_vote": "1", "meeting": meeting.pk})
    for item in meeting.items.all():
        vote_for(item, Outcome.PRIORITISED)
    client.post(url, {"rank": "1", "meeting": meeting.pk})
    ranks = {d.object_id: d.rank for d in Decision.objects.filter(outcome=Outcome.PRIORITISED)}
    assert ranks == {first.pk: 1, second.pk: 2}
    first.refresh_from_db()
    assert first.priority_rank == 1 and first.state == S.WITH_STEERING_COMMITTEE


def test_a_ranking_without_quorum_records_nothing(personas):
    body = Body.objects.get(code="km-steering")
    walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
    meeting = gov.meeting_create(
        body=body, title="Thin", actor=personas["pmo"], starts_at=timezone.now()
    )
    gov.meeting_open(meeting=meeting, actor=personas["pmo"])
    services.prioritisation_put_to_vote(
        body=body, actor=personas["km.chair"], meeting=meeting, year=2026
    )
    with pytest.raises(Exception, match="No quorum"):
        services.prioritisation_record(
            body=body, actor=personas["km.chair"], meeting=meeting, year=2026
        )
    assert not Decision.objects.exists()


def test_a_ranking_the_votes_do_not_carry_records_nothing(personas):
    body = Body.objects.get(code="km-steering")
    first = walk(draft(personas, title="Alpha"), personas, S.WITH_STEERING_COMMITTEE)
    walk(draft(personas, title="Beta"), personas, S.WITH_STEERING_COMMITTEE)
    meeting = gov.meeting_create(
        body=body, title="Split", actor=personas["pmo"], starts_at=timezone.now()
    )
    gov.meeting_open(meeting=meeting, actor=personas["pmo"])
    gov.attendance_record(
        meeting=meeting,
        attendees=[personas["km.chair"], personas["km.member"]],
        actor=personas["pmo"],
    )
    services.prioritisation_put_to_vote(
        body=body, actor=personas["km.chair"], meeting=meeting, year=2026
    )
    for item in meeting.items.all():
        vote_for(item, Outcome.PRIORITISED if item.object_id == first.pk else Outcome.REJECTED)
    with pytest.raises(Exception, match="does not carry"):
        services.prioritisation_record(
            body=body, actor=personas["km.chair"], meeting=meeting, year=2026
        )
    assert not Decision.objects.exists()


def test_the_chair_edits_the_weights_and_a_member_cannot(client, personas):
    from portfolio.models import CriterionWeight

    url = reverse("portfolio:prioritisation", args=["knowledge"])
    weights = {
        "strategic_alignment": 40,
        "benefits": 20,
        "risk": 10,
        "cost": 10,
        "urgency": 20,
        "weights": "1",
    }
    client.force_login(personas["km.member"])
    response = client.post(url, weights, follow=True)
    assert "Only the committee&#x27;s chair or the PMO" in response.content.decode()
    assert not CriterionWeight.objects.exists()
    client.force_login(personas["km.chair"])
    client.post(url, weights)
    assert CriterionWeight.objects.get(criterion="strategic_alignment").weight == 40
