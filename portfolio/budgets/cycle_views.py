"""Budget cycles, run by OICT's budget reviewers: open one, move its due date, close it."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock
from core.forms import add_service_error
from governance.rights import RightsError

from . import permissions, selectors, services
from .models import BudgetCycle

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CycleOpenForm(forms.ModelForm):
    class Meta:
        model = BudgetCycle
        fields = ("code", "name", "first_year", "last_year", "opens_on", "closes_on")
        widgets = {"opens_on": DATE_INPUT, "closes_on": DATE_INPUT}
        help_texts = {
            "code": gettext_lazy("Letters, digits and hyphens, e.g. 2028-2029."),
            "opens_on": gettext_lazy("Today if empty."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opens_on"].required = False
        self.fields["closes_on"].label = gettext_lazy("Due date")

    def _post_clean(self):
        if self.cleaned_data.get("opens_on") is None:
            self.cleaned_data["opens_on"] = clock.today()
            self.instance.opens_on = clock.today()
        super()._post_clean()


class DueDateForm(forms.Form):
    closes_on = forms.DateField(label=gettext_lazy("Due date"), widget=DATE_INPUT)


def _manager(request):
    if not permissions.can_manage_cycles(request.user):
        raise PermissionDenied(_("Only an OICT budget reviewer runs the budget cycles."))


def _call(form, service, **kwargs):
    try:
        return service(**kwargs)
    except ValidationError as error:
        add_service_error(form, error)
    except services.BudgetError as error:
        form.add_error(None, str(error))
    except RightsError as error:
        raise PermissionDenied(str(error)) from error
    return None


@login_required
def cycle_list(request):
    _manager(request)
    form = CycleOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cycle = _call(form, services.cycle_open, actor=request.user, **form.cleaned_data)
        if cycle is not None:
            messages.success(
                request,
                _("The cycle %(cycle)s is open; the local ICT chiefs were told.")
                % {"cycle": cycle},
            )
            return redirect("budgets:cycle", cycle.code)
    if not form.is_bound:
        year = clock.today().year + 1
        form.initial = {
            "code": f"{year}-{year + 1}",
            "name": f"{year}-{year + 1}",
            "first_year": year,
            "last_year": year + 1,
            "closes_on": clock.today() + datetime.timedelta(days=60),
        }
    return render(
        request,
        "budgets/cycles.html",
        {"cycles": selectors.cycles(), "form": form, "today": clock.today()},
        status=400 if form.errors else 200,
    )


@login_required
def cycle_detail(request, code):
    _manager(request)
    cycle = selectors.get_cycle(code)
    form = DueDateForm(
        request.POST if "due_date" in request.POST else None,
        initial={"closes_on": cycle.closes_on},
    )
    close_form = forms.Form(request.POST if "close" in request.POST else None)
    if request.method == "POST" and "due_date" in request.POST and form.is_valid():
        if _call(
            form,
            services.cycle_set_due_date,
            cycle=cycle,
            actor=request.user,
            closes_on=form.cleaned_data["closes_on"],
        ):
            messages.success(request, _("The due date is changed."))
            return redirect("budgets:cycle", cycle.code)
    if request.method == "POST" and "close" in request.POST:
        if _call(close_form, services.cycle_close, cycle=cycle, actor=request.user):
            messages.success(request, _("The cycle %(cycle)s is closed.") % {"cycle": cycle})
            return redirect("budgets:cycle", cycle.code)
    submissions = selectors.with_total(
        selectors.visible_submissions(request.user).filter(cycle=cycle)
    ).order_by("unit__name")
    return render(
        request,
        "budgets/cycle.html",
        {
            "cycle": cycle,
            "form": form,
            "close_form": close_form,
            "submissions": submissions,
        },
        status=400 if form.errors or close_form.errors else 200,
    )
