"""Who may use what: the expected answer of every URL pattern of the portal for every demo
persona, kept in this one table (issue 17). ``test_expected_access.py`` walks every pattern as
every persona and anonymously and compares; a new URL pattern without an entry fails it.

An entry says who may use the pattern and what they get (``expected_access_rules.py``):
``page(ok)`` answers ``ok`` with 2xx, every other signed-in persona with 403 and anonymous
visitors with a redirect to sign in; ``api(ok)`` is its REST twin (anonymous: 401). What
answers GET with 405 is posted empty (nothing valid: a 400, or a form page again, or a redirect
with a message; nothing changes). ``refused=``
changes what the others get (``"404"``: the record does not exist for them), ``other=`` names
personas with another answer. The URLs point at the demo's records (``url_walk.py``): the
first non-draft project of ``proponent``, the Knowledge Management steering committee's first
meeting, item and decision, UNOG's budget submission, the current quarterly report.

The Django admin's per-model views follow one rule (``admin_model_expected``): no more than the
group permissions of ``governance/reference/admin_permissions.yaml``.
"""

import re

from tests.security import url_walk
from tests.security.expected_access_rules import (
    ADMIN_ACTIONS,
    ANONYMOUS,
    admin_model_expected,
    api,
    page,
)
from tests.testing.personas import PERSONA_NAMES

__all__ = ["ANONYMOUS", "EXPECTED", "covers", "expected"]

EVERYONE = frozenset(PERSONA_NAMES)
PROJECT_READERS = EVERYONE - {"portal.admin", "staff"}
REGISTER_READERS = EVERYONE - {"proponent", "staff"}
REPORT_READERS = frozenset(
    {
        "dsg",
        "usg.management",
        "cito",
        "km.chair",
        "km.member",
        "rm.chair",
        "rm.member",
        "im.chair",
        "im.member",
        "pmo",
        "budget.reviewer",
        "api.reader",
    }
)
CONSOLIDATORS = frozenset({"dsg", "usg.management", "cito", "pmo", "budget.reviewer", "api.reader"})
PREPARERS = frozenset({"cito", "chief.geneva", "chief.nairobi"})
UNOG_SUBMISSION = frozenset({"cito", "pmo", "budget.reviewer", "chief.geneva"})
KM_SECRETARIAT = frozenset({"km.chair", "pmo"})
KM_VOTERS = frozenset({"cito", "km.chair", "km.member"})
PROPOSERS = EVERYONE - {"api.reader", "ms.delegate"}
SURVEY_RESULT_READERS = EVERYONE - {
    "advisor",
    "api.reader",
    "ms.delegate",
    "portal.admin",
    "proponent",
    "staff",
}
SCORECARD_READERS = frozenset(
    {
        "dsg",
        "usg.management",
        "cito",
        "pmo",
        "portal.admin",
        "budget.reviewer",
        "chief.geneva",
        "chief.nairobi",
        "api.reader",
    }
)
UNOG_SCORECARD_READERS = frozenset(
    {"cito", "pmo", "portal.admin", "budget.reviewer", "chief.geneva", "api.reader"}
)
KPI_KEEPERS = frozenset({"cito", "pmo"})
ADMIN_SITE_USERS = frozenset({"cito", "pmo", "budget.reviewer", "portal.admin"})

