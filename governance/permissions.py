"""django-guardian object permissions on bodies, mirrored from memberships.

Nobody assigns these by hand: saving or deleting a membership re-computes that person's
permissions on the body (``governance.signals``), and a daily task catches memberships that
started or ended with the calendar. The rights policy (``governance.rights``) remains the
authority every service asks; these permissions let guardian-aware code (the admin, lists
filtered with ``get_objects_for_user``) agree with it.
"""

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from . import rights
from .choices import MembershipRole, Rights
from .models import Body, BodyUserObjectPermission, Membership

BODY_PERMISSIONS = (
    "view_body",
    "vote_in_body",
    "decide_in_body",
    "give_opinion_in_body",
    "manage_meetings_of_body",
)


def permissions_from_membership(user, body, on=None):
    """The codenames a user's current membership of ``body`` grants (empty when none)."""
    membership = rights.current_membership(user, body, on)
    if membership is None:
        return set()
    granted = {"view_body"}
    if body.rights == Rights.DECISION:
        if membership.votes:
            granted.add("vote_in_body")
        if membership.role in {MembershipRole.CHAIR, MembershipRole.VICE_CHAIR}:
            granted.add("decide_in_body")
    else:
        granted.add("give_opinion_in_body")
    if membership.role in {
        MembershipRole.CHAIR,
        MembershipRole.VICE_CHAIR,
        MembershipRole.SECRETARY,
    }:
        granted.add("manage_meetings_of_body")
    return granted


def sync_body_permissions(user, body, on=None):
    """Make ``user``'s object permissions on ``body`` match their current membership."""
    wanted = permissions_from_membership(user, body, on)
    held = {
        row.permission.codename: row
        for row in BodyUserObjectPermission.objects.filter(
            user=user, content_object=body
        ).select_related("permission")
    }
    for codename in set(held) - wanted:
        held[codename].delete()
    missing = wanted - set(held)
    if missing:
        permissions = Permission.objects.filter(
            content_type=ContentType.objects.get_for_model(Body), codename__in=missing
        )
        BodyUserObjectPermission.objects.bulk_create(
            [
                BodyUserObjectPermission(user=user, content_object=body, permission=permission)
                for permission in permissions
            ],
            ignore_conflicts=True,
        )
    # Django and guardian cache permissions on the user object.
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        if hasattr(user, cache):
            delattr(user, cache)
    return wanted


def sync_all_body_permissions(on=None):
    """Re-compute every member's permissions (memberships start and end with the calendar)."""
    pairs = set(Membership.objects.values_list("user_id", "body_id"))
    pairs |= set(BodyUserObjectPermission.objects.values_list("user_id", "content_object_id"))
    users = {u.pk: u for u in _users(pair[0] for pair in pairs)}
    bodies = {b.pk: b for b in Body.objects.all()}
    for user_id, body_id in sorted(pairs):
        sync_body_permissions(users[user_id], bodies[body_id], on)
    return len(pairs)


def _users(ids):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk__in=set(ids))
