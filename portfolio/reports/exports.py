"""The report's tables, one per section, and their XLSX and CSV files.

The HTML page, the workbook and the CSV files all render ``sections(figures)``: the same
rows and the same totals row, so the three outputs cannot disagree.
"""

import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from openpyxl import Workbook
from openpyxl.styles import Font

from core.exports import append_row, csv_text, xlsx_bytes
from governance.choices import Outcome
from portfolio.choices import ProjectState, Rag

from .builder import NO_REPORT, RAG_ORDER


@dataclass
class Section:
    key: str
    title: str
    columns: list
    rows: list = field(default_factory=list)
    totals: list | None = None
    note: str = ""


def state_label(code):
    return str(ProjectState(code).label) if code in ProjectState.values else code


def rag_label(code):
    if code == NO_REPORT or code is None:
        return _("No report")
    return str(Rag(code).label) if code in Rag.values else code


def submission_state_label(code):
    from portfolio.budgets.choices import SubmissionState

    return str(SubmissionState(code).label) if code in SubmissionState.values else code


def outcome_label(code):
    return str(Outcome(code).label) if code in Outcome.values else code


CHANGE_LABELS = {
    "improved": gettext_lazy("Improved"),
    "worsened": gettext_lazy("Worsened"),
    "unchanged": gettext_lazy("Unchanged"),
    "new": gettext_lazy("No earlier report"),
}


def change_label(code):
    return str(CHANGE_LABELS.get(code, code))


def _programme_names(figures):
    return {p["code"]: p["name"] for p in figures.get("programmes", [])}


