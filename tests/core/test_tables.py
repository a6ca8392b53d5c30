"""The shared table base (core.tables): safe sorting, bounded pages, escaped downloads."""

import csv
import datetime
import io

import django_tables2 as tables
import pytest
from django.test import RequestFactory
from django.utils import timezone
from openpyxl import load_workbook

from core.tables import MAX_PER_PAGE, NumberColumn, PortalTable, configure, table_page
from governance.models import OrganisationUnit

pytestmark = pytest.mark.django_db


class UnitTable(PortalTable):
    code = tables.Column()
    name = tables.Column()
    annex_iv_row = NumberColumn(default=0)
    label = tables.Column(accessor="__str__")  # a Python value: shown, not sortable
    when = tables.Column(accessor="pk", orderable=False)

    caption = "Units"
    export_name = "units"
    row_header = "name"

    def value_when(self):
        return timezone.make_aware(datetime.datetime(2026, 1, 2, 3, 4))


def request(**query):
    return RequestFactory().get("/units/", query)


def test_a_column_the_rows_cannot_be_sorted_by_gets_no_sort_link_and_its_key_is_ignored():
    table = configure(request(sort="-label"), UnitTable(OrganisationUnit.objects.order_by("pk")))
    assert not table.columns["label"].orderable and table.columns["name"].orderable
    assert not table.order_by
    first = [row.record.pk for row in table.page.object_list]
    assert first == list(OrganisationUnit.objects.order_by("pk").values_list("pk", flat=True))[:25]


@pytest.mark.parametrize("key", ["", "nope", "-", "--name", "name,code;", "__class__"])
def test_a_bad_sort_key_is_ignored(key):
    table = configure(request(sort=key), UnitTable(OrganisationUnit.objects.order_by("pk")))
    assert not table.order_by
    table.as_html(request(sort=key))


def test_a_sort_breaks_ties_by_primary_key():
    table = configure(request(sort="-annex_iv_row"), UnitTable(OrganisationUnit.objects.all()))
    assert table.data.data.query.order_by[-1] == "pk"


@pytest.mark.parametrize(
    ("page", "per_page", "number", "size"),
    [("x", "x", 1, 25), ("999", "1", None, 1), ("-2", "100000", 1, MAX_PER_PAGE), ("2", "0", 2, 1)],
)
def test_pages_are_bounded(page, per_page, number, size):
    table = configure(
        request(page=page, per_page=per_page), UnitTable(OrganisationUnit.objects.all())
    )
    assert table.paginator.per_page == size
    assert table.page.number == (number or table.paginator.num_pages)


def test_the_downloads_escape_formulas_and_hold_every_row():
    OrganisationUnit.objects.filter(pk=OrganisationUnit.objects.order_by("pk").first().pk).update(
        name='=HYPERLINK("http://evil.example","x")'
    )
    units = OrganisationUnit.objects.order_by("pk")
    response = table_page(request(format="csv", page=2), "unused.html", UnitTable(units))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Code", "Name", "Annex IV row", "Label", "When"]
    assert len(rows) == units.count() + 1
    assert rows[1][1].startswith("'=HYPERLINK")
    response = table_page(request(format="xlsx"), "unused.html", UnitTable(units))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.cell(2, 2).value.startswith("'=HYPERLINK")
    assert isinstance(sheet.cell(2, 5).value, datetime.datetime)  # an aware time, made local
    assert sheet.max_row == units.count() + 1


def test_the_template_labels_its_region_and_says_the_sort_in_words():
    table = configure(request(sort="-name"), UnitTable(OrganisationUnit.objects.all()))
    html = table.as_html(request(sort="-name"))
    assert '<div class="table-scroll" role="region" tabindex="0" aria-label="Units">' in html
    assert 'aria-sort="descending"' in html and "(sorted descending)" in html
    assert '<th scope="row"' in html and "<caption>Units</caption>" in html
    assert 'href="?sort=name"' in html  # the next sort, page dropped
