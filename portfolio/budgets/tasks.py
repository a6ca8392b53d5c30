from celery import shared_task

from . import services


@shared_task
def remind_budgets_due():
    """Daily reminder of budgets not yet sent for the open cycle (idempotent per day)."""
    return services.submissions_remind_due()
