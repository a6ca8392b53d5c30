"""The one beat schedule names only tasks that exist, and each task is a thin, importable job."""

import pytest
from django.conf import settings

from config.celery import app


def test_every_periodic_task_in_the_schedule_is_registered():
    app.loader.import_default_modules()
    registered = set(app.tasks)
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled, "the beat schedule is empty"
    assert scheduled <= registered, f"unknown tasks: {scheduled - registered}"


@pytest.mark.parametrize(
    "task",
    [
        "portfolio.reports.tasks.build_last_quarter_report",
        "portfolio.reports.tasks.send_reminders",
        "portfolio.budgets.tasks.remind_budgets_due",
        "staffing.tasks.remind_snapshots_due",
        "governance.tasks.sync_body_permissions",
    ],
)
def test_the_schedule_covers_the_quarterly_report_and_the_daily_jobs(task):
    assert task in {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}


def test_tasks_are_acknowledged_late_and_requeued_if_a_worker_dies():
    assert settings.CELERY_TASK_ACKS_LATE
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST
