"""Staffing rounds, run by OICT's budget reviewers: call every unit for its staff figures as
of a date, due by another; close the round once it is done."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.forms import add_service_error
from governance.rights import RightsError

from . import permissions, selectors, services
from .models import StaffingRound

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundForm(forms.Form):
    as_of = forms.DateField(label=gettext_lazy("Staff as of"), widget=DATE_INPUT)
    due_on = forms.DateField(label=gettext_lazy("Due date"), widget=DATE_INPUT)


def _manager(request):
    if not permissions.can_manage_rounds(request.user):
        raise PermissionDenied(_("Only an OICT budget reviewer runs the staffing rounds."))


@login_required
def round_list(request):
    _manager(request)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            staffing_round = services.round_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        except services.StaffingError as error:
            form.add_error(None, str(error))
        except RightsError as error:
            raise PermissionDenied(str(error)) from error
        else:
            messages.success(
                request,
                _("%(round)s is open; the local ICT chiefs were told.") % {"round": staffing_round},
            )
            return redirect("staffing:rounds")
    return render(
        request,
        "staffing/rounds.html",
        {"rounds": selectors.rounds(), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def round_close(request, pk):
    _manager(request)
    staffing_round = get_object_or_404(StaffingRound, pk=pk)
    try:
        services.round_close(staffing_round=staffing_round, actor=request.user)
    except services.StaffingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(round)s is closed.") % {"round": staffing_round})
    return redirect("staffing:rounds")
