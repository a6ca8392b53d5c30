"""What `make loadtest` sends at the portal (locust): demo personas signed in with their
password walking the main pages, and REST clients with a token reading the API.

Every request must answer 2xx (a sign-in answers a redirect, which is followed): any other
status, a 5xx above all, or a request that fails is a failure, and `make loadtest` then fails
(``tests/load/__main__.py`` starts the portal and reads the figures). Each persona only asks
for what the demo lets it see, so a 403 here is a broken walk or a broken page, not a refusal.

Run it by hand against a running demo: ``.venv/bin/locust -f tests/load/locustfile.py
--host http://127.0.0.1:8000``.
"""

import itertools
import os
import random
import re

from locust import HttpUser, between, task

#: The demo's REST client (``governance.apitokens.demo.DEMO_API_READER_KEY``): read-only.
API_TOKEN = os.environ.get("LOADTEST_API_TOKEN", "demo-api-reader-read-only-token-0000000000")
PASSWORD = os.environ.get("LOADTEST_PASSWORD", "demo")

#: Pages every signed-in persona may read.
COMMON_PAGES = [
    "/",  # the persona's dashboard
    "/portfolio/",  # the pipeline
    "/portfolio/overview/",
    "/portfolio/assets/",
    "/governance/",  # the bodies
    "/governance/awaiting-my-vote/",
    "/staffing/summary/",
    "/staffing/trend/",
    "/staffing/plan/",
    "/survey/",
    "/programmes/",
    "/programmes/plan/",
    "/programmes/kpis/",
    "/performance/services/",
    "/transparency/",
    "/notifications/",
    "/search/?q=system",
]
REGISTER = ["/governance/decisions/", "/reports/"]
#: Each persona's own pages besides the common ones (what the demo lets it see).
PERSONAS = {
    "dsg": [*REGISTER, "/budgets/consolidation/", "/planning/", "/performance/units/"],
    "cito": [*REGISTER, "/budgets/", "/budgets/consolidation/", "/planning/"],
    "km.chair": REGISTER,
    "km.member": REGISTER,
    "rm.member": REGISTER,
    "im.chair": REGISTER,
    "pmo": [*REGISTER, "/budgets/consolidation/", "/planning/", "/performance/units/"],
    "budget.reviewer": [
        *REGISTER,
        "/budgets/review/",
        "/budgets/consolidation/",
        "/budgets/cycles/",
    ],
    "chief.geneva": ["/governance/decisions/", "/budgets/", "/performance/units/"],
    "advisor": ["/governance/decisions/"],
    "proponent": [],
    "staff": [],
}
#: Links followed from the pages read (a person opens what a list shows), grouped under one
#: name each in the figures.
DETAIL_LINKS = [
    (re.compile(r'href="(/portfolio/\d+/)"'), "/portfolio/[project]/"),
    (re.compile(r'href="(/governance/bodies/[\w-]+/)"'), "/governance/bodies/[code]/"),
    (re.compile(r'href="(/governance/meetings/\d+/)"'), "/governance/meetings/[meeting]/"),
    (re.compile(r'href="(/governance/decisions/\d+/)"'), "/governance/decisions/[decision]/"),
    (re.compile(r'href="(/survey/\d+/)"'), "/survey/[survey]/"),
    (re.compile(r'href="(/reports/\d+/)"'), "/reports/[report]/"),
    (re.compile(r'href="(/programmes/kpis/[\w-]+/)"'), "/programmes/kpis/[kpi]/"),
]
#: API lists, and the field that names a row in its detail address (None: no detail).
API_LISTS = {
    "/api/v1/projects/": "id",
    "/api/v1/decisions/": "id",
    "/api/v1/bodies/": "code",
    "/api/v1/meetings/": "id",
    "/api/v1/surveys/": "id",
    "/api/v1/programmes/": "code",
    "/api/v1/kpis/": "code",
    "/api/v1/status-reports/": "id",
    "/api/v1/business-cases/": "project",
    "/api/v1/reports/quarterly/": "quarter",
    "/api/v1/transparency/projects/": None,
}
API_SUMMARIES = [
    "/api/v1/portfolio/status/",
    "/api/v1/staffing/summary/",
    "/api/v1/budgets/consolidation/",
    "/api/v1/scorecards/",
]

_next_persona = itertools.cycle(PERSONAS)


class Persona(HttpUser):
    """A person in a browser: signs in, then reads pages and opens what they list."""

    weight = 3
    wait_time = between(0.5, 2.5)

    def on_start(self):
        self.username = next(_next_persona)
        self.pages = COMMON_PAGES + PERSONAS[self.username]
        self.details = {}
        self.client.get("/accounts/login/", name="/accounts/login/")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            name="/accounts/login/ (sign in)",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or "/accounts/login/" in response.url:
                response.failure(f"{self.username} could not sign in ({response.status_code})")

    def _read(self, path, name=None):
        with self.client.get(path, name=name or path, catch_response=True) as response:
            if response.status_code == 200:
                for pattern, group in DETAIL_LINKS:
                    for link in pattern.findall(response.text):
                        self.details.setdefault(link, group)

    @task(6)
    def page(self):
        self._read(random.choice(self.pages))

    @task(4)
    def detail(self):
        if not self.details:
            return self._read("/portfolio/")
        link, group = random.choice(list(self.details.items()))
        self._read(link, name=group)

    @task(1)
    def api_with_the_session(self):
        self.client.get("/api/v1/projects/", name="/api/v1/projects/ (session)")


class RestClient(HttpUser):
    """Another office's tool reading the API with the demo's read-only token."""

    weight = 1
    wait_time = between(0.5, 2.0)

    def on_start(self):
        self.client.headers.update(
            {"Authorization": f"Token {API_TOKEN}", "Accept": "application/json"}
        )
        self.ids = {}

    @task(5)
    def a_list(self):
        path = random.choice(list(API_LISTS))
        with self.client.get(path, catch_response=True) as response:
            key = API_LISTS[path]
            if response.status_code == 200 and key:
                self.ids[path] = [row[key] for row in response.json()["results"]]

    @task(3)
    def a_record(self):
        known = [(path, ids) for path, ids in self.ids.items() if ids]
        if not known:
            return self.a_list()
        path, ids = random.choice(known)
        self.client.get(f"{path}{random.choice(ids)}/", name=f"{path}[id]/")

    @task(2)
    def a_summary(self):
        self.client.get(random.choice(API_SUMMARIES))
