"""Issue 11, "full provenance": a decision's record (page, API, register export) also holds
the PMO review of the decided version (reviewer, checklist, comments), the CITO endorsement
and the state change the decision caused, each with a link, under the decision's visibility
rule (whole for readers of the register, redacted for a party, nothing for anyone else)."""

import csv
import io

import pytest
from django.urls import reverse

from governance import rights, selectors
from governance.choices import Outcome
from governance.models import Decision
from portfolio import services as portfolio
from portfolio.choices import ProjectState
from portfolio.models import ProjectTransition
from tests.portfolio.factories import ALL_TICKED, ample_envelopes, draft
from tests.testing.api import token_client
from tests.testing.personas import PERSONA_NAMES
from tests.testing.queries import assert_constant_queries

from .factories import decide, open_meeting_with_item
from .test_queries import add_decisions
from .test_views import NOT_READERS

pytestmark = pytest.mark.django_db

KM_PRESENT = ("km.chair", "km.member", "cito")
REVIEW_COMMENTS = "Costs traced to the vendor quote."
ENDORSEMENT = "Fits the enterprise architecture."
#: what only readers of the register see: names, the checklist and what was said
WITHHELD = (REVIEW_COMMENTS, ENDORSEMENT, "Complete against the standard template")


def project_before_committee(personas, title="Enterprise search for the intranet"):
    project = draft(personas, title=title)
    portfolio.project_submit(project=project, actor=personas["proponent"])
    portfolio.project_pmo_accept(
        project=project, actor=personas["pmo"], checklist=ALL_TICKED, comments=REVIEW_COMMENTS
    )
    portfolio.project_cito_endorse(project=project, actor=personas["cito"], reason=ENDORSEMENT)
    portfolio.project_refer_to_steering_committee(project=project, actor=personas["pmo"])
    project.refresh_from_db()
    return project


def decided_project(personas, outcome=Outcome.APPROVED, title="Enterprise search"):
    """A project through PMO review and CITO endorsement, approved by the KM steering
    committee at a meeting (through the services)."""
    project = project_before_committee(personas, title=title)
    ample_envelopes(project)
    item = open_meeting_with_item(personas, present=KM_PRESENT, subject=project)
    kwargs = {"rank": 2} if outcome == Outcome.PRIORITISED else {}
    return decide(item, personas["km.chair"], outcome, **kwargs)


@pytest.fixture
def approval(personas):
    return decided_project(personas)


# --------------------------------------------------------------------------- the record


def test_the_review_and_the_endorsement_are_captured_when_the_body_decides(personas, approval):
    snapshot = approval.provenance
    review = snapshot["pmo_review"]
    assert review["by"]["name"] == str(personas["pmo"])
    assert review["comments"] == REVIEW_COMMENTS and review["outcome"] == "accepted"
    assert [c["ticked"] for c in review["checklist"]] == [True] * 4
    assert str(review["version"]) in approval.subject_version_label
    assert snapshot["cito_endorsement"]["by"]["name"] == str(personas["cito"])
    assert snapshot["cito_endorsement"]["comment"] == ENDORSEMENT
    assert "state_change" not in snapshot  # it follows the decision: read live


def test_the_state_change_the_decision_caused_is_read_live(personas, approval):
    shown = selectors.decision_for(personas["km.member"], approval.pk).shown_provenance
    change = shown["state_change"]
    assert (change["from"], change["to"]) == ("with_steering_committee", "approved")
    assert change["to_label"] == "Approved" and change["by"]["name"] == str(personas["km.chair"])
    project_url = reverse("portfolio:project", args=[approval.object_id])
    assert change["url"] == f"{project_url}#timeline-heading"
    assert shown["pmo_review"]["url"].startswith(project_url + "case/")
    assert shown["cito_endorsement"]["url"].startswith(project_url)


def test_a_ranking_changes_no_state(client, personas):
    ranking = decided_project(personas, Outcome.PRIORITISED)
    shown = selectors.decision_for(personas["pmo"], ranking.pk).shown_provenance
    assert shown["state_change"] is None and shown["pmo_review"] is not None
    client.force_login(personas["pmo"])
    page = client.get(reverse("governance:decision", args=[ranking.pk])).content.decode()
    assert "The decision changed no state" in page


def test_decisions_recorded_before_the_snapshot_show_the_record_too(personas):
    """The demo's decisions (and any recorded before issue 11) have no snapshot: the record
    is read from the append-only reviews and transitions."""
    project = project_before_committee(personas)
    case = project.decided_case()
    item = open_meeting_with_item(personas, subject=project)
    decision = Decision.objects.create(
        item=item,
        body=item.meeting.body,
        content_type=item.content_type,
        object_id=project.pk,
        subject_label=str(project),
        subject_version_label=f"business case v{case.number}",
        subject_version_pk=str(case.pk),
        outcome=Outcome.DEFERRED,
        rationale="Later.",
        quorum_required=1,
        quorum_present=1,
        recorded_by=personas["km.chair"],
    )
    ProjectTransition.objects.create(
        project=project,
        action="committee_defer",
        from_state=ProjectState.WITH_STEERING_COMMITTEE,
        to_state=ProjectState.DEFERRED,
        actor=personas["km.chair"],
        business_case=case,
        decision_id=decision.pk,
    )
    assert "pmo_review" not in decision.provenance
    shown = selectors.decision_for(personas["pmo"], decision.pk).shown_provenance
    assert shown["pmo_review"]["comments"] == REVIEW_COMMENTS
    assert shown["cito_endorsement"]["comment"] == ENDORSEMENT
    assert (shown["state_change"]["from"], shown["state_change"]["to"]) == (
        "with_steering_committee",
        "deferred",
    )


