"""Real Celery workers on Redis against PostgreSQL (skipped without REDIS_URL + PostgreSQL).

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/reports REDIS_URL=redis://127.0.0.1:6379/3
.venv/bin/python -m pytest tests/reports/test_worker.py -p no:cacheprovider
"""

import os
import signal
import subprocess
import sys
import time
import uuid

import pytest

from config.celery import app as celery_app
from portfolio.reports import services
from portfolio.reports.choices import RunState
from portfolio.reports.models import QuarterlyReport, ReportRun
from tests.testing.celery import ROOT, database_url
from tests.testing.personas import ensure_personas

from .expected import assert_figures_match, expected_figures
from .factories import make_history

pytestmark = pytest.mark.celery_worker


def wait_for(predicate, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    pytest.fail(message)


def run_state(run):
    run.refresh_from_db()
    return run


def test_a_real_worker_builds_the_report_with_the_independent_figures(celery_worker_process):
    """Acceptance 1."""
    personas = ensure_personas()
    make_history(personas)
    run = services.report_request(quarter="2026-Q3", actor=personas["pmo"])
    assert isinstance(run, ReportRun)
    wait_for(
        lambda: run_state(run).state in (RunState.DONE, RunState.FAILED),
        120,
        "the worker did not finish the run",
    )
    assert run.state == RunState.DONE, run.error
    assert run.attempts == 1 and run.task_id
    assert_figures_match(run.report.figures, expected_figures("2026-Q3"))
    assert bytes(run.report.workbook)[:2] == b"PK"


@pytest.fixture
def worker_factory(transactional_db, tmp_path):
    """Start workers (one at a time) on a private queue with the short visibility timeout."""
    redis_url, db_url = os.environ.get("REDIS_URL"), database_url()
    if not redis_url or not db_url:
        if os.environ.get("REQUIRE_CELERY_WORKER"):
            pytest.fail("REQUIRE_CELERY_WORKER is set but REDIS_URL or PostgreSQL is missing.")
        pytest.skip("The real-worker test runs with REDIS_URL and a PostgreSQL DATABASE_URL set.")
    queue = f"test-{uuid.uuid4().hex[:12]}"
    block_file = tmp_path / "block"
    workers = []

    def start():
        env = os.environ | {
            "DATABASE_URL": db_url,
            "DJANGO_SETTINGS_MODULE": "tests.reports.worker_settings",
            "CELERY_WORKER_TEST": "1",
            "CELERY_VISIBILITY_TIMEOUT": "4",
            services.BLOCK_FILE_ENV: str(block_file),
        }
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "-Q",
                queue,
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
                "-n",
                f"{queue}-{len(workers)}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        workers.append(worker)
        return worker

    previous = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield start, block_file
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        if block_file.exists():
            block_file.unlink()
        for worker in workers:
            if worker.poll() is None:
                worker.terminate()
            try:
                output, _ = worker.communicate(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                output, _ = worker.communicate()
            sys.stdout.write((output or "")[-3000:])


def test_a_worker_killed_mid_run_leaves_the_run_retried_and_finished_once(worker_factory):
    """Acceptance 2: SIGKILL during the build; the message, acknowledged late, goes to the
    next worker, which builds the report from scratch: one run, two attempts, one report."""
    start, block_file = worker_factory
    personas = ensure_personas()
    make_history(personas)
    block_file.touch()
    first = start()
    run = services.report_request(quarter="2026-Q3", actor=personas["pmo"])
    wait_for(
        lambda: run_state(run).state == RunState.RUNNING and run.step == "portfolio",
        90,
        "the first worker did not reach the checkpoint",
    )
    assert run.attempts == 1
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=20)
    block_file.unlink()
    time.sleep(1)
    assert run_state(run).state == RunState.RUNNING, "nothing finishes the run while no worker"

    start()
    wait_for(
        lambda: run_state(run).state in (RunState.DONE, RunState.FAILED),
        120,
        "the redelivered task did not finish the run",
    )
    assert run.state == RunState.DONE, run.error
    assert run.attempts == 2
    assert ReportRun.objects.count() == 1
    assert QuarterlyReport.objects.filter(quarter="2026-Q3").count() == 1
    assert QuarterlyReport.objects.get(quarter="2026-Q3").is_current
    assert_figures_match(run.report.figures, expected_figures("2026-Q3"))
