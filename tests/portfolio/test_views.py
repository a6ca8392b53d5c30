"""Every portfolio page for every persona, and query counts that stay constant as rows grow."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from portfolio import services
from portfolio.choices import ProjectState
from portfolio.models import Project
from tests.portfolio.factories import AssetFactory, bulk_projects, draft, walk
from tests.testing.personas import PERSONA_NAMES
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

S = ProjectState
EVERYONE = set(PERSONA_NAMES)
# Who sees a submitted project: PMO, CITO, members of any body, budget reviewers, REST clients,
# its proponent.
OUTSIDERS = {"staff", "portal.admin"}  # the portal administrator keeps the structure only
SEE_SUBMITTED = EVERYONE - OUTSIDERS


def steering_project(personas):
    return walk(draft(personas), personas, S.WITH_STEERING_COMMITTEE)


class TestPipeline(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        steering_project(personas)
        return reverse("portfolio:pipeline")


class TestPipelineCsv(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        steering_project(personas)
        return reverse("portfolio:pipeline") + "?format=csv"


class TestOverview(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        walk(draft(personas), personas, S.IN_DELIVERY)
        return reverse("portfolio:overview")


class TestAssets(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        AssetFactory()
        return reverse("portfolio:assets")


class TestProposalForm(PersonaAccessMixin):
    allowed = EVERYONE - {"ms.delegate", "api.reader"}  # no organisation unit, not PMO

    def get_url(self, personas):
        return reverse("portfolio:project_new")


class TestDraftIsPrivate(PersonaAccessMixin):
    allowed = {"proponent", "pmo", "cito"}
    hidden = EVERYONE - allowed

    def get_url(self, personas):
        return reverse("portfolio:project", args=[draft(personas).pk])


class TestEditDraft(PersonaAccessMixin):
    allowed = {"proponent", "pmo"}
    hidden = EVERYONE - {"proponent", "pmo", "cito"}

    def get_url(self, personas):
        return reverse("portfolio:project_edit", args=[draft(personas).pk])


class TestProjectPage(PersonaAccessMixin):
    allowed = SEE_SUBMITTED
    hidden = OUTSIDERS

    def get_url(self, personas):
        return reverse("portfolio:project", args=[steering_project(personas).pk])


class TestProjectPageInDelivery(PersonaAccessMixin):
    allowed = SEE_SUBMITTED
    hidden = OUTSIDERS

    def get_url(self, personas):
        project = walk(draft(personas), personas, S.IN_DELIVERY)
        services.status_report_file(
            project=project,
            actor=personas["proponent"],
            period=datetime.date(2026, 1, 1),
            schedule="green",
            budget="amber",
            scope="green",
            percent_complete=20,
            actual_spend=Decimal("50000"),
        )
        return reverse("portfolio:project", args=[project.pk])


class TestBusinessCasePage(PersonaAccessMixin):
    allowed = SEE_SUBMITTED
    hidden = OUTSIDERS

    def get_url(self, personas):
        return reverse("portfolio:business_case", args=[steering_project(personas).pk, 1])


class TestComparePage(PersonaAccessMixin):
    allowed = SEE_SUBMITTED
    hidden = OUTSIDERS

    def get_url(self, personas):
        project = walk(draft(personas), personas, S.RETURNED)
        services.business_case_save(
            project=project,
            actor=personas["proponent"],
            token=services.case_token(project.current_case()),
            fields={"scope": "Wider."},
        )
        services.project_submit(project=project, actor=personas["proponent"])
        return reverse("portfolio:compare", args=[project.pk]) + "?a=1&b=2"


class TestCommitteeItem(PersonaAccessMixin):
    allowed = SEE_SUBMITTED
    hidden = OUTSIDERS

    def get_url(self, personas):
        return reverse("portfolio:committee_item", args=[steering_project(personas).pk])


class TestPmoReviewPage(PersonaAccessMixin):
    allowed = {"pmo"}
    hidden = OUTSIDERS

    def get_url(self, personas):
        return reverse(
            "portfolio:project_review", args=[walk(draft(personas), personas, S.SUBMITTED).pk]
        )


class TestStatusReportForm(PersonaAccessMixin):
    allowed = {"proponent", "pmo"}
    hidden = OUTSIDERS

    def get_url(self, personas):
        return reverse(
            "portfolio:status_report_new", args=[walk(draft(personas), personas, S.IN_DELIVERY).pk]
        )


class TestPrioritisation(PersonaAccessMixin):
    allowed = {"pmo", "cito", "km.chair", "km.member", "dsg", "usg.management"}

    def get_url(self, personas):
        steering_project(personas)
        return reverse("portfolio:prioritisation", args=["knowledge"])


class TestIllegalActionByPage(PersonaAccessMixin):
    """Posting an action no one may take now: a message and a redirect, never a change."""

    method = "post"
    allowed = SEE_SUBMITTED
    allowed_status = 302
    hidden = OUTSIDERS

    def get_url(self, personas):
        project = steering_project(personas)
        self.project_pk = project.pk
        return reverse("portfolio:project_act", args=[project.pk, "cito_endorse"])

    def get_data(self, personas):
        return {"reason": "Trying."}

    @pytest.mark.parametrize("username", PERSONA_NAMES)
    def test_persona_access(self, client, personas, username):
        super().test_persona_access(client, personas, username)
        assert Project.objects.get(pk=self.project_pk).state == S.WITH_STEERING_COMMITTEE


# --- constant queries ----------------------------------------------------------------------
@pytest.mark.parametrize("name", ["portfolio:pipeline", "portfolio:overview"])
def test_list_pages_run_the_same_queries_for_10_and_1000_projects(client, personas, name):
    bulk_projects(10, personas)
    client.force_login(personas["pmo"])
    count = assert_constant_queries(client, reverse(name), lambda: bulk_projects(990, personas))
    assert Project.objects.count() >= 1000
    assert count < 20


def test_pipeline_csv_runs_the_same_queries_for_10_and_1000_projects(client, personas):
    bulk_projects(10, personas)
    client.force_login(personas["cito"])
    assert_constant_queries(
        client, reverse("portfolio:pipeline") + "?format=csv", lambda: bulk_projects(990, personas)
    )


def test_prioritisation_and_assets_keep_constant_queries(client, personas):
    client.force_login(personas["pmo"])
    steering_project(personas)

    def grow():
        for i in range(5):
            walk(draft(personas, title=f"Grown {i}"), personas, S.WITH_STEERING_COMMITTEE)
        AssetFactory.create_batch(20)

    assert_constant_queries(client, reverse("portfolio:prioritisation", args=["knowledge"]), grow)
    assert_constant_queries(
        client, reverse("portfolio:assets"), lambda: AssetFactory.create_batch(20)
    )


class TestAddPhase(PersonaAccessMixin):
    """Only the project manager, proponent or PMO add phases; others get a message, no phase."""

    method = "post"
    allowed = SEE_SUBMITTED
    allowed_status = 302
    hidden = OUTSIDERS

    def get_url(self, personas):
        project = walk(draft(personas), personas, S.APPROVED)
        self.project_pk = project.pk
        return reverse("portfolio:phase_new", args=[project.pk])

    def get_data(self, personas):
        return {"name": "Pilot", "start": "2026-01-01", "end": "2026-02-01"}

    @pytest.mark.parametrize("username", PERSONA_NAMES)
    def test_persona_access(self, client, personas, username):
        super().test_persona_access(client, personas, username)
        phases = Project.objects.get(pk=self.project_pk).phases.count()
        assert phases == (1 if username in {"proponent", "pmo"} else 0)
