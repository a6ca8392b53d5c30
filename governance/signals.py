"""Object permissions follow memberships: a change of membership changes permissions."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Membership
from .permissions import sync_body_permissions


@receiver(post_save, sender=Membership, dispatch_uid="governance_membership_saved")
def membership_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    sync_body_permissions(instance.user, instance.body)


@receiver(post_delete, sender=Membership, dispatch_uid="governance_membership_deleted")
def membership_deleted(sender, instance, **kwargs):
    sync_body_permissions(instance.user, instance.body)
