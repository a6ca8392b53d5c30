"""Celery tasks of the survey app: thin wrappers around services, each safe to run twice."""

from celery import shared_task

from . import services


@shared_task
def close_due_surveys():
    """Beat, daily: open surveys past their closing date are closed (answers written)."""
    return [survey.pk for survey in services.surveys_close_due()]