EXPECTED = {
    "admin/(?P<url>.*)$": page(
        (),
        refused="login",
        other={"cito": "404", "pmo": "404", "portal.admin": "404", "budget.reviewer": "404"},
    ),
    "admin:app_list": page(ADMIN_SITE_USERS, refused="login"),
    "admin:auth_user_password_change": page(
        {"portal.admin"},
        refused="login",
        other={"cito": "403", "pmo": "403", "budget.reviewer": "403"},
    ),
    "admin:autocomplete": page(
        (),
        refused="login",
        other={"cito": "403", "pmo": "403", "portal.admin": "403", "budget.reviewer": "403"},
    ),
    "admin:governance_body_permissions": page(
        KPI_KEEPERS | {"budget.reviewer"},
        status="3xx",
        refused="login",
        other={"portal.admin": "2xx"},
    ),
    "admin:governance_body_permissions_manage_group": page(
        KPI_KEEPERS | {"budget.reviewer"},
        status="3xx",
        refused="login",
        other={"portal.admin": "2xx"},
    ),
    "admin:governance_body_permissions_manage_user": page(
        KPI_KEEPERS | {"budget.reviewer"},
        status="3xx",
        refused="login",
        other={"portal.admin": "2xx"},
    ),
    "admin:index": page(ADMIN_SITE_USERS, refused="login"),
    "admin:jsi18n": page(ADMIN_SITE_USERS, refused="login"),
    "admin:login": page(EVERYONE - ADMIN_SITE_USERS, refused="3xx", anonymous="2xx"),
    # signed-in staff sign out with a POST (sent to sign in again); for others it redirects
    "admin:logout": page(ADMIN_SITE_USERS, status="login", refused="3xx", anonymous="3xx"),
    "admin:password_change": page(ADMIN_SITE_USERS, refused="login"),
    "admin:password_change_done": page(ADMIN_SITE_USERS, refused="login"),
    "admin:view_on_site": page(ADMIN_SITE_USERS, status="3xx", refused="login"),
    "administration:appoint": page({"portal.admin"}, status="3xx"),
    "administration:bodies": page({"cito", "portal.admin"}),
    "administration:body": page({"cito", "portal.admin"}),
    "administration:index": page(ADMIN_SITE_USERS),
    "administration:membership_end": page({"portal.admin"}),
    "administration:membership_replace": page({"portal.admin"}),
    "administration:membership_role": page({"portal.admin"}),
    "administration:unit": page({"cito", "portal.admin"}),
    "administration:units": page({"cito", "portal.admin"}),
    "administration:user": page({"cito", "portal.admin"}),
    "administration:user_create": page({"portal.admin"}),
    "administration:user_deactivate": page({"portal.admin"}),
    "administration:user_reactivate": page({"portal.admin"}),
    "administration:users": page({"cito", "portal.admin"}),
    "agenda-item-decide": api(REGISTER_READERS, status="400", refused="404"),
    "agenda-item-recusals": api(
        KM_VOTERS, status="400", other={"proponent": "404", "staff": "404"}
    ),
    "agenda-item-votes": api(REGISTER_READERS, status="400", refused="404"),
    # posted empty: no position (400); the others may not run the meeting
    "agenda-item-move": api(
        KM_SECRETARIAT, status="400", other={"proponent": "404", "staff": "404"}
    ),
    "api-docs": api(EVERYONE, anonymous="2xx"),
    "api-schema": api(EVERYONE, anonymous="2xx"),
    "apitokens:create": page(EVERYONE, status="400"),
    "apitokens:revoke": page({"api.reader"}, refused="404"),
    "asset-detail": api(EVERYONE),
    "asset-import-file": api({"pmo"}, status="400"),
    "asset-list": api(EVERYONE),
    "asset-retire": api({"pmo"}, status="400"),
    "body-detail": api(EVERYONE),
    "body-list": api(EVERYONE),
    "budget-consolidation": api(CONSOLIDATORS),
    "budget-cycle-close": api({"budget.reviewer"}),
    "budget-cycle-detail": api(EVERYONE),
    "budget-cycle-due-date": api({"budget.reviewer"}, status="400"),
    "budget-cycle-list": api(EVERYONE),
    "budget-submission-approve": api(
        {"budget.reviewer"},
        status="400",
        refused="404",
        other={"cito": "403", "pmo": "403", "chief.geneva": "403"},
    ),
    "budget-submission-detail": api(UNOG_SUBMISSION, refused="404"),
    "budget-submission-lines": api((), refused="405"),
    "budget-submission-list": api(EVERYONE),
    "budget-submission-resubmit": api(
        {"chief.geneva"},
        status="400",
        refused="404",
        other={"cito": "403", "pmo": "403", "budget.reviewer": "403"},
    ),
    "budget-submission-return-": api(
        {"budget.reviewer"},
        status="400",
        refused="404",
        other={"cito": "403", "pmo": "403", "chief.geneva": "403"},
    ),
    "budget-submission-start-review": api(
        {"budget.reviewer"},
        status="400",
        refused="404",
        other={"cito": "403", "pmo": "403", "chief.geneva": "403"},
    ),
    "budget-submission-submit": api(
        {"chief.geneva"},
        status="400",
        refused="404",
        other={"cito": "403", "pmo": "403", "budget.reviewer": "403"},
    ),
    "budgets:consolidation": page(CONSOLIDATORS),
    "budgets:consolidation_csv": page(CONSOLIDATORS),
    "budgets:consolidation_xlsx": page(CONSOLIDATORS),
    "budgets:cycle": page({"budget.reviewer"}),
    "budgets:cycles": page({"budget.reviewer"}),
    "budgets:delegates": page(PREPARERS),
    "budgets:import": page(PREPARERS),
    "budgets:my_unit": page(PREPARERS),
    "budgets:review_queue": page({"budget.reviewer"}),
    "budgets:submission": page(UNOG_SUBMISSION, refused="404"),
    "budgets:submission_act": page(UNOG_SUBMISSION, status="3xx", refused="404"),
    "budgets:submission_edit": page(
        (),
        refused="404",
        other={"cito": "403", "pmo": "403", "budget.reviewer": "403", "chief.geneva": "403"},
    ),
    "budgets:submission_line_row": page(
        (),
        refused="404",
        other={"cito": "403", "pmo": "403", "budget.reviewer": "403", "chief.geneva": "403"},
    ),
    "budgets:submission_start": page({"chief.nairobi"}, status="3xx"),
    "business-case-detail": api(PROJECT_READERS, refused="404"),
    "business-case-list": api(EVERYONE),
    "business-case-version": api(PROJECT_READERS, refused="404"),
    "decision-detail": api(REGISTER_READERS, refused="404"),
    "decision-list": api(EVERYONE),
    "governance:agenda_fill": page(
        KM_SECRETARIAT, status="3xx", other={"proponent": "404", "staff": "404"}
    ),
    "governance:agenda_item_move": page(
        KM_SECRETARIAT, status="3xx", other={"proponent": "404", "staff": "404"}
    ),
    "governance:agenda_item_add": page(
        KM_SECRETARIAT, status="3xx", other={"proponent": "404", "staff": "404"}
    ),
    "governance:attendance_record": page(
        KM_SECRETARIAT, status="3xx", other={"proponent": "404", "staff": "404"}
    ),
    "governance:awaiting_vote": page(EVERYONE),
    "governance:board_pack": page(REGISTER_READERS, refused="404"),
    "governance:bodies": page(EVERYONE),
    "governance:body": page(EVERYONE),
    "governance:decision": page(REGISTER_READERS, refused="404"),
    "governance:decisions": page(REGISTER_READERS),
    "governance:item": page(REGISTER_READERS, refused="404"),
    "governance:meeting": page(REGISTER_READERS, refused="404"),
    "governance:meeting_close": page(
        KM_SECRETARIAT, status="3xx", other={"proponent": "404", "staff": "404"}
    ),
    "governance:meeting_create": page(KM_SECRETARIAT, status="400"),
    "governance:meeting_ics": page(REGISTER_READERS, refused="404"),
    "governance:meeting_open": page(
        KM_SECRETARIAT, status="3xx", other={"proponent": "404", "staff": "404"}
    ),
    "governance:minutes": page(REGISTER_READERS, refused="404"),
    "governance:minutes_pdf": page(REGISTER_READERS, refused="404"),
    # the old name of the minutes page (same address, same view)
    "governance:minutes_record": page(REGISTER_READERS, refused="404"),
    "governance:motion": page(REGISTER_READERS, refused="404"),
    "governance:motion_create": page(KM_SECRETARIAT, status="400"),
    "governance:opinion_give": page(
        PREPARERS | {"advisor", "ms.delegate"},
        status="3xx",
        other={"portal.admin": "404", "staff": "404"},
    ),
    "governance:recusal_declare": page(
        KM_VOTERS, status="3xx", other={"proponent": "404", "staff": "404"}
    ),
    "governance:vote_cast": page(
        KM_VOTERS, status="3xx", other={"proponent": "404", "staff": "404"}
    ),
    "governance:vote_close_and_decide": page(
        {"km.chair"}, status="3xx", other={"proponent": "404", "staff": "404"}
    ),
    "governance:written_procedure_lapse": page(
        {"km.chair"}, status="3xx", other={"proponent": "404", "staff": "404"}
    ),
    "governance:written_procedure_open": page(KM_SECRETARIAT, status="400"),
    "home": page(EVERYONE),
    "initiative-detail": api(EVERYONE),
    "initiative-list": api(EVERYONE),
    "kpi-compute": api((), other={"cito": "404", "pmo": "404"}),
    "kpi-detail": api(EVERYONE),
    "kpi-list": api(EVERYONE),
    "login": page(EVERYONE, anonymous="2xx"),
    "logout": page((), refused="login"),
    "measurement-detail": api(ADMIN_SITE_USERS | {"api.reader"}, refused="404"),
    "measurement-list": api(EVERYONE),
    "meeting-add-item": api(
        KM_SECRETARIAT, status="400", other={"proponent": "404", "staff": "404"}
    ),
    "meeting-close-meeting": api(
        KM_SECRETARIAT, status="400", other={"proponent": "404", "staff": "404"}
    ),
    "meeting-detail": api(REGISTER_READERS, refused="404"),
    "meeting-list": api(EVERYONE),
    # the demo's first KM meeting is closed: its agenda is locked (400)
    "meeting-fill-agenda": api(
        KM_SECRETARIAT, status="400", other={"proponent": "404", "staff": "404"}
    ),
    "meeting-reorder-agenda": api(
        KM_SECRETARIAT, status="400", other={"proponent": "404", "staff": "404"}
    ),
    "meeting-open-meeting": api(
        KM_SECRETARIAT, status="400", other={"proponent": "404", "staff": "404"}
    ),
    "meeting-record-attendance": api(
        KM_SECRETARIAT, status="400", other={"proponent": "404", "staff": "404"}
    ),
    "membership-change-role": api({"portal.admin"}, status="400"),
    "membership-detail": api({"cito", "portal.admin"}),
    "membership-end": api({"portal.admin"}),
    "membership-list": api({"cito", "portal.admin"}),
    "membership-replace": api({"portal.admin"}, status="400"),
    "notifications": page(EVERYONE),
    "notifications_read": page(EVERYONE, status="3xx"),
    "opinion-detail": api(REGISTER_READERS, refused="404"),
    "opinion-list": api(EVERYONE),
    "password_change": page(EVERYONE),
    "password_change_done": page(EVERYONE),
    "password_reset": page(EVERYONE, anonymous="2xx"),
    "password_reset_complete": page(EVERYONE, anonymous="2xx"),
    "password_reset_confirm": page(EVERYONE, anonymous="2xx"),
    "password_reset_done": page(EVERYONE, anonymous="2xx"),
    # the service catalogue is kept by the PMO and the CITO
    "performance:service_create": page(KPI_KEEPERS),
    "performance:service_edit": page(KPI_KEEPERS),
    "performance:service_level_add": page(KPI_KEEPERS),
    "performance:service_level_edit": page(KPI_KEEPERS),
    "ledger:head": page(REGISTER_READERS),
    "performance:scorecard": page(UNOG_SCORECARD_READERS, refused="404"),
    "performance:scorecards": page(SCORECARD_READERS),
    "performance:service": page(EVERYONE),
    "performance:services": page(EVERYONE),
    "plan-item-add-evidence": api(EVERYONE, status="400"),
    "plan-item-detail": api(EVERYONE),
    "plan-item-list": api(EVERYONE),
    # The walk names no scenarios: `ids` is required, so the readers get 400 (others 403).
    "planning-compare": api(KPI_KEEPERS | {"dsg", "usg.management"}, status="400"),
    "planning-envelopes": api(KPI_KEEPERS | {"dsg", "usg.management"}),
    "planning-frontier": api(KPI_KEEPERS),
    "planning:compare": page(KPI_KEEPERS | {"dsg", "usg.management"}),
    # the rebalancing page: planners and the Executive Committee's members read it
    "planning:envelopes": page(KPI_KEEPERS | {"dsg", "usg.management"}),
    "planning:frontier": page(KPI_KEEPERS),
    # the demo's first scenario: OICT's (the ExCom sees the scenarios put to it)
    "planning:scenario": page(KPI_KEEPERS, other={"dsg": "404", "usg.management": "404"}),
    "planning:scenarios": page(KPI_KEEPERS | {"dsg", "usg.management"}),
    "portfolio-status": api(EVERYONE),
    "portfolio:asset": page(EVERYONE),
    "portfolio:asset_export_csv": page(EVERYONE),
    "portfolio:asset_export_xlsx": page(EVERYONE),
    "portfolio:asset_import": page({"pmo"}),
    "portfolio:asset_import_template": page({"pmo"}),
    "portfolio:asset_new": page({"pmo"}),
    "portfolio:asset_retire": page({"pmo"}),
    "portfolio:asset_unlink": page({"pmo"}, status="3xx"),
    "portfolio:assets": page(EVERYONE),
    "portfolio:business_case": page(PROJECT_READERS, refused="404"),
    "portfolio:case_line_row": page(PROPOSERS, status="400"),
    "portfolio:committee_item": page(PROJECT_READERS, refused="404"),
    "portfolio:compare": page(PROJECT_READERS, refused="404"),
    "portfolio:overview": page(EVERYONE),
    "portfolio:phase_new": page(PROJECT_READERS, status="3xx", refused="404"),
    "portfolio:pipeline": page(EVERYONE),
    # the Infrastructure Management programme's prioritisation: its committee, OICT, the ExCom
    "portfolio:prioritisation": page(
        {"dsg", "usg.management", "cito", "im.chair", "im.member", "pmo"}
    ),
    # posted empty: back to the initiative with a message; who prepares the ExCom's business
    "portfolio:initiative_rank": page({"dsg", "pmo"}, status="3xx"),
    "portfolio:project": page(PROJECT_READERS, refused="404"),
    # posted empty: back to the project with a message (a reason is needed, or not theirs to do)
    "portfolio:project_act": page(PROJECT_READERS, status="3xx", refused="404"),
    "portfolio:project_edit": page((), other={"portal.admin": "404", "staff": "404"}),
    "portfolio:project_new": page(PROPOSERS),
    "portfolio:project_review": page({"pmo"}, other={"portal.admin": "404", "staff": "404"}),
    "portfolio:project_services": page(
        {"pmo", "proponent"}, status="3xx", other={"portal.admin": "404", "staff": "404"}
    ),
    "portfolio:status_report_new": page(
        {"pmo", "proponent"}, other={"portal.admin": "404", "staff": "404"}
    ),
    "priority-area-detail": api(EVERYONE),
    "priority-area-list": api(EVERYONE),
    "profile": page(EVERYONE),
    "programme-detail": api(EVERYONE),
    "programme-list": api(EVERYONE),
    "programmes:detail": page(EVERYONE),
    "programmes:initiative": page(EVERYONE),
    "programmes:kpi": page(EVERYONE),
    "programmes:kpi_compute": page(KPI_KEEPERS, status="3xx"),
    "programmes:kpi_create": page(KPI_KEEPERS),
    "programmes:kpi_edit": page(KPI_KEEPERS),
    "programmes:kpis": page(EVERYONE),
    "programmes:list": page(EVERYONE),
    "programmes:plan": page(EVERYONE),
    "programmes:plan_item": page(EVERYONE),
    "project-detail": api(PROJECT_READERS, refused="404"),
    "project-list": api(EVERYONE),
    "project-overlaps": api(PROJECT_READERS, refused="404"),
    "project-transitions": api(PROJECT_READERS, refused="404"),
    "report-csv": api(REPORT_READERS),
    "report-workbook": api(REPORT_READERS),
    "reports-quarterly-detail": api(REPORT_READERS),
    "reports-quarterly-list": api(REPORT_READERS),
    "reports:csv": page(REPORT_READERS),
    "reports:csv_archive": page(REPORT_READERS),
    "reports:list": page(REPORT_READERS),
    "reports:quarter": page(REPORT_READERS, status="3xx"),
    "reports:report": page(REPORT_READERS),
    "reports:request": page({"pmo"}),
    "reports:run": page(REPORT_READERS),
    "reports:run_status": page(REPORT_READERS),
    "reports:workbook": page(REPORT_READERS),
    "scenario-choices": api(
        KPI_KEEPERS, status="400", other={"dsg": "404", "usg.management": "404"}
    ),
    "scenario-detail": api(KPI_KEEPERS, other={"dsg": "404", "usg.management": "404"}),
    "scenario-envelopes": api(
        KPI_KEEPERS, status="400", other={"dsg": "404", "usg.management": "404"}
    ),
    "scenario-list": api(KPI_KEEPERS | {"dsg", "usg.management"}),
    "scorecard": api(UNOG_SCORECARD_READERS, refused="404"),
    "scorecards": api(SCORECARD_READERS),
    "search": page(EVERYONE),
    "service-detail": api(EVERYONE),
    "service-list": api(EVERYONE),
    "set_language": page(EVERYONE, status="3xx", anonymous="3xx"),
    "staffing-snapshot-detail": api(EVERYONE),
    "staffing-snapshot-list": api(EVERYONE),
    "staffing-summary": api(EVERYONE),
    "staffing-trend": api(EVERYONE),
    "staffing:import": page(PREPARERS),
    "staffing:plan": page(EVERYONE),
    "staffing:plan_edit": page(PREPARERS),
    "staffing:round_close": page((), other={"budget.reviewer": "404"}),
    "staffing:rounds": page({"budget.reviewer"}),
    "staffing:snapshot_new": page(PREPARERS),
    "staffing:summary": page(EVERYONE),
    "staffing:summary_csv": page(EVERYONE),
    "staffing:trend": page(EVERYONE),
    "status-report-detail": api(PROJECT_READERS, refused="404"),
    "status-report-list": api(EVERYONE),
    "survey-detail": api(EVERYONE),
    "survey-list": api(EVERYONE),
    "survey-results": api(EVERYONE),
    "survey:breakdown": page(SURVEY_RESULT_READERS),
    "survey:close": page({"pmo"}),
    "survey:comments": page(SURVEY_RESULT_READERS),
    "survey:create": page({"pmo"}),
    "survey:detail": page(EVERYONE),
    "survey:edit": page({"pmo"}, status="3xx"),
    "survey:export_csv": page(SURVEY_RESULT_READERS),
    "survey:export_xlsx": page(SURVEY_RESULT_READERS),
    "survey:import": page({"pmo"}),
    "survey:import_confirm": page((), other={"pmo": "404"}),
    "survey:import_template": page({"pmo"}),
    "survey:list": page(EVERYONE),
    "survey:open": page({"pmo"}, status="3xx"),
    "survey:respond": page(PROPOSERS),
    "survey:results": page(EVERYONE),
    "survey:thanks": page(EVERYONE, status="3xx"),
    "transparency-decisions": api(EVERYONE),
    "transparency-kpis": api(EVERYONE),
    "transparency-projects": api(EVERYONE),
    "transparency-report": api(EVERYONE),
    "transparency-services": api(EVERYONE),
    "transparency:decisions": page(EVERYONE),
    "transparency:decisions_csv": page(EVERYONE),
    "transparency:decisions_json": page(EVERYONE),
    "transparency:feed": page(EVERYONE),
    "transparency:open_data": page(EVERYONE),
    "transparency:overview": page(EVERYONE),
    "transparency:performance": page(EVERYONE),
    "transparency:projects_csv": page(EVERYONE),
    "transparency:projects_json": page(EVERYONE),
    "transparency:report": page(EVERYONE),
    "transparency:switch": page({"portal.admin"}),
    # posted empty: refused as invalid before anything else (nothing is opened or closed)
    # the demo's first KM item is on a meeting: its chair is told so (400); who may not
    # decide is refused first (403)
    "written-procedure-close": api(
        {"km.chair"}, status="400", other={"proponent": "404", "staff": "404"}
    ),
    "written-procedure-open": api(EVERYONE, status="400"),
}


