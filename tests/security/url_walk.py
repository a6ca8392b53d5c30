"""Walking every URL pattern of the portal as a persona: the patterns (``url_patterns``), a
concrete URL for each from the demo data (``example_url``), and the class of the answer
(``status_class``). Used by ``test_expected_access.py`` against ``expected_access.py``."""

from dataclasses import dataclass

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

SUFFIX = ".fmt"
MISSING = 999999  # the id of a record the demo does not have


@dataclass(frozen=True)
class Pattern:
    key: str  # the URL name (with its namespace), plus SUFFIX for a format-suffix pattern
    name: str  # what ``reverse`` takes
    route: str
    kwargs: tuple  # the pattern's keyword arguments

    @property
    def is_admin(self):
        return self.route.startswith("admin/")


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace, entry


def url_patterns():
    """Every URL pattern of the portal, each once (a pattern without a name is an error: it
    could not be given an entry)."""
    found = {}
    for route, namespace, entry in _walk(get_resolver().url_patterns):
        name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
        kwargs = tuple(sorted(entry.pattern.regex.groupindex))
        key = (name or route) + (SUFFIX if "format" in kwargs else "")
        found.setdefault(key, Pattern(key, name or "", route, kwargs))
    return found


def _first(queryset):
    """The first record, or ``None`` when the demo has none (its URLs then name a record that
    does not exist)."""
    return queryset.order_by("pk").first()


def _objects():
    """The demo records the URLs point at, read once."""
    from governance.apitokens.models import ApiToken
    from governance.models import (
        AgendaItem,
        Body,
        Decision,
        Meeting,
        Membership,
        Motion,
        Opinion,
        OrganisationUnit,
        User,
    )
    from governance.performance.models import Service, ServiceLevel
    from planning.models import Scenario
    from portfolio.budgets.models import BudgetSubmission
    from portfolio.models import Asset, Project, ProjectAsset, StatusReport
    from portfolio.reports.models import QuarterlyReport, ReportRun
    from programmes.models import Initiative, Kpi, Measurement, PlanItem, PriorityArea, Programme
    from staffing.models import StaffingRound, StaffingSnapshot
    from survey.models import ResponseImport, Survey

    project = _first(Project.objects.exclude(state="draft").filter(proponent__username="proponent"))
    meeting = _first(Meeting.objects.filter(body__code="km-steering"))
    item = _first(AgendaItem.objects.filter(meeting__body__code="km-steering"))
    survey = _first(Survey.objects.all())
    link = _first(ProjectAsset.objects.all())
    report = _first(QuarterlyReport.objects.filter(is_current=True))
    submission = _first(BudgetSubmission.objects.filter(unit__code="unog"))
    staff = User.objects.get(username="staff")
    return {
        "project": project,
        "meeting": meeting,
        "item": item,
        "decision": _first(Decision.objects.filter(body__code="km-steering")),
        "motion": _first(Motion.objects.all()),
        "opinion": _first(Opinion.objects.all()),
        "body": Body.objects.get(code="km-steering"),
        "membership": _first(Membership.objects.filter(body__code="km-steering")),
        "unit": OrganisationUnit.objects.get(code="unog"),
        "user": staff,
        "token": _first(ApiToken.objects.all()),
        "plan_item": _first(PlanItem.objects.all()),
        "kpi": _first(Kpi.objects.all()),
        "measurement": _first(Measurement.objects.all()),
        "initiative": _first(Initiative.objects.all()),
        "priority_area": _first(PriorityArea.objects.all()),
        "programme": _first(Programme.objects.all()),
        "service": _first(Service.objects.all()),
        "service_level": _first(ServiceLevel.objects.select_related("service")),
        "asset": link.asset if link else None,
        "link": link,
        "any_asset": _first(Asset.objects.all()),
        "status_report": _first(StatusReport.objects.all()),
        "survey": survey,
        "import": ResponseImport.objects.order_by("pk").first(),
        "round": _first(StaffingRound.objects.all()),
        "scenario": _first(Scenario.objects.all()),
        "snapshot": _first(StaffingSnapshot.objects.all()),
        "cycle": submission.cycle,
        "submission": submission,
        "report": report,
        "run": _first(ReportRun.objects.all()),
        "opinion_type": ContentType.objects.get_for_model(Project),
        "reset_uid": urlsafe_base64_encode(force_bytes(staff.pk)),
    }


