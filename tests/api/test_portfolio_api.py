"""Portfolio API: acceptance 1-3 of issue 7 (read-only tokens, the transitions walk, conditional
updates and field messages) for the portfolio endpoints."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from core import clock
from governance.choices import Outcome
from portfolio import services
from portfolio.choices import TRANSITIONS, ProjectState
from portfolio.models import Project, StatusReport
from tests.portfolio.factories import ALL_TICKED, draft, walk
from tests.testing.api import token_client

pytestmark = pytest.mark.django_db
S = ProjectState
COMMITTEE_ACTIONS = [t.action for t in TRANSITIONS if t.who == "committee"]


def transitions_url(project):
    return f"/api/v1/projects/{project.pk}/transitions/"


# --- acceptance 1: the api.reader token reads, and every write is refused --------------------
def test_the_api_reader_gets_the_portfolio_status_and_the_annex_iv_total(api_reader, personas):
    walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
    client = token_client(api_reader, read_only=True)
    status = client.get("/api/v1/portfolio/status/")
    assert status.status_code == 200
    assert status["ETag"]
    assert set(status.json()) >= {
        "as_of",
        "totals",
        "groups",
        "awaiting_decision",
        "overdue_status_reports",
    }
    assert client.get("/api/v1/portfolio/status/?as_of=2007-12-31").status_code == 200
    summary = client.get("/api/v1/staffing/summary/?as_of=2007-12-31")
    assert summary.status_code == 200
    assert summary.json()["totals"]["total"] == 3783


def _write_operations():
    schema = APIClient().get("/api/v1/schema/?format=json").json()
    for path, operations in schema["paths"].items():
        for method in operations:
            if method in ("post", "put", "patch", "delete"):
                yield method, path


def test_the_api_reader_is_refused_every_write_in_the_schema(api_reader, personas):
    project = walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)
    client = token_client(api_reader, read_only=True)
    operations = list(_write_operations())
    assert ("post", "/api/v1/projects/{id}/transitions/") in operations
    assert ("post", "/api/v1/status-reports/") in operations
    refused = []
    for method, path in operations:
        url = path
        while "{" in url:
            start, end = url.index("{"), url.index("}")
            url = url[:start] + str(project.pk) + url[end + 1 :]
        response = getattr(client, method)(url, {}, format="json")
        if response.status_code != 403 or "read-only" not in response.json()["error"]["message"]:
            refused.append(f"{method.upper()} {url}: {response.status_code}")
    assert not refused, refused
    project.refresh_from_db()
    assert project.state == S.WITH_STEERING_COMMITTEE


def test_a_read_only_token_of_the_pmo_cannot_take_a_transition(personas):
    project = walk(draft(personas), personas, S.SUBMITTED)
    client = token_client(personas["pmo"], read_only=True)
    response = client.post(
        transitions_url(project), {"action": "pmo_accept", "checklist": ALL_TICKED}
    )
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.state == S.SUBMITTED


# --- acceptance 2: the transitions endpoint walks a project from draft to approved -----------
def _actions(client, project):
    response = client.get(transitions_url(project))
    assert response.status_code == 200
    return [row["action"] for row in response.json()]


def _take(client, project, action, **data):
    response = client.post(transitions_url(project), {"action": action, **data}, format="json")
    assert response.status_code == 200, response.json()
    return response.json()


def test_the_transitions_endpoint_walks_a_project_from_draft_to_approved(personas):
    from portfolio.models import ResourceEnvelope
    from programmes.models import Programme

    for year in range(2024, 2031):  # the steering committee approves within envelopes
        ResourceEnvelope.objects.create(
            programme=Programme.objects.get(code="knowledge"),
            year=year,
            amount=10_000_000,
            state="set",
        )
    p = personas
    proponent, pmo, cito = (token_client(p[name]) for name in ("proponent", "pmo", "cito"))
    chair, member, advisor = (
        token_client(p[name]) for name in ("km.chair", "km.member", "advisor")
    )

    created = proponent.post(
        "/api/v1/projects/",
        {
            "title": "Records search",
            "programme": "knowledge",
            "sponsoring_unit": p["proponent"].organisation_unit.code,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["state"] == S.DRAFT
    project = Project.objects.get(pk=created.json()["id"])
    etag = created["ETag"]
    edited = proponent.patch(
        f"/api/v1/projects/{project.pk}/",
        {
            "problem": "Staff cannot find records.",
            "scope": "Headquarters.",
            "costs": [
                {"year": 2027, "kind": "one_time", "category": "software", "amount": "250000.00"}
            ],
        },
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert edited.status_code == 200, edited.json()
    assert edited.json()["total_cost"] == "250000.00"

    assert "submit" in _actions(proponent, project)
    assert _take(proponent, project, "submit")["state"] == S.SUBMITTED
    assert "pmo_accept" in _actions(pmo, project)
    assert (
        _take(pmo, project, "pmo_accept", checklist=ALL_TICKED, comment="Complete.")["state"]
        == S.ACCEPTED
    )
    assert _actions(cito, project)[:1] == ["cito_endorse"]
    assert _take(cito, project, "cito_endorse")["state"] == S.ENDORSED
    assert _take(pmo, project, "refer_to_steering_committee")["state"] == (
        S.WITH_STEERING_COMMITTEE
    )

    # The advisory member gives an opinion, and may take no decision action.
    opinion = advisor.post(
        "/api/v1/opinions/",
        {
            "subject_type": "portfolio.project",
            "subject_id": project.pk,
            "stance": "support",
            "text": "Departments need this.",
        },
        format="json",
    )
    assert opinion.status_code == 201, opinion.json()
    assert _actions(advisor, project) == []
    for action in [t.action for t in TRANSITIONS]:
        refused = advisor.post(
            transitions_url(project), {"action": action, "comment": "x"}, format="json"
        )
        assert refused.status_code == 403, (action, refused.json())
        assert refused.json()["error"]["message"]

    # The knowledge programme's steering committee decides in its meeting, which the PMO (its
    # secretariat) plans and runs over the API.
    assert "committee_approve" in _actions(chair, project)
    meeting = pmo.post(
        "/api/v1/meetings/",
        {"body": "km-steering", "title": "KM session", "starts_at": "2027-03-01T10:00:00Z"},
        format="json",
    )
    assert meeting.status_code == 201, meeting.json()
    meeting_url = f"/api/v1/meetings/{meeting.json()['id']}/"
    # Only who runs the body's meetings puts the project on its agenda.
    subject = {"kind": "decision", "subject_type": "portfolio.project", "subject_id": project.pk}
    assert advisor.post(meeting_url + "items/", subject, format="json").status_code == 403
    item = pmo.post(meeting_url + "items/", subject, format="json")
    assert item.status_code == 201, item.json()
    assert pmo.post(meeting_url + "open/", format="json").json()["state"] == "open"
    present = pmo.post(
        meeting_url + "attendance/", {"attendees": ["km.chair", "km.member"]}, format="json"
    )
    assert present.status_code == 200, present.json()
    item_url = f"{meeting_url}items/{item.json()['id']}/"
    for client in (chair, member):
        assert client.post(item_url + "votes/", {"choice": "for"}, format="json").status_code == 201
    assert advisor.post(item_url + "votes/", {"choice": "for"}, format="json").status_code == 403
    refused = advisor.post(item_url + "decide/", {"outcome": Outcome.APPROVED}, format="json")
    assert refused.status_code == 403
    assert "advisory" in refused.json()["error"]["message"]
    # Recording it as a bare transition is refused: it is the committee's decision.
    bare = chair.post(transitions_url(project), {"action": "committee_approve"}, format="json")
    assert bare.status_code == 400
    decided = chair.post(
        item_url + "decide/",
        {"outcome": Outcome.APPROVED, "rationale": "Good value."},
        format="json",
    )
    assert decided.status_code == 201, decided.json()
    closed = pmo.post(meeting_url + "close/", {"minutes": "Approved."}, format="json")
    assert closed.status_code == 200 and closed.json()["state"] == "closed"

    final = proponent.get(f"/api/v1/projects/{project.pk}/").json()
    assert final["state"] == S.APPROVED
    history = list(project.transitions.values_list("action", "actor__username"))
    assert history == [
        ("create", "proponent"),
        ("submit", "proponent"),
        ("pmo_accept", "pmo"),
        ("cito_endorse", "cito"),
        ("refer_to_steering_committee", "pmo"),
        ("committee_approve", "km.chair"),
    ]


def test_a_transition_the_user_may_not_take_is_403_with_the_rule(personas):
    project = walk(draft(personas), personas, S.SUBMITTED)
    response = token_client(personas["cito"]).post(
        transitions_url(project), {"action": "pmo_accept", "checklist": ALL_TICKED}, format="json"
    )
    assert response.status_code == 403
    assert "may not" in response.json()["error"]["message"]


def test_an_illegal_transition_is_400_and_changes_nothing(personas):
    project = walk(draft(personas), personas, S.SUBMITTED)
    response = token_client(personas["pmo"]).post(
        transitions_url(project), {"action": "cito_endorse"}, format="json"
    )
    assert response.status_code == 403  # the CITO's, not the PMO's
    response = token_client(personas["proponent"]).post(
        transitions_url(project), {"action": "submit"}, format="json"
    )
    assert response.status_code == 400
    assert "not allowed" in response.json()["error"]["fields"]["non_field_errors"][0]
    project.refresh_from_db()
    assert project.state == S.SUBMITTED


def test_a_transition_refused_by_the_service_returns_its_message(personas):
    project = walk(draft(personas), personas, S.SUBMITTED)
    response = token_client(personas["pmo"]).post(
        transitions_url(project), {"action": "pmo_accept"}, format="json"
    )
    assert response.status_code == 400
    assert "checklist" in str(response.json()["error"]["fields"])
    response = token_client(personas["pmo"]).post(
        transitions_url(project), {"action": "pmo_return", "comment": ""}, format="json"
    )
    assert response.status_code == 400
    assert "reason" in str(response.json()["error"]["fields"])


def test_an_unknown_action_is_400_on_the_action_field(personas):
    project = draft(personas)
    response = token_client(personas["proponent"]).post(
        transitions_url(project), {"action": "approve_everything"}, format="json"
    )
    assert response.status_code == 400
    assert "action" in response.json()["error"]["fields"]


def test_a_concurrent_change_during_a_transition_is_409(personas, monkeypatch):
    project = walk(draft(personas), personas, S.SUBMITTED)

    def racing(*, project, actor, **kwargs):
        # Another PMO officer returned the case between our read and our write.
        services.project_pmo_return(project=project, actor=personas["pmo"], comments="Costs?")
        raise services.PortfolioError("not allowed now")

    monkeypatch.setattr(services, "project_transition", racing)
    response = token_client(personas["pmo"]).post(
        transitions_url(project), {"action": "pmo_accept", "checklist": ALL_TICKED}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


def test_the_start_of_delivery_names_the_project_manager(personas):
    project = walk(draft(personas), personas, S.APPROVED)
    body = _take(token_client(personas["pmo"]), project, "start_delivery", project_manager="staff")
    assert body["state"] == S.IN_DELIVERY and body["project_manager"] == "staff"


# --- acceptance 3: conditional updates and field messages ------------------------------------
def test_a_stale_if_match_gets_412_and_nothing_changes(personas):
    project = draft(personas)
    client = token_client(personas["proponent"])
    url = f"/api/v1/projects/{project.pk}/"
    first = client.get(url)
    stale = first["ETag"]
    assert (
        client.patch(url, {"title": "Renamed once"}, format="json", HTTP_IF_MATCH=stale).status_code
        == 200
    )
    case = project.current_case()
    refused = client.put(
        url,
        {
            "title": "Renamed twice",
            "programme": "resource",
            "sponsoring_unit": "dm",
            "problem": "Overwritten",
        },
        format="json",
        HTTP_IF_MATCH=stale,
    )
    assert refused.status_code == 412
    assert refused.json()["error"]["code"] == "precondition_failed"
    project.refresh_from_db()
    case.refresh_from_db()
    assert project.title == "Renamed once"
    assert project.programme.code == "knowledge"
    assert case.problem == "Staff cannot find documents."
    # With the current ETag the same request goes through.
    fresh = client.get(url)["ETag"]
    assert (
        client.put(
            url,
            {"title": "Renamed twice", "programme": "knowledge", "sponsoring_unit": "dm"},
            format="json",
            HTTP_IF_MATCH=fresh,
        ).status_code
        == 200
    )


def test_the_etag_changes_when_the_business_case_changes(personas):
    project = draft(personas)
    client = token_client(personas["proponent"])
    url = f"/api/v1/projects/{project.pk}/"
    before = client.get(url)["ETag"]
    services.business_case_save(
        project=project,
        actor=personas["proponent"],
        token=services.case_token(project.current_case()),
        fields={"scope": "Changed in the browser."},
    )
    assert client.get(url)["ETag"] != before


def test_bad_input_gets_400_with_field_messages_and_creates_nothing(personas):
    client = token_client(personas["proponent"])
    count = Project.objects.count()
    response = client.post(
        "/api/v1/projects/", {"programme": "nonsense", "sponsoring_unit": "dm"}, format="json"
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert set(fields) >= {"title", "programme"}
    response = client.post(
        "/api/v1/projects/",
        {
            "title": "Mismatch",
            "programme": "knowledge",
            "initiative": "enterprise-resource-planning",
            "sponsoring_unit": "dm",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "initiative" in response.json()["error"]["fields"]
    assert Project.objects.count() == count


def test_bad_business_case_rows_get_400_and_the_case_keeps_its_rows(personas):
    project = draft(personas)
    client = token_client(personas["proponent"])
    response = client.patch(
        f"/api/v1/projects/{project.pk}/",
        {
            "costs": [{"year": 1800, "kind": "sometimes", "category": "software", "amount": "-5"}],
        },
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 400
    assert "costs" in response.json()["error"]["fields"]
    assert project.current_case().costlines.count() == 1


def test_editing_a_submitted_case_is_refused_with_the_reason(personas):
    project = walk(draft(personas), personas, S.SUBMITTED)
    response = token_client(personas["proponent"]).patch(
        f"/api/v1/projects/{project.pk}/", {"scope": "Later."}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 400
    assert "cannot be edited" in str(response.json()["error"]["fields"])
    response = token_client(personas["cito"]).patch(
        f"/api/v1/projects/{project.pk}/", {"scope": "Later."}, format="json", HTTP_IF_MATCH="*"
    )
    assert response.status_code == 403


def test_the_project_manager_files_a_status_report_and_bad_values_get_400(personas):
    project = walk(draft(personas), personas, S.IN_DELIVERY)
    client = token_client(personas["proponent"])
    good = {
        "project": project.pk,
        "period": "2026-03-15",
        "schedule": "green",
        "budget": "amber",
        "scope": "green",
        "percent_complete": 30,
        "actual_spend": "1000.00",
    }
    bad = client.post(
        "/api/v1/status-reports/",
        {**good, "schedule": "purple", "percent_complete": 130},
        format="json",
    )
    assert bad.status_code == 400
    assert set(bad.json()["error"]["fields"]) == {"schedule", "percent_complete"}
    created = client.post("/api/v1/status-reports/", good, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["period"] == "2026-03-01"
    again = client.post("/api/v1/status-reports/", good, format="json")
    assert again.status_code == 400
    assert StatusReport.objects.filter(project=project).count() == 1
    refused = token_client(personas["cito"]).post("/api/v1/status-reports/", good, format="json")
    assert refused.status_code == 403


# --- portfolio status --------------------------------------------------------------------------
def test_the_status_counts_and_costs_by_programme_state_and_rag(personas):
    walk(draft(personas, cost=Decimal("100000")), personas, S.WITH_STEERING_COMMITTEE)
    walk(
        draft(personas, title="Second", cost=Decimal("200000")), personas, S.WITH_STEERING_COMMITTEE
    )
    delivered = walk(
        draft(personas, title="Delivered", programme="resource"), personas, S.IN_DELIVERY
    )
    services.status_report_file(
        project=delivered,
        actor=personas["pmo"],
        period=timezone.localdate(),
        schedule="green",
        budget="red",
        scope="green",
        percent_complete=10,
        actual_spend=0,
    )
    body = token_client(personas["pmo"]).get("/api/v1/portfolio/status/").json()
    groups = {(g["programme"], g["state"], g["rag"]): g for g in body["groups"]}
    steering = groups[("knowledge", S.WITH_STEERING_COMMITTEE, None)]
    assert steering["count"] == 2 and Decimal(steering["cost"]) == Decimal("300000")
    assert groups[("resource", S.IN_DELIVERY, "red")]["count"] == 1
    awaiting = {row["body"]: row["projects"] for row in body["awaiting_decision"]}
    assert [p["title"] for p in awaiting["km-steering"]] == [
        "Enterprise search for the intranet",
        "Second",
    ]
    assert awaiting["executive-committee"] == []
    assert body["totals"]["count"] == 3


def test_the_status_as_of_a_date_comes_from_the_history(personas):
    past = timezone.now() - datetime.timedelta(days=40)
    with clock.frozen_at(past):  # created then (transitions are append-only: never backdated)
        project = draft(personas)
    project = walk(project, personas, S.SUBMITTED)
    client = token_client(personas["pmo"])
    day = timezone.localdate(past)
    then = client.get(f"/api/v1/portfolio/status/?as_of={day:%Y-%m-%d}").json()
    assert [(g["state"], g["count"]) for g in then["groups"]] == [(S.DRAFT, 1)]
    assert Decimal(then["groups"][0]["cost"]) == Decimal("300000")
    before = client.get(f"/api/v1/portfolio/status/?as_of={day - datetime.timedelta(days=1)}")
    assert before.json()["groups"] == []
    now = client.get("/api/v1/portfolio/status/").json()
    assert [(g["state"], g["count"]) for g in now["groups"]] == [(S.SUBMITTED, 1)]


def test_the_status_lists_overdue_status_reports(personas):
    started = timezone.now() - datetime.timedelta(days=90)
    with clock.travel(started):
        project = walk(draft(personas), personas, S.IN_DELIVERY)
    body = token_client(personas["pmo"]).get("/api/v1/portfolio/status/").json()
    assert [row["id"] for row in body["overdue_status_reports"]] == [project.pk]
    services.status_report_file(
        project=project,
        actor=personas["pmo"],
        period=timezone.localdate().replace(day=1) - datetime.timedelta(days=1),
        schedule="green",
        budget="green",
        scope="green",
        percent_complete=10,
        actual_spend=0,
    )
    body = token_client(personas["pmo"]).get("/api/v1/portfolio/status/").json()
    assert body["overdue_status_reports"] == []


def test_a_bad_as_of_date_gets_400_on_the_field(personas):
    response = token_client(personas["pmo"]).get("/api/v1/portfolio/status/?as_of=yesterday")
    assert response.status_code == 400
    assert "as_of" in response.json()["error"]["fields"]
    for day in ("9999-12-31", "0001-01-01"):
        response = token_client(personas["pmo"]).get(f"/api/v1/portfolio/status/?as_of={day}")
        assert response.status_code == 400


def test_the_status_counts_only_what_the_user_may_see(personas):
    draft(personas)
    assert (
        token_client(personas["pmo"]).get("/api/v1/portfolio/status/").json()["totals"]["count"]
        == 1
    )
    assert (
        token_client(personas["staff"]).get("/api/v1/portfolio/status/").json()["totals"]["count"]
        == 0
    )


def test_projects_filter_by_programme_state_rag_unit_and_update(personas):
    walk(draft(personas), personas, S.SUBMITTED)
    delivered = walk(
        draft(personas, title="Delivered", programme="resource"), personas, S.IN_DELIVERY
    )
    services.status_report_file(
        project=delivered,
        actor=personas["pmo"],
        period=timezone.localdate(),
        schedule="amber",
        budget="green",
        scope="green",
        percent_complete=10,
        actual_spend=0,
    )
    client = token_client(personas["pmo"])

    def titles(query):
        response = client.get(f"/api/v1/projects/?{query}")
        assert response.status_code == 200, response.json()
        return sorted(row["title"] for row in response.json()["results"])

    assert titles("programme=resource") == ["Delivered"]
    assert titles("state=submitted") == ["Enterprise search for the intranet"]
    assert titles("rag=amber") == ["Delivered"]
    assert titles("unit=dm") == ["Delivered", "Enterprise search for the intranet"]
    assert titles("updated_since=2099-01-01T00:00:00Z") == []
    assert titles("ordering=title") == ["Delivered", "Enterprise search for the intranet"]
    assert client.get("/api/v1/projects/?state=nonsense").status_code == 400


def test_business_case_versions_are_listed_and_read(personas):
    project = walk(draft(personas), personas, S.RETURNED)
    services.business_case_save(
        project=project,
        actor=personas["proponent"],
        token=services.case_token(project.current_case()),
        fields={"scope": "Version two."},
    )
    client = token_client(personas["proponent"])
    case = client.get(f"/api/v1/business-cases/{project.pk}/").json()
    assert [v["number"] for v in case["versions"]] == [1, 2]
    assert case["current_version"] == 2
    first = client.get(f"/api/v1/business-cases/{project.pk}/versions/1/")
    assert first.status_code == 200 and first["ETag"]
    assert first.json()["is_frozen"] and first.json()["costs"]
    assert client.get(f"/api/v1/business-cases/{project.pk}/versions/2/").json()["scope"] == (
        "Version two."
    )
    assert client.get(f"/api/v1/business-cases/{project.pk}/versions/9/").status_code == 404


def test_the_api_reader_sees_submitted_projects_in_the_status_but_not_drafts(personas):
    from portfolio.choices import ProjectState
    from tests.portfolio.factories import draft, walk

    walk(draft(personas), personas, ProjectState.WITH_STEERING_COMMITTEE)
    draft(personas)
    client = token_client(personas["api.reader"], read_only=True)
    status = client.get("/api/v1/portfolio/status/").json()
    assert status["totals"]["count"] == 1
    projects = client.get("/api/v1/projects/").json()
    assert projects["count"] == 1
    assert projects["results"][0]["state"] == ProjectState.WITH_STEERING_COMMITTEE
