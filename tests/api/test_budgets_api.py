"""Budgets and staffing over REST: cycles, submissions with lines, state actions, snapshots."""

import datetime
from decimal import Decimal

import pytest

from governance.models import OrganisationUnit
from portfolio.budgets.models import BudgetCycle, BudgetLine, BudgetSubmission
from staffing.models import StaffingSnapshot
from tests.budgets.factories import CycleFactory, submission_of
from tests.budgets.test_access import CONSOLIDATORS, EVERYONE, SEE_ALL
from tests.testing.api import ApiPersonaAccessMixin, token_client
from tests.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

GENEVA_SEES = {"chief.geneva"} | SEE_ALL
LINE = {
    "category": "hardware",
    "source": "regular_budget",
    "year": 2026,
    "amount": "2500.00",
    "justification": "Servers.",
}


def url_of(submission, action=""):
    return f"/api/v1/budget-submissions/{submission.pk}/" + (f"{action}/" if action else "")


# --------------------------------------------------------------------------- every persona


class TestBudgetCycleList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        CycleFactory()
        return "/api/v1/budget-cycles/"


class TestBudgetCycleDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return f"/api/v1/budget-cycles/{CycleFactory().code}/"


class TestBudgetSubmissionList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        submission_of("unog")
        return "/api/v1/budget-submissions/"


class TestBudgetSubmissionDetail(ApiPersonaAccessMixin):
    """Another unit's submission is 404, not 403."""

    allowed = GENEVA_SEES
    hidden = EVERYONE - GENEVA_SEES

    def get_url(self, personas):
        return url_of(submission_of("unog"))


class TestBudgetSubmissionCreate(ApiPersonaAccessMixin):
    method = "post"
    allowed = {"chief.geneva"}
    allowed_status = 201

    def get_url(self, personas):
        CycleFactory()
        return "/api/v1/budget-submissions/"

    def get_data(self, personas):
        return {"cycle": "2026-2027", "unit": "unog"}


class TestBudgetLinesSave(ApiPersonaAccessMixin):
    method = "put"
    allowed = {"chief.geneva"}
    hidden = EVERYONE - GENEVA_SEES

    def get_url(self, personas):
        return url_of(submission_of("unog"), "lines")

    def get_data(self, personas):
        return {"lines": [LINE]}


class TestBudgetSubmit(ApiPersonaAccessMixin):
    method = "post"
    allowed = {"chief.geneva"}
    hidden = EVERYONE - GENEVA_SEES

    def get_url(self, personas):
        return url_of(submission_of("unog"), "submit")


class TestBudgetStartReview(ApiPersonaAccessMixin):
    method = "post"
    allowed = {"budget.reviewer"}
    hidden = EVERYONE - GENEVA_SEES

    def get_url(self, personas):
        return url_of(submission_of("unog", state="submitted"), "start-review")


class TestBudgetApprove(ApiPersonaAccessMixin):
    method = "post"
    allowed = {"budget.reviewer"}
    hidden = EVERYONE - GENEVA_SEES

    def get_url(self, personas):
        return url_of(submission_of("unog", state="submitted"), "approve")


class TestBudgetReturn(ApiPersonaAccessMixin):
    method = "post"
    allowed = {"budget.reviewer"}
    hidden = EVERYONE - GENEVA_SEES

    def get_url(self, personas):
        return url_of(submission_of("unog", state="under_review"), "return")

    def get_data(self, personas):
        return {"comment": "Explain the hardware line."}


class TestBudgetResubmit(ApiPersonaAccessMixin):
    method = "post"
    allowed = {"chief.geneva"}
    hidden = EVERYONE - GENEVA_SEES

    def get_url(self, personas):
        return url_of(submission_of("unog", state="returned"), "resubmit")


class TestBudgetConsolidation(ApiPersonaAccessMixin):
    allowed = CONSOLIDATORS

    def get_url(self, personas):
        submission_of("unog", state="approved")
        return "/api/v1/budgets/consolidation/"


class TestStaffingSnapshotCreate(ApiPersonaAccessMixin):
    """Only the unit's chief (or delegates) report its headcount."""

    method = "post"
    allowed = {"chief.geneva"}
    allowed_status = 201

    def get_url(self, personas):
        return "/api/v1/staffing/snapshots/"

    def get_data(self, personas):
        return {"unit": "unog", "as_of": "2025-12-31", "p": 12, "gs": 20, "contractors": 4}


class TestStaffingSnapshotDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        snapshot = StaffingSnapshot.objects.filter(unit__code="unog").first()
        return f"/api/v1/staffing/snapshots/{snapshot.pk}/"


