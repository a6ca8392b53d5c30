"""Telling people what awaits them: in the portal and by e-mail, after the transaction commits.

Every app notifies through ``notify``; nothing sends mail directly.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification


def notify(*, recipients, subject, body="", url="", key="", once_per_day=False):
    """Record a notification for each recipient and e-mail them once the caller commits.

    With ``once_per_day`` and a ``key``, a recipient already notified with that key today
    is skipped (reminders). Returns the notifications created.
    """
    recipients = [user for user in {u.pk: u for u in recipients if u is not None}.values()]
    if once_per_day and key:
        today = timezone.localdate()
        already = set(
            Notification.objects.filter(
                key=key, recipient__in=recipients, created_at__date=today
            ).values_list("recipient_id", flat=True)
        )
        recipients = [user for user in recipients if user.pk not in already]
    notifications = Notification.objects.bulk_create(
        [
            Notification(recipient=user, subject=subject, body=body, url=url, key=key)
            for user in recipients
        ]
    )
    ids = [n.pk for n in notifications]
    if ids:
        transaction.on_commit(lambda: _send_emails(ids))
    return notifications


def _send_emails(ids):
    for notification in Notification.objects.filter(pk__in=ids, emailed=False).select_related(
        "recipient"
    ):
        if not notification.recipient.email:
            continue
        send_mail(
            notification.subject,
            f"{notification.body}\n\n{notification.url}".strip(),
            settings.DEFAULT_FROM_EMAIL,
            [notification.recipient.email],
            fail_silently=True,
        )
        Notification.objects.filter(pk=notification.pk).update(emailed=True)


def mark_read(*, user, notification_ids=None):
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=notification_ids)
    return queryset.update(read_at=timezone.now())