def sections(figures):
    names = _programme_names(figures)
    out = []

    portfolio = figures["portfolio"]
    states = [s for s in ProjectState.values if portfolio["totals"]["states"].get(s)] or [
        ProjectState.DRAFT.value
    ]
    out.append(
        Section(
            "portfolio",
            _("Projects by programme and state"),
            [_("Programme"), *[state_label(s) for s in states], _("Total"), _("Budget (USD)")],
            [
                [
                    r["programme_name"],
                    *[r["states"].get(s, 0) for s in states],
                    r["total"],
                    r["budget"],
                ]
                for r in portfolio["rows"]
            ],
            [
                _("Total"),
                *[portfolio["totals"]["states"].get(s, 0) for s in states],
                portfolio["totals"]["total"],
                portfolio["totals"]["budget"],
            ],
            _("States as of the quarter's last day, from each project's transition history."),
        )
    )

    previous = portfolio.get("previous_totals") or {}
    changed = [
        s for s in ProjectState.values if portfolio["totals"]["states"].get(s) or previous.get(s)
    ]
    out.append(
        Section(
            "portfolio_change",
            _("Projects by state: change since the previous quarter"),
            [
                _("State"),
                _("Previous quarter (%(quarter)s)")
                % {"quarter": figures.get("previous_quarter", "")},
                _("This quarter"),
                pgettext("difference between two figures", "Change"),
            ],
            [
                [
                    state_label(s),
                    previous.get(s, 0),
                    portfolio["totals"]["states"].get(s, 0),
                    portfolio["totals"]["states"].get(s, 0) - previous.get(s, 0),
                ]
                for s in changed
            ],
            [
                _("Total"),
                sum(previous.values()),
                portfolio["totals"]["total"],
                portfolio["totals"]["total"] - sum(previous.values()),
            ],
        )
    )

    out.append(
        Section(
            "projects",
            _("Every project"),
            [
                _("Reference"),
                _("Title"),
                _("Programme"),
                _("State"),
                _("Budget (USD)"),
                _("Spend to date (USD)"),
                _("RAG"),
            ],
            [
                [
                    p["reference"],
                    p["title"],
                    names.get(p["programme"], p["programme"]),
                    state_label(p["state"]),
                    p["budget"],
                    p["spend"],
                    rag_label(p["rag"]),
                ]
                for p in figures["projects"]
            ],
            [
                _("Total"),
                "",
                "",
                len(figures["projects"]),
                round(sum(p["budget"] for p in figures["projects"]), 2),
                round(sum(p["spend"] for p in figures["projects"]), 2),
                "",
            ],
        )
    )

    spend = figures["spend"]
    out.append(
        Section(
            "spend",
            _("Spend against budget by programme"),
            [
                _("Programme"),
                _("Funded projects"),
                _("Budget (USD)"),
                _("Spend (USD)"),
                _("Spent (%)"),
            ],
            [
                [r["programme_name"], r["projects"], r["budget"], r["spend"], r["percent_spent"]]
                for r in spend["rows"]
            ],
            [
                _("Total"),
                spend["totals"]["projects"],
                spend["totals"]["budget"],
                spend["totals"]["spend"],
                spend["totals"]["percent_spent"],
            ],
            _(
                "Approved, in-delivery and completed projects; budget is the business case frozen "
                "last before the quarter ended, spend the latest status report's."
            ),
        )
    )

    rag = figures["rag"]
    out.append(
        Section(
            "rag",
            _("RAG status of projects in delivery"),
            [_("Programme"), *[rag_label(r) for r in RAG_ORDER], _("Total")],
            [
                [r["programme_name"], *[r["rag"][k] for k in RAG_ORDER], r["total"]]
                for r in rag["rows"]
            ],
            [_("Total"), *[rag["totals"]["rag"][k] for k in RAG_ORDER], rag["totals"]["total"]],
            _("Overall RAG is the worst of schedule, budget and scope."),
        )
    )
    summary = rag["change_summary"]
    out.append(
        Section(
            "rag_change",
            _("RAG change since the previous quarter"),
            [
                _("Reference"),
                _("Title"),
                _("Programme"),
                _("RAG, previous quarter"),
                _("RAG now"),
                pgettext("difference between two figures", "Change"),
            ],
            [
                [
                    c["reference"],
                    c["title"],
                    names.get(c["programme"], c["programme"]),
                    rag_label(c["rag_before"]),
                    rag_label(c["rag"]),
                    change_label(c["change"]),
                ]
                for c in rag["changes"]
            ],
            [
                _("Total"),
                "",
                "",
                "",
                len(rag["changes"]),
                "; ".join(f"{change_label(k)}: {v}" for k, v in summary.items()),
            ],
        )
    )

    decisions = figures["decisions"]
    outcomes = list(Outcome.values)
    out.append(
        Section(
            "decisions_by_body",
            _("Decisions taken in the quarter, by body"),
            [_("Body"), *[outcome_label(o) for o in outcomes], _("Total")],
            [
                [b["body_name"], *[b["outcomes"][o] for o in outcomes], b["total"]]
                for b in decisions["by_body"]
            ],
            [
                _("Total"),
                *[decisions["totals"]["outcomes"][o] for o in outcomes],
                decisions["totals"]["total"],
            ],
        )
    )
    out.append(
        Section(
            "decisions",
            _("Decisions taken in the quarter"),
            [_("Date"), _("Body"), _("Subject"), _("Outcome"), _("Rank")],
            [
                [
                    d["date"],
                    d["body_name"],
                    d["subject"],
                    outcome_label(d["outcome"]),
                    d["rank"] or "",
                ]
                for d in decisions["rows"]
            ],
            [_("Total"), "", "", len(decisions["rows"]), ""],
        )
    )

    pipeline = figures["pipeline"]
    out.append(
        Section(
            "pipeline",
            _("Pipeline awaiting decision (oldest first)"),
            [
                _("Reference"),
                _("Title"),
                _("Programme"),
                _("State"),
                _("Since"),
                _("Days waiting"),
                _("Budget (USD)"),
            ],
            [
                [
                    p["reference"],
                    p["title"],
                    names.get(p["programme"], p["programme"]),
                    state_label(p["state"]),
                    p["since"] or "",
                    p["days_waiting"],
                    p["budget"],
                ]
                for p in pipeline
            ],
            [
                _("Total"),
                "",
                "",
                len(pipeline),
                "",
                "",
                round(sum(p["budget"] for p in pipeline), 2),
            ],
        )
    )

    overdue = figures["overdue"]
    out.append(
        Section(
            "overdue",
            _("Projects with overdue status reports"),
            [
                _("Reference"),
                _("Title"),
                _("Programme"),
                _("Project manager"),
                _("Last report (month)"),
            ],
            [
                [
                    o["reference"],
                    o["title"],
                    names.get(o["programme"], o["programme"]),
                    o["project_manager"],
                    (o["last_report"] or "")[:7] or _("none"),
                ]
                for o in overdue["rows"]
            ],
            [_("Total"), "", "", "", len(overdue["rows"])],
            _("In delivery and no report for %(month)s or later.")
            % {"month": overdue["due_month"][:7]},
        )
    )

    out.append(
        Section(
            "risks",
            _("Top risks"),
            [
                _("Reference"),
                _("Project"),
                _("Risk"),
                _("Likelihood"),
                _("Impact"),
                _("Exposure"),
                _("Mitigation"),
            ],
            [
                [
                    r["reference"],
                    r["title"],
                    r["risk"],
                    r["likelihood"],
                    r["impact"],
                    r["exposure"],
                    r["mitigation"],
                ]
                for r in figures["risks"]
            ],
            None,
            _("Risks of open projects' latest business cases, by exposure (likelihood × impact)."),
        )
    )

    budget = figures.get("budget")
    if budget:
        out.append(
            Section(
                "budget",
                _("Budget consolidation, %(cycle)s") % {"cycle": budget["cycle_name"]},
                [_("Unit"), _("State"), _("Total (USD)")],
                [
                    [u["unit_name"], submission_state_label(u["state"]), u["total"]]
                    for u in budget["units"]
                ],
                [_("Total"), "", budget["total"]],
            )
        )
        out.append(
            Section(
                "budget_categories",
                _("Budget by category"),
                [_("Category"), _("Total (USD)")],
                # The category's label in the reader's language (the figures keep its code).
                [[_category_label(c), c["total"]] for c in budget["categories"]],
                [_("Total"), round(sum(c["total"] for c in budget["categories"]), 2)],
            )
        )
    else:
        out.append(
            Section(
                "budget", _("Budget consolidation"), [_("Note")], [[_("No budget cycle.")]], None
            )
        )

    staffing = figures["staffing"]
    staff_columns = [
        "d",
        "p",
        "fs",
        "gs",
        "international",
        "local",
        "unv",
        "icc",
        "contractors",
        "total",
    ]
    out.append(
        Section(
            "staffing",
            _("ICT staffing"),
            [
                _("Unit"),
                _("Snapshot"),
                _("D"),
                _("P"),
                _("FS"),
                _("GS"),
                _("International"),
                _("Local"),
                _("UNV"),
                _("ICC"),
                _("Contractors"),
                _("Total"),
            ],
            [
                [r["unit_name"], r["snapshot"], *[r[c] for c in staff_columns]]
                for r in staffing["rows"]
            ],
            [_("Total"), "", *[staffing["totals"].get(c, 0) for c in staff_columns]],
            _("Each unit's latest snapshot on or before the quarter's end."),
        )
    )

    survey = figures.get("survey")
    if survey:
        out.append(
            Section(
                "survey",
                _("User satisfaction: %(survey)s") % {"survey": survey["survey"]},
                [
                    _("Topic"),
                    _("Satisfaction (%)"),
                    _("Target (%)"),
                    _("Gap (points)"),
                    _("Meets target"),
                ],
                [
                    [
                        t["name"],
                        _pct(t["rate"]),
                        survey["target"],
                        _pct(t["gap"]),
                        _yes_no(t["meets_target"]),
                    ]
                    for t in survey["topics"]
                ],
                [
                    _("Overall"),
                    _pct(survey["overall"]),
                    survey["target"],
                    _pct(survey["gap"]),
                    _yes_no(survey["meets_target"]),
                ],
                _("%(n)s respondents; groups under the anonymity threshold are suppressed.")
                % {"n": survey["respondents"]},
            )
        )
    else:
        out.append(
            Section(
                "survey",
                _("User satisfaction"),
                [_("Note")],
                [[_("No survey closed by the quarter's end.")]],
                None,
            )
        )
    out.extend(strategy_sections(figures))
    return out


