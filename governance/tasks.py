from celery import shared_task

from .permissions import sync_all_body_permissions


@shared_task
def sync_body_permissions():
    """Daily: object permissions on bodies follow memberships that started or ended with the
    calendar (saves and deletes are already followed by signals). Safe to run twice."""
    return sync_all_body_permissions()
