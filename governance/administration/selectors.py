"""Reads of the administration area: bodies with their membership history, units, users."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Prefetch, Q

from ..models import AuditEntry, Body, Membership, OrganisationUnit, User

HISTORY_SHOWN = 50


def bodies():
    current = Membership.objects.current()
    return (
        Body.objects.select_related("programme")
        .annotate(
            member_count=Count("memberships", filter=Q(memberships__in=current), distinct=True),
            seat_count=Count("memberships", distinct=True),
        )
        .order_by("pk")
    )


def body(code):
    return Body.objects.select_related("programme", "secretariat_unit").filter(code=code).first()


def memberships(body, on=None):
    """Every membership of ``body``, past, current and future: who sat there when."""
    return (
        Membership.objects.filter(body=body)
        .select_related("user")
        .order_by("-start", "role", "user__username")
    )


def structure_history(body):
    """The audit entries of the body and of its memberships, latest first (withdrawn
    memberships are gone from the table but not from here)."""
    body_type = ContentType.objects.get_for_model(Body)
    membership_type = ContentType.objects.get_for_model(Membership)
    return (
        AuditEntry.objects.filter(
            Q(content_type=body_type, object_id=str(body.pk))
            | Q(content_type=membership_type, data__body=body.code)
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")[:HISTORY_SHOWN]
    )


def units():
    return OrganisationUnit.objects.select_related("parent", "chief").order_by("name")


def unit(code):
    return OrganisationUnit.objects.select_related("parent", "chief").filter(code=code).first()


def users(*, query="", role="", active=None):
    queryset = User.objects.select_related("organisation_unit").prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.current().select_related("body")),
        "groups",
    )
    if query:
        queryset = queryset.filter(
            Q(username__icontains=query)
            | Q(display_name__icontains=query)
            | Q(email__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    if role:
        queryset = queryset.filter(groups__name=role)
    if active is not None:
        queryset = queryset.filter(is_active=active)
    return queryset.order_by("username")


def user_history(user):
    """What was done to the account, and the memberships it held."""
    user_type = ContentType.objects.get_for_model(User)
    return (
        AuditEntry.objects.filter(
            Q(content_type=user_type, object_id=str(user.pk)) | Q(data__user=user.username)
        )
        .select_related("actor")
        .order_by("-created_at", "-pk")[:HISTORY_SHOWN]
    )


def user_memberships(user):
    return (
        Membership.objects.filter(user=user).select_related("body").order_by("-start", "body__pk")
    )
