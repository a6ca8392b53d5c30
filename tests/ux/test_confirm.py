"""Irreversible actions ask first (core/confirm.py): the confirmation step for every persona,
nothing changes before the second POST, and a refused action keeps what was entered."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance import services as governance_services
from governance.apitokens.models import ApiToken
from governance.apitokens.services import api_token_issue
from governance.models import BudgetDelegate, Meeting, OrganisationUnit
from portfolio.budgets.choices import SubmissionState
from portfolio.choices import ProjectState
from portfolio.models import Project
from survey.choices import SurveyStatus
from survey.models import Survey
from tests.budgets.factories import submission_of
from tests.governance.factories import MeetingFactory, MotionFactory, body
from tests.portfolio.factories import draft
from tests.survey.factories import SurveyFactory
from tests.testing.personas import PERSONA_NAMES
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db

CANNOT_BE_UNDONE = "This cannot be undone"


def assert_asks(response, *, carried=()):
    """A confirmation page: what cannot be undone, a danger button, the data carried along."""
    html = response.content.decode()
    assert response.status_code in (200, 400, 409), response.status_code
    assert CANNOT_BE_UNDONE in html
    assert 'class="danger"' in html
    assert 'name="confirmed" value="1"' in html
    for value in carried:
        assert value in html, value
    return html


# --- the confirmation step, for every persona ------------------------------------------------


class TestWithdrawingAProposalAsksTheProponent(PersonaAccessMixin):
    """The proponent and the PMO (who enters proposals) are asked; the CITO (who sees drafts)
    is refused by the service with a message; nobody else sees the draft. Nothing changes."""

    method = "post"
    allowed = {"proponent", "pmo"}
    refused_status = 302
    hidden = set(PERSONA_NAMES) - {"proponent", "pmo", "cito"}

    def get_url(self, personas):
        self.project = draft(personas)
        return reverse("portfolio:project_act", args=[self.project.pk, "withdraw"])

    def get_data(self, personas):
        return {"reason": "Merged into the enterprise portal."}

    @pytest.mark.parametrize("username", PERSONA_NAMES)
    def test_persona_access(self, client, personas, username):
        super().test_persona_access(client, personas, username)
        assert Project.objects.get(pk=self.project.pk).state == ProjectState.DRAFT


class TestClosingAMeetingAsksItsManagers(PersonaAccessMixin):
    method = "post"
    allowed = {"km.chair", "pmo"}
    hidden = {"proponent", "staff"}

    def get_url(self, personas):
        self.meeting = MeetingFactory(body=body("km-steering"))
        return reverse("governance:meeting_close", args=[self.meeting.pk])

    @pytest.mark.parametrize("username", PERSONA_NAMES)
    def test_persona_access(self, client, personas, username):
        super().test_persona_access(client, personas, username)
        assert Meeting.objects.get(pk=self.meeting.pk).state == "planned"


class TestApprovingABudgetAsksTheReviewer(PersonaAccessMixin):
    method = "post"
    allowed = {"budget.reviewer"}
    hidden = set(PERSONA_NAMES) - {"budget.reviewer", "pmo", "cito", "chief.nairobi"}

    def get_url(self, personas):
        self.submission = submission_of("unon", state="submitted")
        return reverse("budgets:submission_act", args=[self.submission.pk])

    def get_data(self, personas):
        return {"action": "approve", "version": str(self.submission.version)}

    @pytest.mark.parametrize("username", PERSONA_NAMES)
    def test_persona_access(self, client, personas, username):
        super().test_persona_access(client, personas, username)
        self.submission.refresh_from_db()
        assert self.submission.state == SubmissionState.SUBMITTED


class TestClosingASurveyAsksThePmo(PersonaAccessMixin):
    method = "post"
    allowed = {"pmo"}

    def get_url(self, personas):
        self.survey = SurveyFactory()
        return reverse("survey:close", args=[self.survey.pk])

    @pytest.mark.parametrize("username", PERSONA_NAMES)
    def test_persona_access(self, client, personas, username):
        super().test_persona_access(client, personas, username)
        assert Survey.objects.get(pk=self.survey.pk).status != SurveyStatus.CLOSED


# --- asking, then acting ---------------------------------------------------------------------


def test_withdrawing_asks_keeps_the_reason_then_withdraws(client, personas):
    project = draft(personas)
    client.force_login(personas["proponent"])
    url = reverse("portfolio:project_act", args=[project.pk, "withdraw"])
    html = assert_asks(
        client.post(url, {"reason": "Merged into the portal."}),
        carried=["Merged into the portal.", project.reference],
    )
    assert "cannot be reopened" in html
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT
    response = client.post(url, {"reason": "Merged into the portal.", "confirmed": "1"})
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == ProjectState.CANCELLED


def test_a_withdrawal_without_a_reason_is_refused_on_the_confirmation_page(client, personas):
    project = draft(personas)
    client.force_login(personas["proponent"])
    url = reverse("portfolio:project_act", args=[project.pk, "withdraw"])
    response = client.post(url, {"reason": "  ", "confirmed": "1"})
    assert response.status_code == 400
    html = assert_asks(response)
    assert "Give a reason" in html and 'id="error-summary"' in html
    project.refresh_from_db()
    assert project.state == ProjectState.DRAFT


def test_the_project_page_styles_withdrawal_apart(client, personas):
    project = draft(personas)
    client.force_login(personas["proponent"])
    html = client.get(project.get_absolute_url()).content.decode()
    withdraw = html[html.index(reverse("portfolio:project_act", args=[project.pk, "withdraw"])) :]
    assert 'class="danger"' in withdraw[: withdraw.index("</form>")]
    submit = html[html.index(reverse("portfolio:project_act", args=[project.pk, "submit"])) :]
    assert 'class="danger"' not in submit[: submit.index("</form>")]


def test_closing_a_meeting_says_what_is_undecided_then_closes(client, personas):
    meeting = MeetingFactory(body=body("km-steering"))
    governance_services.agenda_item_add(
        meeting=meeting, kind="decision", subject=MotionFactory(), actor=personas["pmo"]
    )
    client.force_login(personas["km.chair"])
    url = reverse("governance:meeting_close", args=[meeting.pk])
    html = assert_asks(client.post(url))
    assert "Decision items without a decision" in html and "1." in html
    meeting.refresh_from_db()
    assert meeting.state == "planned"
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.state == "closed"


def test_a_written_procedure_lapses_only_once_confirmed(client, personas):
    item = governance_services.written_procedure_open(
        body=body("km-steering"),
        subject=MotionFactory(),
        deadline=timezone.now() + datetime.timedelta(days=1),
        actor=personas["pmo"],
    )
    Meeting.objects.filter(pk=item.meeting_id).update(
        deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(personas["km.chair"])
    url = reverse("governance:written_procedure_lapse", args=[item.pk])
    assert_asks(client.post(url))
    assert Meeting.objects.get(pk=item.meeting_id).state != "closed"
    client.post(url, {"confirmed": "1"})
    assert Meeting.objects.get(pk=item.meeting_id).state == "closed"


def test_returning_a_budget_without_comments_keeps_the_page(client, personas):
    submission = submission_of("unon", state="submitted")
    client.force_login(personas["budget.reviewer"])
    url = reverse("budgets:submission_act", args=[submission.pk])
    response = client.post(url, {"action": "return", "comment": "", "confirmed": "1"})
    assert response.status_code == 400
    assert_asks(response, carried=['name="action" value="return"'])
    submission.refresh_from_db()
    assert submission.state == SubmissionState.SUBMITTED


def test_a_stale_approval_is_refused_and_keeps_the_comment(client, personas):
    submission = submission_of("unon", state="submitted")
    client.force_login(personas["budget.reviewer"])
    url = reverse("budgets:submission_act", args=[submission.pk])
    data = {"action": "approve", "comment": "Fine with the licences.", "version": "0"}
    assert_asks(client.post(url, data), carried=["Fine with the licences."])
    response = client.post(url, {**data, "confirmed": "1"})
    assert response.status_code == 409
    html = assert_asks(response, carried=["Fine with the licences."])
    assert "nothing was changed" in html
    submission.refresh_from_db()
    assert submission.state == SubmissionState.SUBMITTED
    data["version"] = str(submission.version)
    assert client.post(url, {**data, "confirmed": "1"}).status_code == 302
    submission.refresh_from_db()
    assert submission.state == SubmissionState.APPROVED


def test_revoking_a_token_asks_first(client, personas):
    token, _key = api_token_issue(user=personas["staff"], name="Dashboard")
    client.force_login(personas["staff"])
    url = reverse("apitokens:revoke", args=[token.pk])
    assert_asks(client.post(url), carried=["Dashboard"])
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None
    client.post(url, {"confirmed": "1"})
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_removing_a_delegate_asks_first(client, personas):
    chief = personas["chief.geneva"]
    unit = OrganisationUnit.objects.filter(chief=chief).first()
    delegate = governance_services.delegate_add(unit=unit, user=personas["staff"], actor=chief)
    client.force_login(chief)
    url = reverse("budgets:delegates")
    assert_asks(client.post(url, {"remove": delegate.pk}))
    assert BudgetDelegate.objects.filter(pk=delegate.pk).exists()
    client.post(url, {"remove": delegate.pk, "confirmed": "1"})
    assert not BudgetDelegate.objects.filter(pk=delegate.pk).exists()


def test_closing_a_survey_asks_then_closes(client, personas):
    survey = SurveyFactory()
    client.force_login(personas["pmo"])
    url = reverse("survey:close", args=[survey.pk])
    assert_asks(client.post(url))
    client.post(url, {"confirmed": "1"})
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED
