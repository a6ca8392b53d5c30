"""Asking for reports, running the task (twice, after a crash, on errors), reminders."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError

from governance.models import Notification
from governance.rights import RightsError
from portfolio.reports import services
from portfolio.reports.choices import RunState
from portfolio.reports.models import QuarterlyReport, ReportRun
from portfolio.reports.tasks import build_last_quarter_report, build_quarterly_report

from .factories import make_history, make_report

pytestmark = pytest.mark.django_db


def test_the_pmo_asks_and_the_task_builds_the_report(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.report_request(quarter="2026-Q3", actor=personas["pmo"])
    run.refresh_from_db()
    assert run.state == RunState.DONE
    assert run.attempts == 1 and run.started_at and run.finished_at
    assert run.report.quarter == "2026-Q3" and run.report.is_current
    assert run.report.period_end == datetime.date(2026, 9, 30)


def test_the_task_is_enqueued_only_after_the_transaction_commits(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = services.report_request(quarter="2026-Q3", actor=personas["pmo"])
    run.refresh_from_db()
    assert run.state == RunState.QUEUED and len(callbacks) == 1
    callbacks[0]()
    run.refresh_from_db()
    assert run.state == RunState.DONE


@pytest.mark.parametrize("username", ["cito", "dsg", "budget.reviewer", "km.member", "staff"])
def test_only_the_pmo_may_ask_for_a_report(personas, username):
    with pytest.raises(RightsError):
        services.report_request(quarter="2026-Q3", actor=personas[username])
    assert not ReportRun.objects.exists()


def test_a_quarter_that_has_not_ended_is_refused(personas):
    with pytest.raises(ValidationError):
        services.report_request(quarter="2099-Q1", actor=personas["pmo"])
    with pytest.raises(ValidationError):
        services.report_request(quarter="2026-13", actor=personas["pmo"])


def test_asking_again_returns_the_current_report(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.report_request(quarter="2026-Q3", actor=personas["pmo"])
    again = services.report_request(quarter="2026-Q3", actor=personas["pmo"])
    first.refresh_from_db()
    assert again == first.report
    assert ReportRun.objects.count() == 1


def test_a_double_request_queues_one_run(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = services.report_request(quarter="2026-Q3", actor=personas["pmo"])
        second = services.report_request(quarter="2026-Q3", actor=personas["pmo"])
    assert first == second


def test_a_stale_run_is_not_reused(personas, django_capture_on_commit_callbacks):
    from django.utils import timezone

    stale = ReportRun.objects.create(
        quarter="2026-Q3",
        state=RunState.QUEUED,
        queued_at=timezone.now() - datetime.timedelta(hours=3),
    )
    with django_capture_on_commit_callbacks(execute=True):
        fresh = services.report_request(quarter="2026-Q3", actor=personas["pmo"])
    assert fresh != stale
    build_quarterly_report.apply(args=[stale.pk])
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.report == fresh.report
    assert QuarterlyReport.objects.count() == 1


def test_running_the_task_twice_leaves_one_current_report(personas):
    run = ReportRun.objects.create(quarter="2026-Q3", requested_by=personas["pmo"])
    build_quarterly_report.apply(args=[run.pk])
    build_quarterly_report.apply(args=[run.pk])
    other = ReportRun.objects.create(quarter="2026-Q3")
    build_quarterly_report.apply(args=[other.pk])
    assert QuarterlyReport.objects.filter(quarter="2026-Q3").count() == 1
    run.refresh_from_db()
    other.refresh_from_db()
    assert run.attempts == 1, "a run already done does nothing"
    assert other.state == RunState.DONE and other.report == run.report


def test_regenerating_keeps_the_older_report(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.report_request(quarter="2026-Q3", actor=personas["pmo"])
    with django_capture_on_commit_callbacks(execute=True):
        second = services.report_request(quarter="2026-Q3", actor=personas["pmo"], regenerate=True)
    first.refresh_from_db()
    second.refresh_from_db()
    assert second.report != first.report
    reports = QuarterlyReport.objects.filter(quarter="2026-Q3")
    assert reports.count() == 2
    assert list(reports.filter(is_current=True)) == [second.report]


def test_a_run_whose_worker_died_is_built_again_from_scratch(personas):
    """The redelivered message finds the run "running": it starts over and finishes once."""
    run = ReportRun.objects.create(
        quarter="2026-Q3", state=RunState.RUNNING, attempts=1, step="portfolio"
    )
    build_quarterly_report.apply(args=[run.pk])
    run.refresh_from_db()
    assert run.state == RunState.DONE and run.attempts == 2
    assert QuarterlyReport.objects.filter(quarter="2026-Q3", is_current=True).count() == 1


def test_the_database_forbids_two_current_reports_for_a_quarter(db):
    from django.db import IntegrityError, transaction

    make_report("2026-Q2")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report("2026-Q2")
    make_report("2026-Q2", is_current=False)


def test_a_transient_error_is_retried_then_recorded(personas, monkeypatch):
    calls = []

    def flaky(quarter, checkpoint=None):
        calls.append(1)
        raise OperationalError("server closed the connection unexpectedly")

    from config.celery import app

    monkeypatch.setattr(services, "build_figures", flaky)
    # Like a worker: the retry is re-run, not raised to the caller.
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    run = ReportRun.objects.create(quarter="2026-Q3")
    result = build_quarterly_report.apply(args=[run.pk])
    assert result.failed()
    assert len(calls) == build_quarterly_report.max_retries + 1
    run.refresh_from_db()
    assert run.state == RunState.FAILED and "OperationalError" in run.error
    assert run.attempts == build_quarterly_report.max_retries + 1


def test_a_bug_fails_the_run_without_retrying(personas, monkeypatch):
    monkeypatch.setattr(services, "build_figures", lambda quarter, checkpoint=None: 1 / 0)
    run = ReportRun.objects.create(quarter="2026-Q3")
    build_quarterly_report.apply(args=[run.pk])
    run.refresh_from_db()
    assert run.state == RunState.FAILED and run.attempts == 1
    assert "ZeroDivisionError" in run.error
    assert not QuarterlyReport.objects.exists()


def test_the_task_is_acknowledged_late_and_retries_with_back_off():
    assert build_quarterly_report.acks_late is True
    assert build_quarterly_report.reject_on_worker_lost is True
    assert OperationalError in build_quarterly_report.autoretry_for
    assert build_quarterly_report.retry_backoff


def test_executive_committee_members_are_told_when_the_report_is_ready(personas):
    run = ReportRun.objects.create(quarter="2026-Q3")
    build_quarterly_report.apply(args=[run.pk])
    told = set(
        Notification.objects.filter(key__startswith="reports:ready:").values_list(
            "recipient__username", flat=True
        )
    )
    assert {"dsg", "usg.management", "cito"} <= told
    assert "km.member" not in told and "staff" not in told


def test_the_beat_builds_the_quarter_that_just_ended(personas, django_capture_on_commit_callbacks):
    from django.conf import settings as django_settings

    entry = django_settings.CELERY_BEAT_SCHEDULE["reports-last-quarter"]
    assert entry["task"] == build_last_quarter_report.name
    schedule = entry["schedule"]
    assert schedule.month_of_year == {1, 4, 7, 10} and schedule.day_of_month == {1}
    with django_capture_on_commit_callbacks(execute=True):
        result = build_last_quarter_report.apply().get()
    assert result["type"] == "ReportRun"
    run = ReportRun.objects.get()
    assert run.requested_by is None and run.state == RunState.DONE
    # On the same day again: the quarter has its report, nothing new.
    assert build_last_quarter_report.apply().get()["type"] == "QuarterlyReport"
    assert QuarterlyReport.objects.count() == 1


def test_reminders_go_once_a_day(personas):
    history = make_history(personas)
    sent = services.reminders_send(today=datetime.date(2026, 11, 24))
    assert sent["status_reports"] == 2  # P1 (no October report) and P3 (never reported)
    again = services.reminders_send(today=datetime.date(2026, 11, 24))
    assert again["status_reports"] == 0
    managers = set(
        Notification.objects.filter(key="reminder:status-report").values_list(
            "recipient__username", flat=True
        )
    )
    assert managers == {
        history["p1"].project_manager.username,
        history["p3"].project_manager.username,
    }


def test_members_with_votes_pending_are_reminded_once_a_day(personas):
    from tests.governance.factories import open_meeting_with_item

    open_meeting_with_item(personas, "km-steering")
    sent = services.reminders_send()
    assert sent["votes"] >= 2
    reminded = set(
        Notification.objects.filter(key="reminder:votes").values_list(
            "recipient__username", flat=True
        )
    )
    assert {"km.chair", "km.member"} <= reminded
    assert "advisor" not in reminded
    assert services.reminders_send()["votes"] == 0
