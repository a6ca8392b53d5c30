"""Tabular imports: read a CSV or XLSX upload, check every row, write all rows or none.

``read_table`` turns an upload into rows (the header on line 1) and ``records`` into
``(line, {column: value})``; an importer checks every row and fills an ``ImportReport``
(one reason per wrong line). Nothing is written unless the report has no errors and the
caller did not ask for a dry run. ``preview_or_import`` runs the page flow: the upload is
checked as a dry run and previewed; the rows come back with the confirmation (``rows_json``,
checked again by ``posted_rows``) and are then written.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

IMPORT_MAX_COLUMNS = 100


class ImportFileError(ValueError):
    """The file cannot be read at all (wrong format, empty, missing columns)."""


@dataclass
class ImportReport:
    """What an import found: rows read, per-line errors and, once written, the counts."""

    rows: int = 0
    errors: list = field(default_factory=list)  # (line number, reason)
    created: int = 0
    updated: int = 0
    written: bool = False
    summary: list = field(default_factory=list)  # (label, count) shown in the preview

    @property
    def ok(self):
        return not self.errors

    def error(self, line, reason):
        self.errors.append((line, reason))


def max_bytes():
    return getattr(settings, "IMPORT_MAX_BYTES", 5 * 1024 * 1024)


def max_rows():
    return getattr(settings, "IMPORT_MAX_ROWS", 20000)


def _too_large(size):
    return ImportFileError(
        _("The file is %(size)s; at most %(limit)s can be imported at once. Split it.")
        % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
    )


def _too_many_rows():
    return ImportFileError(
        _("The file has more than %(limit)s rows; split it into files of at most %(limit)s.")
        % {"limit": max_rows()}
    )


def _nul():
    return ImportFileError(_("The file contains a NUL byte: it is not a text table."))


def check_upload_size(upload):
    """Refuse an upload larger than ``IMPORT_MAX_BYTES`` (a form's ``clean_file`` calls it)."""
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes():
        raise _too_large(size)


def read_upload(upload):
    """The bytes of an upload, at most ``IMPORT_MAX_BYTES`` of them."""
    check_upload_size(upload)
    data = upload.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise _too_large(len(data))
    return data


def _bounded(rows):
    """The non-empty rows, refusing a file of more than ``IMPORT_MAX_ROWS`` data rows."""
    kept = []
    for row in rows:
        if any(cell.strip() for cell in row):
            if len(kept) > max_rows():  # the header and max_rows() rows are kept
                raise _too_many_rows()
            kept.append(row)
    return kept


def csv_rows(text):
    """Rows of CSV text, bounded; broken CSV is an ``ImportFileError``."""
    if "\x00" in text:
        raise _nul()
    try:
        return _bounded(row[:IMPORT_MAX_COLUMNS] for row in csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise ImportFileError(
            _("The file is not valid CSV: %(error)s") % {"error": error}
        ) from error


def _trimmed(row):
    """``row`` without its trailing empty cells (``max_col`` pads every row to the limit)."""
    end = len(row)
    while end and row[end - 1] is None:
        end -= 1
    return row[:end]


def read_table(upload):
    """Rows of an uploaded CSV or XLSX file as lists of strings (the header included)."""
    name = (getattr(upload, "name", "") or "").lower()
    data = read_upload(upload)
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            rows = _bounded(
                ["" if value is None else _cell_text(value) for value in _trimmed(row)]
                for row in sheet.iter_rows(values_only=True, max_col=IMPORT_MAX_COLUMNS)
            )
            workbook.close()
        except ImportFileError:
            raise
        except Exception as error:  # openpyxl raises many kinds for a broken file
            raise ImportFileError(_("This is not a readable XLSX file.")) from error
    elif name.endswith(".csv") or not name:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(_("Save the CSV file as UTF-8.")) from error
        rows = csv_rows(text)
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    if not rows:
        raise ImportFileError(_("The file is empty."))
    return rows


def _cell_text(value):
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and callable(value.date):
        return value.date().isoformat()
    text = str(value)
    if "\x00" in text:
        raise _nul()
    return text


def records(rows, required, optional=()):
    """Yield ``(line number, {column: value})``; raise if a required column is missing."""
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [name for name in required if name not in header]
    if missing:
        raise ImportFileError(
            _("Line 1: missing column(s): %(columns)s. Expected columns: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join([*required, *optional])}
        )
    for number, row in enumerate(rows[1:], start=2):
        padded = list(row) + [""] * (len(header) - len(row))
        yield (
            number,
            {
                name: padded[index].strip()
                for index, name in enumerate(header)
                if name in required or name in optional
            },
        )


def parse_amount(text):
    """A finite ``Decimal`` from text such as ``"1,234.50"``, or ``None``."""
    try:
        value = Decimal(text.replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def choice_lookup(choices):
    """``{text: value}`` for a ``TextChoices`` class, by value and by label, in lower case:
    a file may name a choice either way."""
    table = {}
    for value, label in choices.choices:
        table[str(value).lower()] = value
        table[str(label).lower()] = value
    return table


def posted_rows(text):
    """The rows of a previewed file, sent back (as JSON) with the confirmation: held to the
    same limits as the file."""
    broken = ImportFileError(_("The previewed file was not sent back intact; upload it again."))
    text = text or "[]"
    if len(text) > 2 * max_bytes() + 1024:
        raise broken
    try:
        rows = json.loads(text)
    except (ValueError, RecursionError):
        raise broken from None
    if (
        not isinstance(rows, list)
        or not rows
        or len(rows) > max_rows() + 1
        or not all(
            isinstance(row, list)
            and len(row) <= IMPORT_MAX_COLUMNS
            and all(isinstance(cell, str) and "\x00" not in cell for cell in row)
            for row in rows
        )
    ):
        raise broken
    return rows


def preview_or_import(request, form, run, *, confirm=None):
    """The import page's flow; returns ``(report, rows_json)``.

    Without ``confirm`` the uploaded file (``form.cleaned_data["file"]``) is read and checked
    as a dry run; with it, the previewed rows posted back as ``rows`` are checked again and
    written. ``run(rows, dry_run=...)`` returns an ``ImportReport``. A file that cannot be read
    becomes a form error. ``confirm`` defaults to whether the request has a ``confirm`` field.
    """
    if confirm is None:
        confirm = "confirm" in request.POST
    report = rows_json = None
    try:
        if confirm:
            rows = posted_rows(request.POST.get("rows"))
        elif form.is_valid():
            rows = read_table(form.cleaned_data["file"])
        else:
            rows = None
        if rows is not None:
            report = run(rows, dry_run=not confirm)
            rows_json = json.dumps(rows)
    except ValueError as error:  # ImportFileError, or a value the importer could not take
        form.add_error(None, str(error))
    return report, rows_json
