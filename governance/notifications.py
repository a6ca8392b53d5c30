"""Telling people what awaits them: in the portal and by e-mail, after the transaction commits.

Every app notifies through ``notify``; nothing sends mail directly. Mail goes out from a Celery
task (``tasks.send_notification_emails``) after the caller commits, never inside a web request:
a mail server that hangs costs a worker ``EMAIL_TIMEOUT`` seconds, not a page. A notification
whose e-mail could not be sent (broker or mail server down) stays ``emailed=False`` and the
beat's ``resend_notification_emails`` tries again.
"""

import datetime
import logging
from importlib import import_module

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from core import clock
from core.jobs import enqueue

from .choices import NotificationResolution
from .models import Notification

logger = logging.getLogger(__name__)

#: Unsent e-mail older than this is retried by the beat (younger: its task may be under way);
#: older than ``RESEND_WITHIN`` it is given up.
RESEND_AFTER = datetime.timedelta(minutes=2)
RESEND_WITHIN = datetime.timedelta(days=2)


def notify(*, recipients, subject, body="", url="", key="", once_per_day=False):
    """Record a notification for each recipient and e-mail them once the caller commits.

    ``subject`` and ``body`` are written in each recipient's language: pass a function that
    returns the text (``lambda: _("%(x)s ...") % {...}``), called with that language active,
    or a lazy string; a plain string is taken as it is.
    One per event and recipient: with a ``key`` (the event: "vote-awaited:12"), a recipient
    who still has an open notification with that key is not notified again. A reminder
    (``once_per_day``) goes out at most once a day, and a recipient whose reminder from an
    earlier day is still open gets that one brought back (unread, dated now, e-mailed again)
    rather than another. When what a notification points to is done, the service that did it
    calls ``resolve``. Returns the notifications created or brought back.
    """
    recipients = [user for user in {u.pk: u for u in recipients if u is not None}.values()]
    reminded = []
    if key and recipients:
        same = Notification.objects.filter(key=key, recipient__in=recipients)
        if once_per_day:
            same = same.filter(Q(resolved_at__isnull=True) | Q(created_at__date=clock.today()))
        else:
            same = same.filter(resolved_at__isnull=True)
        existing = list(same.select_related("recipient"))
        if once_per_day:
            today = clock.today()
            reminded = [
                n
                for n in existing
                if n.resolved_at is None
                and clock_date(n.created_at) < today
                and not any(
                    o.recipient_id == n.recipient_id and clock_date(o.created_at) >= today
                    for o in existing
                )
            ]
        already = {n.recipient_id for n in existing}
        recipients = [user for user in recipients if user.pk not in already]
    texts = {}
    for language in {user.language for user in recipients} | {
        n.recipient.language for n in reminded
    }:
        with translation.override(language):
            texts[language] = (_text(subject), _text(body))
    for notification in reminded:
        notification.subject, notification.body = texts[notification.recipient.language]
        notification.created_at, notification.read_at, notification.emailed = (
            clock.now(),
            None,
            False,
        )
        notification.url = url
    if reminded:
        Notification.objects.bulk_update(
            reminded, ["subject", "body", "url", "created_at", "read_at", "emailed"]
        )
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=user,
                subject=texts[user.language][0],
                body=texts[user.language][1],
                url=url,
                key=key,
            )
            for user in recipients
        ]
    )
    notifications += reminded
    ids = [n.pk for n in notifications if n.recipient.email]
    if ids:
        transaction.on_commit(lambda: _enqueue_emails(ids))
    return notifications


def clock_date(moment):
    """The local day of ``moment`` (as ``created_at__date`` compares it)."""
    return timezone.localdate(moment)


def resolve(*, key=None, keys=None, prefix=None, recipients=None, withdrawn=False):
    """Close the open notifications of an event (``key``), of several (``keys``) or of every
    event of a record (``prefix``: "portfolio:project:7:"), for ``recipients`` (default:
    everyone): done, or ``withdrawn`` when the person did not do it (someone else decided, it
    lapsed). A resolved notification is not e-mailed any more and no longer counts as
    awaiting. Returns how many."""
    if key:
        keys = [key]
    if not keys and not prefix:
        raise ValueError("resolve() needs a key or a prefix")
    queryset = Notification.objects.filter(resolved_at__isnull=True)
    queryset = queryset.filter(key__in=keys) if keys else queryset.filter(key__startswith=prefix)
    if recipients is not None:
        queryset = queryset.filter(recipient__in=[u.pk for u in recipients if u is not None])
    return queryset.update(
        resolved_at=clock.now(),
        resolution=NotificationResolution.WITHDRAWN if withdrawn else NotificationResolution.DONE,
    )


def absolute_url(url):
    """``url`` as a link that works from an e-mail: a path joined to ``PORTAL_URL``."""
    if not url or "://" in url:
        return url
    return f"{settings.PORTAL_URL.rstrip('/')}/{url.lstrip('/')}"


def _text(value):
    return str(value() if callable(value) else value)


def _enqueue_emails(ids):
    # Looked up by name: tasks import this module, not the reverse.
    enqueue(import_module(f"{__package__}.tasks").send_notification_emails, args=[ids])


def emails_send(*, ids):
    """E-mail the notifications ``ids`` not e-mailed yet; returns how many were sent.

    Each is locked while it is sent (``skip_locked``: two workers never send one twice) and
    marked once the mail server took it. A failure is logged and left for the resend sweep.
    """
    sent = 0
    for pk in ids:
        try:
            with transaction.atomic():
                notification = (
                    Notification.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("recipient")
                    .filter(pk=pk, emailed=False, resolved_at__isnull=True)
                    .first()
                )
                if notification is None or not notification.recipient.email:
                    continue
                send_mail(
                    notification.subject,
                    f"{notification.body}\n\n{absolute_url(notification.url)}".strip(),
                    settings.DEFAULT_FROM_EMAIL,
                    [notification.recipient.email],
                )
                Notification.objects.filter(pk=pk).update(emailed=True)
                sent += 1
        except (OSError, TimeoutError) as error:  # smtplib's errors are OSErrors
            logger.warning("Notification %s not e-mailed (%s); it will be retried.", pk, error)
    return sent


def emails_resend(*, now=None):
    """The beat's sweep: queue the e-mail of recent notifications that were never sent."""
    now = now or clock.now()
    ids = list(
        Notification.objects.filter(
            emailed=False,
            resolved_at__isnull=True,
            created_at__lt=now - RESEND_AFTER,
            created_at__gte=now - RESEND_WITHIN,
        )
        .exclude(recipient__email="")
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    if ids:
        _enqueue_emails(ids)
    return len(ids)


def mark_read(*, user, notification_ids=None):
    queryset = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=notification_ids)
    return queryset.update(read_at=clock.now())