# -- reading the table (the Django admin's per-model views follow one rule) -----------------

_ADMIN_ACTION = re.compile(
    r"^admin:(?P<stem>\w+?)_(?P<action>changelist|add|history|delete|change)$"
)


def _admin_action(pattern):
    match = _ADMIN_ACTION.match(pattern.name)
    if match and url_walk.admin_model(pattern) is not None:
        return ADMIN_ACTIONS[match["action"]]
    return None


def _admin_old_address(pattern):
    """The admin's unnamed ``<model>/<id>/`` pattern, which redirects to the change page."""
    return not pattern.name and pattern.is_admin and "<path:object_id>" in pattern.route


def covers(pattern, patterns=None):
    return (
        pattern.key in EXPECTED or _admin_action(pattern) is not None or _admin_old_address(pattern)
    )


def expected(pattern, who, user):
    """The statuses ``who`` may get from ``pattern`` (usually exactly one)."""
    entry = EXPECTED.get(pattern.key)
    if entry is not None:
        return (entry.expected(who),)
    if _admin_old_address(pattern):
        return ("3xx",) if user is not None and user.is_staff else ("login",)
    action = _admin_action(pattern)
    if action is None:
        return ("an entry in tests/security/expected_access.py",)
    return admin_model_expected(url_walk.admin_model(pattern), action, who, user)
