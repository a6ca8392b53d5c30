import datetime

from celery import shared_task

from .selectors import staffing_summary


@shared_task
def compute_staffing_summary(as_of):
    """The Annex IV summary for an ISO date, computed by a worker (used by reports)."""
    return staffing_summary(datetime.date.fromisoformat(as_of))


@shared_task
def remind_snapshots_due():
    """Daily reminder to chiefs whose staffing figures are over a year old (idempotent per day)."""
    from .services import snapshots_remind_due

    return snapshots_remind_due()