PLAN_STATES = {
    "done": gettext_lazy("Done"),
    "overdue": gettext_lazy("Overdue"),
    "open": gettext_lazy("Open, not yet due"),
    "dropped": gettext_lazy("Dropped"),
}


def strategy_sections(figures):
    """The implementation plan and the KPIs (registered by programmes); reports built before
    they existed have neither."""
    from programmes.choices import PlanPhase, Standing

    out = []
    plan = figures.get("plan")
    if plan:
        counts = plan["counts"]
        out.append(
            Section(
                "plan",
                _("Implementation plan of the strategy"),
                [_("Activity"), _("Source"), _("Phase"), _("Owner"), _("Due"), _("State")],
                [
                    [
                        r["activity"],
                        r["source"],
                        str(PlanPhase(r["phase"]).label) if r["phase"] in PlanPhase.values else "",
                        r["owner"],
                        r["due"],
                        str(PLAN_STATES.get(r["state"], r["state"])),
                    ]
                    for r in plan["rows"]
                ],
                None,
                _(
                    "%(done)s of %(total)s activities done by the quarter's end, %(overdue)s "
                    "overdue, %(dropped)s dropped."
                )
                % counts,
            )
        )
    kpis = figures.get("kpis")
    if kpis:
        standing = {s.value: str(s.label) for s in Standing}
        out.append(
            Section(
                "kpis",
                _("KPIs of the organisation and the programmes"),
                [_("KPI"), _("Owner"), _("Period from"), _("Value"), _("Target"), _("Standing")],
                [
                    [
                        r["name"],
                        r["owner_name"] or _("The organisation"),
                        r["period_start"] or "",
                        "" if r["value"] is None else r["value"],
                        r["target"],
                        standing.get(r["standing"], _("No value yet")),
                    ]
                    for r in kpis["rows"]
                ],
                None,
                _("The latest value of a period ended by the quarter's end."),
            )
        )
        if kpis["units"]:
            out.append(
                Section(
                    "kpi_units",
                    _("ICT units' KPIs by standing"),
                    [_("ICT unit"), *standing.values(), _("No value yet")],
                    [[u["unit"], *[u[s] for s in standing], u["none"]] for u in kpis["units"]],
                    None,
                    _("Each unit's scorecard is on the portal (OICT and the unit's chief)."),
                )
            )
    return out


