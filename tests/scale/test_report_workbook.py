"""The quarterly report's workbook is written in streaming mode and keeps its formatting
(issue 16)."""

import io

import pytest
from openpyxl import load_workbook

from portfolio.reports.builder import build_figures
from portfolio.reports.exports import sections, sheet_title, workbook_bytes

pytestmark = pytest.mark.django_db


def test_the_streamed_workbook_has_every_section_with_bold_headings():
    figures = build_figures("2026-Q1")
    book = load_workbook(io.BytesIO(workbook_bytes(figures)))
    for section in sections(figures):
        sheet = book[sheet_title(section)]
        assert sheet["A1"].value == section.title
        assert sheet["A1"].font.bold
        assert [cell.value for cell in sheet[3]][: len(section.columns)] == [
            str(column) for column in section.columns
        ]
        assert all(cell.font.bold for cell in sheet[3] if cell.value is not None)
        amounts = [
            cell
            for row in sheet.iter_rows(min_row=4)
            for cell in row
            if isinstance(cell.value, float)
        ]
        assert all(cell.number_format == "#,##0.00" for cell in amounts)