def test_a_decision_on_a_motion_has_no_subject_record(client, personas):
    item = open_meeting_with_item(personas, present=KM_PRESENT)
    decision = decide(item, personas["km.chair"], Outcome.APPROVED)
    shown = selectors.decision_for(personas["pmo"], decision.pk).shown_provenance
    assert "state_change" not in shown
    client.force_login(personas["pmo"])
    page = client.get(reverse("governance:decision", args=[decision.pk])).content.decode()
    assert "Review, endorsement and effect" not in page


# --------------------------------------------------------------------------- the page


def test_the_page_shows_review_endorsement_and_state_change_with_links(client, personas, approval):
    client.force_login(personas["km.member"])
    page = client.get(reverse("governance:decision", args=[approval.pk])).content.decode()
    assert "Review, endorsement and effect" in page
    assert all(word in page for word in WITHHELD)
    assert str(personas["pmo"]) in page and str(personas["cito"]) in page
    assert "With the steering committee → Approved" in page
    case = approval.subject.decided_case()
    assert reverse("portfolio:business_case", args=[approval.object_id, case.number]) in page
    assert reverse("portfolio:project", args=[approval.object_id]) + "#timeline-heading" in page


def test_every_persona_sees_the_record_as_the_rule_says(client, personas, approval):
    """Page and API, persona by persona (one decision for all: building it is slow)."""
    url = reverse("governance:decision", args=[approval.pk])
    api_url = f"/api/v1/decisions/{approval.pk}/"
    for username in PERSONA_NAMES:
        access = rights.decision_access(personas[username], approval)
        client.force_login(personas[username])
        response = client.get(url)
        api = token_client(personas[username]).get(api_url)
        if username in NOT_READERS and username != "proponent":
            assert access is None, username
            assert (response.status_code, api.status_code) == (404, 404), username
            continue
        assert (response.status_code, api.status_code) == (200, 200), username
        page = response.content.decode()
        assert "With the steering committee → Approved" in page, username
        assert api.json()["provenance"]["state_change"]["to"] == "approved", username
        if username == "proponent":  # a party: what happened and when, never who or what
            assert access == rights.REDACTED
            assert not [word for word in WITHHELD if word in page]
            assert not [word for word in WITHHELD if word in api.content.decode()]
            assert f"by {personas['pmo']}" not in page
        else:
            assert access == rights.FULL, username
            assert all(word in page for word in WITHHELD), username
            assert api.json()["provenance"]["pmo_review"]["comments"] == REVIEW_COMMENTS


# --------------------------------------------------------------------------- the API


def test_the_api_gives_the_record_and_redacts_it_for_a_party(personas, approval):
    url = f"/api/v1/decisions/{approval.pk}/"
    full = token_client(personas["api.reader"]).get(url).json()["provenance"]
    assert full["pmo_review"]["comments"] == REVIEW_COMMENTS
    assert full["pmo_review"]["checklist"][0]["ticked"] is True
    assert full["cito_endorsement"]["by"]["name"] == str(personas["cito"])
    assert full["state_change"]["to"] == "approved"
    party = token_client(personas["proponent"]).get(url)
    assert party.status_code == 200
    record = party.json()["provenance"]
    assert record["state_change"]["to"] == "approved" and record["state_change"]["by"] is None
    assert record["pmo_review"]["outcome"] == "accepted"
    assert record["pmo_review"]["checklist"] == [] and record["pmo_review"]["comments"] == ""
    assert not [word for word in WITHHELD if word in party.content.decode()]
    assert token_client(personas["staff"]).get(url).status_code == 404


def test_deciding_over_the_api_answers_with_the_state_change(personas):
    project = project_before_committee(personas)
    ample_envelopes(project)
    item = open_meeting_with_item(personas, present=KM_PRESENT, subject=project)
    for voter in KM_PRESENT:
        token_client(personas[voter]).post(
            f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}/votes/",
            {"choice": "for"},
            format="json",
        )
    response = token_client(personas["km.chair"]).post(
        f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}/decide/",
        {"outcome": "approved"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["provenance"]["state_change"]["to"] == "approved"


# --------------------------------------------------------------------------- the export


def test_the_register_export_holds_the_record(client, personas, approval):
    client.force_login(personas["pmo"])
    response = client.get(reverse("governance:decisions") + "?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["Decision"] == str(approval.pk))
    assert row["PMO review"].startswith("Accepted (v") and str(personas["pmo"]) in row["PMO review"]
    assert row["PMO checklist"].count(": ticked") == 4
    assert row["PMO comments"] == REVIEW_COMMENTS
    assert str(personas["cito"]) in row["CITO endorsement"]
    assert row["CITO comment"] == ENDORSEMENT
    assert row["State change caused"].startswith("With the steering committee → Approved")
    xlsx = client.get(reverse("governance:decisions") + "?format=xlsx")
    assert xlsx.status_code == 200


# --------------------------------------------------------------------------- query counts


@pytest.mark.parametrize(
    "url",
    [
        "/governance/decisions/",
        "/governance/decisions/?format=csv",
        "/governance/decisions/?format=xlsx",
        "/api/v1/decisions/",
    ],
)
def test_the_register_its_export_and_the_api_list_run_constant_queries(client, personas, url):
    decided_project(personas, title="First")
    add_decisions(personas, 3)

    def grow():
        decided_project(personas, title="Second")
        decided_project(personas, Outcome.PRIORITISED, title="Third")
        add_decisions(personas, 20)

    if url.startswith("/api/"):
        client = token_client(personas["api.reader"])
    else:
        client.force_login(personas["pmo"])
    count = assert_constant_queries(client, url, grow)
    assert count < 20
