"""One visibility rule per record, also for what embeds it (issue 17):

- a decision's governance record is whole for readers of the register, redacted (counts, no
  names, no minutes) for a party to the decided item, and does not exist for anyone else;
- a business case version still being written is its authors' until submitted;
- the quarterly report never lists a draft (tests/reports/test_builder.py).
"""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from governance import rights
from governance.models import Body, Decision, Opinion
from portfolio.choices import ProjectState as S
from portfolio.models import ResourceEnvelope
from programmes.models import Programme
from tests.portfolio.factories import draft, walk
from tests.reports.factories import decision as make_decision
from tests.testing.api import token_client

pytestmark = pytest.mark.django_db

SECRET_NAMES = ("Voter Secretname", "Recused Secretname", "Opinion Secretname")
PROVENANCE = {
    "subject": {"label": "P-1", "version": "v1"},
    "meeting": {"title": "KM meeting", "starts_at": "2026-05-04T10:00:00+00:00"},
    "quorum": {"required": 3, "counted": 4},
    "attendance": [{"id": 1, "name": "Attendee Secretname"}],
    "votes": [
        {"id": 1, "name": "Voter Secretname", "choice": "for"},
        {"id": 2, "name": "Other voter", "choice": "against"},
        {"id": 3, "name": "Third voter", "choice": "for"},
    ],
    "recusals": [{"id": 4, "name": "Recused Secretname", "reason": "Brother-in-law"}],
    "opinions": [{"author": "Opinion Secretname", "stance": "oppose", "text": "Too costly"}],
    "minutes": "The chair noted the brother-in-law's interest.",
}
HIDDEN_WORDS = (*SECRET_NAMES, "Attendee Secretname", "Brother-in-law", "Too costly", "noted the")


def _decision_on(subject, personas):
    """A recorded decision with a provenance naming people (decisions are immutable: the
    provenance is written with the row)."""
    from unittest import mock

    real_create = Decision.objects.create

    def create_with_provenance(**fields):
        return real_create(**fields, provenance=PROVENANCE)

    with mock.patch.object(Decision.objects, "create", create_with_provenance):
        return make_decision(
            body="km-steering",
            subject=subject,
            outcome="approved",
            recorded="2026-05-04",
            recorder=personas["km.chair"],
        )


@pytest.fixture
def project_decision(personas):
    project = draft(personas)
    walk(project, personas, S.WITH_STEERING_COMMITTEE)
    return _decision_on(project, personas)


def test_readers_of_the_register_see_the_whole_record(client, personas, project_decision):
    client.force_login(personas["km.member"])
    page = client.get(reverse("governance:decision", args=[project_decision.pk])).content.decode()
    assert all(word in page for word in HIDDEN_WORDS)


