"""The person's notifications in the portal (the same ones are e-mailed after commit)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.params import as_id
from core.tables import table_page

from .models import Notification
from .notifications import mark_read
from .tables import NotificationTable


@login_required
def notification_list(request):
    queryset = Notification.objects.filter(recipient=request.user)
    if request.GET.get("unread"):
        queryset = queryset.filter(read_at__isnull=True, resolved_at__isnull=True)
    return table_page(
        request,
        "governance/notifications.html",
        NotificationTable(queryset),
        {"only_unread": bool(request.GET.get("unread"))},
    )


@login_required
@require_POST
def notification_mark_read(request):
    if request.POST.get("all"):
        ids = None
    else:
        ids = [as_id(i) for i in request.POST.getlist("notification") if as_id(i)]
    count = mark_read(user=request.user, notification_ids=ids)
    messages.success(
        request,
        ngettext(
            "%(count)d notification marked as read.",
            "%(count)d notifications marked as read.",
            count,
        )
        % {"count": count},
    )
    return redirect("notifications")