def _pct(value):
    return "" if value is None else value


def _yes_no(value):
    if value is None:
        return ""
    return _("yes") if value else _("no")


def sheet_title(section):
    # Excel limits sheet names to 31 characters and forbids some punctuation.
    return section.key.replace("_", " ").title()[:31]


def workbook_bytes(figures):
    """The report's workbook, one sheet per section, written in streaming (write-only) mode:
    rows go to the file as they come instead of being held as cells (issue 16)."""
    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for section in sections(figures):
        sheet = book.create_sheet(sheet_title(section))
        append_row(sheet, [section.title], font=bold)
        append_row(
            sheet,
            [_("Quarter"), figures["quarter"], figures["period_start"], figures["period_end"]],
        )
        append_row(sheet, section.columns, font=bold)
        for row in section.rows:
            append_row(sheet, row)
        if section.totals:
            append_row(sheet, section.totals, font=bold)
        if section.note:
            append_row(sheet, [])
            append_row(sheet, [section.note])
    return xlsx_bytes(book)


def section_csv(section):
    return csv_text(
        [*section.rows, *([section.totals] if section.totals else [])], header=section.columns
    )


def csv_archive_bytes(figures):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for section in sections(figures):
            # A fixed date keeps the archive's bytes a function of the figures alone.
            info = zipfile.ZipInfo(
                f"{figures['quarter']}-{section.key}.csv", date_time=(2000, 1, 1, 0, 0, 0)
            )
            archive.writestr(info, "\ufeff" + section_csv(section))
    return buffer.getvalue()


def csv_from_archive(data, key):
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        for name in archive.namelist():
            if name.endswith(f"-{key}.csv"):
                return archive.read(name)
    return None


def _category_label(row):
    from portfolio.budgets.choices import Category

    try:
        return str(Category(row["category"]).label)
    except ValueError:
        return row.get("name", row["category"])
