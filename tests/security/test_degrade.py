"""Degrade, never fail: with the cache or the broker down, pages and the API still answer and
the work asked for is kept in the database and sent again; mail never goes out inside a
request. The same with a real Redis stopped and started: tests/security/test_faults.py."""

import logging

import pytest
from django.core import mail
from django.core.cache import caches
from kombu.exceptions import OperationalError

from governance.models import Notification
from governance.notifications import emails_resend, emails_send, notify
from portfolio.reports import services as report_services
from portfolio.reports.choices import RunState
from portfolio.reports.models import ReportRun
from tests.testing.api import token_client

pytestmark = pytest.mark.django_db

#: a port nothing listens on
DEAD_REDIS = "redis://127.0.0.1:9/0"


@pytest.fixture
def cache_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    caches._settings = None
    yield
    caches.close_all()


def test_the_api_throttle_fails_open_and_logs_when_the_cache_is_down(personas, cache_down, caplog):
    client = token_client(personas["api.reader"])
    with caplog.at_level(logging.WARNING, logger="governance.api.throttling"):
        response = client.get("/api/v1/projects/")
    assert response.status_code == 200
    assert "throttle cache unavailable" in caplog.text


class BrokerDown:
    """While on, every publish fails as it does when Redis refuses the connection (tasks are
    not run in-process either, as with a configured broker)."""

    def __init__(self):
        from celery.app.task import Task

        from config.celery import app

        self.app, self.task_class = app, Task
        self.saved = None

    @staticmethod
    def refuse(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    def start(self):
        self.saved = self.app.conf.task_always_eager, self.task_class.apply_async
        self.app.conf.task_always_eager = False
        self.task_class.apply_async = self.refuse

    def stop(self):
        if self.saved is not None:
            self.app.conf.task_always_eager, self.task_class.apply_async = self.saved
            self.saved = None


@pytest.fixture
def broker_down():
    outage = BrokerDown()
    outage.start()
    yield outage
    outage.stop()


def test_a_report_asked_for_while_the_broker_is_down_is_queued_and_sent_again(
    client, personas, broker_down, django_capture_on_commit_callbacks, caplog
):
    client.force_login(personas["pmo"])
    with caplog.at_level(logging.WARNING, logger="core.jobs"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/reports/request/", {"quarter": "2025-Q4"})
    assert response.status_code == 302
    run = ReportRun.objects.get()
    assert run.state == RunState.QUEUED
    assert "Broker unreachable" in caplog.text
    # Nothing is sent again before the run has been silent for a while...
    assert report_services.report_runs_requeue() == []
    # ...then the beat's sweep sends it again, and once the broker is back it is built.
    broker_down.stop()
    ReportRun.objects.update(heartbeat_at=run.queued_at - report_services.requeue_after())
    with django_capture_on_commit_callbacks(execute=True):
        assert [r.pk for r in report_services.report_runs_requeue()] == [run.pk]
    run.refresh_from_db()
    assert run.state == RunState.DONE and run.attempts == 1


def test_work_is_sent_without_touching_the_result_store(monkeypatch):
    """Celery subscribes to a task's result before it publishes the task: with Redis down
    that subscription retried for 20 s, then raised RuntimeError, a 500 (found by
    tests/security/test_faults.py). Nothing the portal sends is waited for."""
    from celery.app.task import Task

    from config.celery import app
    from core.jobs import enqueue
    from portfolio.reports.tasks import requeue_stale_runs

    sent = {}
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(Task, "apply_async", lambda self, *args, **options: sent.update(options))
    enqueue(requeue_stale_runs)
    assert sent["ignore_result"] is True


def test_any_failure_to_send_is_logged_never_raised(monkeypatch, caplog):
    """The request's work is committed when its task is sent (on commit): whatever sending
    raises (here kombu's "Acquire on closed pool"), the request must not become a 500."""
    from celery.app.task import Task

    from config.celery import app
    from core.jobs import enqueue
    from portfolio.reports.tasks import requeue_stale_runs

    def closed_pool(self, *args, **options):
        raise RuntimeError("Acquire on closed pool")

    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setattr(Task, "apply_async", closed_pool)
    with caplog.at_level(logging.ERROR, logger="core.jobs"):
        assert enqueue(requeue_stale_runs) is None
    assert "requeue_stale_runs not sent" in caplog.text


def test_a_running_run_without_a_heartbeat_is_sent_again(
    personas, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    run = ReportRun.objects.create(
        quarter="2025-Q4", state=RunState.RUNNING, attempts=1, task_id="dead-worker"
    )
    ReportRun.objects.filter(pk=run.pk).update(
        heartbeat_at=timezone.now() - report_services.requeue_after() * 2
    )
    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_runs_requeue()
    run.refresh_from_db()
    assert run.state == RunState.DONE and run.attempts == 2


def test_a_live_run_is_left_alone(personas):
    from django.utils import timezone

    ReportRun.objects.create(quarter="2025-Q4", state=RunState.RUNNING, heartbeat_at=timezone.now())
    assert report_services.report_runs_requeue() == []


def test_notifications_are_mailed_by_a_task_after_commit_never_in_the_request(
    personas, monkeypatch, django_capture_on_commit_callbacks
):
    queued = []
    monkeypatch.setattr(
        "governance.notifications.enqueue", lambda task, args: queued.append((task.name, args))
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[personas["staff"]], subject="Awaits you")
    assert mail.outbox == []
    assert queued == [
        ("governance.tasks.send_notification_emails", [[Notification.objects.get().pk]])
    ]


def test_an_unsent_email_is_kept_and_sent_by_the_sweep(
    personas, settings, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    settings.EMAIL_BACKEND = "tests.security.test_degrade.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[personas["staff"]], subject="Awaits you")
    notification = Notification.objects.get()
    assert not notification.emailed
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert emails_resend() == 0  # too recent: its task may still be under way
    Notification.objects.update(created_at=timezone.now() - timezone.timedelta(minutes=5))
    assert emails_resend() == 1
    notification.refresh_from_db()
    assert notification.emailed and len(mail.outbox) == 1
    assert emails_send(ids=[notification.pk]) == 0  # never twice


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise TimeoutError("the mail server did not answer")