def _kwargs(pattern, o):
    """The keyword arguments of ``pattern`` for the demo records ``o``."""
    n = pattern.name.split(":")[-1] if not pattern.is_admin else pattern.name
    by_name = {
        # a link that is no longer valid: the same answer whoever opens it
        "password_reset_confirm": {"uidb64": o["reset_uid"], "token": "expired-link"},
        "revoke": {"pk": o["token"].pk},
        "opinion_give": {"content_type_id": o["opinion_type"].pk, "object_id": o["project"].pk},
        "membership_end": {"pk": o["membership"].pk},
        "membership_replace": {"pk": o["membership"].pk},
        "membership_role": {"pk": o["membership"].pk},
        "asset_unlink": {"pk": o["asset"].pk, "link_pk": o["link"].pk}
        if o["link"]
        else {"pk": MISSING, "link_pk": MISSING},
        "case_line_row": {"section": "costs"},
        "project_act": {"pk": o["project"].pk, "action": "withdraw"},
        "business_case": {"pk": o["project"].pk, "number": 1},
        "prioritisation": {"programme": o["programme"].code},
        "initiative_rank": {"code": o["initiative"].code},
        "breakdown": {"pk": o["survey"].pk, "dimension": "duty_station"},
        "import_confirm": {
            "pk": o["survey"].pk,
            "import_pk": o["import"].pk if o["import"] else 1,
        },
        "submission_start": {"code": o["cycle"].code, "unit": "unon"},
        "quarter": {"quarter": o["report"].quarter},
        "csv": {"pk": o["report"].pk, "section": "projects"},
        "agenda-item-votes": {"meeting_pk": o["meeting"].pk, "item_pk": o["item"].pk},
        "agenda-item-recusals": {"meeting_pk": o["meeting"].pk, "item_pk": o["item"].pk},
        "agenda-item-decide": {"meeting_pk": o["meeting"].pk, "item_pk": o["item"].pk},
        "agenda-item-move": {"meeting_pk": o["meeting"].pk, "item_pk": o["item"].pk},
        "written-procedure-close": {"meeting_pk": o["meeting"].pk, "item_pk": o["item"].pk},
        # the API names a business case by its project's id
        "business-case-version": {"pk": o["project"].pk, "number": 1},
        "reports-quarterly-detail": {"quarter": o["report"].quarter},
        "service_level_edit": {"code": o["service_level"].service.code, "pk": o["service_level"].pk}
        if o["service_level"]
        else {"code": o["service"].code, "pk": MISSING},
    }
    if n in by_name:
        return dict(by_name[n])
    # otherwise by the record the URL's prefix names
    prefix = pattern.route.split("/")[0] if not pattern.route.startswith("api/") else ""
    api = pattern.route.startswith("api/")
    record_of = {
        "governance": {
            "body": "body",
            "meeting_create": "body",
            "motion_create": "body",
            "written_procedure_open": "body",
            "decision": "decision",
            "motion": "motion",
        },
        "administration": {"appoint": "body", "unit": "unit", "body": "body"},
        "programmes": {"plan_item": "plan_item", "initiative": "initiative", "detail": "programme"},
        "performance": {
            "scorecard": "unit",
            "service": "service",
            "service_edit": "service",
            "service_level_add": "service",
        },
        "budgets": {"cycle": "cycle"},
        "reports": {"run": "run", "run_status": "run"},
        "planning": {"scenario": "scenario"},
    }
    api_records = {
        "programme": "programme",
        "initiative": "initiative",
        "priority-area": "priority_area",
        "kpi": "kpi",
        "measurement": "measurement",
        "plan-item": "plan_item",
        "body": "body",
        "meeting": "meeting",
        "decision": "decision",
        "opinion": "opinion",
        "scorecard": "unit",
        "service": "service",
        "project": "project",
        "business-case": "project",  # the API names a business case by its project's id
        "status-report": "status_report",
        "asset": "any_asset",
        "budget-cycle": "cycle",
        "budget-submission": "submission",
        "survey": "survey",
        "staffing-snapshot": "snapshot",
        "report": "report",
        "membership": "membership",
        "scenario": "scenario",
    }
    if api:
        record = None
        for stem in sorted(api_records, key=len, reverse=True):
            if n.startswith(stem):
                record = api_records[stem]
                break
    else:
        record = record_of.get(prefix, {}).get(n)
        if record is None:
            record = {
                "governance": "meeting" if "meeting" in pattern.route else "item",
                "administration": "user",
                "programmes": "kpi",
                "portfolio": "asset" if "assets/" in pattern.route else "project",
                "survey": "survey",
                "staffing": "round",
                "budgets": "submission",
                "reports": "report",
            }.get(prefix)
    kwargs = {}
    for arg in pattern.kwargs:
        if arg == "format":
            kwargs[arg] = "json"
        elif record is None or o[record] is None:
            kwargs[arg] = MISSING
        else:
            obj = o[record]
            kwargs[arg] = getattr(obj, arg) if arg != "pk" else obj.pk
    return kwargs


def _admin_kwargs(pattern, o):
    """Admin patterns: an object of the pattern's model when it has one."""
    kwargs = {}
    for arg in pattern.kwargs:
        if arg == "object_id":
            model = _admin_model(pattern)
            obj = model.objects.order_by("pk").first() if model else None
            kwargs[arg] = str(obj.pk) if obj else "0"
        elif arg == "app_label":
            kwargs[arg] = pattern.name and "governance"
        else:
            kwargs[arg] = "1"
    return kwargs


def _admin_model(pattern):
    for model in admin.site._registry:
        stem = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if pattern.name.startswith(stem):
            return model
    return None


def admin_model(pattern):
    return _admin_model(pattern)


def example_url(pattern, objects):
    if not pattern.name:
        # the admin's unnamed patterns: an object's old address, and the catch-all
        if "<path:object_id>" in pattern.route:
            return "/" + pattern.route.replace("<path:object_id>", "1")
        return "/admin/governance/nothing/"
    if pattern.is_admin:
        kwargs = _admin_kwargs(pattern, objects)
        if pattern.name == "admin:app_list":
            return reverse(pattern.name, kwargs={"app_label": "governance"})
        if pattern.name == "admin:view_on_site":
            kwargs = {
                "content_type_id": objects["opinion_type"].pk,
                "object_id": objects["project"].pk,
            }
    else:
        kwargs = _kwargs(pattern, objects)
    return reverse(pattern.name, kwargs=kwargs or None)


def demo_objects():
    return _objects()


def status_class(response):
    """``2xx``, ``login`` (sent to sign in), ``3xx`` (another redirect), or the 4xx/5xx code."""
    code = response.status_code
    if 200 <= code < 300:
        return "2xx"
    if 300 <= code < 400:
        location = response.get("Location", "")
        return "login" if "/login/" in location else "3xx"
    return str(code)


def request(client, method, url):
    """One request that changes nothing: a write is rolled back, and the client keeps its
    session (signing out, or a password reset, would otherwise end it)."""
    cookies = {key: morsel.value for key, morsel in client.cookies.items()}
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    client.cookies.clear()
    for key, value in cookies.items():
        client.cookies[key] = value
    return response
