"""`make bench`: the hot paths against their floors on the configured PostgreSQL (issue 16).

Run it on a database filled by ``make scale-data`` (``generate_scale_data``). For each hot path
it measures, interleaved in one run, the path (through Django's test client, or the function
for the quarterly report) and its floor (``tests/bench/paths.py``: the same rows by
``values()``/raw SQL, encoded as JSON, checked to give the same answer), then the throughput of
the project list API against a floor view under gunicorn with 32 concurrent clients
(``tests/bench/load.py``). It prints one table and writes ``var/bench/latest.json``.

Environment: ``DATABASE_URL`` (PostgreSQL; ``BENCH_ALLOW_SQLITE=1`` to try on SQLite),
``BENCH_REPEAT`` (timed runs per path, default 11), ``BENCH_SECONDS`` (seconds of load per
phase, default 10), ``BENCH_CLIENTS`` (default 32), ``BENCH_WORKERS`` (gunicorn, default 3),
``BENCH_ONLY`` (run the paths whose name contains this text, no load test).
"""

import gc
import json
import os
import secrets
import statistics
import sys
import time
from pathlib import Path as FilePath

ROOT = FilePath(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def configure():
    """Production settings (DEBUG off, as deployed), without HTTPS, on this machine."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    os.environ.setdefault("API_TOKEN_RATE", "1000000/hour")
    import warnings

    import django

    # whitenoise looks for collected static files; the benchmark serves none.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    (FilePath(settings_static_root())).mkdir(parents=True, exist_ok=True)
    from django.conf import settings

    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def settings_static_root():
    from django.conf import settings

    return settings.STATIC_ROOT


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def main():
    if not os.environ.get("DATABASE_URL"):
        sys.exit(
            "make bench measures the configured PostgreSQL: set DATABASE_URL=postgres://... and "
            "fill it with `make scale-data` first (README, 'Scale and speed')."
        )
    configure()
    import logging

    logging.disable(logging.CRITICAL)
    from django.db import connection, reset_queries

    if connection.vendor != "postgresql" and not os.environ.get("BENCH_ALLOW_SQLITE"):
        sys.exit("make bench measures PostgreSQL (set BENCH_ALLOW_SQLITE=1 to try anyway).")
    from django.db.migrations.executor import MigrationExecutor
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        sys.exit("The database has unapplied migrations: run `python manage.py migrate` first.")

    from governance.models import User
    from portfolio.budgets.models import BudgetCycle
    from portfolio.models import Project
    from portfolio.reports.quarters import last_completed
    from survey.models import Survey
    from survey.scale import TITLE

    from .paths import build_paths, captured_reads, replay_floor

    survey = Survey.objects.filter(title=TITLE).first()
    if survey is None:
        sys.exit("No scale data in this database: run `make scale-data PROJECTS=10000` first.")
    cycle = BudgetCycle.objects.order_by("-first_year").first()
    projects = Project.objects.count()
    repeat = int(os.environ.get("BENCH_REPEAT", "11"))
    only = os.environ.get("BENCH_ONLY", "")
    paths = [p for p in build_paths(survey.pk, cycle.code, last_completed()) if only in p.name]

    clients = {}

    def client_for(username):
        if username not in clients:
            client = Client(raise_request_exception=False)
            client.force_login(User.objects.get(username=username))
            clients[username] = client
        return clients[username]

    def run_path(path):
        if path.call is not None:
            return path.call()
        response = client_for(path.persona).get(path.url, HTTP_ACCEPT="application/json")
        if response.status_code != 200:
            raise RuntimeError(f"{path.name}: {path.url} answered {response.status_code}")
        return b"".join(response) if response.streaming else response.content

    started = time.perf_counter()
    results = {}
    for path in paths:  # warm up, check the floors, capture the statements to replay
        answer = run_path(path)
        if path.floor is None:
            path.floor = replay_floor(captured_reads(lambda p=path: run_path(p)))
        elif path.check is not None and not path.check(answer, path.floor()):
            raise RuntimeError(f"{path.name}: the floor's answer differs from the path's")
        results[path.name] = {"times": [], "floor": [], "queries": 0}
    if os.environ.get("GC_FREEZE", "1") != "0":
        # As a gunicorn worker of the deployed portal does once loaded (config/gunicorn.conf.py):
        # what is loaded and warmed up leaves the collector's generations, so a collection
        # walks only what a request made. GC_FREEZE=0 measures without it.
        gc.collect()
        gc.freeze()
    for _ in range(repeat):
        for path in paths:
            row = results[path.name]
            # The query log keeps 9,000 entries: once full, its length stops growing and a
            # count taken as a difference of lengths reads 0. Start each run from an empty log.
            reset_queries()
            with CaptureQueriesContext(connection) as context:
                start = time.perf_counter()
                run_path(path)
                row["times"].append((time.perf_counter() - start) * 1000)
            # The fewest of the runs: the session's last-activity stamp is written once a
            # minute (core.security), which adds its queries to whichever run it falls in.
            row["queries"] = min(row["queries"] or len(context), len(context))
            start = time.perf_counter()
            path.floor()
            row["floor"].append((time.perf_counter() - start) * 1000)

    rows = []
    for path in paths:
        row = results[path.name]
        median = statistics.median(row["times"])
        floor = statistics.median(row["floor"])
        rows.append(
            {
                "name": path.name,
                "median_ms": round(median, 1),
                "p95_ms": round(percentile(row["times"], 0.95), 1),
                "queries": row["queries"],
                "floor_median_ms": round(floor, 1),
                "ratio": round(median / floor, 2) if floor else None,
                "target": path.target,
                "floor": path.floor_kind,
            }
        )
    if not only:
        from .load import throughput

        rows += throughput()
    report = {
        "projects": projects,
        "database": connection.vendor,
        "repeat": repeat,
        "seconds": round(time.perf_counter() - started),
        "rows": rows,
    }
    print_table(report)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"written: {out / 'latest.json'}")


def print_table(report):
    print(
        f"make bench: {report['projects']:,} projects on {report['database']}, "
        f"{report['repeat']} runs per path, {report['seconds']} s"
    )
    header = (
        f"{'path':<40} {'median ms':>9} {'p95 ms':>8} {'p95/med':>7} {'queries':>7} "
        f"{'floor ms':>8} {'ratio':>6} {'target':>6}  met"
    )
    print(header)
    print("-" * len(header))
    for row in report["rows"]:
        ratio = row["ratio"]
        spread = row["p95_ms"] / row["median_ms"] if row["median_ms"] else 0
        if row.get("kind") == "throughput":
            met = ratio is not None and ratio >= row["target"] and not row.get("errors")
        else:
            met = ratio is not None and ratio <= row["target"] and spread <= 1.5
        print(
            f"{row['name']:<40} {row['median_ms']:>9.1f} {row['p95_ms']:>8.1f} {spread:>7.2f} "
            f"{row['queries']!s:>7} {row['floor_median_ms']:>8.1f} {ratio!s:>6} "
            f"{row['target']!s:>6}  {'yes' if met else 'NO'}"
        )
        if row.get("kind") == "throughput":
            print(
                f"{'':<4}{row['rps']:.1f} req/s vs floor {row['floor_rps']:.1f} req/s, "
                f"errors {row['errors']} / floor {row['floor_errors']}"
            )


if __name__ == "__main__":
    main()
