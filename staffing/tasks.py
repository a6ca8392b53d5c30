import datetime

from celery import shared_task

from .selectors import staffing_summary


@shared_task
def compute_staffing_summary(as_of):
    """The Annex IV summary for an ISO date, computed by a worker (used by reports)."""
    return staffing_summary(datetime.date.fromisoformat(as_of))
