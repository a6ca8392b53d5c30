"""Every table page sorts, paginates and downloads with a constant number of queries; any
``sort=``, ``page=`` or ``per_page=`` is safe; the downloads hold every filtered row."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.testing.queries import assert_constant_queries

from .table_pages import TABLE_PAGES

pytestmark = pytest.mark.django_db

SMALL, GROWN = 3, 30  # 30 rows: more than a page of 25 (a register's 50 rows: page 1)


@pytest.mark.parametrize("table_page", TABLE_PAGES, ids=str)
def test_it_sorts_and_paginates_with_constant_queries(client, personas, table_page):
    table_page.grow(personas, SMALL)
    client.force_login(personas[table_page.persona])
    url = f"{table_page.url}?sort=-{table_page.sort}"
    assert_constant_queries(client, url, lambda: table_page.grow(personas, GROWN))
    second = client.get(f"{table_page.url}?sort={table_page.sort}&page=2&per_page=10")
    assert second.status_code == 200
    assert second.context["table"].page.number == 2


@pytest.mark.parametrize("table_page", TABLE_PAGES, ids=str)
def test_every_column_sorts_both_ways_and_bad_keys_are_ignored(client, personas, table_page):
    table_page.grow(personas, SMALL)
    client.force_login(personas[table_page.persona])
    table = client.get(table_page.url).context["table"]
    sortable = [column.name for column in table.columns if column.orderable]
    assert table_page.sort in sortable
    for name in sortable:
        for key in (name, f"-{name}"):
            response = client.get(table_page.url, {"sort": key})
            assert response.status_code == 200, key
            assert list(response.context["table"].order_by) == [key]
            assert 'aria-sort="' in response.content.decode(), key
    for bad in ("nope", "-pk", "password", "--title", "__class__", "title;drop", ""):
        response = client.get(table_page.url, {"sort": bad, "page": "x", "per_page": "-3"})
        assert response.status_code == 200, bad
        assert "aria-sort" not in response.content.decode(), bad


@pytest.mark.parametrize("table_page", TABLE_PAGES, ids=str)
def test_the_downloads_hold_every_row_in_the_order_shown(client, personas, table_page):
    table_page.grow(personas, GROWN)
    client.force_login(personas[table_page.persona])
    shown = client.get(table_page.url, {"sort": table_page.sort, "per_page": 10})
    shown = shown.context["table"]
    total = shown.paginator.count
    assert total > shown.paginator.per_page
    response = client.get(table_page.url, {"sort": table_page.sort, "page": 2, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == total + 1
    first_page = [row.get_cell_value(shown.row_header or table_page.sort) for row in shown.rows]
    column = rows[0].index(str(shown.columns[shown.row_header or table_page.sort].header))
    assert [r[column] for r in rows[1:]] == [str(v) for v in first_page]
    xlsx = client.get(table_page.url, {"sort": table_page.sort, "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).worksheets[0]
    assert len(list(sheet.iter_rows(values_only=True))) == total + 1


@pytest.mark.parametrize("table_page", TABLE_PAGES, ids=str)
def test_the_table_scrolls_in_a_labelled_region_and_says_its_sort_in_words(
    client, personas, table_page
):
    table_page.grow(personas, SMALL)
    client.force_login(personas[table_page.persona])
    html = client.get(table_page.url, {"sort": f"-{table_page.sort}"}).content.decode()
    assert 'class="table-scroll" role="region" tabindex="0" aria-label="' in html
    assert 'aria-sort="descending"' in html and "(sorted descending)" in html