def test_the_proponent_sees_the_decision_on_their_project_redacted(
    client, personas, project_decision
):
    client.force_login(personas["proponent"])
    response = client.get(reverse("governance:decision", args=[project_decision.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Approved" in page
    assert not [word for word in HIDDEN_WORDS if word in page]
    assert "For: 2" in page and "Against: 1" in page


def test_the_api_redacts_the_same_for_the_proponent(personas, project_decision):
    data = token_client(personas["proponent"]).get(f"/api/v1/decisions/{project_decision.pk}/")
    assert data.status_code == 200
    body = data.json()
    assert body["provenance"]["redacted"] is True
    assert body["provenance"]["vote_counts"] == {"against": 1, "for": 2}
    assert body["recorded_by"] is None
    assert not [word for word in HIDDEN_WORDS if word in data.content.decode()]
    full = token_client(personas["api.reader"]).get(f"/api/v1/decisions/{project_decision.pk}/")
    assert full.json()["provenance"]["minutes"] == PROVENANCE["minutes"]


@pytest.mark.parametrize("username", ["staff"])
def test_others_who_may_not_read_the_register_find_no_decision(
    client, personas, project_decision, username
):
    client.force_login(personas[username])
    assert client.get(reverse("governance:decision", args=[project_decision.pk])).status_code == 404
    api = token_client(personas[username]).get(f"/api/v1/decisions/{project_decision.pk}/")
    assert api.status_code == 404


def test_an_envelope_decision_is_for_readers_of_the_register_only(client, personas):
    envelope = ResourceEnvelope.objects.create(
        programme=Programme.objects.get(code="knowledge"), year=2027, amount=100000
    )
    decision = _decision_on(envelope, personas)
    for username in ("staff", "proponent"):
        client.force_login(personas[username])
        assert client.get(reverse("governance:decision", args=[decision.pk])).status_code == 404
        api = token_client(personas[username]).get(f"/api/v1/decisions/{decision.pk}/")
        assert api.status_code == 404
    assert rights.decision_access(personas["budget.reviewer"], decision) == rights.FULL


def test_the_project_page_shows_its_proponent_opinions_without_names(client, personas):
    project = draft(personas)
    walk(project, personas, S.WITH_STEERING_COMMITTEE)
    Opinion.objects.create(
        content_type=ContentType.objects.get_for_model(project),
        object_id=project.pk,
        author=personas["advisor"],
        body=Body.objects.get(code="advisory-group"),
        stance="oppose",
        text="Duplicates the ECM project entirely",
    )
    client.force_login(personas["proponent"])
    page = client.get(reverse("portfolio:project", args=[project.pk])).content.decode()
    assert "Oppose" in page
    assert "Duplicates the ECM" not in page and str(personas["advisor"]) not in page
    client.force_login(personas["km.member"])
    page = client.get(reverse("portfolio:project", args=[project.pk])).content.decode()
    assert "Duplicates the ECM" in page


# --------------------------------------------------------------------------- business cases
@pytest.fixture
def returned_with_new_draft(personas):
    from portfolio import services
    from tests.portfolio.factories import case_lines

    project = draft(personas)
    walk(project, personas, S.SUBMITTED)
    services.project_pmo_return(
        project=project, actor=personas["pmo"], comments="Add the costs of year 2."
    )
    project.refresh_from_db()
    services.business_case_save(
        project=project,
        actor=personas["proponent"],
        token=services.case_token(project.current_case()),
        fields={"problem": "Unsubmitted secret rewrite.", "programme": project.programme},
        lines=case_lines(),
    )
    project.refresh_from_db()
    assert project.current_case().number == 2 and project.current_case().frozen_at is None
    return project


@pytest.mark.parametrize("username", ["cito", "km.member", "budget.reviewer", "api.reader"])
def test_a_new_version_being_written_is_not_read_by_reviewers(
    client, personas, returned_with_new_draft, username
):
    project = returned_with_new_draft
    client.force_login(personas[username])
    assert client.get(reverse("portfolio:business_case", args=[project.pk, 2])).status_code == 404
    assert client.get(reverse("portfolio:business_case", args=[project.pk, 1])).status_code == 200
    page = client.get(reverse("portfolio:project", args=[project.pk])).content.decode()
    assert "Unsubmitted secret rewrite" not in page
    compare = client.get(reverse("portfolio:compare", args=[project.pk]) + "?a=1&b=2")
    assert compare.status_code == 404
    api = token_client(personas[username])
    assert api.get(f"/api/v1/business-cases/{project.pk}/versions/2/").status_code == 404
    versions = api.get(f"/api/v1/business-cases/{project.pk}/").json()
    assert [v["number"] for v in versions["versions"]] == [1]
    detail = api.get(f"/api/v1/projects/{project.pk}/").content.decode()
    assert "Unsubmitted secret rewrite" not in detail


def test_its_author_reads_and_edits_it(client, personas, returned_with_new_draft):
    project = returned_with_new_draft
    client.force_login(personas["proponent"])
    page = client.get(reverse("portfolio:business_case", args=[project.pk, 2]))
    assert page.status_code == 200 and b"Unsubmitted secret rewrite" in page.content
