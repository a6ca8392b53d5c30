"""core.imports: reading CSV/XLSX uploads, records by column, and the preview/confirm flow."""

import io
import json

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import RequestFactory
from openpyxl import Workbook

from core.imports import (
    ImportFileError,
    ImportReport,
    choice_lookup,
    parse_amount,
    posted_rows,
    preview_or_import,
    read_table,
    records,
)


def _upload(name, data):
    return SimpleUploadedFile(name, data)


def test_it_reads_a_csv_with_a_byte_order_mark_and_skips_blank_lines():
    rows = read_table(_upload("a.csv", "\ufeffunit,amount\nunog,5\n,\n".encode()))
    assert rows == [["unit", "amount"], ["unog", "5"]]


def test_it_reads_the_first_sheet_of_an_xlsx_as_text():
    book = Workbook()
    book.active.append(["unit", "amount"])
    book.active.append(["unog", 5.0])
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_table(_upload("a.xlsx", buffer.getvalue())) == [["unit", "amount"], ["unog", "5"]]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.xlsx", b"not a workbook", "not a readable XLSX"),
        ("a.csv", "é".encode("latin-1"), "UTF-8"),
        ("a.pdf", b"x", ".csv or .xlsx"),
        ("a.csv", b"\n\n", "empty"),
    ],
)
def test_it_refuses_an_unreadable_file_with_a_clear_message(name, data, message):
    with pytest.raises(ImportFileError, match=message):
        read_table(_upload(name, data))


def test_records_name_missing_columns_and_pad_short_rows():
    rows = [["Unit", "amount"], ["unog"]]
    assert list(records(rows, ("unit", "amount"))) == [(2, {"unit": "unog", "amount": ""})]
    with pytest.raises(ImportFileError, match="missing column.*year"):
        list(records(rows, ("unit", "year")))


def test_parse_amount_accepts_separators_and_refuses_what_is_not_a_finite_number():
    assert str(parse_amount("1,234.50")) == "1234.50"
    assert parse_amount("a lot") is None and parse_amount("Infinity") is None


class _Colour(models.TextChoices):
    RED = "RED", "Scarlet"


def test_choice_lookup_takes_a_value_or_a_label_in_any_case():
    table = choice_lookup(_Colour)
    assert table["red"] == table["scarlet"] == _Colour.RED


def test_the_report_is_ok_until_a_line_has_an_error():
    report = ImportReport()
    assert report.ok
    report.error(3, "wrong unit")
    assert not report.ok and report.errors == [(3, "wrong unit")]


def test_posted_rows_must_come_back_as_lists_of_text():
    assert posted_rows('[["a", "b"]]') == [["a", "b"]]
    for text in ("", "{", '[["a", 1]]', '["a"]'):
        with pytest.raises(ImportFileError):
            posted_rows(text)


class _UploadForm(forms.Form):
    file = forms.FileField()


def _run(rows, dry_run):
    report = ImportReport(rows=len(rows) - 1)
    report.written = not dry_run
    return report


def test_the_flow_previews_an_upload_then_writes_the_rows_sent_back():
    factory = RequestFactory()
    upload = _upload("a.csv", b"unit\nunog\n")
    request = factory.post("/", {"file": upload})
    form = _UploadForm(request.POST, request.FILES)
    report, rows_json = preview_or_import(request, form, _run)
    assert report.rows == 1 and not report.written
    request = factory.post("/", {"confirm": "1", "rows": rows_json})
    report, _rows = preview_or_import(request, _UploadForm(request.POST), _run)
    assert report.written and json.loads(rows_json) == [["unit"], ["unog"]]


def test_the_flow_turns_an_unreadable_file_into_a_form_error():
    request = RequestFactory().post("/", {"file": _upload("a.pdf", b"x")})
    form = _UploadForm(request.POST, request.FILES)
    assert preview_or_import(request, form, _run) == (None, None)
    assert ".csv or .xlsx" in str(form.non_field_errors())
