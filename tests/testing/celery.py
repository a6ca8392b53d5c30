"""A real Celery worker, in its own process, consuming from Redis against the test database."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from config.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def database_url():
    settings = connection.settings_dict
    if settings["ENGINE"] != "django.db.backends.postgresql":
        return None
    host = settings.get("HOST") or "127.0.0.1"
    port = settings.get("PORT") or "5432"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return f"postgres://{settings['USER']}{password}@{host}:{port}/{settings['NAME']}"


@pytest.fixture
def celery_worker_process(transactional_db):
    """Start ``celery worker`` on a private queue; tasks sent during the test go to it.

    Needs REDIS_URL and PostgreSQL (the worker must see the test's committed rows); under CI's
    PostgreSQL/Redis leg it always runs.
    """
    redis_url = os.environ.get("REDIS_URL")
    db_url = database_url()
    if not redis_url or not db_url:
        if os.environ.get("REQUIRE_CELERY_WORKER"):
            pytest.fail("REQUIRE_CELERY_WORKER is set but REDIS_URL or PostgreSQL is missing.")
        pytest.skip("The real-worker test runs with REDIS_URL and a PostgreSQL DATABASE_URL set.")
    queue = f"test-{uuid.uuid4().hex[:12]}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "DATABASE_URL": db_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_WORKER_TEST": "1",
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
            f"{queue}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield {"queue": queue, "process": worker}
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        worker.terminate()
        try:
            output, _ = worker.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            output, _ = worker.communicate()
        sys.stdout.write(output[-4000:] if output else "")
