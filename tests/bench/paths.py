"""The hot paths `make bench` times, each with its floor.

A floor is the least work that gives the same answer: the same rows by ``values()`` or raw SQL,
encoded as JSON. ``Floor.check`` compares the path's answer with the floor's, so a floor never
drifts into measuring something else. Where no hand-written floor exists (pages that read many
small things), the floor replays the SQL the path ran, through a raw cursor, and encodes the
rows: the ratio is then what Python adds on top of the database.
"""

import json
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext

LIST_FIELDS = (
    "id",
    "title",
    "summary",
    "programme__code",
    "initiative__code",
    "sponsoring_unit__code",
    "proponent__username",
    "project_manager__username",
    "state",
    "spans_programmes",
    "total_cost",
    "priority_rank",
    "rag",
    "last_period",
    "case_version",
    "created_at",
    "updated_at",
)
PAGE = 100


def encode(value):
    return json.dumps(value, default=str).encode()


@dataclass
class Path:
    name: str
    target: float
    #: (persona username, url) for an HTTP path, or a callable for an in-process one.
    persona: str = ""
    url: str = ""
    call: object = None
    floor: object = None  # callable() -> JSON bytes; None: replay the path's SQL
    check: object = None  # callable(path answer, floor answer) -> bool
    replay: list = field(default_factory=list)

    @property
    def floor_kind(self):
        return "replay" if self.floor is None else "values/SQL"


def replay_floor(statements):
    def run():
        rows = []
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                if cursor.description is not None:
                    rows.append(cursor.fetchall())
        return encode(rows)

    return run


def captured_reads(run):
    """The read statements ``run`` sends (savepoints and writes left out)."""
    with CaptureQueriesContext(connection) as context:
        run()
    return [
        q["sql"]
        for q in context.captured_queries
        if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
    ]


def list_floor(username):
    """The list API's first page, as ``values()`` of the same annotated rows."""

    def run():
        from governance.models import User
        from portfolio.api.views import ProjectViewSet

        user = User.objects.get(username=username)
        view = ProjectViewSet()
        view.action = "list"
        view.request = type("R", (), {"user": user})()
        rows = list(view.get_queryset().order_by("-created_at", "-id").values(*LIST_FIELDS)[:PAGE])
        return encode(rows)

    return run


def list_check(answer, floor):
    api = [row["id"] for row in json.loads(answer)["results"]]
    return api == [row["id"] for row in json.loads(floor)]


SURVEY_SQL = """
    SELECT a.topic_id, a.rating, count(*)
    FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
    WHERE r.survey_id = %s GROUP BY a.topic_id, a.rating ORDER BY 1, 2
"""


def survey_floor(survey_id):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(SURVEY_SQL, [survey_id])
            counts = cursor.fetchall()
            cursor.execute("SELECT count(*) FROM survey_response WHERE survey_id = %s", [survey_id])
            respondents = cursor.fetchone()[0]
        return encode({"respondents": respondents, "counts": counts})

    return run


def survey_check(answer, floor):
    floor = json.loads(floor)
    try:
        data = json.loads(answer)
    except ValueError:  # the page: its respondents figure is in the HTML
        return (
            f"{floor['respondents']:,}".encode() in answer
            or str(floor["respondents"]).encode() in answer
        )
    return data["respondents"] == floor["respondents"]


def build_paths(survey_id, cycle_code, quarter):
    from portfolio.reports.builder import build_figures
    from portfolio.reports.exports import csv_archive_bytes, workbook_bytes

    def figures():
        return encode(build_figures(quarter))

    def with_files():
        data = build_figures(quarter)
        return workbook_bytes(data) + csv_archive_bytes(data)

    api = f"/api/v1/projects/?limit={PAGE}"
    paths = [
        Path(
            "project list API (committee member)",
            2,
            "km.member",
            api,
            floor=list_floor("km.member"),
            check=list_check,
        ),
        Path("project list API (CITO)", 2, "cito", api, floor=list_floor("cito"), check=list_check),
        Path("portfolio status API", 3, "km.member", "/api/v1/portfolio/status/"),
        Path("pipeline page", 3, "km.member", "/portfolio/"),
        Path("overview page", 3, "km.member", "/portfolio/overview/"),
    ]
    for persona in DASHBOARD_PERSONAS:
        paths.append(Path(f"dashboard: {persona}", 3, persona, "/"))
    paths += [
        Path(
            "survey results page",
            2,
            "pmo",
            f"/survey/{survey_id}/results/",
            floor=survey_floor(survey_id),
            check=survey_check,
        ),
        Path(
            "survey results API",
            2,
            "pmo",
            f"/api/v1/surveys/{survey_id}/results/",
            floor=survey_floor(survey_id),
            check=survey_check,
        ),
        Path("quarterly report figures", 5, call=figures),
        Path("quarterly report with workbook", 8, call=with_files),
        Path("decisions register", 3, "km.member", "/governance/decisions/"),
        Path(
            "budget consolidation",
            3,
            "budget.reviewer",
            f"/budgets/consolidation/?cycle={cycle_code}",
        ),
    ]
    return paths


#: One person per role: chair, member, advisory, PMO, CITO, budget reviewer, portal admin,
#: ICT chief, proponent, staff at large.
DASHBOARD_PERSONAS = (
    "dsg",
    "km.chair",
    "km.member",
    "advisor",
    "pmo",
    "cito",
    "budget.reviewer",
    "portal.admin",
    "chief.geneva",
    "proponent",
    "staff",
)
