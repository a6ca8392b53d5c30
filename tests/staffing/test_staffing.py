"""Staffing: snapshots and plans through services, imports, trend, plan against actuals, views."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from core.imports import read_table
from governance.models import OrganisationUnit
from governance.rights import RightsError
from staffing import services
from staffing.imports import snapshots_import
from staffing.models import StaffingEvent, StaffingPlan, StaffingSnapshot
from staffing.selectors import plan_against_actual, staffing_trend
from tests.budgets.factories import UnitFactory, UserFactory
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db
REPORTERS = {"chief.geneva", "chief.nairobi", "cito"}
HEADER = "unit,as_of,d,p,fs,gs,local,unv,icc,contractors\n"


def _unit(code):
    return OrganisationUnit.objects.get(code=code)


def test_a_chief_submits_a_snapshot_and_totals_are_derived(chief_geneva):
    snapshot = services.snapshot_submit(
        unit=_unit("unog"),
        as_of=datetime.date(2011, 12, 31),
        counts={"d": 1, "p": 30, "gs": 50, "local": 2, "contractors": 10},
        actor=chief_geneva,
    )
    assert (snapshot.international, snapshot.total) == (81, 93)
    assert StaffingEvent.objects.get(unit=snapshot.unit).action == "snapshot_submitted"


def test_a_second_report_for_the_same_date_corrects_it_and_keeps_the_old_figures(chief_geneva):
    day = datetime.date(2011, 12, 31)
    services.snapshot_submit(unit=_unit("unog"), as_of=day, counts={"p": 30}, actor=chief_geneva)
    services.snapshot_submit(unit=_unit("unog"), as_of=day, counts={"p": 31}, actor=chief_geneva)
    assert StaffingSnapshot.objects.get(unit__code="unog", as_of=day).p == 31
    corrected = StaffingEvent.objects.filter(action="snapshot_corrected").get()
    assert corrected.details["before"]["p"] == 30


def test_it_refuses_a_snapshot_from_another_units_chief(chief_nairobi):
    with pytest.raises(RightsError):
        services.snapshot_submit(
            unit=_unit("unog"), as_of=datetime.date(2011, 1, 1), counts={}, actor=chief_nairobi
        )


def test_it_refuses_a_negative_headcount(chief_geneva):
    with pytest.raises(services.StaffingError):
        services.snapshot_submit(
            unit=_unit("unog"),
            as_of=datetime.date(2011, 1, 1),
            counts={"p": -1},
            actor=chief_geneva,
        )


def test_the_trend_counts_each_unit_with_its_latest_figures(chief_geneva):
    services.snapshot_submit(
        unit=_unit("unog"),
        as_of=datetime.date(2009, 12, 31),
        counts={"p": 40, "gs": 60, "contractors": 10},
        actor=chief_geneva,
    )
    trend = staffing_trend()
    assert [row["as_of"] for row in trend] == [
        datetime.date(2007, 12, 31),
        datetime.date(2009, 12, 31),
    ]
    assert trend[0]["total"] == 3783
    assert trend[1]["total"] == 3783 - 102 + 110
    assert trend[1]["p"] == 371 - 33 + 40


def test_the_trend_page_runs_constant_queries_as_snapshots_grow(client, staff, chief_geneva):
    client.force_login(staff)

    def grow():
        for year in (2009, 2010, 2011):
            services.snapshot_submit(
                unit=_unit("unog"),
                as_of=datetime.date(year, 12, 31),
                counts={"p": year - 1970},
                actor=chief_geneva,
            )

    assert_constant_queries(client, reverse("staffing:trend"), grow)


def test_the_report_page_runs_constant_queries_as_units_grow(client, staff):
    client.force_login(staff)

    def grow():
        StaffingSnapshot.objects.bulk_create(
            [
                StaffingSnapshot(unit=u, as_of=datetime.date(2007, 12, 31), p=1)
                for u in UnitFactory.create_batch(50)
            ]
        )

    assert_constant_queries(client, reverse("staffing:summary") + "?as_of=2007-12-31", grow)


def test_the_plan_is_shown_against_the_latest_actuals_of_the_year(chief_geneva):
    services.plan_set(unit=_unit("unog"), year=2007, counts={"p": 35, "gs": 55}, actor=chief_geneva)
    row = plan_against_actual(2007)[0]
    cells = {cell["name"]: cell for cell in row["cells"]}
    assert cells["p"] == {"name": "p", "planned": 35, "actual": 33, "gap": -2}
    assert cells["total"]["planned"] == 90 and cells["total"]["actual"] == 102
    assert row["actual_as_of"] == datetime.date(2007, 12, 31)


def test_the_plan_page_runs_constant_queries_as_plans_grow(client, staff):
    client.force_login(staff)
    StaffingPlan.objects.create(unit=_unit("unog"), year=2007, p=1)

    def grow():
        StaffingPlan.objects.bulk_create(
            [
                StaffingPlan(unit=u, year=2007, p=2)
                for u in OrganisationUnit.objects.exclude(code="unog")
            ]
        )

    assert_constant_queries(client, reverse("staffing:plan") + "?year=2007", grow)


def _rows(text):
    return read_table(SimpleUploadedFile("s.csv", text.encode()))


def test_a_snapshot_import_reports_every_bad_row_and_writes_nothing(chief_geneva):
    text = HEADER + (
        "unog,2011-12-31,0,30,0,50,0,0,0,5\n"  # 2 ok
        "atlantis,2011-12-31,0,1,0,1,0,0,0,0\n"  # 3 unknown unit
        "unog,2011-12-31,0,30,0,50,0,0,0,5\n"  # 4 duplicate of 2
        "unog,2012-12-31,0,-3,0,50,0,0,0,5\n"  # 5 negative
        "unog,2013-12-31,0,many,0,50,0,0,0,5\n"  # 6 text in a number column
        "unog,2007-12-31,0,1,0,1,0,0,0,0\n"  # 7 already recorded
        "unon,2011-12-31,0,1,0,1,0,0,0,0\n"  # 8 not the chief's unit
        "unog,31/12/2014,0,1,0,1,0,0,0,0\n"  # 9 bad date
    )
    count = StaffingSnapshot.objects.count()
    report = snapshots_import(rows=_rows(text), actor=chief_geneva, dry_run=False)
    reasons = dict(report.errors)
    assert sorted(reasons) == [3, 4, 5, 6, 7, 8, 9]
    assert "unknown unit" in reasons[3] and "duplicate of line 2" in reasons[4]
    assert "negative p" in reasons[5] and "'many' is not a whole number" in reasons[6]
    assert "already exists" in reasons[7] and "you do not report" in reasons[8]
    assert "not a date" in reasons[9]
    assert StaffingSnapshot.objects.count() == count


def test_a_valid_xlsx_snapshot_import_writes_all_rows(chief_geneva):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["unit", "as_of", "d", "p", "fs", "gs", "local", "unv", "icc", "contractors"])
    for year in range(2010, 2015):
        sheet.append(
            ["unog", datetime.datetime(year, 12, 31), 0, 30 + year - 2010, 0, 50, 0, 0, 0, 5]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = read_table(SimpleUploadedFile("s.xlsx", buffer.getvalue()))
    report = snapshots_import(rows=rows, actor=chief_geneva, dry_run=False)
    assert report.ok and report.created == 5
    assert StaffingSnapshot.objects.get(unit__code="unog", as_of="2014-12-31").p == 34


def test_the_snapshot_form_records_a_snapshot(client, chief_nairobi):
    client.force_login(chief_nairobi)
    data = {
        "unit": _unit("unon").pk,
        "as_of": "2012-12-31",
        "d": 0,
        "p": 12,
        "fs": 0,
        "gs": 40,
        "local": 0,
        "unv": 0,
        "icc": 10,
        "contractors": 2,
    }
    assert client.post(reverse("staffing:snapshot_new"), data).status_code == 302
    assert StaffingSnapshot.objects.get(unit__code="unon", as_of="2012-12-31").total == 64


def test_the_snapshot_form_offers_only_the_chiefs_units(client, chief_nairobi):
    client.force_login(chief_nairobi)
    data = {
        "unit": _unit("unog").pk,
        "as_of": "2012-12-31",
        "d": 0,
        "p": 1,
        "fs": 0,
        "gs": 0,
        "local": 0,
        "unv": 0,
        "icc": 0,
        "contractors": 0,
    }
    assert client.post(reverse("staffing:snapshot_new"), data).status_code == 400
    assert not StaffingSnapshot.objects.filter(unit__code="unog", as_of="2012-12-31").exists()


def test_a_delegate_reports_staff_for_the_unit(chief_nairobi):
    from governance.services import delegate_add

    deputy = UserFactory(username="deputy.nairobi")
    delegate_add(unit=_unit("unon"), user=deputy, actor=chief_nairobi)
    services.snapshot_submit(
        unit=_unit("unon"), as_of=datetime.date(2012, 1, 1), counts={"p": 1}, actor=deputy
    )


class TestSummaryPage(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("staffing:summary")


class TestTrendPage(TestSummaryPage):
    def get_url(self, personas):
        return reverse("staffing:trend")


class TestPlanPage(TestSummaryPage):
    def get_url(self, personas):
        return reverse("staffing:plan")


class TestSnapshotForm(PersonaAccessMixin):
    allowed = REPORTERS

    def get_url(self, personas):
        return reverse("staffing:snapshot_new")


class TestPlanForm(TestSnapshotForm):
    def get_url(self, personas):
        return reverse("staffing:plan_edit")


class TestSnapshotImport(TestSnapshotForm):
    def get_url(self, personas):
        return reverse("staffing:import")


class TestSummaryCsv(TestSummaryPage):
    def get_url(self, personas):
        return reverse("staffing:summary_csv")


def test_it_refuses_a_snapshot_dated_in_the_future(chief_geneva):
    future = datetime.date.today() + datetime.timedelta(days=30)
    with pytest.raises(services.StaffingError):
        services.snapshot_submit(unit=_unit("unog"), as_of=future, counts={}, actor=chief_geneva)


def test_a_tampered_preview_is_refused(client, chief_geneva):
    client.force_login(chief_geneva)
    response = client.post(reverse("staffing:import"), {"confirm": "1", "rows": '{"a": 1}'})
    assert response.status_code == 400
    assert "upload it again" in response.content.decode()
