"""The audit trail: every service writes one entry in the transaction that changes a record."""

from django.contrib.contenttypes.models import ContentType

from .models import AuditEntry


def audit(*, actor, action, target, summary="", **data):
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        summary=str(summary)[:500],
        data=data,
    )
