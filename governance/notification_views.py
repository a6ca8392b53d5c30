"""The person's notifications in the portal (the same ones are e-mailed after commit)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from .models import Notification
from .notifications import mark_read


@login_required
def notification_list(request):
    queryset = Notification.objects.filter(recipient=request.user)
    if request.GET.get("unread"):
        queryset = queryset.filter(read_at__isnull=True)
    page = Paginator(queryset, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/notifications.html",
        {"page": page, "only_unread": bool(request.GET.get("unread"))},
    )


@login_required
@require_POST
def notification_mark_read(request):
    if request.POST.get("all"):
        ids = None
    else:
        ids = [int(i) for i in request.POST.getlist("notification") if i.isdigit()]
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
