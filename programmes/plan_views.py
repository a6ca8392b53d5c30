"""The implementation tracker: Table 4's activities and paras 49, 70-71's, with their status,
evidence and overdue flags; OICT updates them here."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import clock
from core.tables import table_page

from . import selectors, services
from .choices import PlanStatus
from .forms import PlanEvidenceForm, PlanFilterForm, PlanItemUpdateForm
from .tables import PlanTable
from .views import put_errors


@login_required
def plan(request):
    form = PlanFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    today = clock.today()
    items = selectors.plan_items(
        phase=filters.get("phase") or None,
        status=filters.get("status") or None,
        overdue=filters.get("overdue") or False,
        today=today,
    )
    return table_page(
        request,
        "programmes/plan.html",
        PlanTable(items, today=today),
        {
            "form": form,
            "summary": selectors.plan_summary(today),
            "statuses": PlanStatus.choices,
            "today": today,
            "can_manage": services.can_manage(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_item(request, code):
    item = selectors.get_plan_item(code)
    can_manage = services.can_manage(request.user)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied(
            _("Only OICT's strategic management staff update the implementation plan.")
        )
    update_form = PlanItemUpdateForm(
        prefix="update",
        initial={
            "status": item.status,
            "note": item.status_note,
            "completed_on": item.completed_on,
        },
    )
    evidence_form = PlanEvidenceForm(prefix="evidence")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "evidence":
            evidence_form = PlanEvidenceForm(request.POST, prefix="evidence")
            if evidence_form.is_valid():
                try:
                    services.plan_evidence_add(
                        item=item, actor=request.user, **evidence_form.cleaned_data
                    )
                except ValidationError as error:
                    put_errors(evidence_form, error)
                else:
                    messages.success(request, _("The evidence was added."))
                    return redirect(item.get_absolute_url())
        else:
            update_form = PlanItemUpdateForm(request.POST, prefix="update")
            if update_form.is_valid():
                try:
                    services.plan_item_update(
                        item=item, actor=request.user, **update_form.cleaned_data
                    )
                except ValidationError as error:
                    put_errors(update_form, error)
                else:
                    messages.success(request, _("The activity was updated."))
                    return redirect(item.get_absolute_url())
        status = 400
    return render(
        request,
        "programmes/plan_item.html",
        {
            "item": item,
            "evidence": list(item.evidence.select_related("added_by")),
            "overdue": item.is_overdue(clock.today()),
            "can_manage": can_manage,
            "update_form": update_form,
            "evidence_form": evidence_form,
        },
        status=status,
    )
