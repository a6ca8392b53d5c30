"""Celery tasks: thin wrappers around ``services``; each is safe to run twice."""

from celery import shared_task

from . import services


@shared_task(
    bind=True,
    # Acknowledged only once the run is finished: a worker killed mid-run leaves the message
    # with the broker, which hands it to another worker; the service then starts again.
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def build_quarterly_report(self, run_id):
    report = services.report_run_execute(
        run_id=run_id,
        task_id=self.request.id or "",
        final_attempt=self.request.retries >= self.max_retries,
    )
    return report.pk if report is not None else None


@shared_task
def build_last_quarter_report():
    """Beat, on the first day of each quarter: the report of the quarter that just ended."""
    result = services.report_schedule_last_quarter()
    return {"type": type(result).__name__, "id": result.pk}


@shared_task
def send_reminders():
    """Beat, daily: overdue status reports and pending votes (one reminder a day at most)."""
    return services.reminders_send()


@shared_task
def requeue_stale_runs():
    """Beat, every minute: runs whose message was lost (broker down) or whose worker died are
    sent to the workers again."""
    return [run.pk for run in services.report_runs_requeue()]
