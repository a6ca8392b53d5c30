"""CSV and XLSX exports, with spreadsheet formulas escaped in every cell.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be
run as a formula by a spreadsheet (OWASP "CSV injection"): ``escape_formula`` prefixes it with
an apostrophe, so it shows as the text that was typed. Numbers, dates and text that is just a
number (``"-12.5"``) are left alone: numbers stay numbers. Every export writes through the
helpers below, never through ``csv.writer`` or ``Worksheet.append`` directly::

    return csv_response("decisions.csv", rows, header=[...])
    sheet = workbook.create_sheet("Budget"); append_row(sheet, [...])
    return xlsx_response("budget.xlsx", workbook)
"""

import csv
import io
import re

from django.http import HttpResponse
from django.utils.functional import Promise

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def escape_formula(value):
    """``value`` made safe for a spreadsheet cell (see the module docstring)."""
    if isinstance(value, Promise):  # a lazy translation
        value = str(value)
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_PREFIXES)
        and not _NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def safe_row(row):
    return [escape_formula(value) for value in row]


class SafeWriter:
    """A ``csv.writer`` whose every cell goes through ``escape_formula``."""

    def __init__(self, file, **kwargs):
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row):
        return self._writer.writerow(safe_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(file, **kwargs):
    return SafeWriter(file, **kwargs)


def csv_text(rows, *, header=None):
    """The CSV text of ``rows`` (after ``header``, if given)."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def attachment(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, rows, *, header=None):
    """A download of ``rows`` as the CSV file ``filename``, written as it is produced."""
    response = attachment(HttpResponse(content_type=CSV_CONTENT_TYPE), filename)
    writer = csv_writer(response)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return response


def append_row(sheet, row, *, font=None):
    """Append ``row`` to an openpyxl worksheet (also a write-only one), escaped. With
    ``font`` (an ``openpyxl.styles.Font``), every cell of the row takes it; floats are
    shown with two decimals and thousands separators."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in safe_row(row):
        cell = WriteOnlyCell(sheet, value=value)
        if font is not None:
            cell.font = font
        if isinstance(value, float):
            cell.number_format = "#,##0.00"
        cells.append(cell)
    sheet.append(cells)


def xlsx_bytes(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename, workbook_or_bytes):
    """A download of an openpyxl workbook (or its bytes) as ``filename``."""
    data = workbook_or_bytes
    if not isinstance(data, bytes | bytearray | memoryview):
        data = xlsx_bytes(data)
    return attachment(HttpResponse(bytes(data), content_type=XLSX_CONTENT_TYPE), filename)
