"""Reads of governance records, already restricted to what the user may see."""
from .models import Membership


def current_memberships(user):
    return (
        Membership.objects.current()
        .filter(user=user)
        .select_related("body", "body__programme")
        .order_by("body__pk")
    )
