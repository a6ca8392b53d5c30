"""Acceptance 1: the report for 2007-12-31 reproduces Annex IV row by row, with its totals."""

import datetime

import pytest
from django.urls import reverse

from staffing.selectors import staffing_summary
from staffing.tables import ANNEX_IV_COLUMNS

pytestmark = pytest.mark.django_db

# department / office: D, P, FS, GS, international, local, UNV, ICC, contractors, total
ANNEX_IV = [
    ("dm", [5, 115, 0, 97, 217, 0, 0, 30, 82, 329]),
    ("dfs", [1, 103, 606, 5, 715, 1057, 245, 255, 410, 2682]),
    ("other-hq", [1, 44, 0, 60, 105, 0, 0, 0, 0, 105]),
    ("regional-commissions", [0, 40, 3, 78, 121, 61, 0, 0, 63, 245]),
    ("ictr", [0, 7, 24, 0, 31, 23, 0, 0, 11, 65]),
    ("icty", [0, 10, 0, 59, 69, 0, 0, 0, 0, 69]),
    ("unog", [0, 33, 0, 55, 88, 0, 0, 0, 14, 102]),
    ("unon", [0, 11, 0, 38, 49, 0, 0, 11, 0, 60]),
    ("unov", [1, 8, 5, 75, 89, 2, 0, 35, 0, 126]),
]
TOTALS = [8, 371, 638, 467, 1484, 1143, 245, 331, 580, 3783]
COLUMNS = ["d", "p", "fs", "gs", "international", "local", "unv", "icc", "contractors", "total"]


def test_the_2007_report_reproduces_annex_iv_row_by_row_with_its_totals(reference_data):
    summary = staffing_summary(datetime.date(2007, 12, 31))
    rows = [(row["unit"], [row[name] for name in COLUMNS]) for row in summary["rows"]]
    assert rows == ANNEX_IV
    assert [summary["totals"][name] for name in COLUMNS] == TOTALS


def test_the_report_page_shows_the_annex_iv_layout_and_totals(client, staff):
    client.force_login(staff)
    response = client.get(reverse("staffing:summary"), {"as_of": "2007-12-31"})
    table = response.context["table"]
    columns = [name for name in ANNEX_IV_COLUMNS]
    shown = [[row.get_cell_value(name) for name in columns] for row in table.paginated_rows]
    assert shown == [cells for _, cells in ANNEX_IV]  # every unit on one page, in Annex IV order
    assert [response.context["summary"]["totals"][name] for name in columns] == TOTALS
    page = response.content.decode()
    footer = page[page.index("<tfoot>") : page.index("</tfoot>")]
    assert ">3,783</td>" in footer and ">1,484</td>" in footer


def test_a_later_snapshot_replaces_a_units_row_from_its_date(chief_geneva):
    from governance.models import OrganisationUnit
    from staffing.services import snapshot_submit

    unog = OrganisationUnit.objects.get(code="unog")
    snapshot_submit(
        unit=unog, as_of=datetime.date(2010, 6, 30), counts={"p": 40, "gs": 50}, actor=chief_geneva
    )
    before = staffing_summary(datetime.date(2010, 6, 29))
    after = staffing_summary(datetime.date(2010, 6, 30))
    assert before["totals"]["total"] == 3783
    assert after["totals"]["total"] == 3783 - 102 + 90
    assert after["totals"]["international"] == 1484 - 88 + 90


def test_the_report_downloads_as_csv_with_the_totals_row(client, staff):
    client.force_login(staff)
    response = client.get(reverse("staffing:summary_csv"), {"as_of": "2007-12-31"})
    rows = response.content.decode().strip().splitlines()
    assert rows[0].startswith("unit,unit_name,snapshot,d,p,fs,gs,international")
    assert rows[-1] == "total,,2007-12-31,8,371,638,467,1484,1143,245,331,580,3783"
    assert len(rows) == 11
