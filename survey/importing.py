"""Reading a CSV of responses (one row per respondent) into validated rows, row by row.

Columns: the five dimension columns, one column per topic code of the survey (a rating:
0-5 or its words, empty = not answered), ``comment`` (overall) and optionally
``comment_<topic code>``. Every problem is reported with its row number; nothing is
written unless the whole file is valid (see ``services.response_import_apply``).
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.imports import choice_lookup, max_rows
from governance.models import OrganisationUnit

from .choices import RATING_WORDS, DutyStation, Gender, Rating, StaffCategory, YearsOfService
from .models import Topic

DIMENSION_COLUMNS = {
    "duty_station": DutyStation,
    "staff_category": StaffCategory,
    "years_of_service": YearsOfService,
    "gender": Gender,
    "organisation_unit": None,  # unit code, from the database
}
COMMENT_COLUMN = "comment"
TOPIC_COMMENT_PREFIX = "comment_"
MAX_COMMENT = 5000
#: at most this many errors are kept: a wrong file should not fill the database with them.
MAX_ERRORS = 500


@dataclass
class ParsedRow:
    line: int
    dimensions: dict
    ratings: dict  # topic id -> rating
    comments: dict  # topic id (None = overall) -> text


@dataclass
class ParseResult:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # {"row": n, "column": c, "message": m}
    row_count: int = 0

    @property
    def is_valid(self):
        return not self.errors and self.row_count > 0

    def add_error(self, row, column, message):
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": row, "column": column or "", "message": str(message)})


def expected_columns(survey_topics):
    return [*DIMENSION_COLUMNS, *(t.code for t in survey_topics), COMMENT_COLUMN]


def parse_rating(raw):
    """Return (rating or None for empty, error message or None)."""
    value = (raw or "").strip()
    if not value:
        return None, None
    word = RATING_WORDS.get(value.lower())
    if word is not None:
        return int(word), None
    try:
        number = int(value)
    except ValueError:
        return None, _("Unknown rating “%(value)s”: use 0-5 or a word of the scale.") % {
            "value": value[:40]
        }
    if number not in Rating.values:
        return None, _("Rating %(value)s is out of range: use 0 (not applicable) to 5.") % {
            "value": number
        }
    return number, None


def parse_responses(survey, content):
    """Check ``content`` (CSV text) against ``survey``'s topics; returns a ``ParseResult``."""
    result = ParseResult()
    topics = list(survey.topics.all())
    topic_by_code = {t.code: t for t in topics}
    known_codes = set(Topic.objects.values_list("code", flat=True))
    units = {u.code.lower(): u.pk for u in OrganisationUnit.objects.only("pk", "code")}
    lookups = {
        name: choice_lookup(choices) for name, choices in DIMENSION_COLUMNS.items() if choices
    }

    if "\x00" in content:
        result.add_error(1, "", _("The file contains a NUL byte: it is not a text table."))
        return result
    try:
        reader = csv.reader(io.StringIO(content, newline=""), strict=True)
        header = next(reader, None)
    except csv.Error as error:
        result.add_error(1, "", _("The file is not valid CSV: %(error)s") % {"error": error})
        return result
    if not header:
        result.add_error(1, "", _("The file is empty: the first row must name the columns."))
        return result
    header = [h.strip() for h in header]
    header_ok = True
    seen = set()
    for column in header:
        if column in seen:
            result.add_error(
                1, column, _("Column “%(column)s” appears twice.") % {"column": column}
            )
            header_ok = False
        seen.add(column)
        if column in DIMENSION_COLUMNS or column in topic_by_code or column == COMMENT_COLUMN:
            continue
        if column.startswith(TOPIC_COMMENT_PREFIX):
            code = column[len(TOPIC_COMMENT_PREFIX) :]
            if code in topic_by_code:
                continue
            result.add_error(
                1, column, _("Comment column for unknown topic “%(code)s”.") % {"code": code}
            )
        elif column in known_codes:
            result.add_error(
                1,
                column,
                _("Topic “%(code)s” is not asked in this survey.") % {"code": column},
            )
        else:
            result.add_error(
                1,
                column,
                _("Unknown column “%(column)s”: not a topic code or a dimension.")
                % {"column": column},
            )
        header_ok = False
    for column in expected_columns(topics):
        if column not in seen and column != COMMENT_COLUMN:
            result.add_error(1, column, _("Missing column “%(column)s”.") % {"column": column})
            header_ok = False

    width = len(header)
    line = 1
    try:
        for line, values in enumerate(reader, start=2):
            if not values or all(not v.strip() for v in values):
                continue  # blank line
            result.row_count += 1
            if result.row_count > max_rows():
                result.rows = []
                result.add_error(
                    line,
                    "",
                    _("The file has more than %(limit)s rows; split it into smaller files.")
                    % {"limit": max_rows()},
                )
                break
            if len(values) != width:
                result.add_error(
                    line,
                    "",
                    _("Malformed row: %(found)s fields where the header has %(expected)s.")
                    % {"found": len(values), "expected": width},
                )
                continue
            if not header_ok:
                continue
            row = _parse_row(
                line, dict(zip(header, values, strict=True)), topic_by_code, units, lookups, result
            )
            if row is not None:
                result.rows.append(row)
    except csv.Error as error:
        result.add_error(line + 1, "", _("Malformed row: %(error)s") % {"error": error})
    if result.row_count == 0 and not result.errors:
        result.add_error(2, "", _("The file has no responses after its header."))
    return result


def _parse_row(line, record, topic_by_code, units, lookups, result):
    errors_before = len(result.errors)
    dimensions = {}
    for name, lookup in lookups.items():
        raw = record[name].strip()
        if not raw:
            dimensions[name] = ""
            continue
        value = lookup.get(raw.lower())
        if value is None:
            result.add_error(line, name, _("Unknown value “%(value)s”.") % {"value": raw[:40]})
        dimensions[name] = value or ""
    raw_unit = record["organisation_unit"].strip()
    dimensions["organisation_unit_id"] = None
    if raw_unit:
        unit_id = units.get(raw_unit.lower())
        if unit_id is None:
            result.add_error(
                line,
                "organisation_unit",
                _("Unknown organisation unit code “%(value)s”.") % {"value": raw_unit[:40]},
            )
        dimensions["organisation_unit_id"] = unit_id
    ratings = {}
    for code, topic in topic_by_code.items():
        rating, message = parse_rating(record[code])
        if message:
            result.add_error(line, code, message)
        elif rating is not None:
            ratings[topic.pk] = rating
    comments = {}
    overall = (record.get(COMMENT_COLUMN) or "").strip()
    if overall:
        comments[None] = overall[:MAX_COMMENT]
    for code, topic in topic_by_code.items():
        text = (record.get(TOPIC_COMMENT_PREFIX + code) or "").strip()
        if text:
            comments[topic.pk] = text[:MAX_COMMENT]
    if len(result.errors) != errors_before:
        return None
    return ParsedRow(line=line, dimensions=dimensions, ratings=ratings, comments=comments)
