"""CSV and XLSX exports of a survey's results: the same suppressed figures as the pages."""

from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.exports import append_row, csv_text, xlsx_bytes

from .results import all_breakdowns, summarise


def _header():
    return [
        _("Breakdown"),
        _("Group"),
        _("Respondents"),
        _("Topic code"),
        _("Topic"),
        _("Satisfaction (%)"),
        _("Target (%)"),
        _("Gap to target (points)"),
    ]


def result_rows(survey):
    """One row per topic (whole survey) and per visible group and topic; no hidden figure."""
    summary = summarise(survey)
    rows = []
    whole = "" if summary.suppressed else summary.respondents
    for result in summary.topics:
        rows.append(
            [
                _("All respondents"),
                "",
                whole,
                result.topic.code,
                result.topic.local_name,
                result.rate,
                survey.target,
                result.gap,
            ]
        )
    for table in all_breakdowns(survey):
        for group in table.rows:
            for topic, value in group.cells:
                rows.append(
                    [
                        str(table.dimension.label),
                        group.label,
                        group.respondents,
                        topic.code,
                        topic.local_name,
                        value,
                        survey.target,
                        None if value is None else round(value - survey.target, 1),
                    ]
                )
    return rows


def as_csv(survey):
    return csv_text(
        (["" if v is None else v for v in row] for row in result_rows(survey)), header=_header()
    )


def as_xlsx(survey):
    summary = summarise(survey)
    workbook = Workbook()
    topics_sheet = workbook.active
    topics_sheet.title = _("Topics")[:31]
    append_row(
        topics_sheet,
        [
            _("Topic code"),
            _("Topic"),
            _("Rated"),
            _("Satisfied"),
            _("Satisfaction (%)"),
            _("Target (%)"),
            _("Gap to target (points)"),
        ],
    )
    for result in summary.topics:
        suppressed = result.rate is None
        append_row(
            topics_sheet,
            [
                result.topic.code,
                result.topic.local_name,
                None if suppressed else result.rated,
                None if suppressed else result.satisfied,
                result.rate,
                survey.target,
                result.gap,
            ],
        )
    breakdown_sheet = workbook.create_sheet(_("Breakdowns")[:31])
    append_row(breakdown_sheet, _header())
    for row in result_rows(survey)[len(summary.topics) :]:
        append_row(breakdown_sheet, row)
    return xlsx_bytes(workbook)
