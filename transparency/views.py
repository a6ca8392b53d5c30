"""The transparency area: read-only pages, open data and a feed of decisions, all read
through ``transparency.publication``."""

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.exports import csv_response
from governance import rights

from . import publication, services

#: How long a shared cache may keep a page or file shown to a signed-out visitor.
PUBLIC_MAX_AGE = 300


def published(view):
    """Signed-in people always, signed-out visitors only while public access is on. What a
    signed-out visitor gets may be cached by shared caches for a few minutes."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not publication.may_view(request.user):
            return redirect_to_login(request.get_full_path())
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True)
        else:
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
        patch_vary_headers(response, ["Cookie", "Accept-Language"])
        return response

    return wrapper


def _context(request, **extra):
    return {
        "public_access": publication.public_access_on(),
        "can_switch": rights.can_administer_structure(request.user),
        **extra,
    }


@published
def overview(request):
    projects = list(publication.projects())
    by_programme = {}
    for project in projects:
        by_programme.setdefault(project.programme, []).append(project)
    return render(
        request,
        "transparency/overview.html",
        _context(request, by_programme=list(by_programme.items()), count=len(projects)),
    )


@published
def decisions(request):
    return render(
        request,
        "transparency/decisions.html",
        _context(request, decisions=publication.decision_rows(limit=500)),
    )


@published
def performance(request):
    return render(
        request,
        "transparency/performance.html",
        _context(request, kpis=list(publication.kpis()), services=list(publication.services())),
    )


@published
def report(request):
    return render(
        request, "transparency/report.html", _context(request, summary=publication.report_summary())
    )


@published
def open_data(request):
    return render(
        request,
        "transparency/open_data.html",
        _context(
            request,
            project_fields=publication.PROJECT_FIELDS,
            decision_fields=publication.DECISION_FIELDS,
        ),
    )


DATASETS = {
    "projects": (publication.project_rows, publication.PROJECT_FIELDS),
    "decisions": (publication.decision_rows, publication.DECISION_FIELDS),
}


@published
def dataset(request, name, fmt):
    rows_of, fields = DATASETS[name]
    rows = rows_of()
    keys = [key for key, _doc in fields]
    if fmt == "csv":
        return csv_response(f"{name}.csv", ([row[k] for k in keys] for row in rows), header=keys)
    body = json.dumps(
        {"fields": {k: str(doc) for k, doc in fields}, "rows": rows},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
    )
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def switch(request):
    """Portal administrators switch public access on or off."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not rights.can_administer_structure(request.user):
        raise PermissionDenied
    if request.method == "POST":
        enabled = request.POST.get("public_access") == "on"
        services.public_access_set(actor=request.user, enabled=enabled)
        messages.success(
            request,
            _("The transparency area is now open to the public.")
            if enabled
            else _("The transparency area is now for signed-in people only."),
        )
        return redirect("transparency:switch")
    return render(request, "transparency/switch.html", _context(request))


class DecisionFeed(Feed):
    """New decisions of the register, as Atom (``django.utils.feedgenerator``)."""

    feed_type = Atom1Feed
    title = gettext_lazy("ICT governance: decisions")
    subtitle = gettext_lazy("Decisions of the ICT governance bodies, as published.")

    def link(self):
        return reverse("transparency:decisions")

    def items(self):
        return publication.decision_rows(limit=50)

    def item_title(self, item):
        return f"{item['body_name']}: {item['subject']} – {item['outcome_label']}"

    def item_description(self, item):
        return item["rationale"]

    def item_link(self, item):
        return reverse("transparency:decisions") + f"#decision-{item['id']}"

    def item_guid(self, item):
        return f"decision-{item['id']}"

    def item_pubdate(self, item):
        import datetime

        return datetime.datetime.fromisoformat(item["date"])


feed = published(DecisionFeed())
