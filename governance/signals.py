"""Object permissions follow memberships: a change of membership changes permissions."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from .models import Membership, User
from .permissions import sync_body_permissions


@receiver(post_save, sender=Membership, dispatch_uid="governance_membership_saved")
def membership_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    sync_body_permissions(instance.user, instance.body)


@receiver(post_delete, sender=Membership, dispatch_uid="governance_membership_deleted")
def membership_deleted(sender, instance, **kwargs):
    sync_body_permissions(instance.user, instance.body)


@receiver(pre_delete, sender=User, dispatch_uid="governance_user_deleted")
def refuse_deleting_actors(sender, instance, **kwargs):
    """Whoever deletes a user (the admin, a shell, a cascade): one who has acted stays, so the
    record keeps naming them (the database would refuse to blank their audit entries)."""
    from .administration.services import check_user_deletable

    check_user_deletable(instance)
