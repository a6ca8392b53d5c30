"""`make bench`: time the portal's pages and API list endpoints on a throwaway database.

It builds a fresh database (SQLite in a temporary folder, or the database named by
BENCH_DATABASE_URL), loads the reference and demo data (5,015 survey responses, 20 projects,
budgets, staffing, meetings and decisions), then requests each page of the main menu and each
API list endpoint `BENCH_REPEAT` times (default 5) as the PMO officer and prints the median and
worst time and the query count. Numbers are for comparing changes on one machine; how query
counts stay flat as rows grow is pinned by the tests.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main():
    workdir = tempfile.mkdtemp(prefix="portal-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{workdir}/bench.sqlite3"
    )
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("PORTAL_VAR_DIR", workdir)

    import logging

    import django

    django.setup()
    logging.disable(logging.CRITICAL)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from governance.models import User

    settings.ALLOWED_HOSTS = ["*"]
    quiet = open(os.devnull, "w")
    started = time.perf_counter()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_reference_data", verbosity=0, stdout=quiet)
    call_command("load_demo_data", verbosity=0, stdout=quiet)
    print(f"setup: {time.perf_counter() - started:.1f} s ({connection.vendor})")

    repeat = int(os.environ.get("BENCH_REPEAT", "5"))
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username="pmo"))
    rows = []
    for url in _urls(client):
        timings, queries, status = [], 0, None
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as context:
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
            queries, status = len(context), response.status_code
        rows.append((url, status, statistics.median(timings), max(timings), queries))
    width = max(len(row[0]) for row in rows)
    print(f"{'page or endpoint':<{width}}  status  median ms  worst ms  queries")
    for url, status, median, worst, queries in rows:
        print(f"{url:<{width}}  {status:>6}  {median:>9.1f}  {worst:>8.1f}  {queries:>7}")


def _urls(client):
    from django.urls import reverse

    from governance.loading import app_hooks

    urls = [reverse("home")]
    for _config, module in app_hooks("navigation"):
        if hasattr(module, "main_nav"):
            from governance.models import User

            urls.extend(
                str(url) for _label, url in module.main_nav(User.objects.get(username="pmo"))
            )
    schema = client.get("/api/v1/schema/?format=json").json()
    for path, operations in sorted(schema.get("paths", {}).items()):
        if "get" in operations and "{" not in path:
            urls.append(path)
    return list(dict.fromkeys(urls))


if __name__ == "__main__":
    main()
