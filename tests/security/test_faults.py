"""Real faults, with the test's own Redis (``redis-server`` on a port of its own, stopped and
started by the test), Celery workers in their own processes (killed by the test) and a mail
server that never answers: what tests/security/test_degrade.py simulates, for real.

They run where ``REDIS_URL`` is set (CI's PostgreSQL leg) and fail there if redis-server or
PostgreSQL is missing; elsewhere they are skipped (tests/testing/faults.py).
"""

import logging
import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from governance import services as governance_services
from governance.choices import AgendaItemKind
from governance.models import AuditEntry, Notification
from governance.notifications import emails_resend
from portfolio.reports import services as report_services
from portfolio.reports.choices import RunState
from portfolio.reports.models import QuarterlyReport, ReportRun
from portfolio.reports.tasks import requeue_stale_runs
from tests.governance.factories import MeetingFactory, MotionFactory, body
from tests.testing.api import token_client
from tests.testing.faults import wait_for
from tests.testing.personas import ensure_personas

pytestmark = pytest.mark.celery_worker

QUARTER = "2025-Q4"


@pytest.fixture
def redis_everywhere(own_redis, settings):
    """This process's cache (the API throttle's counters) on the test's Redis too, with the
    deployed settings' timeouts."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": own_redis.url(),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    return own_redis


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


def test_with_redis_down_pages_and_api_answer_and_a_report_asked_for_is_built_once_it_is_back(
    redis_everywhere, workers, client, caplog
):
    """Acceptance 3, Redis down: cache, throttle and broker all on the stopped Redis."""
    redis = redis_everywhere
    personas = ensure_personas()
    api = token_client(personas["api.reader"])
    assert api.get("/api/v1/projects/").status_code == 200  # the throttle counts in Redis

    redis.stop()
    with caplog.at_level(logging.WARNING):
        response, took = timed(
            lambda: client.post("/accounts/login/", {"username": "pmo", "password": "demo"})
        )
        assert response.status_code == 302 and took < 10, (response.status_code, took)
        for path in ("/", "/portfolio/", "/reports/", "/governance/decisions/"):
            response, took = timed(lambda path=path: client.get(path))
            assert response.status_code == 200 and took < 10, (path, response.status_code, took)
        for path in ("/api/v1/projects/", "/api/v1/portfolio/status/", "/api/v1/decisions/"):
            response, took = timed(lambda path=path: api.get(path))
            assert response.status_code == 200 and took < 10, (path, response.status_code, took)
        response, took = timed(lambda: client.post("/reports/request/", {"quarter": QUARTER}))
    assert response.status_code == 302 and took < 15, (response.status_code, took)
    assert "throttle cache unavailable" in caplog.text
    assert "Broker unreachable" in caplog.text
    run = ReportRun.objects.get()
    assert run.state == RunState.QUEUED and run.attempts == 0

    redis.start()  # empty: the message that was never sent is not there either
    workers.start(REPORTS_REQUEUE_AFTER_SECONDS=1)
    assert api.get("/api/v1/projects/").status_code == 200
    # The beat's sweep, sent as the beat sends it, finds the silent run and sends it again.
    requeue_stale_runs.delay()
    wait_for(
        lambda: ReportRun.objects.get(pk=run.pk).state in (RunState.DONE, RunState.FAILED),
        60,
        "the report asked for while Redis was down was not built once it was back",
    )
    run.refresh_from_db()
    assert run.state == RunState.DONE, run.error
    assert run.attempts == 1
    assert QuarterlyReport.objects.filter(quarter=QUARTER).count() == 1
    assert client.get(reverse("reports:report", args=[run.report_id])).status_code == 200


def test_a_worker_killed_mid_report_leaves_a_run_the_sweep_finishes_once(workers, tmp_path):
    """Acceptance 3, worker killed: SIGKILL while the report is built; a new worker and the
    beat's sweep (a run silent for REPORTS_REQUEUE_AFTER_SECONDS is sent again) finish it:
    one run, one report, built to the end once, with no wait for Redis's one-hour visibility
    timeout."""
    personas = ensure_personas()
    block = tmp_path / "block"
    block.touch()
    silent_after = 8  # longer than the heartbeat of a live run (5 s)
    setting = {
        "REPORTS_REQUEUE_AFTER_SECONDS": silent_after,
        report_services.BLOCK_FILE_ENV: block,
    }
    first = workers.start(**setting)
    run = report_services.report_request(quarter=QUARTER, actor=personas["pmo"])
    wait_for(
        lambda: ReportRun.objects.get(pk=run.pk).state == RunState.RUNNING,
        60,
        "the first worker did not start the run",
    )
    workers.kill(first)
    killed_at = time.monotonic()
    block.unlink()

    # Asked for again meanwhile: the same run, not a second one.
    again = report_services.report_request(quarter=QUARTER, actor=personas["pmo"])
    assert again.pk == run.pk
    workers.start(REPORTS_REQUEUE_AFTER_SECONDS=silent_after)

    def swept_and_done():
        if ReportRun.objects.get(pk=run.pk).state in (RunState.DONE, RunState.FAILED):
            return True
        requeue_stale_runs.delay()  # the beat, every minute in a deployment
        time.sleep(1)
        return False

    wait_for(swept_and_done, 90, "the killed worker's run was never finished")
    took = time.monotonic() - killed_at
    run.refresh_from_db()
    assert run.state == RunState.DONE, run.error
    assert run.attempts == 2
    assert took < 60
    assert ReportRun.objects.count() == 1
    assert QuarterlyReport.objects.filter(quarter=QUARTER).count() == 1
    assert AuditEntry.objects.filter(action="report.generate").count() == 1
    ready = Notification.objects.filter(key=f"reports:ready:{run.report_id}")
    assert ready.count() == ready.values("recipient").distinct().count() > 0


def test_a_mail_server_that_never_answers_costs_the_request_nothing(
    own_redis, workers, silent_mail_server, client, settings, caplog
):
    """Acceptance 3, mail server hangs: opening a meeting notifies its voters; the page
    answers at once, the worker gives up on each e-mail after EMAIL_TIMEOUT, the
    notifications stay in the portal marked unsent, and the beat's resend tries again."""
    timeout = 3
    # This process would mail through the same silent server if it mailed at all.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", silent_mail_server.port
    settings.EMAIL_TIMEOUT = timeout
    personas = ensure_personas()
    workers.start(FAULTS_SMTP_PORT=silent_mail_server.port, EMAIL_TIMEOUT=timeout)
    meeting = MeetingFactory(body=body("km-steering"))
    governance_services.agenda_item_add(
        meeting=meeting,
        kind=AgendaItemKind.DECISION,
        subject=MotionFactory(body=meeting.body),
        actor=personas["pmo"],
    )
    client.force_login(personas["km.chair"])

    response, took = timed(
        lambda: client.post(reverse("governance:meeting_open", args=[meeting.pk]))
    )
    assert response.status_code == 302, response.status_code
    assert took < timeout, f"opening the meeting took {took:.1f} s"
    assert client.get(meeting.get_absolute_url()).status_code == 200
    notifications = Notification.objects.filter(key=f"meeting-open:{meeting.pk}")
    emailed = notifications.exclude(recipient__email="")
    expected = emailed.count()
    assert expected > 0 and mail.outbox == []

    wait_for(
        lambda: silent_mail_server.abandoned >= expected,
        expected * timeout + 30,
        f"the worker did not give up on {expected} e-mails",
    )
    assert not emailed.filter(emailed=True).exists()
    worker = workers.processes[0]
    wait_for(
        lambda: workers.log(worker).count("will be retried") >= expected,
        10,
        "the worker did not log the e-mails it could not send",
    )

    # The beat's resend, two minutes on, tries each again (and would again, until it answers).
    assert emails_resend(now=timezone.now() + timezone.timedelta(minutes=3)) == expected
    wait_for(
        lambda: silent_mail_server.abandoned >= 2 * expected,
        expected * timeout + 30,
        "the resend did not try the e-mails again",
    )
    assert not emailed.filter(emailed=True).exists()
    assert notifications.filter(read_at__isnull=True).count() == notifications.count()