class TestStaffingTrend(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return "/api/v1/staffing/trend/"


# --------------------------------------------------------------------------- behaviour


def test_the_staffing_trend_starts_with_the_annex_iv_totals(personas):
    rows = token_client(personas["api.reader"], read_only=True).get("/api/v1/staffing/trend/")
    first = rows.json()[0]
    assert first["as_of"] == "2007-12-31" and first["total"] == 3783
    assert first["international"] == 1484


def test_a_chief_walks_a_submission_to_approval_with_etags(personas):
    CycleFactory()
    chief = token_client(personas["chief.geneva"])
    created = chief.post("/api/v1/budget-submissions/", {"cycle": "2026-2027", "unit": "unog"})
    assert created.status_code == 201
    submission = BudgetSubmission.objects.get(pk=created.json()["id"])
    etag = chief.get(url_of(submission))["ETag"]
    saved = chief.put(url_of(submission, "lines"), {"lines": [LINE]}, HTTP_IF_MATCH=etag)
    assert saved.status_code == 200, saved.json()
    assert saved.json()["lines"][0]["amount"] == "2500.00"
    assert saved.json()["actions"] == ["submit"]
    submitted = chief.post(url_of(submission, "submit"), {}, HTTP_IF_MATCH=saved["ETag"])
    assert submitted.json()["state"] == "submitted"
    reviewer = token_client(personas["budget.reviewer"])
    approved = reviewer.post(url_of(submission, "approve"), {"comment": "Fine."})
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    assert (
        chief.put(url_of(submission, "lines"), {"lines": []}, HTTP_IF_MATCH="*").status_code == 400
    )
    assert BudgetLine.objects.filter(submission=submission).count() == 1


def test_a_stale_if_match_gets_412_and_nothing_changes(personas):
    submission = submission_of("unog")
    chief = token_client(personas["chief.geneva"])
    stale = chief.get(url_of(submission))["ETag"]
    saved = chief.put(url_of(submission, "lines"), {"lines": [LINE]}, HTTP_IF_MATCH=stale)
    assert saved.status_code == 200
    before = list(BudgetLine.objects.filter(submission=submission).values_list("amount", flat=True))
    version = BudgetSubmission.objects.get(pk=submission.pk).version
    again = chief.put(
        url_of(submission, "lines"), {"lines": [{**LINE, "amount": "1.00"}]}, HTTP_IF_MATCH=stale
    )
    assert again.status_code == 412
    assert again.json()["error"]["code"] == "precondition_failed"
    submit = chief.post(url_of(submission, "submit"), {}, HTTP_IF_MATCH=stale)
    assert submit.status_code == 412
    refreshed = BudgetSubmission.objects.get(pk=submission.pk)
    assert refreshed.version == version and refreshed.state == "draft"
    after = list(BudgetLine.objects.filter(submission=submission).values_list("amount", flat=True))
    assert after == before
    garbage = chief.put(url_of(submission, "lines"), {"lines": []}, HTTP_IF_MATCH='"nonsense"')
    assert garbage.status_code == 412


def test_bad_lines_get_400_with_field_messages_and_nothing_changes(personas):
    submission = submission_of("unog", lines=1)
    chief = token_client(personas["chief.geneva"])
    response = chief.put(
        url_of(submission, "lines"),
        {"lines": [{**LINE, "category": "yachts", "amount": "-5", "initiative": "nope"}]},
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert "lines" in fields
    text = " ".join(fields["lines"])
    assert "category" in text and "amount" in text and "initiative" in text
    # A year outside the cycle is refused by the service, with its message.
    outside = chief.put(
        url_of(submission, "lines"), {"lines": [{**LINE, "year": 2031}]}, HTTP_IF_MATCH="*"
    )
    assert outside.status_code == 400
    assert "2031" in outside.json()["error"]["fields"]["non_field_errors"][0]
    missing = chief.put(url_of(submission, "lines"), {}, HTTP_IF_MATCH="*")
    assert missing.status_code == 400 and "lines" in missing.json()["error"]["fields"]
    assert BudgetSubmission.objects.get(pk=submission.pk).version == submission.version
    assert BudgetLine.objects.filter(submission=submission).count() == 1


def test_returning_needs_a_comment(personas):
    submission = submission_of("unog", state="submitted")
    response = token_client(personas["budget.reviewer"]).post(url_of(submission, "return"), {})
    assert response.status_code == 400
    assert "Say why" in response.json()["error"]["fields"]["non_field_errors"][0]
    assert BudgetSubmission.objects.get(pk=submission.pk).state == "submitted"


def test_a_chief_cannot_touch_another_units_submission(personas):
    nairobi = submission_of("unon")
    chief = token_client(personas["chief.geneva"])
    assert chief.get(url_of(nairobi)).status_code == 404
    assert (
        chief.put(url_of(nairobi, "lines"), {"lines": [LINE]}, HTTP_IF_MATCH="*").status_code == 404
    )
    assert chief.post(url_of(nairobi, "submit"), {}).status_code == 404
    created = chief.post("/api/v1/budget-submissions/", {"cycle": "2026-2027", "unit": "unon"})
    assert created.status_code == 403
    assert "chief of" in created.json()["error"]["message"]
    listed = chief.get("/api/v1/budget-submissions/").json()["results"]
    assert nairobi.pk not in {row["id"] for row in listed}


def test_read_only_tokens_are_refused_every_write(personas):
    submission = submission_of("unog", state="draft")
    submitted = submission_of(
        "unog",
        state="submitted",
        cycle=CycleFactory(
            code="2028-2029", name="Biennium 2028-2029", first_year=2028, last_year=2029
        ),
    )
    writes = [
        ("post", "/api/v1/budget-submissions/", {"cycle": "2026-2027", "unit": "unog"}),
        ("put", url_of(submission, "lines"), {"lines": [LINE]}),
        ("post", url_of(submission, "submit"), {}),
        ("post", url_of(submitted, "start-review"), {}),
        ("post", url_of(submitted, "approve"), {}),
        ("post", url_of(submitted, "return"), {"comment": "No."}),
        ("post", "/api/v1/staffing/snapshots/", {"unit": "unog", "as_of": "2025-12-31"}),
    ]
    for username in ("api.reader", "chief.geneva", "budget.reviewer"):
        client = token_client(personas[username], read_only=True)
        for method, url, data in writes:
            response = getattr(client, method)(url, data)
            assert response.status_code == 403, (username, url)
            assert "read-only" in response.json()["error"]["message"]
    assert BudgetSubmission.objects.get(pk=submission.pk).version == submission.version
    assert BudgetSubmission.objects.get(pk=submitted.pk).state == "submitted"
    assert not StaffingSnapshot.objects.filter(as_of="2025-12-31").exists()


def test_a_chief_reports_and_corrects_a_snapshot(personas):
    chief = token_client(personas["chief.geneva"])
    data = {"unit": "unog", "as_of": "2025-12-31", "d": 1, "p": 10, "local": 5}
    first = chief.post("/api/v1/staffing/snapshots/", data)
    assert first.status_code == 201 and first.json()["total"] == 16
    corrected = chief.post("/api/v1/staffing/snapshots/", {**data, "p": 11})
    assert corrected.status_code == 200 and corrected.json()["total"] == 17
    assert StaffingSnapshot.objects.filter(unit__code="unog", as_of="2025-12-31").count() == 1
    other = chief.post("/api/v1/staffing/snapshots/", {**data, "unit": "unon"})
    assert other.status_code == 403 and "chief of" in other.json()["error"]["message"]


def test_a_bad_snapshot_gets_400_with_field_messages(personas):
    response = token_client(personas["chief.geneva"]).post(
        "/api/v1/staffing/snapshots/", {"unit": "atlantis", "as_of": "soon", "p": -1}
    )
    assert response.status_code == 400
    assert {"unit", "as_of", "p"} <= set(response.json()["error"]["fields"])
    assert not StaffingSnapshot.objects.filter(unit__code="atlantis").exists()


# --------------------------------------------------------------------------- query counts


def _grow_submissions(count, start=0):
    def grow():
        cycle = CycleFactory()
        units = OrganisationUnit.objects.bulk_create(
            OrganisationUnit(
                code=f"mission-x{start + i}", name=f"Mission {start + i:04d}", kind="field_mission"
            )
            for i in range(count)
        )
        submissions = BudgetSubmission.objects.bulk_create(
            BudgetSubmission(cycle=cycle, unit=unit) for unit in units
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(
                submission=s,
                category="hardware",
                source="regular_budget",
                year=2026,
                amount=Decimal("10.00"),
            )
            for s in submissions
        )

    return grow


def test_submission_list_keeps_constant_queries_for_10_and_1000_rows(personas):
    _grow_submissions(10)()
    assert_constant_queries(
        token_client(personas["budget.reviewer"]),
        "/api/v1/budget-submissions/?limit=500",
        _grow_submissions(990, start=10),
    )


def test_cycle_list_keeps_constant_queries(personas):
    def grow():
        BudgetCycle.objects.bulk_create(
            BudgetCycle(
                code=f"c{year}",
                name=f"Cycle {year}",
                first_year=year,
                last_year=year + 1,
                opens_on=datetime.date(2000, 1, 1),
                closes_on=datetime.date(2000, 2, 1),
            )
            for year in range(2100, 2200)
        )

    CycleFactory()
    assert_constant_queries(
        token_client(personas["staff"]), "/api/v1/budget-cycles/?limit=500", grow
    )
