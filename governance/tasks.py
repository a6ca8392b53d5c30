"""Celery tasks of governance: thin wrappers around services, each safe to run twice."""

import logging

from celery import shared_task

from .notifications import emails_resend, emails_send
from .permissions import sync_all_body_permissions

logger = logging.getLogger(__name__)


@shared_task
def sync_body_permissions():
    """Daily: object permissions on bodies follow memberships that started or ended with the
    calendar (saves and deletes are already followed by signals). Safe to run twice."""
    return sync_all_body_permissions()


@shared_task
def send_notification_emails(ids):
    """E-mail notifications after their transaction committed (never inside a request)."""
    return emails_send(ids=ids)


@shared_task
def resend_notification_emails():
    """Beat: retry the e-mail of notifications that could not be sent."""
    return emails_resend()


@shared_task(bind=True, max_retries=3)
def send_email(self, subject, body, recipients, html_body=None):
    """One message (a password reset link): sent by a worker, with ``EMAIL_TIMEOUT``."""
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    try:
        return message.send()
    except OSError as error:  # smtplib's errors are OSErrors
        logger.warning("E-mail %r not sent (%s).", subject, error)
        if not self.request.is_eager and self.request.retries < self.max_retries:
            raise self.retry(countdown=60 * (self.request.retries + 1)) from error
        return 0
