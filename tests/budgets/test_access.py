"""Every budget view for every persona (acceptance 2)."""

from django.urls import reverse

from tests.budgets.factories import CycleFactory, previous_cycle, submission_of
from tests.testing.views import PersonaAccessMixin

PREPARERS = {"chief.geneva", "chief.nairobi", "cito"}  # the CITO is chief of OICT
SEE_ALL = {"budget.reviewer", "pmo", "cito"}
# plus Executive Committee members and the REST client (dashboard)
CONSOLIDATORS = SEE_ALL | {"dsg", "usg.management", "api.reader"}
EVERYONE = {
    "dsg",
    "usg.management",
    "cito",
    "km.chair",
    "km.member",
    "rm.chair",
    "rm.member",
    "im.chair",
    "im.member",
    "advisor",
    "ms.delegate",
    "pmo",
    "budget.reviewer",
    "portal.admin",
    "chief.geneva",
    "chief.nairobi",
    "proponent",
    "staff",
    "api.reader",
}


class TestMyUnitPage(PersonaAccessMixin):
    allowed = PREPARERS

    def get_url(self, personas):
        submission_of("unog")
        return reverse("budgets:my_unit")


class TestReviewQueue(PersonaAccessMixin):
    allowed = {"budget.reviewer"}

    def get_url(self, personas):
        submission_of("unon", state="submitted")
        return reverse("budgets:review_queue")


class TestConsolidation(PersonaAccessMixin):
    allowed = CONSOLIDATORS

    def get_url(self, personas):
        submission_of("unon", state="approved")
        return reverse("budgets:consolidation")


class TestConsolidationCsv(TestConsolidation):
    def get_url(self, personas):
        super().get_url(personas)
        return reverse("budgets:consolidation_csv")


class TestConsolidationXlsx(TestConsolidation):
    def get_url(self, personas):
        super().get_url(personas)
        return reverse("budgets:consolidation_xlsx")


class TestImportPage(PersonaAccessMixin):
    allowed = PREPARERS

    def get_url(self, personas):
        CycleFactory()
        return reverse("budgets:import")


class TestDelegatesPage(PersonaAccessMixin):
    allowed = PREPARERS

    def get_url(self, personas):
        return reverse("budgets:delegates")


class TestNairobiDraftIsHiddenFromOthers(PersonaAccessMixin):
    """chief.geneva (and everyone without a view of all budgets) gets a 404."""

    allowed = {"chief.nairobi"} | SEE_ALL
    hidden = EVERYONE - allowed

    def get_url(self, personas):
        return reverse("budgets:submission", args=[submission_of("unon").pk])


class TestOnlyTheChiefEditsTheDraft(PersonaAccessMixin):
    """The reviewer, PMO and CITO see the draft but cannot edit its lines (403)."""

    allowed = {"chief.nairobi"}
    hidden = EVERYONE - SEE_ALL - allowed

    def get_url(self, personas):
        return reverse("budgets:submission_edit", args=[submission_of("unon").pk])


class TestNobodyEditsAnApprovedSubmission(PersonaAccessMixin):
    allowed = set()
    hidden = EVERYONE - SEE_ALL - {"chief.nairobi"}

    def get_url(self, personas):
        return reverse("budgets:submission_edit", args=[submission_of("unon", state="approved").pk])


class TestOnlyTheChiefSubmits(PersonaAccessMixin):
    method = "post"
    allowed = {"chief.nairobi"}
    allowed_status = 302
    hidden = EVERYONE - SEE_ALL - allowed

    def get_url(self, personas):
        return reverse("budgets:submission_act", args=[submission_of("unon").pk])

    def get_data(self, personas):
        return {"action": "submit"}


class TestOnlyTheReviewerApproves(PersonaAccessMixin):
    method = "post"
    allowed = {"budget.reviewer"}
    allowed_status = 302
    hidden = EVERYONE - SEE_ALL - {"chief.nairobi"}

    def get_url(self, personas):
        return reverse("budgets:submission_act", args=[submission_of("unon", state="submitted").pk])

    def get_data(self, personas):
        return {"action": "approve", "confirmed": "1"}


class TestStartingASubmission(PersonaAccessMixin):
    method = "post"
    allowed = {"chief.geneva"}
    allowed_status = 302

    def get_url(self, personas):
        return reverse("budgets:submission_start", args=[CycleFactory().code, "unog"])


class TestPreviousCycleSubmissionPage(PersonaAccessMixin):
    allowed = {"chief.geneva"} | SEE_ALL
    hidden = EVERYONE - allowed

    def get_url(self, personas):
        submission = submission_of("unog", state="approved", cycle=previous_cycle())
        return reverse("budgets:submission", args=[submission.pk])


def test_the_persona_sets_here_name_every_demo_persona():
    # The access classes above inherit their assertions from PersonaAccessMixin; this keeps the
    # sets they are declared with in step with the personas.
    from tests.testing.personas import PERSONA_NAMES

    assert set(PERSONA_NAMES) == EVERYONE
    assert PREPARERS | SEE_ALL | CONSOLIDATORS <= EVERYONE
